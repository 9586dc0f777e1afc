import { Logger } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { findingOverdue } from '@postureboard/domain';
import { AuthError, CurrentAccess, CurrentCaller, Roles, type Caller, type OrgAccess } from '@postureboard/server-auth';
import { requestLoader, type LoaderContext } from '@postureboard/server-core';
import type { StoredFindingComment } from '@postureboard/server-database';
import { graphql, toGraphQLError } from '../common/posture.error.js';
import { FindingObject } from './dtos/finding.object.js';
import { BulkFindingActionInput, BulkFindingResultObject, FindingCommentObject, FindingUserObject } from './dtos/finding-workflow.object.js';
import { actorOf, FINDING_READERS, FINDING_WRITERS } from './finding-access.js';
import { toFindingObject } from './finding.mapper.js';
import { FindingWorkflowService } from './finding-workflow.service.js';
import { FindingsService } from './findings.service.js';

const toCommentObject = (comment: StoredFindingComment): FindingCommentObject => ({ id: comment.id, author: comment.author, text: comment.body, at: comment.createdAt });

/** Assignee, overdue, comments and bulk changes of findings; the same roles and team scope as the findings themselves. */
@Resolver(() => FindingObject)
export class FindingWorkflowResolver {
  private readonly logger = new Logger('FindingWorkflow');

  constructor(
    private readonly workflow: FindingWorkflowService,
    private readonly findingsService: FindingsService,
  ) {}

  @Roles(...FINDING_READERS)
  @Query(() => [FindingUserObject], { description: 'Who the finding may be assigned to: active members who can see its team' })
  findingAssignees(
    @Args('org', { type: () => String }) _org: string,
    @Args('id', { type: () => ID }) id: string,
    @CurrentAccess() access: OrgAccess,
  ): Promise<FindingUserObject[]> {
    return graphql(async () => (await this.workflow.assignableMembers(access, id)).map((m) => ({ id: m.userId, email: m.email, displayName: m.displayName })));
  }

  @Roles(...FINDING_WRITERS)
  @Mutation(() => FindingObject, { description: 'Assign the finding to a user who can see it, or clear the assignee with null' })
  assignFinding(
    @Args('org', { type: () => String }) _org: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('assigneeUserId', { type: () => ID, nullable: true }) assigneeUserId: string | null,
    @CurrentAccess() access: OrgAccess,
  ): Promise<FindingObject> {
    return graphql(async () => toFindingObject(await this.workflow.assign(access, id, assigneeUserId)));
  }

  @Roles(...FINDING_WRITERS)
  @Mutation(() => FindingCommentObject, { description: 'Add a comment to a finding; comments cannot be edited or deleted' })
  addFindingComment(
    @Args('org', { type: () => String }) _org: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('text', { type: () => String }) text: string,
    @CurrentAccess() access: OrgAccess,
    @CurrentCaller() caller: Caller,
  ): Promise<FindingCommentObject> {
    return graphql(async () => toCommentObject(await this.workflow.addComment(access, id, actorOf(caller), text, new Date())));
  }

  @Roles(...FINDING_WRITERS)
  @Mutation(() => BulkFindingResultObject, { description: 'Change the status and/or assignee of selected findings; each is checked and answered on its own' })
  bulkUpdateFindings(
    @Args('org', { type: () => String }) _org: string,
    @Args('ids', { type: () => [ID] }) ids: string[],
    @Args('action', { type: () => BulkFindingActionInput }) action: BulkFindingActionInput,
    @CurrentAccess() access: OrgAccess,
    @CurrentCaller() caller: Caller,
  ): Promise<BulkFindingResultObject> {
    return graphql(async () => {
      const outcomes = await this.workflow.bulk(access, actorOf(caller), ids, action, new Date());
      const results = outcomes.map((o) =>
        o.ok
          ? { findingId: o.findingId, ok: true, errorCode: null, message: null, finding: toFindingObject(o.finding) }
          : { findingId: o.findingId, ok: false, ...this.itemError(o.error), finding: null },
      );
      const succeeded = results.filter((r) => r.ok).length;
      return { succeeded, failed: results.length - succeeded, results };
    });
  }

  @ResolveField(() => FindingUserObject, { nullable: true })
  async assignee(@Parent() finding: FindingObject, @Context() context: LoaderContext): Promise<FindingUserObject | null> {
    if (!finding.assigneeUserId) return null;
    const loader = requestLoader(context, 'finding.assignee', (ids) => this.workflow.usersByIds(ids));
    const user = await loader.load(finding.assigneeUserId);
    return user ? { id: user.userId, email: user.email, displayName: user.displayName } : null;
  }

  @ResolveField(() => [FindingCommentObject], { description: 'Oldest first' })
  async comments(@Parent() finding: FindingObject, @Context() context: LoaderContext): Promise<FindingCommentObject[]> {
    const loader = requestLoader(context, 'finding.comments', (ids) => this.workflow.commentsByFinding(ids));
    return ((await loader.load(finding.id)) ?? []).map(toCommentObject);
  }

  @ResolveField(() => Boolean, { description: 'Past its due date as of the latest evaluation (now, before the first), while OPEN or ACKNOWLEDGED' })
  async overdue(@Parent() finding: FindingObject, @Context() context: LoaderContext): Promise<boolean> {
    return (await this.overdueOf(finding, context)).overdue;
  }

  @ResolveField(() => Int, { description: 'Whole days past the due date (0 when not overdue); computed when read, never stored' })
  async daysOverdue(@Parent() finding: FindingObject, @Context() context: LoaderContext): Promise<number> {
    return (await this.overdueOf(finding, context)).daysOverdue;
  }

  private async overdueOf(finding: FindingObject, context: LoaderContext) {
    const loader = requestLoader(context, 'finding.latestEvaluation', (ids) => this.findingsService.latestEvaluationOf(ids));
    const asOf = (await loader.load(finding.id))?.asOf ?? new Date();
    return findingOverdue(finding, asOf);
  }

  /** Why one finding of a selection was not changed, as the single-finding mutation would have said it. */
  private itemError(error: unknown): { errorCode: string; message: string } {
    if (error instanceof AuthError) return { errorCode: error.code, message: error.message };
    const mapped = toGraphQLError(error);
    if (mapped instanceof GraphQLError) return { errorCode: String(mapped.extensions['code'] ?? 'INTERNAL_SERVER_ERROR'), message: mapped.message };
    this.logger.error(`bulk change of a finding failed: ${(error as Error).message}`);
    return { errorCode: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error' };
  }
}
