import type { Environment } from '@postureboard/domain';
import type { AccountObservation, CollectedRecord, CredentialObservation, Observation, SourceLocation } from '../core/observation.js';
import { ROOT_ACCOUNT_USER, type CredentialReportColumn } from './credential-report.columns.js';
import {
  CredentialReportFieldError,
  reportFlag,
  reportText,
  reportTime,
  type CredentialReportValues,
} from './credential-report-value.parser.js';
import { environmentFromNames } from '../core/util/environment-from-name.util.js';

/** The `system` of accounts read from IAM. */
export const AWS_IAM_SYSTEM = 'aws-iam';

/** An access key's real id, known when the report is pulled with `iam:ListAccessKeys`. */
export interface KnownAccessKey {
  accessKeyId: string;
  createdAt: Date | null;
}

export type AccessKeySlot = 1 | 2;

/** An SSH public key of the user (CodeCommit), known when the report is pulled with `iam:ListSSHPublicKeys`. */
export interface KnownSshKey {
  sshPublicKeyId: string;
  active: boolean;
  uploadedAt: Date | null;
}

export interface CredentialReportRowContext {
  location: SourceLocation;
  /** Set when the configuration states the account's environment; otherwise derived from the user name. */
  environment?: Environment;
  accessKeys?: Partial<Record<AccessKeySlot, KnownAccessKey>>;
  /** The user's SSH public keys when looked up (the report itself does not list them); undefined when not. */
  sshKeys?: readonly KnownSshKey[];
}

const IAM_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(root|user\/.+)$/;

/**
 * One credential-report row → the IAM user's account (ACTIVE only if some login or credential can be used),
 * then one credential per access key or signing certificate that is active or present (inactive but rotated
 * once), and per SSH public key when they were looked up. A bad value rejects only the observation it belongs
 * to: a garbled certificate date does not lose the user's access keys.
 */
export function parseCredentialReportRow(values: CredentialReportValues, context: CredentialReportRowContext): CollectedRecord[] {
  const { location } = context;
  const user = (values.user ?? '').trim();
  if (user === '') return [{ accepted: false, location: { ...location, field: 'user' }, reason: 'user is empty' }];
  const arn = (values.arn ?? '').trim();
  const arnMatch = IAM_ARN.exec(arn);
  if (!arnMatch) {
    return [{ accepted: false, location: { ...location, field: 'arn' }, reason: `arn is not an IAM user or root ARN: "${arn}"` }];
  }
  const subject: Subject = {
    user,
    arn,
    accountId: arnMatch[1],
    isRoot: user === ROOT_ACCOUNT_USER,
    environment: context.environment ?? environmentFromNames(user),
  };
  const sshKeys = context.sshKeys ?? [];
  const records = [observe(location, () => account(values, subject, sshKeys.some((key) => key.active)))];
  for (const slot of [1, 2] as const) {
    const record = observe(location, () => accessKey(values, subject, slot, context.accessKeys?.[slot]));
    if (record) records.push(record);
  }
  for (const slot of [1, 2] as const) {
    const record = observe(location, () => certificate(values, subject, slot));
    if (record) records.push(record);
  }
  for (const key of sshKeys) records.push(observe(location, () => sshKey(values, subject, key)));
  return records.filter((record): record is CollectedRecord => record !== null);
}

interface Subject {
  user: string;
  arn: string;
  accountId: string;
  isRoot: boolean;
  environment: Environment;
}

function observe(location: SourceLocation, build: () => Observation | null): CollectedRecord | null {
  try {
    const observation = build();
    return observation ? { accepted: true, observation, location } : null;
  } catch (error) {
    if (!(error instanceof CredentialReportFieldError)) throw error;
    return { accepted: false, location: { ...location, field: error.field }, reason: error.message };
  }
}

const CREDENTIAL_FLAGS = ['access_key_1_active', 'access_key_2_active', 'cert_1_active', 'cert_2_active'] as const;

function readableFlag(values: CredentialReportValues, field: CredentialReportColumn): boolean | null {
  try {
    return reportFlag(values, field);
  } catch (error) {
    if (error instanceof CredentialReportFieldError) return null;
    throw error;
  }
}

/**
 * The IAM user as an account. It is ACTIVE only while something can sign in with it: a console password
 * (`password_enabled`), an active access key or an active signing certificate (AWS IAM User Guide, "Getting
 * credential reports"). A user with none of them exists but cannot be used: SUSPENDED, a hygiene item, not access.
 * The report gives no date for that change; the latest recorded use (or the creation, if never used) is the
 * last moment it is known to have been usable, so a past day before it still sees the user as usable.
 * SSH public keys (CodeCommit) are not in the report: they count when looked up (pull with iam:ListSSHPublicKeys);
 * from a report file alone, a user whose only credential is an SSH key is read as unusable.
 */
