import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { findingTitle, isLanguage, type Language } from '@postureboard/domain';
import {
  assertTeamAccess,
  CurrentAccess,
  CurrentCaller,
  Roles,
  type Caller,
  type OrgAccess,
} from '@postureboard/server-auth';
import { requestLoader, type LoaderContext } from '@postureboard/server-core';
import { TeamRepository } from '@postureboard/server-database';
import { graphql, PostureError, PostureErrorCode } from '../common/posture.error.js';
import { TeamObject } from '../common/team.object.js';
import { FindingFilter } from './dtos/finding-filter.input.js';
import { FindingConnectionObject, FindingObject, FindingStatusChangeObject } from './dtos/finding.object.js';
import { actorOf, FINDING_READERS, FINDING_WRITERS, scopedTeamIds } from './finding-access.js';
import { toFindingObject, toStatusChangeObject } from './finding.mapper.js';
import { FindingsService } from './findings.service.js';

export const languageOf = (lang: string): Language => {
  if (!isLanguage(lang)) throw new PostureError(PostureErrorCode.INVALID_INPUT, `Language "${lang}" is not supported (en or ko)`);
  return lang;
};

@Resolver(() => FindingObject)
export class FindingResolver {
  constructor(
    private readonly findingsService: FindingsService,
    private readonly teams: TeamRepository,
  ) {}

  @Roles(...FINDING_READERS)
  @Query(() => FindingConnectionObject, { description: 'Findings, worst first; resolved ones only when asked for by status' })
  findings(
    @Args('org', { type: () => String }) _org: string,
    @Args('filter', { type: () => FindingFilter, nullable: true }) filter: FindingFilter | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @CurrentAccess() access: OrgAccess,
  ): Promise<FindingConnectionObject> {
    return graphql(async () => {
      const page = await this.findingsService.list(access.organizationId, { ...filter, teamIds: scopedTeamIds(access, filter?.teamId) }, first, after);
      return {
        edges: page.findings.map((f, i) => ({ cursor: page.cursors[i]!, node: toFindingObject(f) })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        totalCount: page.totalCount,
      };
    });
  }

  @Roles(...FINDING_READERS)
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

  @Roles(...FINDING_WRITERS)
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

  @Roles(...FINDING_WRITERS)
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

  @Roles(...FINDING_WRITERS)
  @Mutation(() => FindingObject, {
    description: 'Judge a finding not applicable (a false positive) until a date: it leaves the score, and reopens at the expiry if still detected',
  })
  markFindingFalsePositive(
    @Args('org', { type: () => String }) _org: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
    @Args('expiresAt', { type: () => Date }) expiresAt: Date,
    @CurrentAccess() access: OrgAccess,
    @CurrentCaller() caller: Caller,
  ): Promise<FindingObject> {
    return this.change(access, caller, id, { to: 'FALSE_POSITIVE', reason, falsePositiveUntil: expiresAt });
  }

  @Roles(...FINDING_WRITERS)
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

  @Roles(...FINDING_WRITERS)
  @Mutation(() => FindingObject, { description: 'Reopen a resolved finding or withdraw a risk acceptance or a false-positive judgement' })
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
    const loader = requestLoader(context, 'finding.latestEvaluation', (ids) => this.findingsService.latestEvaluationOf(ids));
    return (await loader.load(finding.id))?.detected ?? false;
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
