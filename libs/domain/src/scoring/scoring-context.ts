import type { FindingKind } from '../model/enums.js';
import type { PostureInput } from '../model/posture-input.model.js';
import type { FindingSettings } from '../findings/finding-settings.js';
import type { PostureIndex } from '../findings/posture-index.js';
import type { MetricMeasurement, ScorableFinding } from './score.model.js';
import type { ScoreSettings } from './score-settings.js';

export interface ScoringContext {
  input: PostureInput;
  index: PostureIndex;
  asOf: Date;
  /** Unresolved findings (RISK_ACCEPTED included: accepting a risk does not remove it). */
  findings: readonly ScorableFinding[];
  settings: ScoreSettings;
  findingSettings: FindingSettings;
}

/** Unresolved findings of one kind keyed by subject id (+ qualifier when given). */
export const findingsBySubject = (context: ScoringContext, kind: FindingKind, qualifier?: string): Map<string, ScorableFinding> => {
  const map = new Map<string, ScorableFinding>();
  for (const finding of context.findings) {
    if (finding.kind !== kind || (qualifier !== undefined && finding.qualifier !== qualifier)) continue;
    map.set(finding.subject.id, finding);
  }
  return map;
};

/**
 * An item of a proportional metric: its weight, whether it earns credit, and the finding that took the
 * credit away (if one did; an item may also lose credit to a plain fact, e.g. an undecided review item).
 */
export interface CreditItem {
  weight: number;
  credited: boolean;
  lostTo?: ScorableFinding | undefined;
}

/** Credit unless a finding took it. */
export const creditUnless = (weight: number, lostTo: ScorableFinding | undefined): CreditItem => ({ weight, credited: lostTo === undefined, lostTo });

/** value = Σ weight of credited items / Σ weight of all items; each finding costs its items' share. */
export const proportionalMetric = (
  name: string,
  label: string,
  weight: number,
  items: Iterable<CreditItem>,
  emptyReason: string,
): MetricMeasurement => {
  let denominator = 0;
  let numerator = 0;
  const lost: { fingerprint: string; weight: number }[] = [];
  for (const item of items) {
    denominator += item.weight;
    if (item.credited) numerator += item.weight;
    else if (item.lostTo) lost.push({ fingerprint: item.lostTo.fingerprint, weight: item.weight });
  }
  if (denominator <= 0) return { name, label, weight, measurement: { reason: emptyReason }, losses: [] };
  return {
    name,
    label,
    weight,
    measurement: { numerator, denominator, value: numerator / denominator },
    losses: lost.map((loss) => ({ fingerprint: loss.fingerprint, share: loss.weight / denominator })),
  };
};
