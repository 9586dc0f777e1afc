import type { FindingStatus } from '@postureboard/domain';
import type { StoredFinding, StoredStatusChange } from '@postureboard/server-database';

/** What the stored record says of a finding on a past date: only what it knew by then. */
export interface FindingAsOf {
  /** The stored finding that tracks the condition (now), if any. */
  id: string | null;
  /** Its status on the date; null when it was not tracked yet (or no status was recorded by then). */
  status: FindingStatus | null;
  /** null when it was not tracked yet: how long the condition had held is then unknown. */
  firstDetectedAt: Date | null;
  /** null when unknown on the date: not tracked yet, or its SLA clock was restarted since. */
  dueAt: Date | null;
}

const UNTRACKED = { status: null, firstDetectedAt: null, dueAt: null } as const;

/**
 * A finding re-evaluated at a past `asOf` (a candidate, never stored) seen through the stored finding with the
 * same fingerprint and its status history (`history`: that finding's changes, oldest first). The stored row
 * is today's: its status and due date are taken only where the history shows them held on `asOf`.
 */
export function findingAsOf(stored: StoredFinding | undefined, history: readonly StoredStatusChange[], asOf: Date): FindingAsOf {
  if (!stored) return { id: null, ...UNTRACKED };
  if (stored.firstDetectedAt.getTime() > asOf.getTime()) return { id: stored.id, ...UNTRACKED };
  const until = history.filter((h) => h.at.getTime() <= asOf.getTime()).at(-1);
  // Reopening (or an expired risk acceptance) restarts the SLA clock: today's due date is then not that day's.
  const restartedSince = history.some((h) => h.at.getTime() > asOf.getTime() && h.from !== null && h.to === 'OPEN');
  return { id: stored.id, status: until?.to ?? null, firstDetectedAt: stored.firstDetectedAt, dueAt: restartedSince ? null : stored.dueAt };
}
