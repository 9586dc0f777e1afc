import type { AccountObservation, CollectedRecord, CredentialObservation } from '../core/observation.js';
import { CREDENTIAL_REPORT_COLUMNS } from './credential-report.columns.js';
import { parseCredentialReportRow } from './credential-report-row.parser.js';

const location = { source: 'report.csv', line: 9 };

/** A row as AWS writes it for a user with nothing but a name; `overrides` fill in the rest. */
function row(overrides: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = Object.fromEntries(CREDENTIAL_REPORT_COLUMNS.map((column) => [column, 'N/A']));
  Object.assign(values, {
    user: 'deploy-prod',
    arn: 'arn:aws:iam::111122223333:user/deploy-prod',
    user_creation_time: '2020-01-01T00:00:00+00:00',
    password_enabled: 'false',
    mfa_active: 'true',
    access_key_1_active: 'false',
    access_key_2_active: 'false',
    cert_1_active: 'false',
    cert_2_active: 'false',
  });
  return Object.assign(values, overrides);
}

function accountOf(records: CollectedRecord[]): AccountObservation | undefined {
  return records.flatMap((r) => (r.accepted && r.observation.kind === 'account' ? [r.observation] : []))[0];
}

function credentials(records: CollectedRecord[]): CredentialObservation[] {
  return records.flatMap((r) => (r.accepted && r.observation.kind === 'credential' ? [r.observation] : []));
}

