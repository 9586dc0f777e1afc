import { createRotationPolicyResolver, defaultRotationPolicy, type RotationPolicyOverride } from './rotation-policy.js';

const override = (values: Partial<RotationPolicyOverride> & Pick<RotationPolicyOverride, 'kind' | 'maxAgeDays'>): RotationPolicyOverride => ({
  teamId: null,
  environment: null,
  warningDays: 7,
  graceDays: 0,
  reason: null,
  ...values,
});

describe('defaultRotationPolicy', () => {
  it('gives production access keys the CIS 90-day period', () => {
    expect(defaultRotationPolicy('ACCESS_KEY', 'PRODUCTION')).toMatchObject({ maxAgeDays: 90, warningDays: 14, graceDays: 0, origin: 'DEFAULT' });
    expect(defaultRotationPolicy('ACCESS_KEY', 'PRODUCTION').reference).toContain('CIS AWS Foundations');
  });

  it('caps production token-signing keys at one year and relaxes them to two outside production', () => {
    expect(defaultRotationPolicy('SIGNING_KEY', 'PRODUCTION').maxAgeDays).toBe(365);
    expect(defaultRotationPolicy('SIGNING_KEY', 'TEST').maxAgeDays).toBe(730);
  });

  it('treats an UNKNOWN environment as production', () => {
    expect(defaultRotationPolicy('SECRET', 'UNKNOWN')).toMatchObject({ maxAgeDays: 90 });
    expect(defaultRotationPolicy('SECRET', 'DEVELOPMENT')).toMatchObject({ maxAgeDays: 180 });
  });
});

describe('createRotationPolicyResolver', () => {
  const resolve = createRotationPolicyResolver([
    override({ kind: 'ACCESS_KEY', maxAgeDays: 60 }),
    override({ kind: 'ACCESS_KEY', environment: 'TEST', maxAgeDays: 120 }),
    override({ kind: 'ACCESS_KEY', teamId: 'payments', maxAgeDays: 30, reason: 'PCI scope' }),
    override({ kind: 'ACCESS_KEY', teamId: 'payments', environment: 'TEST', maxAgeDays: 45 }),
  ]);

  it('falls back to the default when no override matches', () => {
    expect(resolve('KMS_KEY', 'PRODUCTION', 'payments')).toMatchObject({ maxAgeDays: 365, origin: 'DEFAULT' });
  });

  it('applies an organisation override for every environment, and its environment-specific one where given', () => {
    expect(resolve('ACCESS_KEY', 'PRODUCTION', null)).toMatchObject({ maxAgeDays: 60, origin: 'ORGANISATION' });
    expect(resolve('ACCESS_KEY', 'TEST', 'platform')).toMatchObject({ maxAgeDays: 120, origin: 'ORGANISATION' });
  });

  it('lets the team override win over the organisation, most specific first', () => {
    expect(resolve('ACCESS_KEY', 'PRODUCTION', 'payments')).toMatchObject({ maxAgeDays: 30, origin: 'TEAM', reference: 'PCI scope' });
    expect(resolve('ACCESS_KEY', 'TEST', 'payments')).toMatchObject({ maxAgeDays: 45, origin: 'TEAM' });
  });
});
