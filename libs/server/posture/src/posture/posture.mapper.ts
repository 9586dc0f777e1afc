import type { TeamScope } from '@postureboard/server-auth';
import type { SnapshotTrend, StoredSnapshot } from '@postureboard/server-database';
import type { PostureObject, ScoreSnapshotObject } from './dtos/posture.object.js';
import type { PostureResult } from './posture.service.js';
import type { PostureReadView, PostureView } from './posture.view.js';

/**
 * The GraphQL object carries how to read its top risks (not a field), so `topRisks` reads only what is asked,
 * bound to the reader's team scope: an engineering lead's top risks are their teams' findings.
 */
export type PostureObjectWithRisks = PostureObject & {
  readonly risksBehind: (limit: number) => ReturnType<PostureResult['topRisks']>;
  readonly teamCountsBehind: () => ReturnType<PostureResult['teamFindingCounts']>;
};

export const toPostureObject = (view: PostureReadView, { topRisks, teamFindingCounts }: Pick<PostureResult, 'topRisks' | 'teamFindingCounts'>, scope: TeamScope): PostureObjectWithRisks => ({
  ...view,
  organization: { id: '', ...view.organization },
  domains: view.domains.map((d) => ({
    ...d,
    daysToDetect: d.daysToDetect ?? null,
    metrics: d.metrics.map((m) => ({ ...m, description: m.label, notMeasuredReason: m.reason })),
  })),
  risksBehind: (limit) => topRisks(limit, scope),
  teamCountsBehind: () => teamFindingCounts(scope),
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
