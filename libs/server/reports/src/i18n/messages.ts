import type { FindingKind, ScoreDomain, Severity } from '@postureboard/domain';
import type { ReportLeaverAccess } from '../model/board-report-data.js';
import type { ReportLang } from '../model/report-lang.js';
import type { BulkExtractionsLeftOut, CountriesLeftOut, LeaversLeftOut, OffshoreLeftOut, TeamsLeftOut } from '../summary/bounded-lists.js';
import type { KeyPoint } from '../summary/key-points.js';
import { EN } from './messages.en.js';
import { KO } from './messages.ko.js';
import type { ReportFormatter } from './report-formatter.js';

/** What the rows a list leaves out add up to (see bounded-lists). */
type LeftOut<T> = T & { count: number };

/** Every word the report prints. Data (names, titles) is printed as recorded. */
export interface Messages {
  languageName: string;
  reportTitle: string;
  reportSubtitle: string;
  defaultClassification: string;
  preparedBy: string;
  cover: { organization: string; period: string; asOf: string; generatedAt: string; generatedBy: string; classification: string; language: string; overall: string; evaluatedAt: string };
  /** When the posture was evaluated; `pending` when a newer evaluation was queued as the report was made. */
  evaluated(at: string, pending: boolean): string;
  notEvaluated: string;
  periodRange(from: string, to: string): string;
  changeSince(change: string, since: string): string;
  pageOf(page: number, total: number): string;
  footer(generatedAt: string, asOf: string): string;
  contents: string;

  sections: {
    summary: string;
    spend: string;
    scores: string;
    risks: string;
    rotation: string;
    leavers: string;
    crossBorder: string;
    completeness: string;
    appendix: string;
    explanations: string;
  };

  domains: Record<ScoreDomain, string>;
  domainDescriptions: Record<ScoreDomain, string>;
  bands: Record<string, string>;
  severities: Record<Severity, string>;
  findingStatuses: Record<string, string>;
  findingKinds: Record<FindingKind, string>;
  freshness: Record<string, string>;
  benchmarkStatuses: Record<string, string>;
  notMeasured: string;
  notMeasuredNote: string;
  unowned: string;
  internalNetwork: string;
  yes: string;
  no: string;
  none: string;

  summary: {
    overall(score: string, band: string): string;
    noOverall: string;
    change(direction: 'up' | 'down' | 'flat', points: string, since: string, basis: 'PREVIOUS_REPORT' | 'PREVIOUS_WEEK'): string;
    noChange(basis: 'PREVIOUS_REPORT' | 'PREVIOUS_WEEK'): string;
    findings(total: string, critical: string, high: string): string;
    keyPointsHeading: string;
    domainsHeading: string;
    tiles: { critical: string; ofOpen(total: string): string; overdueKeys: string; inTeams(teams: string): string; leavers: string; usedAfter(n: string): string; spend: string };
    keyPoint(point: KeyPoint, f: ReportFormatter): { title: string; body: string };
  };

  spend: {
    intro: string;
    noBudget: string;
    budgetTable: { fiscalYear: string; itSpend: string; securitySpend: string; revenue: string };
    ratioSecurityIt: string;
    ratioSecurityRevenue: string;
    benchmark(value: string): string;
    chartTitle: string;
    chartXAxis: string;
    chartYAxis: string;
    chartBenchmark: string;
    chartNoPoints: string;
    reading(ratio: string, benchmark: string, score: string, band: string): string;
  };

  scores: {
    intro: string;
    columns: { domain: string; score: string; band: string; change: string; findings: string };
    findingsCell(critical: number, high: number, total: number): string;
    trend12: string;
    trend52: string;
    overall: string;
    noHistory: string;
  };

  risks: {
    intro: string;
    columns: { rank: string; risk: string; severity: string; owner: string; age: string; due: string };
    ageDays(days: string): string;
    /** Status of a finding the report's date precedes the tracking of (its age is then unknown). */
    notTracked: string;
    overdue: string;
    empty: string;
  };

  rotation: {
    intro: string;
    columns: { team: string; withinPolicy: string; dueSoon: string; overdue: string; maxDaysOverdue: string; oldestKey: string };
    days(days: string): string;
    empty: string;
    total: string;
    /** The line under the table for the teams not listed. */
    more(rest: LeftOut<TeamsLeftOut>, f: ReportFormatter): string;
  };

  leavers: {
    intro: string;
    columns: { person: string; terminated: string; daysSince: string; access: string; uses: string; data: string; lastUse: string };
    empty: string;
    more(rest: LeftOut<LeaversLeftOut>, f: ReportFormatter): string;
    /** One remaining account or credential, in words ("Access key AKIA…", "okta account kim"). */
    accessItem(access: ReportLeaverAccess): string;
  };

  crossBorder: {
    intro(days: string): string;
    columns: { country: string; approved: string; events: string; data: string };
    countriesEmpty: string;
    countriesMore(rest: LeftOut<CountriesLeftOut>, f: ReportFormatter): string;
    offshoreHeading: string;
    offshoreColumns: { person: string; workCountry: string; entitlements: string; approval: string };
    noApproval: string;
    approvalUntil(approval: string, until: string): string;
    offshoreEmpty: string;
    offshoreMore(rest: LeftOut<OffshoreLeftOut>, f: ReportFormatter): string;
    bulkHeading: string;
    bulkColumns: { principal: string; started: string; total(days: string): string; peak: string; volume: string };
    bulkEmpty: string;
    bulkMore(rest: LeftOut<BulkExtractionsLeftOut>, days: number, f: ReportFormatter): string;
    chartDaily: string;
    chartBaseline: string;
  };

  completeness: {
    intro: string;
    columns: { source: string; type: string; enabled: string; lastRun: string; freshness: string };
    never: string;
    noSources: string;
    notMeasuredHeading: string;
    allMeasured: string;
    noReason: string;
  };

  /** The terms of each score (docs/scoring.md), as the web app and the CLI list them. */
  explanations: {
    intro: string;
    overall: string;
    columns: { term: string; points: string };
    total: string;
    base: string;
    metric(name: string, points: string, max: string): string;
    domainTerm(domain: string, score: string): string;
    finding(subject: string): string;
    cap: string;
    floor: string;
    rounding: string;
    metricNames: Record<string, string>;
    /** The detection domain's median days to detect over its period (beside the score, not a term of it). */
    daysToDetect: {
      title: string;
      median(days: string, count: number, from: string, to: string): string;
      none(from: string, to: string): string;
      notDetectedYet(count: number, to: string): string;
      note: string;
    };
  };

  appendix: {
    intro: string;
    disclaimer: string;
    columns: { kind: string; iso: string; nist: string; cis: string; ismsp: string };
    /** The audit trail's signed head (a checkpoint kept outside the database). */
    audit: {
      heading: string;
      intro: string;
      head: (seq: number, takenAt: string) => string;
      verify: (slug: string) => string;
    };
  };
}

const MESSAGES: Record<ReportLang, Messages> = { en: EN, ko: KO };

export const messagesFor = (lang: ReportLang): Messages => MESSAGES[lang];
