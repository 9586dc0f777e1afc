import { DEFAULT_FINDING_SETTINGS } from '../finding-settings.js';
import { anAccount, anApproval, anEntitlement, anIdentity, aPostureInput, aRollup } from '../../testing/posture-input.builder.js';
import { offshoreAccessRule } from './offshore-access.rule.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const organisation = { ...aPostureInput().organisation, approvedCountries: ['KR'] };

describe('OFFSHORE_ACCESS: activity', () => {
  const rollups = [
    aRollup({ day: '2025-06-10', principal: 'dev@example.com', credentialExternalId: 'AKIA1', country: 'VN', events: 5, bytes: 100 }),
    aRollup({ day: '2025-06-20', principal: 'dev@example.com', credentialExternalId: 'AKIA1', country: 'VN', events: 7, bytes: 300 }),
    aRollup({ day: '2025-06-21', principal: 'dev@example.com', credentialExternalId: 'AKIA1', country: 'KR', events: 9 }),
    aRollup({ day: '2025-06-21', principal: 'svc-batch', country: 'internal', events: 100 }),
    aRollup({ day: '2025-06-22', principal: 'svc-batch', country: null, events: 100 }),
    aRollup({ day: '2025-05-01', principal: 'old@example.com', country: 'VN', events: 1 }),
  ];

  it('reports an actor per credential and country with first/last seen and volume; internal, unknown and old activity never', () => {
    const input = aPostureInput({ organisation, identities: [anIdentity({ id: 'dev', email: 'dev@example.com', teamId: 'web' })], activity: { rollups, samples: [] } });
    const findings = offshoreAccessRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'MEDIUM',
      qualifier: 'activity',
      fingerprint: 'OFFSHORE_ACCESS:IDENTITY:dev:activity',
      ownerTeamId: 'web',
      evidence: [{ source: 'cloudtrail', data: { credentialExternalId: 'AKIA1', country: 'VN', firstSeen: '2025-06-10', lastSeen: '2025-06-20', events: 12, bytes: 400 } }],
    });
  });

  it('is HIGH for someone holding production access, and silent when a valid approval covers the country', () => {
    const base = {
      organisation,
      identities: [anIdentity({ id: 'dev', email: 'dev@example.com' })],
      accounts: [anAccount({ id: 'dev-aws', identityId: 'dev' })],
      entitlements: [anEntitlement({ id: 'prod-ro', accountId: 'dev-aws', production: true })],
      activity: { rollups, samples: [] },
    };
    expect(offshoreAccessRule.evaluate(aPostureInput(base), asOf, DEFAULT_FINDING_SETTINGS)[0]?.severity).toBe('HIGH');
    const approved = aPostureInput({ ...base, offshoreApprovals: [anApproval({ id: 'ap', identityId: 'dev', country: 'VN' })] });
    // the approval covers the activity; working from KR (approved) raises nothing else
    expect(offshoreAccessRule.evaluate(approved, asOf, DEFAULT_FINDING_SETTINGS)).toEqual([]);
  });

  it('is not evaluated when no country is approved', () => {
    const input = aPostureInput({ organisation: { ...organisation, approvedCountries: [] }, activity: { rollups, samples: [] } });
    expect(offshoreAccessRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS)).toEqual([]);
  });
});

describe('OFFSHORE_ACCESS: work country', () => {
  const offshoreDev = {
    organisation,
    identities: [anIdentity({ id: 'hub', workCountry: 'IN', employmentType: 'CONTRACTOR' })],
    accounts: [anAccount({ id: 'hub-aws', identityId: 'hub' })],
    entitlements: [anEntitlement({ id: 'prod-db', accountId: 'hub-aws', system: 'aws', production: true, privileged: true }), anEntitlement({ id: 'dev-db', accountId: 'hub-aws' })],
  };

  it('reports someone working outside the approved list with a production entitlement and no approval', () => {
    const [finding] = offshoreAccessRule.evaluate(aPostureInput(offshoreDev), asOf, DEFAULT_FINDING_SETTINGS);
    expect(finding).toMatchObject({
      severity: 'HIGH',
      qualifier: 'work-country',
      evidence: [{ type: 'work-country', data: { workCountry: 'IN' } }, { type: 'production-entitlement', data: { entitlement: 'prod-db', privileged: true } }],
    });
  });

  it('accepts a valid approval whose scope names the system, and rejects an expired one', () => {
    const valid = anApproval({ id: 'ap', identityId: 'hub', scope: 'AWS', country: 'IN', expiresAt: new Date('2025-12-31T00:00:00Z') });
    expect(offshoreAccessRule.evaluate(aPostureInput({ ...offshoreDev, offshoreApprovals: [valid] }), asOf, DEFAULT_FINDING_SETTINGS)).toEqual([]);
    const expired = { ...valid, expiresAt: new Date('2025-06-30T00:00:00Z') };
    const [finding] = offshoreAccessRule.evaluate(aPostureInput({ ...offshoreDev, offshoreApprovals: [expired] }), asOf, DEFAULT_FINDING_SETTINGS);
    expect(finding?.evidence.map((record) => record.type)).toEqual(['work-country', 'production-entitlement', 'invalid-approval']);
  });
});
