import fc from 'fast-check';
import { aFindingCandidate } from '../lifecycle/lifecycle.fixture.js';
import { SCORE_DOMAINS, SEVERITIES } from '../model/enums.js';
import { buildDomainScore } from './domain-score.builder.js';
import { overallScoreOf } from './posture-score.js';
import { explainDomainScore, explainOverallScore, roundScore } from './score-explanation.js';
import type { DomainMeasurement, ScorableFinding } from './score.model.js';
import { DEFAULT_SCORE_SETTINGS } from './score-settings.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const sum = (points: readonly { points: number }[]): number => points.reduce((total, term) => total + term.points, 0);

const findingArb = fc.record({
  severity: fc.constantFrom(...SEVERITIES),
  domain: fc.constantFrom(...SCORE_DOMAINS),
  ageDays: fc.nat(400),
});
const metricArb = fc.record({
  weight: fc.integer({ min: 1, max: 100 }),
  measured: fc.boolean(),
  denominator: fc.integer({ min: 1, max: 1000 }),
  share: fc.double({ min: 0, max: 1, noNaN: true }),
  losers: fc.array(fc.nat(29), { maxLength: 5 }),
});

const scenarioArb = fc.record({
  findings: fc.array(findingArb, { maxLength: 30 }),
  metrics: fc.array(metricArb, { minLength: 1, maxLength: 5 }),
  criticalPenalty: fc.integer({ min: 0, max: 50 }),
  criticalPenaltyCap: fc.integer({ min: 0, max: 200 }),
});

describe('score explanation', () => {
  it('adds up to the domain score shown, within 0.05, for arbitrary metrics, findings, penalties and caps', () => {
    fc.assert(
      fc.property(scenarioArb, ({ findings, metrics, criticalPenalty, criticalPenaltyCap }) => {
        const settings = { ...DEFAULT_SCORE_SETTINGS, criticalPenalty, criticalPenaltyCap };
        const all: ScorableFinding[] = findings.map((f, i) =>
          aFindingCandidate(`k${i}`, new Date(asOf.getTime() - f.ageDays * 86_400_000), { severity: f.severity, domain: f.domain, fingerprint: `F${i}` }),
        );
        const byFingerprint = new Map(all.map((f) => [f.fingerprint, f]));
        const measurement: DomainMeasurement = {
          domain: 'KEY_MANAGEMENT',
          unmeasuredReason: null,
          metrics: metrics.map((m, i) => {
            const numerator = Math.round(m.share * m.denominator);
            const losers = m.losers.filter((l) => l < all.length);
            return {
              name: `m${i}`,
              label: `metric ${i}`,
              weight: m.weight,
              measurement: m.measured ? { numerator, denominator: m.denominator, value: numerator / m.denominator } : { reason: 'no data' },
              losses: m.measured ? losers.map((l) => ({ fingerprint: `F${l}`, share: (1 - numerator / m.denominator) / Math.max(1, losers.length) })) : [],
            };
          }),
        };
        const own = all.filter((f) => f.domain === 'KEY_MANAGEMENT');
        const domain = buildDomainScore(measurement, own, byFingerprint, settings);
        const explanation = explainDomainScore(domain, settings);
        if (!domain.measured) return explanation === null;
        expect(explanation).not.toBeNull();
        expect(Math.abs(sum(explanation!.terms) - domain.score!)).toBeLessThanOrEqual(0.05);
        // Rounding only ever takes up rounding, never a hidden term.
        const rounding = explanation!.terms.filter((t) => t.kind === 'ROUNDING');
        expect(rounding.length).toBeLessThanOrEqual(1);
        for (const t of rounding) expect(Math.abs(t.points)).toBeLessThanOrEqual(0.1);
        // Each critical finding of the domain is either a FINDING term or counted under the CAP.
        const penalties = explanation!.terms.filter((t) => t.kind === 'FINDING');
        expect(-sum(penalties)).toBeLessThanOrEqual(criticalPenaltyCap + 1e-9);
        // The card's counts are the findings the explanation lists.
        const counted = Object.values(domain.findingCounts).reduce((n, c) => n + c, 0);
        expect(counted).toBe(domain.contributions.length);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('adds up to the overall score from the weighted domain scores', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), { minLength: 4, maxLength: 4 }), (scores) => {
        const domains = SCORE_DOMAINS.map((domain, i) => {
          const score = scores[i] === null ? null : roundScore(scores[i]!);
          return {
            domain,
            measured: score !== null,
            reason: score === null ? 'no data' : null,
            score,
            band: null,
            basePoints: score,
            penaltyPoints: 0,
            metrics: [],
            contributions: [],
            findingCounts: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0 },
          };
        });
        const overall = overallScoreOf(domains);
        const explanation = explainOverallScore(overall, domains);
        if (!overall.measured) return explanation === null;
        expect(Math.abs(sum(explanation!.terms) - overall.score!)).toBeLessThanOrEqual(0.05);
        expect(explanation!.terms.filter((t) => t.kind === 'METRIC').map((t) => t.domain)).toEqual(domains.filter((d) => d.measured).map((d) => d.domain));
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('explains a floor: penalties larger than the earned points stop at 0', () => {
    const settings = { ...DEFAULT_SCORE_SETTINGS, criticalPenalty: 30, criticalPenaltyCap: 90 };
    const criticals = [0, 1, 2].map((i) => aFindingCandidate(`c${i}`, new Date(asOf.getTime() - i * 86_400_000), { severity: 'CRITICAL', fingerprint: `C${i}` }));
    const measurement: DomainMeasurement = {
      domain: 'KEY_MANAGEMENT',
      unmeasuredReason: null,
      // 20 of 100 points earned (20%): base 100, metric −80, penalties −90, floor +70 → 0.
      metrics: [{ name: 'rotation', label: 'Rotation', weight: 60, measurement: { numerator: 1, denominator: 5, value: 0.2 }, losses: [] }],
    };
    const domain = buildDomainScore(measurement, criticals, new Map(criticals.map((c) => [c.fingerprint, c])), settings);
    const explanation = explainDomainScore(domain, settings)!;
    expect(domain.score).toBe(0);
    expect(explanation.terms.map((t) => [t.kind, t.points])).toEqual([
      ['BASE', 100],
      ['METRIC', -80],
      ['FINDING', -30],
      ['FINDING', -30],
      ['FINDING', -30],
      ['FLOOR', 70],
    ]);
  });
});
