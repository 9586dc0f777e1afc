import { GLOSSARY } from '@postureboard/domain';
import type { KeyPoint } from '../summary/key-points.js';
import type { Messages } from './messages.js';
import type { ReportFormatter } from './report-formatter.js';

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** The product's words (one glossary with the web app): domains, bands, kinds, metrics. */
const WORDS = GLOSSARY.en;
const DOMAINS = WORDS.domains;

function keyPoint(point: KeyPoint, f: ReportFormatter): { title: string; body: string } {
  switch (point.kind) {
    case 'LEAVER_ACCESS':
      return {
        title: `${f.integer(point.leavers)} former ${plural(point.leavers, 'employee still has', 'staff still have')} access`,
        body:
          point.usedAfterTermination > 0
            ? `${f.integer(point.usedAfterTermination)} of them used it after leaving, moving ${f.bytes(point.bytesAfterTermination)} in total. ${point.worstName} left ${f.integer(point.worstDays)} days ago and is the most active. Revoke their accounts, tokens and keys now.`
            : `None has used it since leaving, but every day of remaining access is exposure. The longest is ${point.worstName}, ${f.integer(point.worstDays)} days after termination.`,
      };
    case 'BULK_EXTRACTION':
      return {
        title: `${f.integer(point.anomalies)} bulk data ${plural(point.anomalies, 'extraction', 'extractions')} far above normal`,
        body: `The largest, by ${point.principal}, began on ${f.date(point.startedOn)}; it moved ${f.bytes(point.totalBytes)} in the last ${f.integer(point.windowDays)} days (peak ${f.bytes(point.peakBytes)} in a day). A valid credential does not make the volume legitimate: confirm the business reason or cut the access.`,
      };
    case 'ROTATION_OVERDUE':
      return {
        title: `${f.integer(point.overdueKeys)} ${plural(point.overdueKeys, 'key is', 'keys are')} past their rotation deadline`,
        body: `Spread over ${f.integer(point.teams)} ${plural(point.teams, 'team', 'teams')}; the worst is ${f.integer(point.maxDaysOverdue)} days overdue${
          point.oldestKeyAgeDays !== null ? ` and the oldest key in use is ${f.integer(point.oldestKeyAgeDays)} days old${point.oldestKeyTeam ? ` (${point.oldestKeyTeam})` : ''}` : ''
        }. A key that never changes keeps every token it ever signed trustworthy to an attacker.`,
      };
    case 'CRITICAL_FINDINGS':
      return {
        title: `${f.integer(point.critical)} critical ${plural(point.critical, 'finding', 'findings')} open`,
        body: `The most serious: ${point.title}${point.ownerTeam ? ` (owner: ${point.ownerTeam})` : ' (no owning team)'}.`,
      };
    case 'UNAPPROVED_COUNTRIES':
      return {
        title: point.countries.length > 0 ? `Access from ${f.integer(point.countries.length)} unapproved ${plural(point.countries.length, 'country', 'countries')}` : 'Offshore production access without approval',
        body: [
          point.countries.length > 0
            ? `${f.integer(point.events)} events and ${f.bytes(point.bytes)} of data came from ${point.countries.map((c) => f.country(c)).join(', ')}, outside the approved list.`
            : '',
          point.unapprovedIdentities > 0
            ? `${f.integer(point.unapprovedIdentities)} ${plural(point.unapprovedIdentities, 'person working abroad holds', 'people working abroad hold')} production access with no recorded approval.`
            : '',
        ]
          .filter(Boolean)
          .join(' '),
      };
    case 'SCORE_DROP':
      return { title: `Governance fell ${f.score(Math.abs(point.change))} points`, body: 'The overall score dropped since the previous report; the domain table shows where.' };
    case 'SCORE_RISE':
      return { title: `Governance improved ${f.score(point.change)} points`, body: 'The overall score rose since the previous report; keep the owners of the remaining findings on their dates.' };
    case 'BLIND_SPOTS':
      return {
        title: 'Part of the picture is missing',
        body: [
          point.notMeasured.length > 0 ? `Not measured: ${point.notMeasured.map((d) => DOMAINS[d]).join(', ')}.` : '',
          point.staleSources.length > 0 ? `Out-of-date sources: ${point.staleSources.join(', ')}.` : '',
          'What is not measured cannot be called safe.',
        ]
          .filter(Boolean)
          .join(' '),
      };
    case 'SPEND_VS_GOVERNANCE':
      return {
        title: point.spendBelowBenchmark ? 'Spend is below benchmark, and money alone will not fix governance' : 'Spend meets benchmark, governance does not',
        body: `Security spend is ${f.percent(point.securityToItRatio)} of IT spend against a ${f.percent(point.itBenchmark, 0)} benchmark, while governance scores ${f.score(point.score)} (${EN.bands[point.band] ?? point.band}). The findings above are failures of ownership and process, not of budget.`,
      };
    case 'WEAKEST_DOMAIN':
      return {
        title: `${DOMAINS[point.domain]} is the weakest domain`,
        body: `It scores ${f.score(point.score)} of 100 (${EN.bands[point.band] ?? point.band}).`,
      };
    case 'NO_LEAVER_ACCESS':
      return { title: 'No former staff retain access', body: 'Every leaver on record has had accounts, tokens and keys removed.' };
    case 'ROTATION_WITHIN_POLICY':
      return { title: 'All keys are within their rotation policy', body: `${f.integer(point.keys)} keys are inside their rotation window.` };
  }
}

