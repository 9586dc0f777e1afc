/**
 * A deliberately small GraphQL client: one POST per operation, cookies included, typed by the
 * document. The pages need no normalized cache, and a client library would cost more bytes than
 * it saves here.
 */
export interface TypedDocument<TData, TVariables = Record<string, never>> {
  readonly query: string;
  readonly operationName: string;
  /** Phantom fields: carry the types, never set at run time. */
  readonly __data?: TData;
  readonly __variables?: TVariables;
}

export function gql<TData, TVariables = Record<string, never>>(query: string): TypedDocument<TData, TVariables> {
  const name = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'Anonymous';
  return { query, operationName: name };
}

export type GraphQLErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'GRAPHQL_VALIDATION_FAILED' | 'NETWORK' | string;

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: GraphQLErrorCode,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export const UNAUTHENTICATED_EVENT = 'postureboard:unauthenticated';

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time, however many requests found the access token expired together. */
function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/auth/refresh', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => setTimeout(() => (refreshing = null), 0));
  return refreshing;
}

/**
 * Runs an operation; when the short-lived access token has expired, refreshes the session once and
 * retries before telling the app to show the sign-in page.
 */
export async function request<TData, TVariables>(
  document: TypedDocument<TData, TVariables>,
  variables?: TVariables,
  signal?: AbortSignal,
): Promise<TData> {
  const isUnauthenticated = (error: unknown) => error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED';
  try {
    return await send(document, variables, signal);
  } catch (error) {
    if (!isUnauthenticated(error)) throw error;
  }
  try {
    if (await refreshSession()) return await send(document, variables, signal);
  } catch (error) {
    if (!isUnauthenticated(error)) throw error;
  }
  window.dispatchEvent(new CustomEvent(UNAUTHENTICATED_EVENT));
  throw new GraphQLRequestError('Not signed in', 'UNAUTHENTICATED');
}

async function send<TData, TVariables>(document: TypedDocument<TData, TVariables>, variables: TVariables | undefined, signal: AbortSignal | undefined): Promise<TData> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document.query, operationName: document.operationName, variables: variables ?? {} }),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new GraphQLRequestError((error as Error).message, 'NETWORK');
  }
  let body: GraphQLResponse<TData>;
  try {
    body = (await response.json()) as GraphQLResponse<TData>;
  } catch {
    throw new GraphQLRequestError(`HTTP ${response.status}`, response.status === 401 ? 'UNAUTHENTICATED' : 'NETWORK');
  }
  const errors = body.errors ?? [];
  if (errors.length > 0 || body.data == null) {
    const code = errors.find((e) => e.extensions?.code)?.extensions?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_SERVER_ERROR');
    const messages = errors.map((e) => e.message);
    throw new GraphQLRequestError(messages[0] ?? `HTTP ${response.status}`, code, messages);
  }
  return body.data;
}
