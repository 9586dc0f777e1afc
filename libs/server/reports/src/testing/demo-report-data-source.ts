import { bytesMovedSince, renderFindingTitle, type FindingFacts, type ScoreDomain } from '@postureboard/domain';
import type {
  CrossBorderAccessShape,
  DataSourceShape,
  FindingShape,
  LeaverShape,
  PostureReading,
  PostureShape,
  ReportDataSource,
  ScoreSnapshotShape,
  TeamRotationSlaShape,
} from '../data/report-data-source.js';

/** The totals the cross-border service gives: every extraction, each from the day it started. */
export const bulkExtractionTotalsOf = (extractions: CrossBorderAccessShape['bulkExtractions']): CrossBorderAccessShape['bulkExtractionTotals'] => ({
  count: extractions.length,
  totalBytes: extractions.reduce((sum, b) => sum + bytesMovedSince(b.startedOn, b.series), 0),
});

/**
 * A demo-size organisation in the contract's shapes, modelled on PRODUCT.md: a decade-old signing key,
 * a departed developer whose token kept pulling data from abroad, offshore teams, security spend at
 * 4.6 % of IT and 0.2 % of revenue, 52 weeks of history. Deterministic: no clock, no randomness.
 */
export const DEMO_AS_OF = new Date('2025-11-24T00:00:00.000Z');
const DAY = 86_400_000;
export const daysBefore = (days: number) => new Date(DEMO_AS_OF.getTime() - days * DAY);

export interface DemoOptions {
  /** Makes DETECTION "not measured" (no access-event source), as for an organisation without logs. */
  detectionNotMeasured?: boolean;
}

const counts = (critical: number, high: number, medium: number, low: number) => ({ critical, high, medium, low, total: critical + high + medium + low });

/** Weekly score for week `w` (0 = 51 weeks ago, 51 = the latest): a slow slide with a recovery and a regression. */
const weekly = (base: number, slope: number, wobble: number, phase: number) => (w: number) =>
  Math.round((base + slope * w + wobble * Math.sin((w + phase) / 4)) * 10) / 10;

const DOMAIN_CURVES: Record<ScoreDomain, (w: number) => number> = {
  KEY_MANAGEMENT: weekly(44, -0.3, 2.5, 0),
  ACCESS_GOVERNANCE: weekly(52, -0.25, 3, 3),
  CROSS_BORDER_ACCESS: weekly(60, -0.15, 2, 6),
  DETECTION: weekly(58, 0.05, 2.5, 1),
};
const WEIGHTS: Record<ScoreDomain, number> = { KEY_MANAGEMENT: 0.3, ACCESS_GOVERNANCE: 0.3, CROSS_BORDER_ACCESS: 0.2, DETECTION: 0.2 };

const band = (score: number) => (score >= 80 ? 'STRONG' : score >= 60 ? 'ADEQUATE' : score >= 40 ? 'WEAK' : 'CRITICAL');

export class DemoReportDataSource implements ReportDataSource {
  constructor(private readonly options: DemoOptions = {}) {}

  private domainScore(domain: ScoreDomain, week: number): number | null {
    return domain === 'DETECTION' && this.options.detectionNotMeasured ? null : DOMAIN_CURVES[domain](week);
  }

  private overall(week: number): number {
    const measured = (Object.keys(WEIGHTS) as ScoreDomain[]).filter((d) => this.domainScore(d, week) !== null);
    const weight = measured.reduce((sum, d) => sum + WEIGHTS[d], 0);
    return Math.round((measured.reduce((sum, d) => sum + this.domainScore(d, week)! * WEIGHTS[d], 0) / weight) * 10) / 10;
  }

  /** The posture at `asOf`; "now" (null) is the demo's own date. */
  async posture(_org: string, asOf: Date | null, topRiskLimit: number): Promise<PostureReading> {
    return { posture: { ...this.postureAtDemoDate(), asOf: asOf ?? DEMO_AS_OF }, topRisks: this.topRisks(topRiskLimit) };
  }