export const EN: Messages = {
  languageName: 'English',
  reportTitle: 'Security governance report to the board',
  reportSubtitle: 'Keys, people and data access: measured, beside what we spend',
  defaultClassification: 'Confidential: board and audit committee only',
  preparedBy: 'Prepared with Postureboard from the organisation’s own systems of record.',
  cover: {
    organization: 'Organisation',
    period: 'Reporting period',
    asOf: 'Data as of',
    generatedAt: 'Generated',
    generatedBy: 'Generated by',
    classification: 'Classification',
    language: 'Language',
    overall: 'Overall governance score',
    evaluatedAt: 'Posture evaluated',
  },
  evaluated: (at, pending) => (pending ? `${at} (a newer evaluation was queued)` : at),
  notEvaluated: 'Not evaluated yet',
  periodRange: (from, to) => `${from} to ${to}`,
  changeSince: (change, since) => `${change} points since ${since}`,
  pageOf: (page, total) => `Page ${page} of ${total}`,
  footer: (generatedAt, asOf) => `Generated ${generatedAt} · data as of ${asOf}`,
  contents: 'Contents',
  sections: {
    summary: 'Executive summary',
    spend: 'Spend beside governance',
    scores: 'Governance scores and trend',
    risks: 'Top risks',
    rotation: 'Key rotation by team',
    leavers: 'Leavers with remaining access',
    crossBorder: 'Cross-border access and bulk extraction',
    completeness: 'Data completeness',
    appendix: 'Appendix: mapping to control frameworks',
    explanations: 'Appendix: how each score adds up',
  },
  domains: DOMAINS,
  domainDescriptions: {
    KEY_MANAGEMENT: 'Keys and credentials rotated within policy, owned and in use.',
    ACCESS_GOVERNANCE: 'Access reviews done on time and with care; leavers fully removed.',
    CROSS_BORDER_ACCESS: 'Access from approved countries only; offshore access approved.',
    DETECTION: 'Logs collected, fresh and followed up.',
  },
  bands: WORDS.bands,
  severities: WORDS.severities,
  findingStatuses: WORDS.findingStatuses,
  findingKinds: WORDS.findingKinds,
  freshness: WORDS.freshness,
  benchmarkStatuses: { BELOW: 'Below benchmark', MEETS: 'Meets benchmark', WITHIN: 'Within benchmark', ABOVE: 'Above benchmark' },
  notMeasured: WORDS.bands.NONE,
  notMeasuredNote: 'A domain without data is “not measured”: it is never counted as 0 or 100, and it is left out of the overall score.',
  unowned: 'No owning team',
  internalNetwork: 'Internal network',
  yes: 'Yes',
  no: 'No',
  none: 'None',
  summary: {
    overall: (score, band) => `The overall governance score is ${score} out of 100: ${band}.`,
    noOverall: 'There is no overall score: none of the governance domains could be measured.',
    change: (direction, points, since, basis) => {
      const moved = direction === 'flat' ? 'It is unchanged' : `It is ${direction} ${points} points`;
      return basis === 'PREVIOUS_REPORT' ? `${moved} since the previous report (data as of ${since}).` : `${moved} since a week earlier (${since}).`;
    },
    noChange: (basis) => (basis === 'PREVIOUS_REPORT' ? 'No stored score exists for the previous report’s date, so no change is shown.' : 'No score was stored a week earlier, so no change is shown.'),
    findings: (total, critical, high) => `${total} findings are open, of which ${critical} critical and ${high} high.`,
    keyPointsHeading: 'The three things that matter most',
    domainsHeading: 'Scores by domain',
    tiles: {
      critical: 'Critical findings',
      ofOpen: (total) => `of ${total} open`,
      overdueKeys: 'Keys past rotation deadline',
      inTeams: (teams) => `in ${teams} teams`,
      leavers: 'Leavers with access',
      usedAfter: (n) => `${n} used it after leaving`,
      spend: 'Security spend / IT spend',
    },
    keyPoint,
  },
  spend: {
    intro: 'Spend and governance are shown side by side and never blended: high spend with weak governance, or the reverse, should be visible at a glance.',
    noBudget: 'No budget has been recorded for this organisation, so spend cannot be compared with governance.',
    budgetTable: { fiscalYear: 'Fiscal year', itSpend: 'IT spend', securitySpend: 'Security spend', revenue: 'Revenue' },
    ratioSecurityIt: 'Security spend / IT spend',
    ratioSecurityRevenue: 'Security spend / revenue',
    benchmark: (value) => `benchmark ${value}`,
    chartTitle: 'Spend against governance, by fiscal year',
    chartXAxis: 'Security spend as a share of IT spend',
    chartYAxis: 'Governance score',
    chartBenchmark: 'Benchmark',
    chartNoPoints: 'No fiscal year has both a budget and a stored score.',
    reading: (ratio, benchmark, score, band) => `Security spend is ${ratio} of IT spend (benchmark ${benchmark}); governance scores ${score} (${band}).`,
  },
  scores: {
    intro: 'Each domain scores 0 to 100 from measured facts; every number traces back to findings and records in Postureboard.',
    columns: { domain: 'Domain', score: 'Score', band: 'Band', change: 'Change', findings: 'Open findings' },
    findingsCell: (critical, high, total) => `${total} (${critical} critical, ${high} high)`,
    trend12: 'Last 12 weeks',
    trend52: 'Last 52 weeks',
    overall: 'Overall',
    noHistory: 'No stored history yet.',
  },
  risks: {
    intro: 'The open findings that expose the most, worst first, with the team that owns each and the date it is due.',
    columns: { rank: '#', risk: 'Risk', severity: 'Severity', owner: 'Owner', age: 'Open for', due: 'Due' },
    ageDays: (days) => `${days} days`,
    notTracked: 'Not yet tracked on this date',
    overdue: 'overdue',
    empty: 'No open findings.',
  },
  rotation: {
    intro: 'Keys and credentials per owning team against their rotation policy, the teams most overdue first.',
    columns: { team: 'Team', withinPolicy: 'Within policy', dueSoon: 'Due soon', overdue: 'Overdue', maxDaysOverdue: 'Most overdue', oldestKey: 'Oldest key' },
    days: (days) => `${days} days`,
    empty: 'No keys or credentials are on record.',
    total: 'Total',
    more: (r, f) =>
      `…and ${f.integer(r.count)} more ${plural(r.count, 'team', 'teams')}: ${f.integer(r.overdue)} ${plural(r.overdue, 'key', 'keys')} overdue${
        r.overdue > 0 ? ` in ${f.integer(r.teamsWithOverdue)} of them` : ''
      }, ${f.integer(r.dueSoon)} due soon, ${f.integer(r.withinPolicy)} within policy. The total counts every team.`,
  },
  leavers: {
    intro: 'People who have left but still hold an account, token or key, and what they did with it: those who used it after leaving first, then the longest gone.',
    columns: { person: 'Person', terminated: 'Left on', daysSince: 'Days since', access: 'Remaining access', uses: 'Uses after leaving', data: 'Data after leaving', lastUse: 'Last use' },
    empty: 'No leaver retains any access.',
    accessItem: (a) => (a.credentialKind ? `${WORDS.credentialKinds[a.credentialKind]} ${a.name}` : `${a.system} account ${a.name}`),
    more: (r, f) =>
      `…and ${f.integer(r.count)} more ${plural(r.count, 'leaver', 'leavers')} with remaining access${
        r.usedAfterTermination > 0
          ? `: ${f.integer(r.usedAfterTermination)} used it after leaving, moving ${f.bytes(r.bytesAfterTermination)}.`
          : `, none of whom used it after leaving.`
      }`,
  },
  crossBorder: {
    intro: (days) => `Access to the organisation’s systems by country over the last ${days} days. Countries outside the approved list are marked and come first.`,
    columns: { country: 'Country', approved: 'Approved', events: 'Events', data: 'Data' },
    countriesEmpty: 'No access events with a location were recorded.',
    countriesMore: (r, f) =>
      `…and ${f.integer(r.count)} more ${plural(r.count, 'country', 'countries')}: ${f.integer(r.events)} events and ${f.bytes(r.bytes)} of data${
        r.unapproved > 0 ? `; ${f.integer(r.unapproved)} of them not approved.` : ', all approved.'
      }`,
    offshoreHeading: 'People working abroad with production access',
    offshoreColumns: { person: 'Person', workCountry: 'Works in', entitlements: 'Production access', approval: 'Approval' },
    noApproval: 'None recorded',
    approvalUntil: (approval, until) => `${approval}, until ${until}`,
    offshoreEmpty: 'Nobody working abroad holds production access.',
    offshoreMore: (r, f) =>
      `…and ${f.integer(r.count)} more ${plural(r.count, 'person', 'people')} working abroad with production access, ${
        r.withoutApproval > 0 ? `${f.integer(r.withoutApproval)} of them without a recorded approval.` : 'all with a recorded approval.'
      }`,
    bulkHeading: 'Bulk extraction anomalies',
    bulkColumns: { principal: 'Principal', started: 'Started', total: (days) => `Moved, last ${days} days`, peak: 'Peak day', volume: 'Daily volume against its own baseline' },
    bulkEmpty: 'No principal’s data volume departed from its baseline.',
    bulkMore: (r, days, f) =>
      `…and ${f.integer(r.count)} more ${plural(r.count, 'anomaly', 'anomalies')}, which moved ${f.bytes(r.totalBytes)} in the last ${f.integer(days)} days.`,
    chartDaily: 'Daily volume',
    chartBaseline: 'Baseline',
  },
  completeness: {
    intro: 'A score is only as good as the data behind it. Each source, when it last delivered, and what could not be measured.',
    columns: { source: 'Source', type: 'Type', enabled: 'Enabled', lastRun: 'Last successful run', freshness: 'Freshness' },
    never: 'Never',
    noSources: 'No data sources are configured.',
    notMeasuredHeading: 'Not measured',
    allMeasured: 'Every governance domain was measured.',
    noReason: 'No data for this domain.',
  },
  explanations: {
    intro: 'Each score is the sum of the terms below, exactly as the web app and the command line show it: full marks, what each metric lost, the penalty of each critical finding, and rounding to one decimal.',
    overall: 'Overall score',
    columns: { term: 'Term', points: 'Points' },
    total: 'Score',
    base: 'Full marks',
    metric: (name, points, max) => `${name}: ${points} of ${max} earned`,
    domainTerm: (domain, score) => `${domain} (${score}), weighted`,
    finding: (subject) => `Critical finding: ${subject}`,
    cap: 'Critical penalties capped: further critical findings cost nothing more',
    floor: 'A score is never below 0',
    rounding: 'Rounding to one decimal',
    daysToDetect: {
      title: 'Detection: days to detect',
      median: (days, count, from, to) =>
        `Median ${days} days from the first day of an incident (anomalous activity, a departure) to the first finding about it, over the ${count} incidents first detected from ${from} to ${to} (the 90 days up to the report date).`,
      none: (from, to) => `No incident was first detected from ${from} to ${to} (the 90 days up to the report date).`,
      notDetectedYet: (count, to) => `Not detected yet: ${count} incidents begun by ${to}, counted apart and not in the median.`,
      note: 'Shown beside the detection score, not part of it.',
    },
    metricNames: WORDS.metrics,
  },
  appendix: {
    intro: 'Where each kind of finding sits in the control frameworks the organisation may be assessed against.',
    disclaimer:
      'This mapping is guidance to help auditors and control owners find the relevant requirement. It is not a certification, an audit opinion or a statement of compliance: whether a control is met depends on the whole control, not on these findings alone.',
    columns: { kind: 'Finding', iso: 'ISO/IEC 27001:2022 Annex A', nist: 'NIST CSF 2.0', cis: 'CIS Controls v8', ismsp: 'ISMS-P' },
    audit: {
      heading: 'Audit trail checkpoint',
      intro:
        'The newest entry of the audit trail when this report was made, and a MAC over it under a key the database does not hold. Kept with this report, it shows later whether entries were removed or the trail rewritten.',
      head: (seq, takenAt) => `Audit trail head: entry ${seq}, signed ${takenAt}`,
      verify: (slug) => `To check: save the line below as a file and run postureboard audit verify --org ${slug} --checkpoint FILE`,
    },
  },
};
