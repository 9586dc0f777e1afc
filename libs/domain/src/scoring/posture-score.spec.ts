import {
  aCampaign,
  aCredential,
  aDataSource,
  aDecision,
  anAccount,
  anEntitlement,
  anIdentity,
  aPostureInput,
  aRollup,
  aTeam,
} from '../testing/posture-input.builder.js';
import type { PostureInput } from '../model/posture-input.model.js';
import { assessPosture } from './assess-posture.js';
import { breachScenario } from '../testing/breach-scenario.fixture.js';
import { evaluateFindingsFrom } from '../findings/evaluate-findings.js';
import { computePostureScore } from './posture-score.js';
import type { DomainScore } from './score.model.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const domainOf = (input: PostureInput, domain: DomainScore['domain']) => assessPosture(input, asOf).score.domains.find((entry) => entry.domain === domain) as DomainScore;
const metric = (score: DomainScore, name: string) => score.metrics.find((entry) => entry.name === name);

const keyInput = aPostureInput({
  teams: [aTeam({ id: 'auth' })],
  credentials: [
    // weight 10 × 3 = 30; 3653 days old, 3288 overdue → CRITICAL; a JWKS key: its use is not observed
    aCredential({ id: 'signing', kind: 'SIGNING_KEY', teamId: 'auth', createdAt: day('2015-07-01'), useObserved: false }),
    // weight 3 × 0.5 = 1.5; 30 days old, used yesterday
    aCredential({ id: 'test-key', environment: 'TEST', teamId: 'auth', createdAt: day('2025-06-01'), lastUsedAt: day('2025-06-30') }),
    // weight 3 × 3 = 9; 61 days old, used; no owner → KEY_NO_OWNER
    aCredential({ id: 'orphan', createdAt: day('2025-05-01'), lastUsedAt: day('2025-06-30') }),
    // weight 3 × 0.5 = 1.5; 122 days old (dev policy 180), never used → KEY_UNUSED
    aCredential({ id: 'dev-token', kind: 'API_TOKEN', environment: 'DEVELOPMENT', teamId: 'auth', createdAt: day('2025-03-01') }),
  ],
});

describe('KEY_MANAGEMENT score', () => {
  const score = domainOf(keyInput, 'KEY_MANAGEMENT');

  it('weights credentials by criticality so one overdue signing key outweighs the rest', () => {
    // Σw = 30 + 1.5 + 9 + 1.5 = 42; within policy: 12 → 60 × 12/42 = 17.14
    expect(metric(score, 'rotation')).toMatchObject({ value: 12 / 42, numerator: 12, denominator: 42, maxPoints: 60, points: 17.14 });
    // owned: 42 - 9 = 33 → 20 × 33/42 = 15.71
    expect(metric(score, 'ownership')).toMatchObject({ numerator: 33, denominator: 42, points: 15.71 });
    // usage over observed kinds only (signing key excluded): Σ = 1.5 + 9 + 1.5 = 12, in use 10.5 → 20 × 10.5/12 = 17.5
    expect(metric(score, 'usage')).toMatchObject({ numerator: 10.5, denominator: 12, points: 17.5 });
  });

  it('subtracts 10 points per CRITICAL finding and bands the result', () => {
    // 17.142857 + 15.714286 + 17.5 = 50.357143; - 10 (one CRITICAL) = 40.357 → 40.4, WEAK (40 ≤ s < 60)
    expect(score).toMatchObject({ measured: true, basePoints: 50.36, penaltyPoints: -10, score: 40.4, band: 'WEAK' });
    expect(score.findingCounts).toEqual({ CRITICAL: 1, HIGH: 0, MEDIUM: 1, LOW: 1 });
  });

  it('explains every lost point by the finding that cost it', () => {
    expect(score.contributions.map((entry) => [entry.subject.id, entry.kind, entry.metricPoints, entry.penaltyPoints, entry.points])).toEqual([
      // 60 × 30/42 = 42.857 lost + 10 penalty
      ['signing', 'KEY_ROTATION_OVERDUE', -42.86, -10, -52.86],
      // 20 × 9/42 = 4.286
      ['orphan', 'KEY_NO_OWNER', -4.29, 0, -4.29],
      // 20 × 1.5/12 = 2.5
      ['dev-token', 'KEY_UNUSED', -2.5, 0, -2.5],
    ]);
  });
});

