import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { findingTitle, isLanguage, type FindingActor, type Language } from '@postureboard/domain';
import {
  assertTeamAccess,
  CurrentAccess,
  CurrentCaller,
  describeCaller,
  Role,
  Roles,
  teamFilter,
  type Caller,
  type OrgAccess,
} from '@postureboard/server-auth';
import { requestLoader, type LoaderContext } from '@postureboard/server-core';
import { TeamRepository } from '@postureboard/server-database';
import { graphql, PostureError, PostureErrorCode } from '../common/posture.error.js';
import { TeamObject } from '../common/team.object.js';
import { FindingFilter } from './dtos/finding-filter.input.js';
import { FindingConnectionObject, FindingObject, FindingStatusChangeObject } from './dtos/finding.object.js';
import { toFindingObject, toStatusChangeObject } from './finding.mapper.js';
import { FindingsService } from './findings.service.js';

/** Who may read findings (BOARD_VIEWER sees the overview and reports only) and who may change them. */
const READERS = [Role.ADMIN, Role.CISO, Role.ENGINEERING_LEAD, Role.ANALYST, Role.AUDITOR];
const WRITERS = [Role.ADMIN, Role.CISO, Role.ENGINEERING_LEAD, Role.ANALYST];

export const languageOf = (lang: string): Language => {
  if (!isLanguage(lang)) throw new PostureError(PostureErrorCode.INVALID_INPUT, `Language "${lang}" is not supported (en or ko)`);
  return lang;
};

const actorOf = (caller: Caller): FindingActor => ({ type: 'USER', id: caller.userId, name: describeCaller(caller) });

@Resolver(() => FindingObject)
export class FindingResolver {
  constructor(
    private readonly findingsService: FindingsService,
    private readonly teams: TeamRepository,
  ) {}

  @Roles(...READERS)
  @Query(() => FindingConnectionObject, { description: 'Findings, worst first; resolved ones only when asked for by status' })
  findings(
    @Args('org', { type: () => String }) _org: string,
    @Args('filter', { type: () => FindingFilter, nullable: true }) filter: FindingFilter | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @CurrentAccess() access: OrgAccess,
  ): Promise<FindingConnectionObject> {
    return graphql(async () => {
      // An engineering lead sees only the findings of the teams they lead.
      const scope = teamFilter(access);
      const requested = filter?.teamId ? [filter.teamId] : null;
      const teamIds = scope === null ? requested : requested ? requested.filter((id) => scope.includes(id)) : scope;
      const page = await this.findingsService.list(access.organizationId, { ...filter, teamIds: teamIds ?? undefined }, first, after);
      return {
        edges: page.findings.map((f, i) => ({ cursor: page.cursors[i]!, node: toFindingObject(f) })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        totalCount: page.totalCount,
      };
    });
  }

  @Roles(...READERS)
  @Query(() => FindingObject)
  finding(
    @Args('org', { type: () => String }) _org: string,
    @Args('id', { type: () => ID }) id: string,
    @CurrentAccess() access: OrgAccess,
  ): Promise<FindingObject> {
    return graphql(async () => {
      const finding = await this.findingsService.get(access.organizationId, id);
      assertTeamAccess(access, finding.ownerTeamId);
      return toFindingObject(finding);
    });
  }

  @Roles(...WRITERS)
  @Mutation(() => FindingObject)
  acknowledgeFinding(
    @Args('org', { type: () => String }) _org: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @CurrentAccess() access: OrgAccess,
    @CurrentCaller() caller: Caller,
  ): Promise<FindingObject> {
    return this.change(access, caller, id, { to: 'ACKNOWLEDGED', reason });
  }

  @Roles(...WRITERS)
  @Mutation(() => FindingObject, { description: 'Accept the risk until a date; the finding reopens when the acceptance expires' })
  acceptFindingRisk(
    @Args('org', { type: () => String }) _org: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
    @Args('expiresAt', { type: () => Date }) expiresAt: Date,
    @CurrentAccess() access: OrgAccess,
    @CurrentCaller() caller: Caller,
  ): Promise<FindingObject> {
    return this.change(access, caller, id, { to: 'RISK_ACCEPTED', reason, riskAcceptedUntil: expiresAt });
  }

  @Roles(...WRITERS)
  @Mutation(() => FindingObject)
  resolveFinding(
    @Args('org', { type: () => String }) _org: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @CurrentAccess() access: OrgAccess,
    @CurrentCaller() caller: Caller,
  ): Promise<FindingObject> {
    return this.change(access, caller, id, { to: 'RESOLVED', reason });
  }

  @Roles(...WRITERS)
  @Mutation(() => FindingObject, { description: 'Reopen a resolved finding or withdraw a risk acceptance' })
  reopenFinding(
    @Args('org', { type: () => String }) _org: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @CurrentAccess() access: OrgAccess,
    @CurrentCaller() caller: Caller,
  ): Promise<FindingObject> {
    return this.change(access, caller, id, { to: 'OPEN', reason });
  }

  @ResolveField(() => String, { description: "Rendered in `lang` (en or ko) from the finding's kind and parameters; a finding stored before parameters shows its stored English title" })
  title(@Parent() finding: FindingObject, @Args('lang', { type: () => String, defaultValue: 'en' }) lang: string): Promise<string> {
    return graphql(async () => findingTitle({ kind: finding.kind, params: finding.params, title: finding.storedTitle }, languageOf(lang)));
  }

  @ResolveField(() => [FindingStatusChangeObject])
  async statusHistory(@Parent() finding: FindingObject, @Context() context: LoaderContext): Promise<FindingStatusChangeObject[]> {
    const loader = requestLoader(context, 'finding.statusHistory', (ids) => this.findingsService.historyByFinding(ids));
    return ((await loader.load(finding.id)) ?? []).map(toStatusChangeObject);
  }

  @ResolveField(() => Boolean, {
    description: 'The latest evaluation still detected the condition: marking it resolved does not stick, the next evaluation reopens it',
  })
  async stillDetected(@Parent() finding: FindingObject, @Context() context: LoaderContext): Promise<boolean> {
    const loader = requestLoader(context, 'finding.stillDetected', (ids) => this.findingsService.detectedByLatestEvaluation(ids));
    return (await loader.load(finding.id)) ?? false;
  }

  @ResolveField(() => TeamObject, { nullable: true })
  async ownerTeam(@Parent() finding: FindingObject, @Context() context: LoaderContext): Promise<TeamObject | null> {
    if (!finding.ownerTeamId) return null;
    const loader = requestLoader(context, 'team.byId', async (ids) => new Map((await this.teams.findByIds(ids)).map((t) => [t.id, t])));
    return loader.load(finding.ownerTeamId);
  }

  private change(access: OrgAccess, caller: Caller, id: string, change: Parameters<FindingsService['changeStatus']>[2]): Promise<FindingObject> {
    return graphql(async () => {
      assertTeamAccess(access, (await this.findingsService.get(access.organizationId, id)).ownerTeamId);
      return toFindingObject(await this.findingsService.changeStatus(access.organizationId, id, change, actorOf(caller), new Date()));
    });
  }
}
