import type { AccessReviewCampaign } from '../model/access-review.model.js';
import type { Credential } from '../model/credential.model.js';
import type { DataSource } from '../model/data-source.model.js';
import type { FindingSubject } from '../model/finding.model.js';
import type { Identity } from '../model/identity.model.js';

export const credentialSubject = (credential: Credential): FindingSubject => ({
  type: 'CREDENTIAL',
  id: credential.id,
  externalId: credential.externalId,
  name: credential.name,
});

/** A credential seen only in events (not in the inventory): its external id is all there is. */
export const unknownCredentialSubject = (externalId: string): FindingSubject => ({
  type: 'CREDENTIAL',
  id: `external:${externalId}`,
  externalId,
  name: externalId,
});

export const identitySubject = (identity: Identity): FindingSubject => ({
  type: 'IDENTITY',
  id: identity.id,
  externalId: identity.email ?? identity.employeeNumber ?? identity.id,
  name: identity.displayName,
});

export const principalSubject = (principal: string): FindingSubject => ({
  type: 'PRINCIPAL',
  id: principal,
  externalId: principal,
  name: principal,
});

export const campaignSubject = (campaign: AccessReviewCampaign): FindingSubject => ({
  type: 'ACCESS_REVIEW_CAMPAIGN',
  id: campaign.id,
  externalId: campaign.name,
  name: campaign.name,
});

export const dataSourceSubject = (source: DataSource): FindingSubject => ({
  type: 'DATA_SOURCE',
  id: source.id,
  externalId: source.type,
  name: source.name,
});