describe('ACCESS_GOVERNANCE score', () => {
  const fastKeeps = (campaignId: string, reviewer: string, count: number, secondsApart: number) =>
    Array.from({ length: count }, (_, i) =>
      aDecision({ id: `${campaignId}-${i}`, campaignId, reviewerIdentityId: reviewer, subjectEmail: `user${i}@example.com`, decidedAt: new Date(day('2025-05-20').getTime() + i * secondsApart * 1000) }),
    );
  const gone = { status: 'TERMINATED' as const, terminationDate: day('2025-03-01') };
  const input = aPostureInput({
    identities: [
      anIdentity({ id: 'left-1', ...gone }),
      anIdentity({ id: 'left-2', ...gone }),
      anIdentity({ id: 'left-3', ...gone }),
      anIdentity({ id: 'left-4', ...gone }),
      anIdentity({ id: 'left-long-ago', status: 'TERMINATED', terminationDate: day('2020-01-01') }),
      anIdentity({ id: 'r' }),
      anIdentity({ id: 's' }),
    ],
    credentials: [aCredential({ id: 'left-4-key', ownerIdentityId: 'left-4', createdAt: day('2025-06-01') })],
    accessReviewCampaigns: [
      aCampaign({ id: 'due', startsAt: day('2025-05-01'), dueAt: day('2025-06-01'), totalItems: 10 }),
      aCampaign({ id: 'running', startsAt: day('2025-05-15'), dueAt: day('2025-07-15'), totalItems: 20 }),
    ],
    accessReviewDecisions: [...fastKeeps('due', 'r', 6, 2), ...fastKeeps('running', 's', 12, 3)],
  });
  const score = domainOf(input, 'ACCESS_GOVERNANCE');

  it('credits deprovisioned leavers, decided review items and reviews not rubber-stamped', () => {
    // leavers in the last 365 days: 4 (the 2020 one is out of the window), 3 clean → 50 × 3/4 = 37.5
    expect(metric(score, 'leavers')).toMatchObject({ numerator: 3, denominator: 4, points: 37.5 });
    // only the due campaign counts: 6 of 10 decided → 30 × 0.6 = 18
    expect(metric(score, 'review-completion')).toMatchObject({ numerator: 6, denominator: 10, points: 18 });
    // 6 + 12 = 18 decisions; reviewer s kept 12 of 12 three seconds apart → 20 × 6/18 = 6.67 (r made only 6: too few to judge)
    expect(metric(score, 'review-quality')).toMatchObject({ numerator: 6, denominator: 18, points: 6.67 });
    // 37.5 + 18 + 6.667 = 62.17 → 62.2, ADEQUATE
    expect(score).toMatchObject({ score: 62.2, band: 'ADEQUATE', penaltyPoints: 0 });
  });

  it('keeps the credit of a leaver left with only an account nobody can use (a LOW hygiene finding, no points)', () => {
    const residual = aPostureInput({
      ...input,
      accounts: [anAccount({ id: 'left-1-iam', identityId: 'left-1', status: 'SUSPENDED', deactivatedAt: day('2025-02-01') })],
    });
    const assessed = assessPosture(residual, asOf);
    const governance = assessed.score.domains.find((entry) => entry.domain === 'ACCESS_GOVERNANCE') as DomainScore;
    expect(assessed.findings.filter((finding) => finding.kind === 'LEAVER_RESIDUAL_ACCOUNT').map((finding) => finding.subject.id)).toEqual(['left-1']);
    // the same 3 of 4 as above: only left-4 (an active key) loses its credit
    expect(metric(governance, 'leavers')).toMatchObject({ numerator: 3, denominator: 4, points: 37.5 });
    expect(governance.contributions.filter((entry) => entry.kind === 'LEAVER_RESIDUAL_ACCOUNT').map((entry) => entry.points)).toEqual([0]);
  });

  it('attributes the lost points to the leaver, the overdue campaign and the rubber stamp', () => {
    expect(score.contributions.map((entry) => [entry.kind, entry.points])).toEqual([
      ['ACCESS_REVIEW_RUBBER_STAMP', -13.33], // 20 × 12/18
      ['LEAVER_ACTIVE_ACCESS', -12.5], // 50 × 1/4
      ['ACCESS_REVIEW_OVERDUE', -12], // 30 × 4/10
    ]);
  });
});

