import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { medianDaysToDetect } from '@postureboard/domain';
import { ALL_ROLES, CurrentAccess, CurrentTeamScope, EVALUATION_COST, Role, Roles, type OrgAccess, type TeamScope } from '@postureboard/server-auth';
import { graphql } from '../common/posture.error.js';
import { FindingObject } from '../findings/dtos/finding.object.js';
import { toFindingObject } from '../findings/finding.mapper.js';
import { FindingCountsObject, PostureObject, ScoreSnapshotObject } from './dtos/posture.object.js';
import { ReplayObject } from './dtos/replay.object.js';
import { toPostureObject, toSnapshotObject, type PostureObjectWithRisks } from './posture.mapper.js';
import { isStoredFinding, PostureService } from './posture.service.js';

@Resolver(() => PostureObject)
export class PostureResolver {
  constructor(private readonly postureService: PostureService) {}

  @Roles(...ALL_ROLES)
  @Query(() => PostureObject, {
    description: 'Scores per domain and overall, with their explanation, and the budget beside them',
    // The stored posture is one row; only an instant given by asOf is evaluated on demand.
    complexity: ({ args }: { args: Record<string, unknown> }) => (args['asOf'] ? EVALUATION_COST : 1),
  })
  posture(
    @Args('org', { type: () => String }) org: string,
    @Args('asOf', { type: () => Date, nullable: true }) asOf: Date | null,
    @CurrentAccess() access: OrgAccess,
    @CurrentTeamScope() scope: TeamScope,
  ): Promise<PostureObject> {
    return graphql(async () => {
      // The guard has resolved the organisation already: the stored posture is read by its id, in one statement.
      const result = asOf ? await this.postureService.posture(org, asOf) : await this.postureService.currentOf(access.organizationId);
      return toPostureObject(result.view, result, scope);
    });
  }

  @ResolveField(() => [FindingObject], { description: 'The worst active findings: most severe first, then open longest (the report\'s order too)' })
  async topRisks(@Parent() posture: PostureObjectWithRisks, @Args('limit', { type: () => Int, defaultValue: 5 }) limit: number): Promise<FindingObject[]> {
    return graphql(async () => (await posture.risksBehind(Math.max(0, Math.min(limit, 50)))).filter(isStoredFinding).map(toFindingObject));
  }

  @ResolveField(() => FindingCountsObject, {
    nullable: true,
    description: "An ENGINEERING_LEAD's view: the active findings of the teams they lead (what their findings list holds); null for an organisation-wide role, whose view is findingCounts",
  })
  async teamFindingCounts(@Parent() posture: PostureObjectWithRisks): Promise<FindingCountsObject | null> {
    return graphql(async () => {
      const counts = await posture.teamCountsBehind();
      return counts && { critical: counts.CRITICAL, high: counts.HIGH, medium: counts.MEDIUM, low: counts.LOW, total: counts.CRITICAL + counts.HIGH + counts.MEDIUM + counts.LOW };
    });
  }

  @Roles(...ALL_ROLES)
  @Query(() => [ScoreSnapshotObject], { description: 'Stored weekly snapshots, oldest first' })
  scoreHistory(
    @Args('org', { type: () => String }) _org: string,
    @Args('weeks', { type: () => Int, defaultValue: 52 }) weeks: number,
    @CurrentAccess() access: OrgAccess,
  ): Promise<ScoreSnapshotObject[]> {
    return graphql(async () => (await this.postureService.historyOf(access.organizationId, weeks)).map(toSnapshotObject));
  }

  @Roles(Role.ADMIN, Role.CISO, Role.ANALYST, Role.AUDITOR)
  @Query(() => ReplayObject, {
    description: 'Each finding that would have fired between from and to, the day its condition began and the first day it fired (read-only)',
    // An evaluation per day of the window.
    complexity: ({ args }: { args: Record<string, unknown> }) =>
      EVALUATION_COST * Math.max(1, Math.ceil((new Date(String(args['to'])).getTime() - new Date(String(args['from'])).getTime()) / 86_400_000) + 1),
  })
  replay(
    @Args('org', { type: () => String }) org: string,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
  ): Promise<ReplayObject> {
    return graphql(async () => {
      const detections = await this.postureService.replay(org, from, to);
      return {
        detections: detections.map((d) => ({ ...d, subject: { type: d.subject.type, externalId: d.subject.externalId, name: d.subject.name } })),
        medianDaysToDetect: medianDaysToDetect(detections, from, to),
      };
    });
  }

  @Roles(Role.ADMIN, Role.CISO, Role.ANALYST)
  @Mutation(() => ScoreSnapshotObject, { description: 'Store the current posture as an on-demand snapshot; snapshots are immutable' })
  takeSnapshot(@Args('org', { type: () => String }) org: string): Promise<ScoreSnapshotObject> {
    return graphql(async () => toSnapshotObject(await this.postureService.snapshot(org, 'ON_DEMAND')));
  }
}
