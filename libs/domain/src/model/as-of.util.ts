import type { Account } from './identity.model.js';
import type { Credential } from './credential.model.js';
import { isAtOrBefore } from './date.util.js';

/**
 * State "as it was at `asOf`": records carry the date they stopped being active, so a past `asOf`
 * (replay, history) sees a credential revoked later as still active then.
 */
export const credentialExistsAt = (credential: Credential, asOf: Date): boolean =>
  isAtOrBefore(credential.createdAt ?? credential.firstSeenAt, asOf);

export const isCredentialActiveAt = (credential: Credential, asOf: Date): boolean => {
  if (!credentialExistsAt(credential, asOf)) return false;
  // An expired credential no longer authenticates, whatever the inventory's status says.
  if (isAtOrBefore(credential.expiresAt, asOf)) return false;
  if (credential.status === 'ACTIVE') return true;
  return credential.deactivatedAt !== null && credential.deactivatedAt.getTime() > asOf.getTime();
};

export const isAccountActiveAt = (account: Account, asOf: Date): boolean => {
  if (account.status === 'ACTIVE') return true;
  return account.deactivatedAt !== null && account.deactivatedAt.getTime() > asOf.getTime();
};
