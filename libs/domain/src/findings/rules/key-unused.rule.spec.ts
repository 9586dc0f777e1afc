import { DEFAULT_FINDING_SETTINGS } from '../finding-settings.js';
import { aCredential, aPostureInput, aRollup } from '../../testing/posture-input.builder.js';
import { keyUnusedRule } from './key-unused.rule.js';

const asOf = new Date('2025-07-01T00:00:00Z');

describe('KEY_UNUSED', () => {
  it('reports an active key never used for 45+ days since creation', () => {
    // 2025-05-01 → 2025-07-01 = 61 days >= 45; production access key is TIER_2 → MEDIUM
    const [finding] = keyUnusedRule.evaluate(
      aPostureInput({ credentials: [aCredential({ id: 'k', createdAt: new Date('2025-05-01T00:00:00Z') })] }),
      asOf,
      DEFAULT_FINDING_SETTINGS,
    );
    expect(finding).toMatchObject({
      severity: 'MEDIUM',
      title: 'Access key k has never been used (since May 1, 2025)',
      evidence: [{ data: { neverUsed: true, idleSince: '2025-05-01T00:00:00.000Z' } }],
    });
  });

  it('never calls a credential unused when its source does not report use (KMS, Vault, JWKS): use not observed', () => {
    const old = new Date('2020-01-01T00:00:00Z');
    const input = aPostureInput({
      credentials: [
        aCredential({ id: 'kms', kind: 'KMS_KEY', createdAt: old, useObserved: false }),
        aCredential({ id: 'vault', kind: 'SECRET', createdAt: old, useObserved: false }),
        aCredential({ id: 'iam', kind: 'ACCESS_KEY', createdAt: old, useObserved: true }),
      ],
    });
    expect(keyUnusedRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS).map((finding) => finding.subject.id)).toEqual(['iam']);
  });

  it('counts a day as a use when any of its rollups has events, not a day of zero-event rollups only', () => {
    const rollup = (day: string, events: number) => aRollup({ day, principal: 'svc', credentialExternalId: 'AKIAK', events });
    const findings = keyUnusedRule.evaluate(
      aPostureInput({
        credentials: [aCredential({ id: 'k', externalId: 'AKIAK', createdAt: new Date('2025-01-01T00:00:00Z') })],
        // 2025-04-01 used (the second rollup); 2025-06-20 seen without events.
        activity: { rollups: [rollup('2025-04-01', 0), rollup('2025-04-01', 3), rollup('2025-06-20', 0), rollup('2025-06-20', 0)], samples: [] },
      }),
      asOf,
      DEFAULT_FINDING_SETTINGS,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.evidence[0]).toMatchObject({ data: { lastUsedAt: '2025-04-01T00:00:00.000Z' } });
  });

  it('does not report a key created less than 45 days ago or used recently', () => {
    const findings = keyUnusedRule.evaluate(
      aPostureInput({
        credentials: [
          aCredential({ id: 'new', createdAt: new Date('2025-06-01T00:00:00Z') }),
          aCredential({ id: 'used', createdAt: new Date('2024-01-01T00:00:00Z'), lastUsedAt: new Date('2025-06-20T00:00:00Z') }),
        ],
      }),
      asOf,
      DEFAULT_FINDING_SETTINGS,
    );
    expect(findings).toEqual([]);
  });

  it('counts a use seen in activity rollups even when the inventory has none', () => {
    const input = aPostureInput({
      credentials: [aCredential({ id: 'k', externalId: 'AKIA1', createdAt: new Date('2024-01-01T00:00:00Z') })],
      activity: { rollups: [aRollup({ day: '2025-06-25', principal: 'svc', credentialExternalId: 'AKIA1' })], samples: [] },
    });
    expect(keyUnusedRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS)).toEqual([]);
  });

  it('makes a production key unused for a year HIGH and a test key LOW', () => {
    const findings = keyUnusedRule.evaluate(
      aPostureInput({
        credentials: [
          aCredential({ id: 'prod', createdAt: new Date('2023-01-01T00:00:00Z'), lastUsedAt: new Date('2024-06-01T00:00:00Z') }),
          aCredential({ id: 'test', environment: 'TEST', createdAt: new Date('2023-01-01T00:00:00Z'), lastUsedAt: new Date('2024-06-01T00:00:00Z') }),
        ],
      }),
      asOf,
      DEFAULT_FINDING_SETTINGS,
    );
    // 2024-06-01 → 2025-07-01 = 395 days >= 365
    expect(findings.map((finding) => [finding.subject.id, finding.severity, finding.title, finding.evidence[0]?.data['lastUsedAt']])).toEqual([
      ['prod', 'HIGH', 'Access key prod has not been used since Jun 1, 2024', '2024-06-01T00:00:00.000Z'],
      ['test', 'LOW', 'Access key test has not been used since Jun 1, 2024', '2024-06-01T00:00:00.000Z'],
    ]);
  });

  it('leaves signing keys and certificates alone: their use is not observed', () => {
    const findings = keyUnusedRule.evaluate(
      aPostureInput({ credentials: [aCredential({ id: 'jwks', kind: 'SIGNING_KEY', createdAt: new Date('2020-01-01T00:00:00Z') })] }),
      asOf,
      DEFAULT_FINDING_SETTINGS,
    );
    expect(findings).toEqual([]);
  });
});
