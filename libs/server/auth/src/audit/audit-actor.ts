import { userInfo } from 'node:os';
import type { Caller } from '../authorization/caller.js';
import type { AuditActorType } from '../repositories/audit-log.repository.js';

/** Who an audit entry says acted. */
export interface AuditActor {
  type: AuditActorType;
  id: string | null;
  label: string;
}

export const SYSTEM_ACTOR: AuditActor = { type: 'SYSTEM', id: null, label: 'postureboard' };

export const anonymousActor = (label: string): AuditActor => ({ type: 'ANONYMOUS', id: null, label });

export function actorFromCaller(caller: Caller): AuditActor {
  return caller.kind === 'api-token'
    ? { type: 'API_TOKEN', id: caller.tokenId, label: caller.email }
    : { type: 'USER', id: caller.userId, label: caller.email };
}

/** The operator at the command line, working on their own database. */
export function cliActor(): AuditActor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): the entry still says it came from the CLI.
  }
  return { type: 'CLI', id: null, label: `cli:${name}` };
}
