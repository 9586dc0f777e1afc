/** A recorded approval for an identity to reach production from outside the approved countries. */
export interface OffshoreApproval {
  id: string;
  identityId: string;
  /** Who approved it (name or e-mail), kept for the audit trail. */
  approver: string;
  /**
   * What it covers: `*` for all access, or a system name or entitlement name (matched case-insensitively
   * against the entitlement's `system` and `name`).
   */
  scope: string;
  /** ISO 3166 alpha-2 the approval is for; null covers any country. */
  country: string | null;
  grantedAt: Date;
  /** Null means no expiry. */
  expiresAt: Date | null;
}
