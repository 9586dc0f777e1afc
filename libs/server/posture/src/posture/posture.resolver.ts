import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { severityRank, type FindingCandidate } from '@postureboard/domain';
import { ALL_ROLES, EVALUATION_COST, Role, Roles } from '@postureboard/server-auth';
import type { StoredFinding } from '@postureboard/server-database';
import { graphql } from '../common/posture.error.js';
import { FindingObject } from '../findings/dtos/finding.object.js';
import { toFindingObject } from '../findings/finding.mapper.js';
import { PostureObject, ScoreSnapshotObject } from './dtos/posture.object.js';
import { toPostureObject, toSnapshotObject, type PostureObjectWithFindings } from './posture.mapper.js';
import { isStoredFinding, PostureService } from './posture.service.js';

/**
 * The stored findings worst first, soonest due first within a severity: sorted once per evaluation, since
 * a cached posture answers many overview requests and a large organisation has tens of thousands.
 */
const sortedRisks = new WeakMap<readonly (StoredFinding | FindingCandidate)[], StoredFinding[]>();
function riskOrder(findings: readonly (StoredFinding | FindingCandidate)[]): StoredFinding[] {
  let sorted = sortedRisks.get(findings);
  if (!sorted) {
    sorted = findings
      .filter(isStoredFinding)
      .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0));
    sortedRisks.set(findings, sorted);
  }
  return sorted;
}

@Resolver(() => PostureObject)
export class PostureResolver {
  constructor(private readonly postureService: PostureService) {}

  @Roles(...ALL_ROLES)
  @Query(() => PostureObject, { description: 'Scores per domain and overall, with their explanation, and the budget beside them', complexity: EVALUATION_COST })
  posture(
    @Args('org', { type: () => String }) org: string,
    @Args('asOf', { type: () => Date, nullable: true }) asOf: Date | null,
  ): Promise<PostureObject> {
    return graphql(async () => {
      const { view, findings } = await this.postureService.posture(org, asOf);
      return toPostureObject(view, findings);
    });
  }

  @ResolveField(() => [FindingObject], { description: 'The worst active findings, soonest due first within a severity' })
  topRisks(@Parent() posture: PostureObjectWithFindings, @Args('limit', { type: () => Int, defaultValue: 5 }) limit: number): FindingObject[] {
    return riskOrder(posture.findingsBehind)
      .slice(0, Math.max(0, Math.min(limit, 50)))
      .map(toFindingObject);
  }

  @Roles(...ALL_ROLES)
  @Query(() => [ScoreSnapshotObject], { description: 'Stored weekly snapshots, oldest first' })
  scoreHistory(
    @Args('org', { type: () => String }) org: string,
    @Args('weeks', { type: () => Int, defaultValue: 52 }) weeks: number,
  ): Promise<ScoreSnapshotObject[]> {
    return graphql(async () => (await this.postureService.history(org, weeks)).map(toSnapshotObject));
  }

  @Roles(Role.ADMIN, Role.CISO, Role.ANALYST)
  @Mutation(() => ScoreSnapshotObject, { description: 'Store a snapshot now (or at asOf); snapshots are immutable', complexity: EVALUATION_COST })
  takeSnapshot(
    @Args('org', { type: () => String }) org: string,
    @Args('asOf', { type: () => Date, nullable: true }) asOf: Date | null,
  ): Promise<ScoreSnapshotObject> {
    return graphql(async () => toSnapshotObject(await this.postureService.snapshot(org, asOf ?? new Date(), 'ON_DEMAND')));
  }
}
