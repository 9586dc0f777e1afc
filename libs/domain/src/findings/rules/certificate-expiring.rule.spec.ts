import fc from 'fast-check';
import { addDays } from '../../model/date.util.js';
import { aCredential, aPostureInput } from '../../testing/posture-input.builder.js';
import { DEFAULT_FINDING_SETTINGS, resolveFindingSettings } from '../finding-settings.js';
import { certificateExpiringRule } from './certificate-expiring.rule.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const certificate = (id: string, expiresAt: Date, overrides: Partial<Parameters<typeof aCredential>[0]> = {}) =>
  aCredential({ id, kind: 'CERTIFICATE', createdAt: new Date('2025-01-01T00:00:00Z'), expiresAt, useObserved: false, ...overrides });

describe('CERTIFICATE_EXPIRING', () => {
  it('warns on a production leaf expiring within 30 days, HIGH within 7, and names the expiry date', () => {
    const input = aPostureInput({
      credentials: [
        certificate('api', new Date('2025-07-20T00:00:00Z')), // 19 days left → MEDIUM
        certificate('login', new Date('2025-07-05T00:00:00Z')), // 4 days left → HIGH
        certificate('dev', new Date('2025-07-10T00:00:00Z'), { environment: 'DEVELOPMENT' }), // TIER_3 → LOW
        certificate('later', new Date('2025-08-15T00:00:00Z')), // 45 days left: nothing
      ],
    });
    const findings = certificateExpiringRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS);
    expect(findings.map((finding) => [finding.subject.id, finding.severity, finding.title])).toEqual([
      ['api', 'MEDIUM', 'Certificate api expires on Jul 20, 2025'],
      ['login', 'HIGH', 'Certificate login expires on Jul 5, 2025'],
      ['dev', 'LOW', 'Certificate dev expires on Jul 10, 2025'],
    ]);
  });

  it('ignores CA certificates (their own policy), expired certificates and other kinds', () => {
    const soon = new Date('2025-07-10T00:00:00Z');
    const input = aPostureInput({
      credentials: [
        certificate('root', soon, { kind: 'CA_CERTIFICATE' }),
        certificate('gone', new Date('2025-06-30T00:00:00Z')),
        aCredential({ id: 'token', kind: 'API_TOKEN', expiresAt: soon }),
      ],
    });
    expect(certificateExpiringRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS)).toEqual([]);
  });

  it('takes N from the settings', () => {
    const input = aPostureInput({ credentials: [certificate('api', new Date('2025-08-15T00:00:00Z'))] });
    expect(certificateExpiringRule.evaluate(input, asOf, resolveFindingSettings({ certificateExpiry: { withinDays: 60 } }))).toHaveLength(1);
  });

  it('fires on exactly the N days before the end of validity, on any replayed day (property)', () => {
    const start = new Date('2024-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 90 }), (validDays, day, withinDays) => {
        const input = aPostureInput({ credentials: [certificate('c', addDays(start, validDays), { createdAt: start })] });
        const fired = certificateExpiringRule.evaluate(input, addDays(start, day), resolveFindingSettings({ certificateExpiry: { withinDays } })).length > 0;
        expect(fired).toBe(day < validDays && validDays - day < withinDays);
      }),
    );
  });
});
