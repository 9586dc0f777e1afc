import type { Caller, OrgAccess } from '../authorization/caller.js';

/** What the guard learned about one HTTP request (shared by every root field of a GraphQL operation). */
interface RequestAuth {
  caller: Promise<Caller | null> | undefined;
  /** The caller once `caller` has settled, for synchronous readers (parameter decorators). */
  resolvedCaller: Caller | null;
  /** Access per organization slug: one operation may name several organizations. */
  access: Map<string, OrgAccess>;
  /** The look-ups of `access` under way or done: root fields checked at once share one per organization. */
  accessLookups: Map<string, Promise<OrgAccess | null>>;
}

const state = new WeakMap<object, RequestAuth>();

export function requestAuth(req: object): RequestAuth {
  let auth = state.get(req);
  if (!auth) {
    auth = { caller: undefined, resolvedCaller: null, access: new Map(), accessLookups: new Map() };
    state.set(req, auth);
  }
  return auth;
}
