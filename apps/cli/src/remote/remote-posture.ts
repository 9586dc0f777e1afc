import type { PostureReadView, PostureView } from '@postureboard/server-posture';
import type { RemoteApi } from './remote-api.js';

const COUNTS = 'critical high medium low total';
const EXPLANATION = 'explanation { terms { kind label points metric domain fingerprint } }';

const POSTURE_QUERY = `query Posture($org: String!, $asOf: DateTime) {
  posture(org: $org, asOf: $asOf) {
    organization { slug name currency approvedCountries }
    asOf evaluatedAt pending overallScore overallBand overallChange overallNotMeasuredReason
    ${EXPLANATION}
    domains {
      domain measured notMeasuredReason score band change penaltyPoints
      metrics { name description measured notMeasuredReason value numerator denominator weight maxPoints points }
      contributions { findingId fingerprint kind domain severity subjectName points }
      omittedContributions { count points }
      findingCounts { ${COUNTS} }
      ${EXPLANATION}
      daysToDetect { from to medianDays detected notDetectedYet }
    }
    budget { fiscalYear currency itSpend securitySpend revenue securityToItRatio securityToRevenueRatio itBenchmark revenueBenchmark itStatus revenueStatus }
    findingCounts { ${COUNTS} }
    overdueKeys
  }
}`;

type Domain = PostureView['domains'][number];
type Metric = Domain['metrics'][number];

/** The API's names for the two metric fields it renames (label → description, reason → notMeasuredReason). */
type PostureResponse = Omit<PostureReadView, 'asOf' | 'evaluatedAt' | 'domains'> & {
  asOf: string;
  evaluatedAt: string | null;
  domains: (Omit<Domain, 'metrics'> & { metrics: (Omit<Metric, 'label' | 'reason'> & { description: string; notMeasuredReason: string | null })[] })[];
};

/** `posture`: the server's view, rebuilt into the shape `posture --json` prints locally. */
export async function remotePosture(api: RemoteApi, org: string, asOf: Date | undefined): Promise<PostureReadView> {
  const { posture: p } = await api.graphql<{ posture: PostureResponse }>(POSTURE_QUERY, { org, asOf: asOf?.toISOString() ?? null });
  return {
    organization: { slug: p.organization.slug, name: p.organization.name, currency: p.organization.currency, approvedCountries: p.organization.approvedCountries },
    asOf: new Date(p.asOf),
    evaluatedAt: p.evaluatedAt === null ? null : new Date(p.evaluatedAt),
    pending: p.pending,
    overallScore: p.overallScore,
    overallBand: p.overallBand,
    overallChange: p.overallChange,
    overallNotMeasuredReason: p.overallNotMeasuredReason,
    explanation: explanationOf(p.explanation),
    domains: p.domains.map((d) => ({
      domain: d.domain,
      measured: d.measured,
      notMeasuredReason: d.notMeasuredReason,
      score: d.score,
      band: d.band,
      change: d.change,
      penaltyPoints: d.penaltyPoints,
      metrics: d.metrics.map((m) => ({
        name: m.name,
        label: m.description,
        measured: m.measured,
        reason: m.notMeasuredReason,
        value: m.value,
        numerator: m.numerator,
        denominator: m.denominator,
        weight: m.weight,
        maxPoints: m.maxPoints,
        points: m.points,
      })),
      contributions: d.contributions.map((c) => ({ findingId: c.findingId, fingerprint: c.fingerprint, kind: c.kind, domain: c.domain, severity: c.severity, subjectName: c.subjectName, points: c.points })),
      omittedContributions: { count: d.omittedContributions.count, points: d.omittedContributions.points },
      findingCounts: counts(d.findingCounts),
      explanation: explanationOf(d.explanation),
      daysToDetect: d.daysToDetect ?? null,
    })),
    budget: p.budget
      ? {
          fiscalYear: p.budget.fiscalYear,
          currency: p.budget.currency,
          itSpend: p.budget.itSpend,
          securitySpend: p.budget.securitySpend,
          revenue: p.budget.revenue,
          securityToItRatio: p.budget.securityToItRatio,
          securityToRevenueRatio: p.budget.securityToRevenueRatio,
          itBenchmark: p.budget.itBenchmark,
          revenueBenchmark: p.budget.revenueBenchmark,
          itStatus: p.budget.itStatus,
          revenueStatus: p.budget.revenueStatus,
        }
      : null,
    findingCounts: counts(p.findingCounts),
    overdueKeys: p.overdueKeys,
  };
}

const counts = (c: PostureView['findingCounts']): PostureView['findingCounts'] => ({ critical: c.critical, high: c.high, medium: c.medium, low: c.low, total: c.total });

/** GraphQL answers absent optional fields as null; the local JSON leaves them out. */
const explanationOf = (e: PostureView['explanation']): PostureView['explanation'] =>
  e === null
    ? null
    : {
        terms: e.terms.map((t) => ({
          kind: t.kind,
          label: t.label,
          points: t.points,
          ...(t.metric ? { metric: t.metric } : {}),
          ...(t.domain ? { domain: t.domain } : {}),
          ...(t.fingerprint ? { fingerprint: t.fingerprint } : {}),
        })),
      };
