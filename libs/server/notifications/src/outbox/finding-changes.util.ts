import type { Finding, FindingStatus } from '@postureboard/domain';
import type { StoredFinding } from '@postureboard/server-database';

export interface FindingChanges {
  /** CRITICAL findings first stored, or back after being resolved. */
  opened: StoredFinding[];
  /** Findings still open that were below CRITICAL before this evaluation and are CRITICAL now. */
  escalated: StoredFinding[];
  /** Findings of any severity that were not resolved before and are now (their tickets get a comment). */
  resolved?: StoredFinding[];
}

const LIVE: readonly FindingStatus[] = ['OPEN', 'ACKNOWLEDGED'];

/**
 * What one evaluation changed that people must hear about at once, from the findings as stored before
 * (`existing`), as reconciled (`findings`) and what FindingRepository.save answered (the ids of the rows it
 * wrote). Only written findings can have changed; one without an id is skipped (it could not be linked).
 * Accepted risks stay quiet. Resolutions are listed whatever the severity: only a finding with a ticket
 * gets a message about one. Re-running the same evaluation yields nothing: the stored state then already
 * holds the change.
 */
export function findingChanges(
  existing: readonly StoredFinding[],
  findings: readonly Finding[],
  written: { ids: ReadonlyMap<string, string> },
): FindingChanges {
  const before = new Map(existing.map((f) => [f.fingerprint, f]));
  const changes: Required<FindingChanges> = { opened: [], escalated: [], resolved: [] };
  for (const finding of findings) {
    const id = written.ids.get(finding.fingerprint);
    if (id === undefined) continue;
    const previous = before.get(finding.fingerprint);
    const stored: StoredFinding = { ...finding, id };
    if (finding.status === 'RESOLVED') {
      if (previous && previous.status !== 'RESOLVED') changes.resolved.push(stored);
      continue;
    }
    if (finding.severity !== 'CRITICAL' || !LIVE.includes(finding.status)) continue;
    if (!previous || previous.status === 'RESOLVED') {
      if (finding.status === 'OPEN') changes.opened.push(stored);
    } else if (previous.severity !== 'CRITICAL' && LIVE.includes(previous.status)) {
      changes.escalated.push(stored);
    }
  }
  return changes;
}
