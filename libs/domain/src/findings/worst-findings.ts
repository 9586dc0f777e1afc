import type { Severity } from '../model/enums.js';
import { severityRank } from '../model/severity.util.js';

/** A date, or its ISO text as read back from JSON. */
type DateLike = Date | string;

interface Rankable {
  severity: Severity;
  /** null: not known to have been open before the report's date (e.g. tracked only later). */
  firstDetectedAt: DateLike | null;
}

/** An unknown start ranks after every known one of its severity: it cannot be claimed to be older. */
const timeOf = (d: DateLike | null): number => (d === null ? Number.POSITIVE_INFINITY : typeof d === 'string' ? Date.parse(d) : d.getTime());

const byTime = (a: number, b: number): number => (a === b ? 0 : a < b ? -1 : 1);

/** Worse first: the more severe, then the longer open. */
const compare = (a: Rankable, b: Rankable): number => severityRank(a.severity) - severityRank(b.severity) || byTime(timeOf(a.firstDetectedAt), timeOf(b.firstDetectedAt));

/**
 * The one order of "top risks" on every surface (overview, report, digests). The `limit` worst findings, worst first (most severe, then open longest), in one pass: at scale an
 * organisation has tens of thousands of open findings and the report shows ten. Stable for ties.
 */
export function worstFindings<T extends Rankable>(findings: readonly T[], limit: number): T[] {
  if (limit <= 0) return [];
  const kept: T[] = [];
  for (const finding of findings) {
    if (kept.length === limit && compare(finding, kept[limit - 1]!) >= 0) continue;
    let at = kept.length;
    while (at > 0 && compare(finding, kept[at - 1]!) < 0) at -= 1;
    kept.splice(at, 0, finding);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}
