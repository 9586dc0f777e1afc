import type { FindingCandidate } from '@postureboard/domain';
import type { SnapshotTrend, StoredFinding, StoredSnapshot } from '@postureboard/server-database';
import type { PostureObject, ScoreSnapshotObject } from './dtos/posture.object.js';
import type { PostureView } from './posture.view.js';

/** The GraphQL object carries the findings behind it (not a field) so `topRisks` needs no second query. */
export type PostureObjectWithFindings = PostureObject & { readonly findingsBehind: (StoredFinding | FindingCandidate)[] };

export const toPostureObject = (view: PostureView, findings: (StoredFinding | FindingCandidate)[]): PostureObjectWithFindings => ({
  ...view,
  organization: { id: '', ...view.organization },
  domains: view.domains.map((d) => ({
    ...d,
    metrics: d.metrics.map((m) => ({ ...m, description: m.label, notMeasuredReason: m.reason })),
  })),
  findingsBehind: findings,
});

export const toSnapshotObject = (snapshot: StoredSnapshot<SnapshotTrend | PostureView>): ScoreSnapshotObject => ({
  id: snapshot.id,
  asOf: snapshot.asOf,
  takenAt: snapshot.takenAt,
  trigger: snapshot.trigger,
  overallScore: snapshot.overallScore,
  overallBand: snapshot.overallBand,
  domains: snapshot.posture.domains.map((d) => ({ domain: d.domain, measured: d.measured, score: d.score })),
  overdueKeys: snapshot.posture.overdueKeys ?? 0,
});
