import type { AccessReviewCampaign, AccessReviewDecision } from './access-review.model.js';
import type { ActivityInput } from './activity.model.js';
import type { OffshoreApproval } from './approval.model.js';
import type { Budget } from './budget.model.js';
import type { Credential } from './credential.model.js';
import type { DataSource } from './data-source.model.js';
import type { RiskAcceptance } from './finding.model.js';
import type { Account, Entitlement, Identity, PrincipalAlias } from './identity.model.js';
import type { OrganisationSettings, Team } from './organisation.model.js';
import type { RotationPolicyOverride } from '../rotation/rotation-policy.js';

/**
 * Everything evaluation reads for one organisation. Treat it as immutable: an index built on it (PostureIndex)
 * caches what it derives, so a changed array must come in a new input object.
 */
export interface PostureInput {
  organisation: OrganisationSettings;
  teams: readonly Team[];
  identities: readonly Identity[];
  accounts: readonly Account[];
  credentials: readonly Credential[];
  entitlements: readonly Entitlement[];
  offshoreApprovals: readonly OffshoreApproval[];
  accessReviewCampaigns: readonly AccessReviewCampaign[];
  accessReviewDecisions: readonly AccessReviewDecision[];
  dataSources: readonly DataSource[];
  budgets: readonly Budget[];
  rotationPolicyOverrides: readonly RotationPolicyOverride[];
  principalAliases: readonly PrincipalAlias[];
  activity: ActivityInput;
  /** Findings' risks accepted by people, as recorded (absent: none). */
  riskAcceptances?: readonly RiskAcceptance[];
}
