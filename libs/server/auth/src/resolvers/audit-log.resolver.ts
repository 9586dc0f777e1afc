import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { AuthError, AuthErrorCode } from '../auth.error.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { Roles } from '../authorization/access.decorators.js';
import type { OrgAccess } from '../authorization/caller.js';
import { CurrentAccess } from '../authorization/current-caller.decorator.js';
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
  ): Promise<AuditEntryObject[]> {
    if (beforeSeq !== null && beforeSeq !== undefined && !(Number.isSafeInteger(beforeSeq) && beforeSeq > 0)) throw new AuthError(AuthErrorCode.INVALID_INPUT, 'beforeSeq must be a positive whole number');
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new AuthError(AuthErrorCode.INVALID_INPUT, 'limit must be between 1 and 1000');
    const entries = await this.audit.list({ organizationId: access.organizationId, beforeSeq, limit });
    return entries.map((e) => ({ ...e, details: JSON.stringify(e.details) }));
  }
}