  protected postureAtDemoDate(): PostureShape {
    const now = 52;
    const domainCounts: Record<ScoreDomain, ReturnType<typeof counts>> = {
      KEY_MANAGEMENT: counts(2, 6, 8, 3),
      ACCESS_GOVERNANCE: counts(2, 4, 6, 2),
      CROSS_BORDER_ACCESS: counts(1, 3, 3, 1),
      DETECTION: counts(1, 1, 2, 2),
    };
    const domains = (Object.keys(DOMAIN_CURVES) as ScoreDomain[]).map((domain) => {
      const score = this.domainScore(domain, now);
      const before = this.domainScore(domain, now - 1);
      return score === null
        ? { domain, measured: false, notMeasuredReason: 'No access-event source has delivered data for this organisation.', score: null, band: null, change: null, findingCounts: counts(0, 0, 0, 0) }
        : { domain, measured: true, score, band: band(score), change: before === null ? null : Math.round((score - before) * 10) / 10, findingCounts: domainCounts[domain] };
    });
    const overallScore = this.overall(now);
    const total = domains.reduce((sum, d) => ({ critical: sum.critical + d.findingCounts.critical, high: sum.high + d.findingCounts.high, medium: sum.medium + d.findingCounts.medium, low: sum.low + d.findingCounts.low }), { critical: 0, high: 0, medium: 0, low: 0 });
    return {
      organization: { id: '00000000-0000-4000-8000-000000000001', slug: 'demo', name: 'Hanbit Commerce', currency: 'KRW' },
      asOf: DEMO_AS_OF,
      overallScore,
      overallBand: band(overallScore),
      overallChange: Math.round((overallScore - this.overall(now - 1)) * 10) / 10,
      domains,
      budget: {
        fiscalYear: 2025,
        currency: 'KRW',
        itSpend: 1_782_600_000_000,
        securitySpend: 82_000_000_000,
        revenue: 41_000_000_000_000,
        securityToItRatio: 82_000_000_000 / 1_782_600_000_000,
        securityToRevenueRatio: 82_000_000_000 / 41_000_000_000_000,
        itBenchmark: 0.1,
        revenueBenchmark: 0.01,
        itStatus: 'BELOW',
        revenueStatus: 'BELOW',
      },
      findingCounts: { ...total, total: total.critical + total.high + total.medium + total.low },
    };
  }

  protected topRisks(limit: number): FindingShape[] {
    const risk = (id: number, facts: FindingFacts, domain: ScoreDomain, severity: FindingShape['severity'], subject: string, team: string | null, detected: number, due: number | null): FindingShape => ({
      id: `00000000-0000-4000-8000-0000000001${String(id).padStart(2, '0')}`,
      kind: facts.kind,
      domain,
      severity,
      status: id === 6 ? 'ACKNOWLEDGED' : 'OPEN',
      title: renderFindingTitle(facts, 'en'),
      params: facts.params,
      subject: { type: 'CREDENTIAL', name: subject },
      ownerTeam: team ? { name: team } : null,
      firstDetectedAt: daysBefore(detected),
      dueAt: due === null ? null : daysBefore(due),
    });
    const day = (daysAgo: number) => daysBefore(daysAgo).toISOString().slice(0, 10);
    return [
      risk(1, { kind: 'KEY_ROTATION_OVERDUE', params: { credentialKind: 'SIGNING_KEY', name: 'auth-jwt-2015', dueOn: '2016-06-30' } }, 'KEY_MANAGEMENT', 'CRITICAL', 'auth-jwt-2015', 'Auth Platform', 328, 321),
      risk(
        2,
        { kind: 'LEAVER_ACTIVE_ACCESS', params: { name: 'Jae-won Kim', departedOn: day(152), activeAccounts: 0, activeCredentials: 1, daysUsedSince: 147, usedSince: false } },
        'ACCESS_GOVERNANCE', 'CRITICAL', 'Jae-won Kim', 'Auth Platform', 152, 150,
      ),
      risk(
        3,
        { kind: 'BULK_EXTRACTION', params: { name: 'tok-7f3a', measure: 'bytes', value: 3_300_000_000_000, peakOn: day(150), baselineDays: 28, ratio: 40, baselineMedian: 82_000_000_000 } },
        'DETECTION', 'CRITICAL', 'tok-7f3a', null, 150, 148,
      ),
      risk(4, { kind: 'OFFSHORE_ACCESS', params: { variant: 'activity', name: 'tok-7f3a', countries: ['CN'] } }, 'CROSS_BORDER_ACCESS', 'HIGH', 'tok-7f3a', 'Offshore Dev Hub', 120, 113),
      risk(5, { kind: 'KEY_ROTATION_OVERDUE', params: { credentialKind: 'KMS_KEY', name: 'orders-db-cmk', dueOn: day(540) } }, 'KEY_MANAGEMENT', 'HIGH', 'orders-db-cmk', 'Payments', 540, 530),
      risk(6, { kind: 'ACCESS_REVIEW_OVERDUE', params: { campaign: 'Q3 production access', dueOn: day(55), completion: 0.38 } }, 'ACCESS_GOVERNANCE', 'HIGH', 'Q3 production access', 'Identity & Access', 55, 41),
      risk(7, { kind: 'KEY_NO_OWNER', params: { credentialKind: 'ACCESS_KEY', name: 'legacy-batch' } }, 'KEY_MANAGEMENT', 'HIGH', 'legacy-batch', null, 90, 60),
      risk(
        8,
        { kind: 'ACCESS_REVIEW_RUBBER_STAMP', params: { reviewer: 'Min-ji Park', campaign: 'Q2 offshore access', approved: 412, decisions: 412, medianSeconds: 0.9 } },
        'ACCESS_GOVERNANCE', 'MEDIUM', 'Q2 offshore access', 'Offshore Dev Hub', 140, 110,
      ),
      risk(9, { kind: 'DATA_SOURCE_STALE', params: { name: 'Okta System Log', lastDeliveredAt: daysBefore(9).toISOString(), addedAt: daysBefore(400).toISOString(), expectedEveryHours: 24 } }, 'DETECTION', 'MEDIUM', 'Okta System Log', 'Security Operations', 9, -5),
      risk(10, { kind: 'KEY_UNUSED', params: { credentialKind: 'ACCESS_KEY', name: 'AKIA…3QX', neverUsed: false, since: day(212) } }, 'KEY_MANAGEMENT', 'MEDIUM', 'AKIA…3QX', 'Data Platform', 167, 137),
    ].slice(0, limit);
  }

