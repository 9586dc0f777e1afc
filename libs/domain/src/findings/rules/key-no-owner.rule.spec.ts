import { DEFAULT_FINDING_SETTINGS } from '../finding-settings.js';
import { aCredential, anIdentity, aPostureInput, aTeam } from '../../testing/posture-input.builder.js';
import { keyNoOwnerRule } from './key-no-owner.rule.js';

const asOf = new Date('2025-07-01T00:00:00Z');

describe('KEY_NO_OWNER', () => {
  it('reports active credentials with neither a known owner nor a known team, by tier', () => {
    const input = aPostureInput({
      teams: [aTeam({ id: 'auth' })],
      identities: [anIdentity({ id: 'alice' })],
      credentials: [
        aCredential({ id: 'orphan-signing', kind: 'SIGNING_KEY' }),
        aCredential({ id: 'dangling-owner', ownerIdentityId: 'nobody' }),
        aCredential({ id: 'test-orphan', environment: 'TEST' }),
        aCredential({ id: 'team-owned', teamId: 'auth' }),
        aCredential({ id: 'person-owned', ownerIdentityId: 'alice' }),
        aCredential({ id: 'revoked-orphan', status: 'REVOKED' }),
      ],
    });
    const findings = keyNoOwnerRule.evaluate(input, asOf, DEFAULT_FINDING_SETTINGS);
    expect(findings.map((finding) => [finding.subject.id, finding.severity])).toEqual([
      ['orphan-signing', 'HIGH'],
      ['dangling-owner', 'MEDIUM'],
      ['test-orphan', 'LOW'],
    ]);
  });
});
