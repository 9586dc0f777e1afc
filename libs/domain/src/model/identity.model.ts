import type { AccountStatus, EmploymentType, IdentityStatus } from './enums.js';

/** A person or service account, merged across sources (e-mail, then employee number, then alias). */
export interface Identity {
  id: string;
  displayName: string;
  /** Normalised (lower-case) e-mail. */
  email: string | null;
  employeeNumber: string | null;
  employmentType: EmploymentType;
  status: IdentityStatus;
  startDate: Date | null;
  terminationDate: Date | null;
  /** ISO 3166 alpha-2, upper case. */
  workCountry: string | null;
  teamId: string | null;
  managerIdentityId: string | null;
}

/** An account in one system (IdP user, cloud IAM user, database login). */
export interface Account {
  id: string;
  identityId: string | null;
  system: string;
  externalId: string;
  userName: string;
  /** When it came into being; null when unknown (then it counts from whenever it is known). A past `asOf` before it sees no account. */
  createdAt: Date | null;
  status: AccountStatus;
  /** When the account stopped being active; lets a past `asOf` see it as it was. */
  deactivatedAt: Date | null;
  lastLoginAt: Date | null;
  /**
   * True for the organisation's identity provider (Okta, SCIM directory): a deactivation there means
   * the person left, even when HR has not said so yet.
   */
  identityProvider: boolean;
  /**
   * Synchronised from an on-premises directory (Entra Connect): disabling it in the cloud is overwritten by the
   * next sync, so it must be disabled on premises. False for cloud-only accounts and sources that cannot say.
   */
  onPremisesSync: boolean;
}

/** Something an account may do; `production` and `privileged` drive the offshore and leaver rules. */
export interface Entitlement {
  id: string;
  accountId: string;
  system: string;
  name: string;
  privileged: boolean;
  production: boolean;
}

/** An explicit mapping from a principal seen in events to an identity (the alias table). */
export interface PrincipalAlias {
  principal: string;
  identityId: string;
}