  async scoreHistory(_org: string, weeks: number): Promise<ScoreSnapshotShape[]> {
    // Snapshot w is taken 52 - w weeks before the as-of date; the newest stored one is a week old.
    return Array.from({ length: weeks }, (_, i) => {
      const w = 52 - weeks + i;
      const overallScore = this.overall(w);
      return {
        asOf: new Date(DEMO_AS_OF.getTime() - (52 - w) * 7 * DAY).toISOString(),
        overallScore,
        overallBand: band(overallScore),
        domains: (Object.keys(DOMAIN_CURVES) as ScoreDomain[]).map((domain) => {
          const score = this.domainScore(domain, w);
          return { domain, measured: score !== null, score };
        }),
      };
    });
  }

  async budgets() {
    return [
      { fiscalYear: 2024, itSpend: 1_650_000_000_000, securitySpend: 74_000_000_000, revenue: 36_000_000_000_000, currency: 'KRW' },
      { fiscalYear: 2025, itSpend: 1_782_600_000_000, securitySpend: 82_000_000_000, revenue: 41_000_000_000_000, currency: 'KRW' },
    ];
  }

  async rotationSla(): Promise<TeamRotationSlaShape[]> {
    const team = (name: string | null, withinPolicy: number, dueSoon: number, overdue: number, maxDaysOverdue: number, oldestKeyAgeDays: number | null) => ({
      team: name ? { name } : null,
      withinPolicy,
      dueSoon,
      overdue,
      maxDaysOverdue,
      oldestKeyAgeDays,
    });
    return [
      team('Auth Platform', 12, 3, 5, 3285, 3650),
      team('Offshore Dev Hub', 30, 6, 9, 210, 480),
      team('Payments', 20, 4, 3, 540, 905),
      team('Data Platform', 18, 1, 2, 45, 400),
      team('Search', 15, 2, 0, 0, 170),
      team(null, 0, 0, 4, 700, 1100),
    ];
  }

  async leavers(): Promise<LeaverShape[]> {
    return [
      {
        name: 'Jae-won Kim',
        email: 'jaewon.kim@hanbit.example',
        terminatedOn: daysBefore(156),
        daysSinceTermination: 156,
        access: [{ system: 'okta', name: 'jaewon.kim', credentialKind: null }, { system: 'github', name: 'tok-7f3a', credentialKind: 'API_TOKEN' }, { system: 'aws', name: 'AKIA…7KD2', credentialKind: 'ACCESS_KEY' }],
        usesAfterTermination: 1482,
        lastUseAt: daysBefore(6),
        bytesAfterTermination: 3_310_000_000_000,
      },
      {
        name: 'Ravi Shah (vendor)',
        email: 'ravi.shah@vendor.example',
        terminatedOn: daysBefore(40),
        daysSinceTermination: 40,
        access: [{ system: 'vpn', name: 'ravi.shah', credentialKind: null }, { system: 'aws', name: 'ravi@bastion', credentialKind: 'SSH_KEY' }],
        usesAfterTermination: 3,
        lastUseAt: daysBefore(33),
        bytesAfterTermination: 120_000_000,
      },
      { name: 'Mina Park', email: 'mina.park@hanbit.example', terminatedOn: daysBefore(55), daysSinceTermination: 55, access: [{ system: 'github', name: 'mina-park', credentialKind: null }], usesAfterTermination: 0, lastUseAt: null, bytesAfterTermination: 0 },
      { name: 'Sung-ho Lee', email: 'sungho.lee@hanbit.example', terminatedOn: daysBefore(14), daysSinceTermination: 14, access: [{ system: 'okta', name: 'sungho.lee', credentialKind: null }], usesAfterTermination: 0, lastUseAt: null, bytesAfterTermination: 0 },
    ];
  }

