import { DEFAULT_FINDING_SETTINGS } from '../finding-settings.js';
import { aCredential, aPostureInput, aTeam } from '../../testing/posture-input.builder.js';
import { keyRotationOverdueRule, rotationOverdueSeverity } from './key-rotation-overdue.rule.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const evaluate = (input: ReturnType<typeof aPostureInput>) => keyRotationOverdueRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS);

describe('KEY_ROTATION_OVERDUE', () => {
  it('makes a decade-old production signing key CRITICAL, with its age and the policy as evidence', () => {
    const key = aCredential({ id: 'jwks-1', kind: 'SIGNING_KEY', source: 'jwks', createdAt: new Date('2015-07-01T00:00:00Z') });
    const signed = aCredential({ id: 'token-1', kind: 'API_TOKEN', signedByCredentialId: 'jwks-1', createdAt: new Date('2025-06-01T00:00:00Z') });
    const [finding] = evaluate(aPostureInput({ credentials: [key, signed] }));
    // 10 years incl. 3 leap days = 3653 days; 3653 - 365 = 3288 days overdue >= one whole period → CRITICAL
    expect(finding).toMatchObject({ kind: 'KEY_ROTATION_OVERDUE', severity: 'CRITICAL', domain: 'KEY_MANAGEMENT', fingerprint: 'KEY_ROTATION_OVERDUE:CREDENTIAL:jwks-1' });
    expect(finding?.title).toBe('Signing key jwks-1 has been overdue for rotation since Jun 30, 2016');
    expect(finding?.evidence[0]).toMatchObject({ source: 'jwks', data: { ageBasis: 'CREATED', ageFrom: '2015-07-01T00:00:00.000Z', noExpiry: true } });
    expect(finding?.evidence[0]?.summary).toBe('SIGNING_KEY jwks-1 (PRODUCTION), created 2015-07-01');
    expect(finding?.evidence[1]).toMatchObject({ source: 'rotation-policy', data: { maxAgeDays: 365, dueAt: '2016-06-30T00:00:00.000Z' } });
    // ages change every day; the stored evidence states dates only
    expect(finding?.evidence[0]?.data).not.toHaveProperty('ageDays');
    expect(finding?.evidence[1]?.data).not.toHaveProperty('daysOverdue');
    expect(finding?.evidence[2]).toMatchObject({ type: 'signed-tokens', data: { activeTokens: 1 } });
    // CRITICAL SLA: 7 days from detection
    expect(finding?.dueAt.toISOString()).toBe('2025-07-08T00:00:00.000Z');
  });

  it('scales severity with criticality tier and how overdue the key is', () => {
    expect(rotationOverdueSeverity('TIER_1', 30, 365)).toBe('HIGH');
    expect(rotationOverdueSeverity('TIER_1', 365, 365)).toBe('CRITICAL');
    expect(rotationOverdueSeverity('TIER_2', 10, 90)).toBe('MEDIUM');
    expect(rotationOverdueSeverity('TIER_2', 90, 90)).toBe('HIGH');
    expect(rotationOverdueSeverity('TIER_3', 10, 90)).toBe('LOW');
    expect(rotationOverdueSeverity('TIER_3', 200, 90)).toBe('MEDIUM');
  });

  it('reports a production access key a few days overdue as MEDIUM and a test key as LOW', () => {
    // created 2025-03-01: 122 days old; prod max 90 → 32 overdue (TIER_2, < 90) → MEDIUM
    // test max 90 + 7 grace → 32 overdue (TIER_3) → LOW
    const findings = evaluate(
      aPostureInput({
        credentials: [
          aCredential({ id: 'prod', createdAt: new Date('2025-03-01T00:00:00Z') }),
          aCredential({ id: 'test', environment: 'TEST', createdAt: new Date('2025-03-01T00:00:00Z') }),
        ],
      }),
    );
    expect(findings.map((finding) => [finding.subject.id, finding.severity])).toEqual([
      ['prod', 'MEDIUM'],
      ['test', 'LOW'],
    ]);
  });

  it('ignores inactive, revoked, expired and not-yet-created credentials', () => {
    const old = new Date('2020-01-01T00:00:00Z');
    const findings = evaluate(
      aPostureInput({
        credentials: [
          aCredential({ id: 'inactive', status: 'INACTIVE', createdAt: old }),
          aCredential({ id: 'revoked', status: 'REVOKED', createdAt: old, deactivatedAt: new Date('2025-01-01T00:00:00Z') }),
          aCredential({ id: 'expired', createdAt: old, expiresAt: new Date('2025-06-01T00:00:00Z') }),
          aCredential({ id: 'future', createdAt: new Date('2025-08-01T00:00:00Z') }),
        ],
      }),
    );
    expect(findings).toEqual([]);
  });

  it('sees a credential revoked after asOf as it was then: active and overdue', () => {
    const findings = evaluate(
      aPostureInput({ credentials: [aCredential({ id: 'later-revoked', status: 'REVOKED', createdAt: new Date('2024-01-01T00:00:00Z'), deactivatedAt: new Date('2025-09-01T00:00:00Z') })] }),
    );
    expect(findings.map((finding) => finding.subject.id)).toEqual(['later-revoked']);
  });

  it("applies the owning team's override", () => {
    const input = aPostureInput({
      teams: [aTeam({ id: 'payments' })],
      credentials: [aCredential({ id: 'pay-key', teamId: 'payments', createdAt: new Date('2025-05-01T00:00:00Z') })],
      rotationPolicyOverrides: [{ teamId: 'payments', kind: 'ACCESS_KEY', environment: null, maxAgeDays: 30, warningDays: 7, graceDays: 0, reason: 'PCI scope' }],
    });
    const [finding] = evaluate(input);
    // 2025-05-01 → 2025-07-01 = 61 days; 61 - 30 = 31 days overdue
    expect(finding).toMatchObject({ ownerTeamId: 'payments', evidence: [{}, { data: { maxAgeDays: 30, policyOrigin: 'TEAM', dueAt: '2025-05-31T00:00:00.000Z' } }] });
  });
});
