import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { AuthError, AuthErrorCode } from '../auth.error.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { Roles } from '../authorization/access.decorators.js';
import type { OrgAccess } from '../authorization/caller.js';
import { CurrentAccess } from '../authorization/current-caller.decorator.js';
import { AuditChainVerificationObject } from '../dtos/audit-chain-verification.object.js';
import { AuditEntryObject } from '../dtos/audit-entry.object.js';
import { Role } from '../roles/role.js';

@Resolver(() => AuditEntryObject)
@Roles(Role.ADMIN, Role.AUDITOR)
export class AuditLogResolver {
  constructor(private readonly audit: AuditTrail) {}

  @Query(() => [AuditEntryObject], { description: "The organization's audit trail, newest first" })
  async auditLog(
    @Args('org', { type: () => String }) _org: string,
    @CurrentAccess() access: OrgAccess,
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number,
    @Args('beforeSeq', { type: () => Number, nullable: true }) beforeSeq: number | null | undefined,
    @Args('action', { type: () => String, nullable: true, description: 'Entries whose action starts with this (`api-token.`, `auth.sign-in`)' }) action: string | null | undefined,
    @Args('outcome', { type: () => String, nullable: true, description: 'SUCCESS or FAILURE' }) outcome: string | null | undefined,
  ): Promise<AuditEntryObject[]> {
    if (outcome != null && outcome !== 'SUCCESS' && outcome !== 'FAILURE') throw new AuthError(AuthErrorCode.INVALID_INPUT, 'outcome must be SUCCESS or FAILURE');
    if (beforeSeq !== null && beforeSeq !== undefined && !(Number.isSafeInteger(beforeSeq) && beforeSeq > 0)) throw new AuthError(AuthErrorCode.INVALID_INPUT, 'beforeSeq must be a positive whole number');
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new AuthError(AuthErrorCode.INVALID_INPUT, 'limit must be between 1 and 1000');
    const entries = await this.audit.list({ organizationId: access.organizationId, beforeSeq, limit, actionPrefix: action?.trim() || null, outcome });
    return entries.map((e) => ({ ...e, details: JSON.stringify(e.details) }));
  }

  @Query(() => AuditChainVerificationObject, { description: 'Recomputes every link of the hash chain: an edited, deleted or reordered entry is a problem' })
  async verifyAuditChain(@Args('org', { type: () => String }) _org: string): Promise<AuditChainVerificationObject> {
    // One chain links every organization's entries, so the whole chain is checked; problems name only positions.
    const result = await this.audit.verify();
    return { valid: result.valid, entries: result.entries, problems: result.problems.map((p) => ({ kind: p.kind, seq: p.seq, message: p.message })) };
  }
}