  async crossBorderAccess(_org: string, days: number): Promise<CrossBorderAccessShape> {
    const series = (start: number, baseline: number, surge: number) =>
      Array.from({ length: days }, (_, i) => {
        const day = days - 1 - i;
        const active = day <= start;
        return { day: daysBefore(day), bytes: Math.round(baseline * (0.8 + 0.4 * Math.abs(Math.sin(i))) + (active ? surge * (0.7 + 0.3 * Math.abs(Math.cos(i / 3))) : 0)), baseline };
      });
    const bulkExtractions = [
      { principal: 'tok-7f3a (Jae-won Kim)', credentialExternalId: 'tok-7f3a', startedOn: daysBefore(153), peakBytes: 61_000_000_000, series: series(days, 1_200_000_000, 34_000_000_000) },
      { principal: 'svc-reporting', credentialExternalId: 'AKIA…Q7PL', startedOn: daysBefore(12), peakBytes: 9_800_000_000, series: series(11, 800_000_000, 7_500_000_000) },
    ];
    return {
      byCountry: [
        { country: 'KR', approved: true, events: 1_204_332, bytes: 48_200_000_000_000 },
        { country: 'VN', approved: true, events: 310_554, bytes: 6_100_000_000_000 },
        { country: 'IN', approved: true, events: 122_040, bytes: 2_400_000_000_000 },
        { country: 'CN', approved: false, events: 3_214, bytes: 3_100_000_000_000 },
        { country: 'US', approved: true, events: 54_871, bytes: 900_000_000_000 },
        { country: 'NL', approved: false, events: 45, bytes: 2_100_000_000 },
        { country: 'internal', approved: true, events: 2_003_118, bytes: 12_000_000_000_000 },
      ],
      offshoreIdentities: [
        { name: 'Tran Van Minh', workCountry: 'VN', productionEntitlements: ['prod-db-readonly', 'k8s-prod-deploy'], approval: 'CISO approval OA-2025-114', approvalExpiresAt: daysBefore(-90) },
        { name: 'Nguyen Thi Lan', workCountry: 'VN', productionEntitlements: ['prod-db-admin'], approval: null, approvalExpiresAt: null },
        { name: 'Arjun Mehta', workCountry: 'IN', productionEntitlements: ['prod-payments-support'], approval: null, approvalExpiresAt: null },
        { name: 'Le Quang Huy', workCountry: 'VN', productionEntitlements: ['k8s-prod-read'], approval: 'CISO approval OA-2025-120', approvalExpiresAt: daysBefore(-30) },
      ],
      bulkExtractions,
      bulkExtractionTotals: bulkExtractionTotalsOf(bulkExtractions),
    };
  }

  async dataSources(): Promise<DataSourceShape[]> {
    const source = (name: string, type: string, lastDays: number | null, freshness: string, enabled = true): DataSourceShape => ({
      name,
      type,
      enabled,
      lastSuccessfulRunAt: lastDays === null ? null : new Date(DEMO_AS_OF.getTime() - lastDays * DAY + 3 * 3_600_000),
      freshness,
    });
    return [
      source('AWS IAM credential report', 'iam-credential-report', 1, 'FRESH'),
      source('AWS KMS keys', 'aws-kms', 1, 'FRESH'),
      source('Auth JWKS', 'jwks', 1, 'FRESH'),
      source('HR roster', 'hr-roster-csv', 2, 'FRESH'),
      source('Okta users (SCIM)', 'scim', 1, 'FRESH'),
      ...(this.options.detectionNotMeasured ? [] : [source('AWS CloudTrail', 'cloudtrail', 1, 'FRESH')]),
      source('Okta System Log', 'okta-system-log', 9, 'STALE'),
      source('Access reviews', 'access-review-csv', null, 'NEVER'),
    ];
  }
}