describe('parseCredentialReportRow', () => {
  it('keeps an inactive key that exists as INACTIVE and skips a slot that never held a key', () => {
    const records = parseCredentialReportRow(
      row({ access_key_2_active: 'false', access_key_2_last_rotated: '2019-04-01T08:00:00Z', access_key_2_last_used_date: 'no_information' }),
      { location },
    );
    expect(credentials(records)).toEqual([
      expect.objectContaining({
        externalId: '111122223333/deploy-prod/access_key_2',
        status: 'INACTIVE',
        createdAt: new Date('2019-04-01T08:00:00Z'),
        lastUsedAt: null,
        environment: 'PRODUCTION',
        attributes: expect.objectContaining({ slot: 'access_key_2', mfaActive: true }),
      }),
    ]);
  });

  it('reports signing certificates as CERTIFICATE credentials dated by their last rotation', () => {
    const records = parseCredentialReportRow(row({ cert_1_active: 'true', cert_1_last_rotated: '2018-02-03T04:05:06Z' }), { location });
    expect(credentials(records)).toEqual([
      expect.objectContaining({
        credentialKind: 'CERTIFICATE',
        externalId: '111122223333/deploy-prod/cert_1',
        status: 'ACTIVE',
        createdAt: new Date('2018-02-03T04:05:06Z'),
        lastRotatedAt: new Date('2018-02-03T04:05:06Z'),
        expiresAt: null,
      }),
    ]);
  });

  describe('usable access (AWS IAM User Guide, credential report columns)', () => {
    it('reads a user with no password and no active key or certificate as SUSPENDED, unusable since its last recorded use', () => {
      const records = parseCredentialReportRow(
        row({
          password_enabled: 'false',
          password_last_used: '2025-05-20T08:00:00+00:00',
          access_key_1_active: 'false',
          access_key_1_last_rotated: '2024-01-10T00:00:00+00:00',
          access_key_1_last_used_date: '2025-05-30T10:00:00+00:00',
          cert_1_active: 'false',
          cert_1_last_rotated: '2023-01-01T00:00:00+00:00',
        }),
        { location },
      );
      expect(accountOf(records)).toMatchObject({ status: 'SUSPENDED', deactivatedAt: new Date('2025-05-30T10:00:00Z'), lastLoginAt: new Date('2025-05-30T10:00:00Z') });
      // the key was usable at least until its last use; the certificate's end is unknown
      expect(credentials(records)).toEqual([
        expect.objectContaining({ credentialKind: 'ACCESS_KEY', status: 'INACTIVE', deactivatedAt: new Date('2025-05-30T10:00:00Z'), useObserved: true }),
        expect.objectContaining({ credentialKind: 'CERTIFICATE', status: 'INACTIVE', deactivatedAt: null, useObserved: false }),
      ]);
    });

    it('dates a never-used unusable user from its creation', () => {
      expect(accountOf(parseCredentialReportRow(row({}), { location }))).toMatchObject({ status: 'SUSPENDED', deactivatedAt: new Date('2020-01-01T00:00:00Z') });
    });

    it.each([
      ['a console password', { password_enabled: 'true' }],
      ['an active access key (slot 2)', { access_key_2_active: 'true', access_key_2_last_rotated: '2024-01-01T00:00:00Z' }],
      ['an active signing certificate', { cert_2_active: 'true', cert_2_last_rotated: '2024-01-01T00:00:00Z' }],
      ['a garbled key flag (may be usable)', { access_key_1_active: 'maybe' }],
    ])('reads a user with %s as ACTIVE', (_what, overrides) => {
      expect(accountOf(parseCredentialReportRow(row(overrides), { location }))).toMatchObject({ status: 'ACTIVE', deactivatedAt: null });
    });

    it('keeps the root user usable: its password_enabled is not_supported, and it can always recover it', () => {
      const records = parseCredentialReportRow(row({ user: '<root_account>', arn: 'arn:aws:iam::111122223333:root', password_enabled: 'not_supported' }), { location });
      expect(accountOf(records)).toMatchObject({ status: 'ACTIVE' });
    });
  });

  it('names root keys after the account ARN as owner', () => {
    const records = parseCredentialReportRow(
      row({ user: '<root_account>', arn: 'arn:aws:iam::111122223333:root', password_enabled: 'not_supported', access_key_1_active: 'true', access_key_1_last_rotated: '2015-01-01T00:00:00Z' }),
      { location },
    );
    expect(credentials(records)[0]).toMatchObject({ owner: 'arn:aws:iam::111122223333:root', attributes: { rootAccount: true } });
  });

  it('uses a known key id as externalId and its CreateDate as creation, and the configured environment over the name', () => {
    const records = parseCredentialReportRow(row({ access_key_1_active: 'true', access_key_1_last_rotated: '2021-06-01T12:00:00Z' }), {
      location,
      environment: 'STAGING',
      accessKeys: { 1: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', createdAt: new Date('2021-06-01T12:00:00.400Z') } },
    });
    expect(credentials(records)[0]).toMatchObject({
      externalId: 'AKIAIOSFODNN7EXAMPLE',
      name: 'deploy-prod AKIAIOSFODNN7EXAMPLE',
      createdAt: new Date('2021-06-01T12:00:00.400Z'),
      lastRotatedAt: new Date('2021-06-01T12:00:00Z'),
      environment: 'STAGING',
      attributes: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
    });
  });

  it('takes an e-mail user name as the account e-mail, lower-cased', () => {
    const [record] = parseCredentialReportRow(row({ user: 'Jane.Doe@Example.com', arn: 'arn:aws:iam::111122223333:user/Jane.Doe@Example.com' }), { location });
    expect(record).toMatchObject({ accepted: true, observation: { kind: 'account', email: 'jane.doe@example.com', userName: 'Jane.Doe@Example.com' } });
  });

  it('rejects a row whose ARN is not an IAM user or root ARN', () => {
    expect(parseCredentialReportRow(row({ arn: 'arn:aws:s3:::bucket' }), { location })).toEqual([
      { accepted: false, location: { ...location, field: 'arn' }, reason: 'arn is not an IAM user or root ARN: "arn:aws:s3:::bucket"' },
    ]);
  });

  it('rejects a flag that is neither true nor false with its column, keeping the rest of the row', () => {
    const records = parseCredentialReportRow(
      row({ cert_2_active: 'yes', access_key_1_active: 'true', access_key_1_last_rotated: '2021-06-01T12:00:00Z' }),
      { location },
    );
    expect(records.map((r) => (r.accepted ? r.observation.kind : r.location.field))).toEqual(['account', 'credential', 'cert_2_active']);
    expect(records[2]).toMatchObject({ reason: 'cert_2_active must be true or false, found "yes"' });
  });
});
