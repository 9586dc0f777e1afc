import { GovernanceModel1763700000000 } from './1763700000000-governance-model.js';
import { InventoryIndexes1763760000000 } from './1763760000000-inventory-indexes.js';
import { Auth1763800000000 } from './1763800000000-auth.js';
import { Reports1763900000000 } from './1763900000000-reports.js';
import { ScaleIndexes1764000000000 } from './1764000000000-scale-indexes.js';
import { ActivityDayVersion1764100000000 } from './1764100000000-activity-day-version.js';
import { SnapshotTrend1764200000000 } from './1764200000000-snapshot-trend.js';
import { PostureDataVersion1764300000000 } from './1764300000000-posture-data-version.js';
import { CurrentPosture1765000000000 } from './1765000000000-current-posture.js';
import { CredentialValidity1765200000000 } from './1765200000000-credential-validity.js';
import { IdentityAliasSystem1765300000000 } from './1765300000000-identity-alias-system.js';
import { OidcIdentity1765400000000 } from './1765400000000-oidc-identity.js';
import { Notifications1765500000000 } from './1765500000000-notifications.js';
import { CountryApproval1765600000000 } from './1765600000000-country-approval.js';
import { AccessRollupContribution1765800000000 } from './1765800000000-access-rollup-contribution.js';
import { KeyedAuditChain1766000000000 } from './1766000000000-keyed-audit-chain.js';
import { FindingsWorkflow1766200000000 } from './1766200000000-findings-workflow.js';
import { FindingParams1766300000000 } from './1766300000000-finding-params.js';
import { AccountOnPremisesSync1766500000000 } from './1766500000000-account-on-premises-sync.js';
import { NotificationPreferences1766600000000 } from './1766600000000-notification-preferences.js';
import { TicketStatus1766610000000 } from './1766610000000-ticket-status.js';
import { PostureChangeNotify1766900000000 } from './1766900000000-posture-change-notify.js';
import { TeamRotationTarget1767100000000 } from './1767100000000-team-rotation-target.js';
import { FindingSearchText1767200000000 } from './1767200000000-finding-search-text.js';
import { RollupOrganizationLock1767400000000 } from './1767400000000-rollup-organization-lock.js';
import { FindingDetectedThroughPosture1767500000000 } from './1767500000000-finding-detected-through-posture.js';

/** Every migration, in timestamp order (the order TypeORM runs them). Never edit one that has shipped. */
export const migrations = [GovernanceModel1763700000000, InventoryIndexes1763760000000, Auth1763800000000, Reports1763900000000, ScaleIndexes1764000000000, ActivityDayVersion1764100000000, SnapshotTrend1764200000000, PostureDataVersion1764300000000, CurrentPosture1765000000000, CredentialValidity1765200000000, IdentityAliasSystem1765300000000, OidcIdentity1765400000000, Notifications1765500000000, CountryApproval1765600000000, AccessRollupContribution1765800000000, KeyedAuditChain1766000000000, FindingsWorkflow1766200000000, FindingParams1766300000000, AccountOnPremisesSync1766500000000, NotificationPreferences1766600000000, TicketStatus1766610000000, PostureChangeNotify1766900000000, TeamRotationTarget1767100000000, FindingSearchText1767200000000, RollupOrganizationLock1767400000000, FindingDetectedThroughPosture1767500000000];
