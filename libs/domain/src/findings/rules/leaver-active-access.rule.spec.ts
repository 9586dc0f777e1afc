import { DEFAULT_FINDING_SETTINGS } from '../finding-settings.js';
import { aCredential, anAccount, anEntitlement, anIdentity, aPostureInput, aRollup, aSample } from '../../testing/posture-input.builder.js';
import { leaverActiveAccessRule } from './leaver-active-access.rule.js';
import { leaverResidualAccountRule } from './leaver-residual-account.rule.js';
import { evaluateFindings } from '../evaluate-findings.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const terminated = { status: 'TERMINATED' as const, terminationDate: new Date('2025-06-01T00:00:00Z') };
const evaluate = (input: ReturnType<typeof aPostureInput>, at = asOf) => leaverActiveAccessRule.evaluate(input, at, DEFAULT_FINDING_SETTINGS);

describe('LEAVER_ACTIVE_ACCESS', () => {
  it('is CRITICAL when a leaver’s key is used after termination, with exposure days and every use as evidence', () => {
    const input = aPostureInput({
      identities: [anIdentity({ id: 'kim', displayName: 'Kim', teamId: 'auth', ...terminated })],
      accounts: [anAccount({ id: 'kim-aws', identityId: 'kim', userName: 'kim' })],
      credentials: [aCredential({ id: 'kim-key', externalId: 'AKIAKIM', ownerIdentityId: 'kim', source: 'aws-iam-credential-report' })],
      activity: {
        rollups: [
          aRollup({ day: '2025-06-01', principal: 'kim', credentialExternalId: 'AKIAKIM', bytes: 10 }),
          aRollup({ day: '2025-06-24', principal: 'kim', credentialExternalId: 'AKIAKIM', country: 'CN', events: 40, bytes: 3e9 }),
          aRollup({ day: '2025-06-25', principal: 'kim', credentialExternalId: 'AKIAKIM', country: 'CN', events: 60, bytes: 4e9 }),
          aRollup({ day: '2025-07-02', principal: 'kim', credentialExternalId: 'AKIAKIM', country: 'CN', events: 1, bytes: 1 }),
        ],
        samples: [aSample({ eventId: 'e1', occurredAt: new Date('2025-06-24T03:00:00Z'), principal: 'kim', credentialExternalId: 'AKIAKIM', sourceIp: '203.0.113.9', country: 'CN' })],
      },
    });
    const [finding] = evaluate(input);
    expect(finding).toMatchObject({ severity: 'CRITICAL', ownerTeamId: 'auth', subject: { type: 'IDENTITY', id: 'kim', externalId: 'kim@example.com' } });
    // exposure 2025-06-01 → 2025-07-01 = 30 days; the termination day itself and 07-02 (after asOf) are not uses after departure
    expect(finding?.evidence[0]).toMatchObject({
      source: 'hr',
      type: 'departure',
      summary: 'departed 2025-06-01 per HR',
      data: { departedAt: '2025-06-01T00:00:00.000Z', daysWithUseAfterDeparture: 2, eventsAfterDeparture: 100, bytesAfterDeparture: 7e9 },
    });
    const types = finding?.evidence.map((record) => [record.type, record.source]);
    expect(types).toEqual([
      ['departure', 'hr'],
      ['active-account', 'aws'],
      ['active-credential', 'aws-iam-credential-report'],
      ['use-after-departure', 'cloudtrail'],
      ['use-after-departure', 'cloudtrail'],
      ['event', 'cloudtrail'],
    ]);
  });

  it('does not count refused attempts after departure as use: not CRITICAL, listed apart as refused-attempt evidence', () => {
    // Refused sign-ins never reach the rollups (the ingest rolls up only successful events); the samples keep them.
    const refused = (n: number) =>
      aSample({ eventId: `r${n}`, occurredAt: new Date(`2025-06-2${n}T03:00:00Z`), principal: 'kim', action: 'signIn', sourceIp: '203.0.113.9', country: 'CN', source: 'entra', success: false });
    const input = aPostureInput({
      identities: [anIdentity({ id: 'kim', ...terminated })],
      accounts: [anAccount({ id: 'kim-idp', identityId: 'kim', userName: 'kim', system: 'entra' })],
      activity: { rollups: [aRollup({ day: '2025-05-30', principal: 'kim', events: 10 })], samples: [refused(1), refused(2), refused(3)] },
    });
    const [finding] = evaluate(input);
    // An account still active for 30 days: HIGH by exposure, not CRITICAL by use.
    expect(finding).toMatchObject({ severity: 'HIGH', title: expect.not.stringContaining('used') });
    expect(finding?.evidence[0]?.data).toMatchObject({ daysWithUseAfterDeparture: 0, eventsAfterDeparture: 0, refusedAttemptsSampled: 3 });
    expect(finding?.evidence.map((record) => record.type)).toEqual(['departure', 'active-account', 'refused-attempt', 'refused-attempt', 'refused-attempt']);
    expect(finding?.evidence[2]).toMatchObject({ source: 'entra', summary: 'signIn refused at 2025-06-21T03:00:00.000Z from 203.0.113.9 (CN)' });
  });

  it('is CRITICAL when the inventory reports a last use after departure, even with no event log, and not on a day before it', () => {
    const input = aPostureInput({
      identities: [anIdentity({ id: 'kang', ...terminated })],
      credentials: [aCredential({ id: 'kang-key', ownerIdentityId: 'kang', lastUsedAt: new Date('2025-06-20T08:00:00Z') })],
    });
    expect(evaluate(input)[0]).toMatchObject({ severity: 'CRITICAL', title: expect.stringContaining('used since') });
    expect(evaluate(input)[0]?.evidence.at(-1)).toMatchObject({ type: 'last-use-after-departure', data: { lastUsedAt: '2025-06-20T08:00:00.000Z' } });
    // On 2025-06-10 that use had not happened yet: an active key, HIGH.
    expect(evaluate(input, new Date('2025-06-10T00:00:00Z'))[0]?.severity).toBe('HIGH');
  });

  it('treats an IdP deactivation as a departure while another account is still active', () => {
    const input = aPostureInput({
      identities: [anIdentity({ id: 'lee' })],
      accounts: [
        anAccount({ id: 'lee-okta', identityId: 'lee', system: 'okta', identityProvider: true, status: 'DEACTIVATED', deactivatedAt: new Date('2025-06-20T00:00:00Z') }),
        anAccount({ id: 'lee-db', identityId: 'lee', system: 'postgres' }),
      ],
    });
    const [finding] = evaluate(input);
    // no credential, no sensitive entitlement, 11 days of exposure < 30 → MEDIUM
    expect(finding).toMatchObject({ severity: 'MEDIUM', evidence: [{ source: 'identity-provider', data: { via: 'IDENTITY_PROVIDER', departedAt: '2025-06-20T00:00:00.000Z' } }, { source: 'postgres' }] });
  });

  it('is HIGH for a leaver with an active production entitlement and no use', () => {
    const input = aPostureInput({
      identities: [anIdentity({ id: 'park', ...terminated })],
      accounts: [anAccount({ id: 'park-aws', identityId: 'park' })],
      entitlements: [anEntitlement({ id: 'prod-admin', accountId: 'park-aws', production: true, privileged: true })],
    });
    expect(evaluate(input)[0]).toMatchObject({ severity: 'HIGH', evidence: [{}, { data: { entitlements: 'prod-admin' } }] });
  });

  it('says nothing about a fully deprovisioned leaver', () => {
    const input = aPostureInput({
      identities: [anIdentity({ id: 'choi', ...terminated })],
      accounts: [anAccount({ id: 'choi-aws', identityId: 'choi', status: 'DEACTIVATED', deactivatedAt: new Date('2025-06-01T00:00:00Z') })],
      credentials: [aCredential({ id: 'choi-key', ownerIdentityId: 'choi', status: 'REVOKED', deactivatedAt: new Date('2025-06-01T00:00:00Z') })],
    });
    expect(evaluate(input)).toEqual([]);
  });

  it('does not count an account nobody can use as access: a LOW residual-account finding instead, not HIGH', () => {
    // An IAM user with no password and no active key or certificate, unusable since 2025-05-30 (its last use).
    const input = aPostureInput({
      identities: [anIdentity({ id: 'han', ...terminated })],
      accounts: [anAccount({ id: 'han-iam', identityId: 'han', system: 'aws-iam', status: 'SUSPENDED', deactivatedAt: new Date('2025-05-30T00:00:00Z') })],
      credentials: [aCredential({ id: 'han-key', ownerIdentityId: 'han', status: 'INACTIVE', deactivatedAt: new Date('2025-05-30T00:00:00Z') })],
      entitlements: [anEntitlement({ id: 'han-admin', accountId: 'han-iam', production: true, privileged: true })],
    });
    expect(evaluate(input)).toEqual([]);
    const residual = leaverResidualAccountRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS);
    expect(residual).toMatchObject([
      { kind: 'LEAVER_RESIDUAL_ACCOUNT', severity: 'LOW', subject: { id: 'han' }, evidence: [{ type: 'departure' }, { type: 'residual-account', data: { status: 'SUSPENDED', unusableSince: '2025-05-30T00:00:00.000Z' } }] },
    ]);
    // Unusable since 2025-05-30, before the departure: on no day after it was there access to report.
    expect(evaluate(input, new Date('2025-06-01T12:00:00Z'))).toHaveLength(0);
    expect(evaluateFindings(input, asOf).map((finding) => finding.kind)).toEqual(['LEAVER_RESIDUAL_ACCOUNT']);
  });

  it('fires once, on the usable access, with the unusable accounts as evidence lines (no second finding)', () => {
    const input = aPostureInput({
      identities: [anIdentity({ id: 'yoon', ...terminated })],
      accounts: [
        anAccount({ id: 'yoon-okta', identityId: 'yoon', system: 'okta', identityProvider: true, status: 'SUSPENDED', deactivatedAt: new Date('2025-06-02T00:00:00Z') }),
        anAccount({ id: 'yoon-github', identityId: 'yoon', system: 'github' }),
      ],
    });
    const findings = evaluateFindings(input, asOf);
    expect(findings.map((finding) => finding.kind)).toEqual(['LEAVER_ACTIVE_ACCESS']);
    expect(findings[0]?.evidence.map((record) => record.type)).toEqual(['departure', 'active-account', 'residual-account']);
  });

  it('says of a leaver’s account synced from on-premises AD that a cloud change is overwritten by the sync; of no other', () => {
    const input = aPostureInput({
      identities: [anIdentity({ id: 'seo', ...terminated })],
      accounts: [
        anAccount({ id: 'seo-entra', identityId: 'seo', system: 'entra', userName: 'seo@corp.example', onPremisesSync: true }),
        anAccount({ id: 'seo-github', identityId: 'seo', system: 'github', userName: 'seo-gh' }),
        anAccount({ id: 'seo-okta', identityId: 'seo', system: 'okta', status: 'SUSPENDED', deactivatedAt: new Date('2025-06-02T00:00:00Z'), onPremisesSync: true }),
      ],
    });
    const [finding] = evaluate(input);
    const lines = finding?.evidence.filter((record) => record.type === 'active-account' || record.type === 'residual-account');
    expect(lines?.map((record) => [record.summary, record.data['onPremisesSync']])).toEqual([
      ['entra account seo@corp.example is still ACTIVE; synced from on-premises AD: disabling it in the cloud is overwritten by the next sync, disable it on premises', true],
      ['github account seo-gh is still ACTIVE', undefined],
      ['okta account seo-okta still exists but cannot be used (SUSPENDED); synced from on-premises AD: disabling it in the cloud is overwritten by the next sync, disable it on premises', true],
    ]);
    expect(lines?.[1]?.data).not.toHaveProperty('onPremisesSync');
  });

  it('does not fire before the termination date is effective, nor for someone rehired since', () => {
    const input = aPostureInput({
      identities: [
        anIdentity({ id: 'future', status: 'TERMINATED', terminationDate: new Date('2025-08-01T00:00:00Z') }),
        anIdentity({ id: 'rehired', terminationDate: new Date('2024-01-31T00:00:00Z'), startDate: new Date('2024-09-01T00:00:00Z') }),
      ],
      accounts: [anAccount({ id: 'a1', identityId: 'future' }), anAccount({ id: 'a2', identityId: 'rehired' })],
    });
    expect(evaluate(input)).toEqual([]);
    expect(evaluate(input, new Date('2025-08-02T00:00:00Z')).map((finding) => finding.subject.id)).toEqual(['future']);
  });
});
