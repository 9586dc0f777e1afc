import type { AccessReviewCampaign, AccessReviewDecision } from '../model/access-review.model.js';
import type { ActivityRollup, ActivitySample } from '../model/activity.model.js';
import type { OffshoreApproval } from '../model/approval.model.js';
import type { Credential } from '../model/credential.model.js';
import type { DataSource } from '../model/data-source.model.js';
import type { Account, Entitlement, Identity } from '../model/identity.model.js';
import type { Team } from '../model/organisation.model.js';
import type { PostureInput } from '../model/posture-input.model.js';

/**
 * Builders with explicit, named defaults (tests and demo data state only what matters to them).
 * Default dates are a fixed day, never the clock.
 */
export const BUILDER_EPOCH = new Date('2025-01-01T00:00:00.000Z');

export const aPostureInput = (overrides: Partial<PostureInput> = {}): PostureInput => ({
  organisation: { id: 'org-1', slug: 'demo', name: 'Demo', approvedCountries: ['KR', 'US'], currency: 'KRW', fiscalYearStartMonth: 1 },
  teams: [],
  identities: [],
  accounts: [],
  credentials: [],
  entitlements: [],
  offshoreApprovals: [],
  accessReviewCampaigns: [],
  accessReviewDecisions: [],
  dataSources: [],
  budgets: [],
  rotationPolicyOverrides: [],
  principalAliases: [],
  activity: { rollups: [], samples: [] },
  ...overrides,
});

export const aTeam = (overrides: Partial<Team> & Pick<Team, 'id'>): Team => ({ name: overrides.id, leadIdentityId: null, ...overrides });

export const aCredential = (overrides: Partial<Credential> & Pick<Credential, 'id'>): Credential => ({
  kind: 'ACCESS_KEY',
  name: overrides.id,
  algorithm: null,
  environment: 'PRODUCTION',
  createdAt: BUILDER_EPOCH,
  lastRotatedAt: null,
  expiresAt: null,
  lastUsedAt: null,
  useObserved: true,
  status: 'ACTIVE',
  deactivatedAt: null,
  ownerIdentityId: null,
  teamId: null,
  source: 'test',
  externalId: overrides.id,
  firstSeenAt: BUILDER_EPOCH,
  signedByCredentialId: null,
  ...overrides,
});

export const anIdentity = (overrides: Partial<Identity> & Pick<Identity, 'id'>): Identity => ({
  displayName: overrides.id,
  email: `${overrides.id}@example.com`,
  employeeNumber: null,
  employmentType: 'EMPLOYEE',
  status: 'ACTIVE',
  startDate: null,
  terminationDate: null,
  workCountry: 'KR',
  teamId: null,
  managerIdentityId: null,
  ...overrides,
});

export const anAccount = (overrides: Partial<Account> & Pick<Account, 'id'>): Account => ({
  identityId: null,
  system: 'aws',
  externalId: overrides.id,
  userName: overrides.id,
  createdAt: null,
  status: 'ACTIVE',
  deactivatedAt: null,
  lastLoginAt: null,
  identityProvider: false,
  onPremisesSync: false,
  ...overrides,
});

export const anEntitlement = (overrides: Partial<Entitlement> & Pick<Entitlement, 'id' | 'accountId'>): Entitlement => ({
  system: 'aws',
  name: overrides.id,
  privileged: false,
  production: false,
  ...overrides,
});

export const anApproval = (overrides: Partial<OffshoreApproval> & Pick<OffshoreApproval, 'id' | 'identityId'>): OffshoreApproval => ({
  approver: 'ciso@example.com',
  scope: '*',
  country: null,
  grantedAt: BUILDER_EPOCH,
  expiresAt: null,
  ...overrides,
});

export const aCampaign = (overrides: Partial<AccessReviewCampaign> & Pick<AccessReviewCampaign, 'id'>): AccessReviewCampaign => ({
  name: overrides.id,
  scope: 'production',
  startsAt: BUILDER_EPOCH,
  dueAt: BUILDER_EPOCH,
  closedAt: null,
  totalItems: 0,
  ownerTeamId: null,
  ...overrides,
});

export const aDecision = (overrides: Partial<AccessReviewDecision> & Pick<AccessReviewDecision, 'id' | 'campaignId'>): AccessReviewDecision => ({
  reviewerIdentityId: null,
  reviewerEmail: 'reviewer@example.com',
  subjectIdentityId: null,
  subjectEmail: `${overrides.id}@example.com`,
  entitlement: 'prod-read',
  decision: 'KEEP',
  decidedAt: BUILDER_EPOCH,
  reason: null,
  ...overrides,
});

export const aDataSource = (overrides: Partial<DataSource> & Pick<DataSource, 'id'>): DataSource => ({
  name: overrides.id,
  type: 'cloudtrail',
  category: 'ACCESS_EVENTS',
  enabled: true,
  createdAt: BUILDER_EPOCH,
  lastSuccessfulRunAt: null,
  expectedFreshnessHours: 24,
  ...overrides,
});

export const aRollup = (overrides: Partial<ActivityRollup> & Pick<ActivityRollup, 'day' | 'principal'>): ActivityRollup => ({
  credentialExternalId: null,
  country: 'KR',
  source: 'cloudtrail',
  events: 1,
  bytes: 0,
  records: 0,
  ...overrides,
});

export const aSample = (overrides: Partial<ActivitySample> & Pick<ActivitySample, 'eventId' | 'occurredAt' | 'principal'>): ActivitySample => ({
  credentialExternalId: null,
  country: null,
  sourceIp: null,
  action: 'GetObject',
  resource: null,
  bytes: null,
  records: null,
  source: 'cloudtrail',
  success: true,
  ...overrides,
});
