import type { Finding, FindingStatus } from '@postureboard/domain';
import type { StoredFinding } from '@postureboard/server-database';

export interface FindingChanges {
  /** CRITICAL findings first stored, or back after being resolved. */
  opened: StoredFinding[];
  /** Findings still open that were below CRITICAL before this evaluation and are CRITICAL now. */
  escalated: StoredFinding[];
}

const LIVE: readonly FindingStatus[] = ['OPEN', 'ACKNOWLEDGED'];

/**
 * What one evaluation changed that people must hear about at once, from the findings as stored before
 * (`existing`), as reconciled (`findings`) and what FindingRepository.save answered (the ids of the rows it
 * wrote). Only written findings can have changed; one without an id is skipped (it could not be linked).
 * Accepted risks stay quiet. Re-running the same evaluation yields nothing: the stored state then already
 * holds the change.
 */
export function findingChanges(
  existing: readonly StoredFinding[],
  findings: readonly Finding[],
  written: { ids: ReadonlyMap<string, string> },
): FindingChanges {
  const before = new Map(existing.map((f) => [f.fingerprint, f]));
  const changes: FindingChanges = { opened: [], escalated: [] };
  for (const finding of findings) {
    if (finding.severity !== 'CRITICAL' || !LIVE.includes(finding.status)) continue;
    const id = written.ids.get(finding.fingerprint);
    if (id === undefined) continue;
    const previous = before.get(finding.fingerprint);
    const stored: StoredFinding = { ...finding, id };
    if (!previous || previous.status === 'RESOLVED') {
      if (finding.status === 'OPEN') changes.opened.push(stored);
    } else if (previous.severity !== 'CRITICAL' && LIVE.includes(previous.status)) {
      changes.escalated.push(stored);
    }
  }
  return changes;
}