describe('CROSS_BORDER_ACCESS score', () => {
  it('credits principals seen only from approved countries and production holders working from them', () => {
    const input = aPostureInput({
      organisation: { ...aPostureInput().organisation, approvedCountries: ['KR'] },
      identities: [anIdentity({ id: 'seoul', workCountry: 'KR' }), anIdentity({ id: 'hanoi', workCountry: 'VN' })],
      accounts: [anAccount({ id: 'seoul-aws', identityId: 'seoul' }), anAccount({ id: 'hanoi-aws', identityId: 'hanoi' })],
      entitlements: [anEntitlement({ id: 'e1', accountId: 'seoul-aws', production: true }), anEntitlement({ id: 'e2', accountId: 'hanoi-aws', production: true })],
      activity: {
        rollups: [
          aRollup({ day: '2025-06-20', principal: 'a', country: 'KR' }),
          aRollup({ day: '2025-06-20', principal: 'b', country: 'KR' }),
          aRollup({ day: '2025-06-20', principal: 'c', country: 'KR' }),
          aRollup({ day: '2025-06-20', principal: 'd', country: 'VN' }),
          aRollup({ day: '2025-06-20', principal: 'e', country: 'internal' }),
        ],
        samples: [],
      },
    });
    const score = domainOf(input, 'CROSS_BORDER_ACCESS');
    // located principals a, b, c, d (e is internal, not located); d seen from VN → 50 × 3/4 = 37.5
    expect(metric(score, 'offshore-activity')).toMatchObject({ numerator: 3, denominator: 4, points: 37.5 });
    // production holders seoul and hanoi; hanoi works from VN without approval → 50 × 1/2 = 25
    expect(metric(score, 'offshore-approval')).toMatchObject({ numerator: 1, denominator: 2, points: 25 });
    expect(score).toMatchObject({ score: 62.5, band: 'ADEQUATE' });
  });

  it('is not measured when the organisation has approved no country', () => {
    const input = aPostureInput({ organisation: { ...aPostureInput().organisation, approvedCountries: [] } });
    expect(domainOf(input, 'CROSS_BORDER_ACCESS')).toMatchObject({ measured: false, score: null, band: null, reason: 'no approved countries configured' });
  });
});

describe('DETECTION score', () => {
  const sources = [
    aDataSource({ id: 'ct', category: 'ACCESS_EVENTS', lastSuccessfulRunAt: day('2025-06-30') }),
    aDataSource({ id: 'hr', type: 'hr-roster', category: 'IDENTITY', lastSuccessfulRunAt: day('2025-06-28') }),
    aDataSource({ id: 'iam', type: 'aws-iam-credential-report', category: 'CREDENTIALS', lastSuccessfulRunAt: day('2025-06-30') }),
  ];

  it('credits covered categories, fresh sources and, with no anomalies, full follow-up', () => {
    const score = domainOf(aPostureInput({ dataSources: sources }), 'DETECTION');
    // categories 3 of 4 (no access-review source) → 30 × 3/4 = 22.5
    expect(metric(score, 'source-coverage')).toMatchObject({ numerator: 3, denominator: 4, points: 22.5 });
    // hr is 72 h old against 24 h → stale; 2 of 3 fresh → 30 × 2/3 = 20
    expect(metric(score, 'source-freshness')).toMatchObject({ numerator: 2, denominator: 3, points: 20 });
    // no anomaly awaiting follow-up → 40
    expect(metric(score, 'anomaly-follow-up')).toMatchObject({ value: 1, points: 40 });
    // 22.5 + 20 + 40 = 82.5 → STRONG
    expect(score).toMatchObject({ score: 82.5, band: 'STRONG' });
  });
});

