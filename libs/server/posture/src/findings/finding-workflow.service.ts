import { Injectable } from '@nestjs/common';
import type { FindingActor, FindingStatus, StatusChange } from '@postureboard/domain';
import { assertTeamAccess, type OrgAccess } from '@postureboard/server-auth';
import { FindingRepository, FindingWorkflowRepository, type FindingWorkflowMember, type StoredFinding, type StoredFindingComment } from '@postureboard/server-database';
import { PostureError, PostureErrorCode } from '../common/posture.error.js';
import { canSeeFinding } from './finding-access.js';
import { FindingsService } from './findings.service.js';

export const COMMENT_MAX_LENGTH = 4000;
export const BULK_MAX_FINDINGS = 500;

export interface BulkAction {
  status?: FindingStatus | null;
  reason?: string | null;
  expiresAt?: Date | null;
  assigneeUserId?: string | null;
  unassign?: boolean | null;
}

export type BulkItemOutcome = { findingId: string; ok: true; finding: StoredFinding } | { findingId: string; ok: false; error: unknown };

/** A status change as a person asks for it: the expiry goes to the exception the status names. */
export const statusChangeOf = (status: FindingStatus, reason: string | null | undefined, expiresAt: Date | null | undefined): StatusChange => ({
  to: status,
  reason: reason ?? null,
  riskAcceptedUntil: status === 'RISK_ACCEPTED' ? (expiresAt ?? null) : null,
  falsePositiveUntil: status === 'FALSE_POSITIVE' ? (expiresAt ?? null) : null,
});

/**
 * The team's work on findings beyond their status: who works on one (the assignee), what was said about it
 * (comments), and changes to a selection at once. Every finding is checked against the caller's team scope.
 */
@Injectable()
export class FindingWorkflowService {
  constructor(
    private readonly findingsService: FindingsService,
    private readonly findings: FindingRepository,
    private readonly workflow: FindingWorkflowRepository,
  ) {}

  /** The finding, if the caller may reach it (FORBIDDEN outside an engineering lead's teams). */
  async reachable(access: OrgAccess, id: string): Promise<StoredFinding> {
    const finding = await this.findingsService.get(access.organizationId, id);
    assertTeamAccess(access, finding.ownerTeamId);
    return finding;
  }

  /** Active members who can see the finding: who it may be assigned to. */
  async assignableMembers(access: OrgAccess, id: string): Promise<FindingWorkflowMember[]> {
    const finding = await this.reachable(access, id);
    return (await this.workflow.activeMembers(access.organizationId)).filter((m) => canSeeFinding(m, finding.ownerTeamId));
  }

  async assign(access: OrgAccess, id: string, assigneeUserId: string | null): Promise<StoredFinding> {
    const finding = await this.reachable(access, id);
    await this.assertAssignable(access.organizationId, [finding], assigneeUserId);
    await this.findings.setAssignee(access.organizationId, [finding.id], assigneeUserId);
    return this.findingsService.get(access.organizationId, id);
  }

  async addComment(access: OrgAccess, id: string, author: FindingActor, text: string, at: Date): Promise<StoredFindingComment> {
    const body = text.trim();
    if (body === '') throw new PostureError(PostureErrorCode.INVALID_INPUT, 'A comment needs text');
    if (body.length > COMMENT_MAX_LENGTH) throw new PostureError(PostureErrorCode.INVALID_INPUT, `A comment is at most ${COMMENT_MAX_LENGTH} characters`);
    const finding = await this.reachable(access, id);
    return this.workflow.addComment(finding.id, { userId: author.type === 'USER' ? author.id : null, name: author.name }, body, at);
  }

  async commentsByFinding(findingIds: readonly string[]): Promise<Map<string, StoredFindingComment[]>> {
    const grouped = new Map<string, StoredFindingComment[]>();
    for (const comment of await this.workflow.commentsFor(findingIds)) grouped.set(comment.findingId, [...(grouped.get(comment.findingId) ?? []), comment]);
    return grouped;
  }

  usersByIds(ids: readonly string[]) {
    return this.workflow.usersByIds(ids);
  }

  /**
   * Applies one action to each selected finding on its own: the caller's team scope, the lifecycle rules and
   * the assignee are checked per finding, and one refusal does not stop the others. One evaluation is queued
   * for all the status changes.
   */
  async bulk(access: OrgAccess, actor: FindingActor, ids: readonly string[], action: BulkAction, at: Date): Promise<BulkItemOutcome[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) throw new PostureError(PostureErrorCode.INVALID_INPUT, 'Select at least one finding');
    if (unique.length > BULK_MAX_FINDINGS) throw new PostureError(PostureErrorCode.INVALID_INPUT, `At most ${BULK_MAX_FINDINGS} findings at once`);
    const assigning = action.unassign ? null : (action.assigneeUserId ?? undefined);
    if (!action.status && assigning === undefined) throw new PostureError(PostureErrorCode.INVALID_INPUT, 'Say what to do: a status, an assignee, or unassign');
    if (action.unassign && action.assigneeUserId) throw new PostureError(PostureErrorCode.INVALID_INPUT, 'Either assign or unassign, not both');
    const members = assigning ? await this.workflow.activeMembers(access.organizationId) : [];
    const outcomes: BulkItemOutcome[] = [];
    let statusChanged = false;
    for (const id of unique) {
      try {
        let finding = await this.reachable(access, id);
        if (assigning) assertAssignableTo(members, finding, assigning);
        if (action.status) {
          finding = await this.findingsService.changeStatusOf(access.organizationId, finding, statusChangeOf(action.status, action.reason, action.expiresAt), actor, at);
          statusChanged = true;
        }
        if (assigning !== undefined) {
          await this.findings.setAssignee(access.organizationId, [finding.id], assigning);
          finding = { ...finding, assigneeUserId: assigning };
        }
        outcomes.push({ findingId: id, ok: true, finding });
      } catch (error) {
        outcomes.push({ findingId: id, ok: false, error });
      }
    }
    if (statusChanged) await this.findingsService.requestEvaluation(access.organizationId);
    return outcomes;
  }

  private async assertAssignable(organizationId: string, findings: readonly StoredFinding[], userId: string | null): Promise<void> {
    if (userId === null) return;
    const members = await this.workflow.activeMembers(organizationId);
    for (const finding of findings) assertAssignableTo(members, finding, userId);
  }
}

function assertAssignableTo(members: readonly FindingWorkflowMember[], finding: StoredFinding, userId: string): void {
  const member = members.find((m) => m.userId === userId);
  if (!member || !canSeeFinding(member, finding.ownerTeamId)) {
    throw new PostureError(PostureErrorCode.ASSIGNEE_NOT_ALLOWED, 'The assignee must be an active member of this organisation who can see the finding’s team');
  }
}
