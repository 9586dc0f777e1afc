import type { PostureView } from '@postureboard/server-posture';
import type { RemoteApi } from './remote-api.js';

const COUNTS = 'critical high medium low total';

const POSTURE_QUERY = `query Posture($org: String!, $asOf: DateTime) {
  posture(org: $org, asOf: $asOf) {
    organization { slug name currency approvedCountries }
    asOf overallScore overallBand overallChange overallNotMeasuredReason
    domains {
      domain measured notMeasuredReason score band change penaltyPoints
      metrics { name description measured notMeasuredReason value numerator denominator weight maxPoints points }
      contributions { findingId fingerprint kind severity subjectName points }
      findingCounts { ${COUNTS} }
    }
    budget { fiscalYear currency itSpend securitySpend revenue securityToItRatio securityToRevenueRatio itBenchmark revenueBenchmark itStatus revenueStatus }
    findingCounts { ${COUNTS} }
    overdueKeys
  }
}`;

type Domain = PostureView['domains'][number];
type Metric = Domain['metrics'][number];

/** The API's names for the two metric fields it renames (label → description, reason → notMeasuredReason). */
type PostureResponse = Omit<PostureView, 'asOf' | 'domains'> & {
  asOf: string;
  domains: (Omit<Domain, 'metrics'> & { metrics: (Omit<Metric, 'label' | 'reason'> & { description: string; notMeasuredReason: string | null })[] })[];
};

/** `posture`: the server's view, rebuilt into the shape `posture --json` prints locally. */
export async function remotePosture(api: RemoteApi, org: string, asOf: Date | undefined): Promise<PostureView> {
  const { posture: p } = await api.graphql<{ posture: PostureResponse }>(POSTURE_QUERY, { org, asOf: asOf?.toISOString() ?? null });
  return {
    organization: { slug: p.organization.slug, name: p.organization.name, currency: p.organization.currency, approvedCountries: p.organization.approvedCountries },
    asOf: new Date(p.asOf),
    overallScore: p.overallScore,
    overallBand: p.overallBand,
    overallChange: p.overallChange,
    overallNotMeasuredReason: p.overallNotMeasuredReason,
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
      contributions: d.contributions.map((c) => ({ findingId: c.findingId, fingerprint: c.fingerprint, kind: c.kind, severity: c.severity, subjectName: c.subjectName, points: c.points })),
      findingCounts: counts(d.findingCounts),
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
