import type { Account } from './identity.model.js';
import type { Credential } from './credential.model.js';
import type { CredentialStatus } from './enums.js';
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

/**
 * Whether the account could be used at `asOf`: ACTIVE, or not yet deactivated/suspended then. A SUSPENDED
 * account (an IdP suspension, an IAM user with no password, key or certificate left) exists but gives no access.
 */
/**
 * The credential's status as it was at `asOf`, derived from its interval: EXPIRED from `expiresAt`, INACTIVE
 * before it became valid, the stored status once its deactivation date has passed, ACTIVE otherwise.
 */
export const credentialStatusAt = (credential: Credential, asOf: Date): CredentialStatus => {
  if (isAtOrBefore(credential.expiresAt, asOf)) return 'EXPIRED';
  if (!credentialExistsAt(credential, asOf)) return 'INACTIVE';
  if (credential.status === 'ACTIVE') return 'ACTIVE';
  return credential.deactivatedAt !== null && credential.deactivatedAt.getTime() > asOf.getTime() ? 'ACTIVE' : credential.status;
};

export const isAccountActiveAt = (account: Account, asOf: Date): boolean => {
  if (account.createdAt !== null && account.createdAt.getTime() > asOf.getTime()) return false;
  if (account.status === 'ACTIVE') return true;
  return account.deactivatedAt !== null && account.deactivatedAt.getTime() > asOf.getTime();
};

/** An account that still exists at `asOf` but cannot be used: SUSPENDED then (a hygiene item, not access). */
export const isAccountResidualAt = (account: Account, asOf: Date): boolean =>
  account.status === 'SUSPENDED' && isAtOrBefore(account.createdAt ?? asOf, asOf) && !isAccountActiveAt(account, asOf);