describe('overall score', () => {
  it('averages measured domains only, by their weights', () => {
    const input = { ...keyInput, dataSources: [aDataSource({ id: 'ct', lastSuccessfulRunAt: day('2025-06-30') })] };
    const { score } = assessPosture(input, asOf);
    // KEY_MANAGEMENT 40.4 (weight 30); DETECTION: coverage 30 × 1/4 = 7.5, freshness 30, follow-up 40, use coverage
    // 10 × 12/42 = 2.857 (the signing key, weight 30 of 42, is not observed) → 80.357 × 100/110 = 73.05 (weight 20)
    // ACCESS_GOVERNANCE and CROSS_BORDER_ACCESS have no data: not measured, no weight
    // (40.4 × 30 + 73.05 × 20) / 50 = (1212 + 1461) / 50 = 53.46 → 53.5, WEAK
    expect(score.overall).toMatchObject({ measured: true, score: 53.5, band: 'WEAK' });
    const detection = score.domains.find((domain) => domain.domain === 'DETECTION');
    expect(detection?.metrics.find((m) => m.name === 'use-coverage')).toMatchObject({ numerator: 12, denominator: 42, maxPoints: 9.09, points: 2.6 }); // 10 × 100/110; 9.09 × 12/42
    expect(score.overall.weights).toEqual([
      { domain: 'KEY_MANAGEMENT', weight: 30, effectiveWeight: 0.6 },
      { domain: 'DETECTION', weight: 20, effectiveWeight: 0.4 },
    ]);
    expect(score.domains.filter((domain) => !domain.measured).map((domain) => [domain.domain, domain.score, domain.reason])).toEqual([
      ['ACCESS_GOVERNANCE', null, 'no departures in the last 365 days; no access-review campaign due in the last 365 days; no access-review decisions in the last 365 days'],
      ['CROSS_BORDER_ACCESS', null, 'no located activity in the last 30 days; no identity holds a production entitlement'],
    ]);
  });

  it('is not measured, never 0 or 100, when there is no data at all', () => {
    const { score } = assessPosture(aPostureInput(), asOf);
    expect(score.overall).toMatchObject({ measured: false, score: null, band: null });
    expect(score.domains.every((domain) => !domain.measured && domain.score === null)).toBe(true);
  });
});

describe('budget beside the score', () => {
  it('reports ratios against benchmarks without touching the score', () => {
    const withBudget = { ...keyInput, budgets: [{ fiscalYear: 2025, itSpend: 1000, securitySpend: 46, revenue: 23_000, currency: 'KRW' }] };
    const assessment = assessPosture(withBudget, asOf);
    // 46 / 1000 = 4.6% of IT (benchmark 10%: BELOW, 46% of it); 46 / 23000 = 0.2% of revenue (benchmark 1%: BELOW)
    expect(assessment.budget).toMatchObject({ fiscalYear: 2025, securityToIt: { ratio: 0.046, status: 'BELOW' }, securityToRevenue: { ratio: 0.002, status: 'BELOW' } });
    expect(assessment.budget?.securityToIt.shareOfBenchmark).toBeCloseTo(0.46, 10);
    expect(assessment.score).toEqual(assessPosture(keyInput, asOf).score);
  });
});

describe('computePostureScore with the evaluation’s index', () => {
  it('scores the same as with an index of its own, and ignores an index built on another input', () => {
    const scenario = breachScenario();
    const at = new Date('2025-07-01T00:00:00Z');
    const { candidates, index } = evaluateFindingsFrom(scenario, at, null);
    const shared = computePostureScore(scenario, candidates, at, { index });
    expect(shared).toEqual(computePostureScore(scenario, candidates, at));
    expect(computePostureScore(scenario, candidates, at, { index: evaluateFindingsFrom(aPostureInput({}), at, null).index })).toEqual(shared);
  });
});
