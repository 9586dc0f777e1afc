import { isAccountActiveAt, isAccountResidualAt, isCredentialActiveAt } from '../model/as-of.util.js';
import type { Credential } from '../model/credential.model.js';
import type { Account, Identity } from '../model/identity.model.js';
import type { PostureIndex } from './posture-index.js';

/** What a (departed) identity still holds at `asOf`. */
export interface IdentityAccess {
  /** Accounts that can still be used: some login or credential works. */
  accounts: Account[];
  /** Credentials valid and not deactivated at `asOf`. */
  credentials: Credential[];
  /** Accounts that still exist but cannot be used (SUSPENDED): delete them, but they are not access. */
  residualAccounts: Account[];
}

/** Access is what can be used; an account nobody can sign in with is only a leftover. */
export const identityAccessAt = (identity: Identity, index: PostureIndex, asOf: Date): IdentityAccess => {
  const accounts: Account[] = [];
  const residualAccounts: Account[] = [];
  for (const account of index.accountsByIdentityId.get(identity.id) ?? []) {
    if (isAccountActiveAt(account, asOf)) accounts.push(account);
    else if (isAccountResidualAt(account, asOf)) residualAccounts.push(account);
  }
  const credentials = (index.credentialsByOwnerId.get(identity.id) ?? []).filter((credential) => isCredentialActiveAt(credential, asOf));
  return { accounts, credentials, residualAccounts };
};

export const hasUsableAccess = (access: IdentityAccess): boolean => access.accounts.length > 0 || access.credentials.length > 0;

/** An evidence line for an account that exists but cannot be used. */
export const residualAccountEvidence = (account: Account) => ({
  source: account.system,
  type: 'residual-account',
  summary: `${account.system} account ${account.userName} still exists but cannot be used (${account.status})${onPremisesSyncNote(account)}`,
  data: {
    accountId: account.id,
    externalId: account.externalId,
    userName: account.userName,
    status: account.status,
    unusableSince: account.deactivatedAt === null ? null : account.deactivatedAt.toISOString(),
    lastLoginAt: account.lastLoginAt === null ? null : account.lastLoginAt.toISOString(),
    ...onPremisesSyncData(account),
  },
});

/**
 * An account synchronised from an on-premises directory is disabled there, not in the cloud: the next sync
 * overwrites a cloud change. Said in the evidence of a leaver's account (only when it is so: other evidence stays
 * as it was).
 */
export const onPremisesSyncNote = (account: Account): string =>
  account.onPremisesSync ? '; synced from on-premises AD: disabling it in the cloud is overwritten by the next sync, disable it on premises' : '';

export const onPremisesSyncData = (account: Account): { onPremisesSync?: true } => (account.onPremisesSync ? { onPremisesSync: true } : {});
