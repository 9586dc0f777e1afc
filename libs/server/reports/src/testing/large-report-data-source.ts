import { FINDING_KIND_DOMAIN, FINDING_KINDS, SEVERITIES, worstFindings, type Severity } from '@postureboard/domain';
import type { CrossBorderAccessShape, FindingCountsShape, FindingShape, LeaverShape, PostureShape, TeamRotationSlaShape } from '../data/report-data-source.js';
import { bulkExtractionTotalsOf, daysBefore, DemoReportDataSource } from './demo-report-data-source.js';

/** How many bulk extractions the cross-border service lists (its MAX_EXTRACTIONS). */
const LISTED_BULK_EXTRACTIONS = 20;

/** How much of each list the synthetic organisation has (the benchmark's large scale by default). */
export interface LargeScale {
  teams: number;
  leavers: number;
  offshoreIdentities: number;
  bulkExtractions: number;
  findings: number;
  countries: number;
}

export const LARGE_SCALE: LargeScale = { teams: 800, leavers: 10_000, offshoreIdentities: 3_000, bulkExtractions: 300, findings: 85_477, countries: 40 };


const TEAM_WORDS = ['Payments', 'Search', 'Checkout', 'Identity', 'Data', 'Platform', 'Mobile', 'Ledger', 'Logistics', 'Catalogue', 'Ads', 'Fraud', 'Support', 'Billing', 'Growth', 'Infra'];
const COUNTRIES = ['KR', 'VN', 'IN', 'US', 'JP', 'SG', 'CN', 'PH', 'PL', 'DE', 'NL', 'GB', 'FR', 'BR', 'MX', 'CA', 'AU', 'ID', 'TH', 'MY', 'TW', 'HK', 'RU', 'UA', 'RO', 'TR', 'AE', 'IL', 'ZA', 'NG', 'EG', 'AR', 'CL', 'CO', 'ES', 'IT', 'SE', 'FI', 'IE', 'CH'];
const APPROVED = new Set(['KR', 'VN', 'IN', 'US', 'JP', 'SG']);
const GIVEN = ['Min-jun', 'Seo-yeon', 'Ji-ho', 'Ha-eun', 'Arjun', 'Priya', 'Minh', 'Lan', 'Anna', 'Tomasz', 'Maria', 'David', 'Yuki', 'Wei', 'Sofia', 'Lucas'];
const FAMILY = ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Nguyen', 'Tran', 'Shah', 'Mehta', 'Kowalski', 'Garcia', 'Smith', 'Tanaka', 'Chen', 'Rossi', 'Silva'];

/** A small deterministic generator (mulberry32): the same organisation on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The demo organisation grown to a large company's volume: hundreds of teams, thousands of leavers and
 * offshore staff, hundreds of bulk-extraction anomalies and tens of thousands of open findings. Used to
 * check that the report stays a board paper at that scale, and to time it (bench/report.bench.ts).
 * Deterministic: no clock, seeded randomness.
 */
export class LargeReportDataSource extends DemoReportDataSource {
  private readonly teamNames: string[];
  private readonly allFindings: FindingShape[];

  constructor(readonly scale: LargeScale = LARGE_SCALE) {
    super();
    const rnd = random(7);
    this.teamNames = Array.from({ length: scale.teams }, (_, i) => `${TEAM_WORDS[i % TEAM_WORDS.length]} ${TEAM_WORDS[Math.floor(i / TEAM_WORDS.length) % TEAM_WORDS.length]} ${String(i + 1).padStart(3, '0')}`);
    this.allFindings = Array.from({ length: scale.findings }, (_, i): FindingShape => {
      const kind = FINDING_KINDS[Math.floor(rnd() * FINDING_KINDS.length)]!;
      const r = rnd();
      const severity: Severity = r < 0.01 ? 'CRITICAL' : r < 0.1 ? 'HIGH' : r < 0.6 ? 'MEDIUM' : 'LOW';
      const detected = Math.floor(rnd() * 400);
      return {
        id: `f-${i}`,
        kind,
        domain: FINDING_KIND_DOMAIN[kind],
        severity,
        status: rnd() < 0.9 ? 'OPEN' : 'ACKNOWLEDGED',
        title: `${kind.toLowerCase().replace(/_/g, ' ')} on subject ${i}`,
        params: null,
        subject: { type: 'CREDENTIAL', name: `subject-${i}` },
        ownerTeam: rnd() < 0.9 ? { name: this.teamNames[Math.floor(rnd() * this.teamNames.length)]! } : null,
        firstDetectedAt: daysBefore(detected),
        dueAt: daysBefore(detected - 30),
      };
    });
  }

  protected override postureAtDemoDate(): PostureShape {
    const posture = super.postureAtDemoDate();
    const counts = (findings: readonly FindingShape[]): FindingCountsShape => {
      const by = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
      for (const f of findings) by[f.severity] += 1;
      return { critical: by.CRITICAL, high: by.HIGH, medium: by.MEDIUM, low: by.LOW, total: findings.length };
    };
    return {
      ...posture,
      domains: posture.domains.map((d) => ({ ...d, findingCounts: counts(this.allFindings.filter((f) => f.domain === d.domain)) })),
      findingCounts: counts(this.allFindings),
    };
  }

