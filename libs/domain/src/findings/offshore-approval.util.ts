import type { OffshoreApproval } from '../model/approval.model.js';
import type { Entitlement } from '../model/identity.model.js';

/** Granted by `asOf` and not expired at it; no expiry means valid until revoked. */
export const isApprovalValidAt = (approval: OffshoreApproval, asOf: Date): boolean =>
  approval.grantedAt.getTime() <= asOf.getTime() && (approval.expiresAt === null || approval.expiresAt.getTime() > asOf.getTime());

export const approvalCoversCountry = (approval: OffshoreApproval, country: string): boolean =>
  approval.country === null || approval.country.toUpperCase() === country.toUpperCase();

/** Scope `*` covers everything; otherwise it must name the entitlement's system or the entitlement. */
export const approvalCoversEntitlement = (approval: OffshoreApproval, entitlement: Entitlement): boolean => {
  const scope = approval.scope.trim().toLowerCase();
  return scope === '*' || scope === entitlement.system.toLowerCase() || scope === entitlement.name.toLowerCase();
};