function account(values: CredentialReportValues, subject: Subject, activeSshKey: boolean): AccountObservation {
  const createdAt = reportTime(values, 'user_creation_time');
  // The root user's password_enabled is `not_supported`: root can always recover its password by e-mail.
  const passwordEnabled = reportFlag(values, 'password_enabled') ?? subject.isRoot;
  reportTime(values, 'password_last_changed');
  reportTime(values, 'password_next_rotation');
  reportFlag(values, 'mfa_active');
  // IAM has no sign-in event for keys: the latest console or key use is the last sign of life.
  const uses = [
    reportTime(values, 'password_last_used'),
    reportTime(values, 'access_key_1_last_used_date'),
    reportTime(values, 'access_key_2_last_used_date'),
  ].filter((date): date is Date => date !== null);
  const lastLoginAt = uses.length > 0 ? new Date(Math.max(...uses.map((date) => date.getTime()))) : null;
  // A garbled credential flag rejects that credential (reported there) and counts here as "may be usable".
  const usable = passwordEnabled || activeSshKey || CREDENTIAL_FLAGS.some((flag) => readableFlag(values, flag) !== false);
  return {
    kind: 'account',
    system: AWS_IAM_SYSTEM,
    externalId: subject.arn,
    userName: subject.user,
    email: subject.user.includes('@') ? subject.user.toLowerCase() : null,
    employeeNumber: null,
    createdAt,
    // IAM users cannot be disabled, only deleted: a user in the report exists, usable or not.
    status: usable ? 'ACTIVE' : 'SUSPENDED',
    deactivatedAt: usable ? null : (lastLoginAt ?? createdAt),
    lastLoginAt,
  };
}

function accessKey(
  values: CredentialReportValues,
  subject: Subject,
  slot: AccessKeySlot,
  known: KnownAccessKey | undefined,
): CredentialObservation | null {
  const column = (suffix: string): CredentialReportColumn => `access_key_${slot}_${suffix}` as CredentialReportColumn;
  const active = reportFlag(values, column('active'));
  const lastRotated = reportTime(values, column('last_rotated'));
  if (!active && lastRotated === null) return null;
  const slotName = `access_key_${slot}`;
  const lastUsed = reportTime(values, column('last_used_date'));
  // A key cannot be changed once created: `last_rotated` is the creation time of the key in the slot.
  const createdAt = known?.createdAt ?? lastRotated;
  return {
    kind: 'credential',
    credentialKind: 'ACCESS_KEY',
    externalId: known?.accessKeyId ?? `${subject.accountId}/${subject.user}/${slotName}`,
    name: known ? `${subject.user} ${known.accessKeyId}` : `${subject.user} ${slotName}`,
    algorithm: null,
    environment: subject.environment,
    status: active ? 'ACTIVE' : 'INACTIVE',
    createdAt,
    lastRotatedAt: lastRotated ?? createdAt,
    expiresAt: null,
    // No deactivation date in the report: an inactive key was usable at least until its last use.
    deactivatedAt: active ? null : lastUsed,
    lastUsedAt: lastUsed,
    // `last_used_date` is N/A for a key never used: the report observes use of every access key.
    useObserved: true,
    owner: owner(subject),
    ageFromFirstSeen: createdAt === null,
    attributes: {
      ...subjectAttributes(values, subject, slotName),
      accessKeyId: known?.accessKeyId ?? null,
      lastUsedRegion: reportText(values, column('last_used_region')),
      lastUsedService: reportText(values, column('last_used_service')),
    },
  };
}

function certificate(values: CredentialReportValues, subject: Subject, slot: AccessKeySlot): CredentialObservation | null {
  const active = reportFlag(values, `cert_${slot}_active`);
  const lastRotated = reportTime(values, `cert_${slot}_last_rotated`);
  if (!active && lastRotated === null) return null;
  const slotName = `cert_${slot}`;
  return {
    kind: 'credential',
    credentialKind: 'CERTIFICATE',
    externalId: `${subject.accountId}/${subject.user}/${slotName}`,
    name: `${subject.user} ${slotName}`,
    algorithm: null,
    environment: subject.environment,
    status: active ? 'ACTIVE' : 'INACTIVE',
    createdAt: lastRotated,
    lastRotatedAt: lastRotated,
    // The report does not carry the certificate's validity period, nor any date it was deactivated.
    expiresAt: null,
    deactivatedAt: null,
    lastUsedAt: null,
    // The report has no last-used column for signing certificates.
    useObserved: false,
    owner: owner(subject),
    ageFromFirstSeen: lastRotated === null,
    attributes: subjectAttributes(values, subject, slotName),
  };
}

/** An IAM SSH public key (CodeCommit): IAM records its upload, not its use. */
function sshKey(values: CredentialReportValues, subject: Subject, key: KnownSshKey): CredentialObservation {
  return {
    kind: 'credential',
    credentialKind: 'SSH_KEY',
    externalId: key.sshPublicKeyId,
    name: `${subject.user} ${key.sshPublicKeyId}`,
    algorithm: null,
    environment: subject.environment,
    status: key.active ? 'ACTIVE' : 'INACTIVE',
    createdAt: key.uploadedAt,
    lastRotatedAt: key.uploadedAt,
    expiresAt: null,
    deactivatedAt: null,
    lastUsedAt: null,
    useObserved: false,
    owner: owner(subject),
    ageFromFirstSeen: key.uploadedAt === null,
    attributes: { ...subjectAttributes(values, subject, 'ssh_public_key'), sshPublicKeyId: key.sshPublicKeyId },
  };
}

function owner(subject: Subject): string {
  return subject.isRoot ? subject.arn : subject.user;
}

function subjectAttributes(values: CredentialReportValues, subject: Subject, slot: string): CredentialObservation['attributes'] {
  return {
    accountId: subject.accountId,
    arn: subject.arn,
    userName: subject.user,
    rootAccount: subject.isRoot,
    slot,
    mfaActive: reportFlag(values, 'mfa_active'),
  };
}