  /** Chosen among all the open findings as the posture data source does. */
  protected override topRisks(limit: number): FindingShape[] {
    return worstFindings(this.allFindings, limit);
  }

  override async rotationSla(): Promise<TeamRotationSlaShape[]> {
    const rnd = random(11);
    const rows = this.teamNames.map((name): TeamRotationSlaShape => {
      const overdue = rnd() < 0.45 ? 0 : 1 + Math.floor(rnd() * 12);
      return {
        team: { name },
        withinPolicy: 40 + Math.floor(rnd() * 160),
        dueSoon: Math.floor(rnd() * 8),
        overdue,
        maxDaysOverdue: overdue > 0 ? 1 + Math.floor(rnd() * 900) : 0,
        oldestKeyAgeDays: 30 + Math.floor(rnd() * 1500),
      };
    });
    return [...rows, { team: null, withinPolicy: 120, dueSoon: 9, overdue: 210, maxDaysOverdue: 3285, oldestKeyAgeDays: 3650 }];
  }

  override async leavers(): Promise<LeaverShape[]> {
    const rnd = random(13);
    const access: LeaverShape['access'] = [
      { system: 'okta', name: '', credentialKind: null },
      { system: 'github', name: '', credentialKind: null },
      { system: 'vpn', name: '', credentialKind: null },
      { system: 'github', name: 'tok-', credentialKind: 'API_TOKEN' },
      { system: 'aws', name: 'AKIA…', credentialKind: 'ACCESS_KEY' },
      { system: 'aws', name: 'bastion-', credentialKind: 'SSH_KEY' },
    ];
    return Array.from({ length: this.scale.leavers }, (_, i): LeaverShape => {
      const days = 1 + Math.floor(rnd() * 700);
      const used = rnd() < 0.03;
      const given = GIVEN[i % GIVEN.length]!;
      const family = FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]!;
      return {
        name: `${given} ${family} ${i}`,
        email: `${given.toLowerCase()}.${family.toLowerCase()}${i}@example.com`,
        terminatedOn: daysBefore(days),
        daysSinceTermination: days,
        access: Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, k) => {
          const a = access[(i + k) % access.length]!;
          return { ...a, name: a.credentialKind ? `${a.name}${i}` : `${given.toLowerCase()}${i}` };
        }),
        usesAfterTermination: used ? 1 + Math.floor(rnd() * 2000) : 0,
        lastUseAt: used ? daysBefore(Math.floor(rnd() * Math.min(days, 30))) : null,
        bytesAfterTermination: used ? Math.floor(rnd() * 50_000_000_000) : 0,
      };
    }).sort((a, b) => Number(b.usesAfterTermination > 0) - Number(a.usesAfterTermination > 0) || b.daysSinceTermination - a.daysSinceTermination || a.name.localeCompare(b.name));
  }

  override async crossBorderAccess(_org: string, days: number): Promise<CrossBorderAccessShape> {
    const rnd = random(17);
    const countries = COUNTRIES.slice(0, this.scale.countries);
    const byCountry = [...countries.map((country) => ({ country, approved: APPROVED.has(country), events: Math.floor(rnd() * 2_000_000), bytes: Math.floor(rnd() * 40_000_000_000_000) })), { country: 'internal', approved: true, events: 4_000_000, bytes: 90_000_000_000_000 }];
    const offshoreCountries = countries.filter((c) => c !== 'KR');
    const offshoreIdentities = Array.from({ length: this.scale.offshoreIdentities }, (_, i) => {
      const approved = rnd() < 0.7;
      return {
        name: `${GIVEN[(i + 3) % GIVEN.length]} ${FAMILY[(i * 7) % FAMILY.length]} ${i}`,
        workCountry: offshoreCountries[Math.floor(rnd() * offshoreCountries.length)]!,
        productionEntitlements: Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, k) => ['prod-db-readonly', 'k8s-prod-deploy', 'prod-db-admin', 'prod-payments-support'][(i + k) % 4]!),
        approval: approved ? `CISO approval OA-2025-${String(i).padStart(4, '0')}` : null,
        approvalExpiresAt: approved ? daysBefore(-Math.floor(rnd() * 365)) : null,
      };
    });
    const bulkExtractions = Array.from({ length: this.scale.bulkExtractions }, (_, i) => {
      const start = Math.floor(rnd() * (days - 1));
      const baseline = 100_000_000 + Math.floor(rnd() * 2_000_000_000);
      const surge = baseline * (5 + rnd() * 40);
      const series = Array.from({ length: days + 14 }, (_, k) => {
        const day = days + 13 - k;
        return { day: daysBefore(day), bytes: Math.round(baseline * (0.8 + 0.4 * rnd()) + (day <= start ? surge * (0.6 + 0.4 * rnd()) : 0)), baseline };
      });
      return {
        principal: `svc-export-${String(i).padStart(3, '0')}`,
        credentialExternalId: `AKIA…${String(i).padStart(4, '0')}`,
        startedOn: daysBefore(start),
        peakBytes: Math.max(...series.map((p) => p.bytes)),
        series,
      };
    });
    // As the cross-border service: a bounded number listed, the totals of all of them.
    return { byCountry, offshoreIdentities, bulkExtractions: bulkExtractions.slice(0, LISTED_BULK_EXTRACTIONS), bulkExtractionTotals: bulkExtractionTotalsOf(bulkExtractions) };
  }
}
