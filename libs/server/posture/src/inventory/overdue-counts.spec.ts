import fc from 'fast-check';
import { computeRotationSla, createRotationPolicyResolver, CREDENTIAL_KINDS, ENVIRONMENTS, isCredentialActiveAt, type Credential } from '@postureboard/domain';
import type { CredentialSlaInput } from '@postureboard/server-database';
import { overdueCounts } from './overdue-counts.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);
const resolve = createRotationPolicyResolver([
  { teamId: 'team-a', kind: 'ACCESS_KEY', environment: null, maxAgeDays: 30, warningDays: 7, graceDays: 3, reason: null },
]);

const optionalDay = fc.option(fc.integer({ min: -800, max: 300 }).map((d) => new Date(T0 + d * DAY + 3_600_000)), { nil: null });
const input = fc.record({
  id: fc.uuid(),
  kind: fc.constantFrom(...CREDENTIAL_KINDS),
  environment: fc.constantFrom(...ENVIRONMENTS),
  status: fc.constantFrom('ACTIVE' as const, 'INACTIVE' as const, 'REVOKED' as const),
  effectiveTeamId: fc.constantFrom(null, 'team-a'),
  createdAt: optionalDay,
  lastRotatedAt: optionalDay,
  firstSeenAt: fc.integer({ min: -800, max: 300 }).map((d) => new Date(T0 + d * DAY)),
  expiresAt: optionalDay,
  deactivatedAt: optionalDay,
}) satisfies fc.Arbitrary<CredentialSlaInput>;

/** The obvious way: ask the domain at every instant. */
const bruteForce = (inputs: readonly CredentialSlaInput[], instants: readonly Date[]): number[] =>
  instants.map(
    (at) =>
      inputs.filter((i) => {
        const credential: Credential = { ...i, name: '', algorithm: null, lastUsedAt: null, useObserved: false, ownerIdentityId: null, teamId: i.effectiveTeamId, source: '', externalId: '', signedByCredentialId: null };
        return isCredentialActiveAt(credential, at) && computeRotationSla(credential, resolve(i.kind, i.environment, i.effectiveTeamId), at).status === 'OVERDUE';
      }).length,
  );

describe('overdueCounts', () => {
  it('counts exactly what the domain says at every instant, whatever the dates', () => {
    fc.assert(
      fc.property(fc.array(input, { maxLength: 30 }), fc.integer({ min: 1, max: 30 }), (inputs, weeks) => {
        const instants = Array.from({ length: weeks }, (_, w) => new Date(T0 + w * 7 * DAY - 1));
        expect(overdueCounts(inputs, resolve, instants)).toEqual(bruteForce(inputs, instants));
      }),
      { numRuns: 300 },
    );
  });

  it('counts a key overdue from the week it passes max age + grace until it is rotated', () => {
    // Team policy 30 + 3 grace: created day 0, overdue once more than 33 whole days old; rotated on day 50.
    const key: CredentialSlaInput = {
      id: 'k',
      kind: 'ACCESS_KEY',
      environment: 'PRODUCTION',
      status: 'ACTIVE',
      effectiveTeamId: 'team-a',
      createdAt: new Date(T0),
      lastRotatedAt: new Date(T0 + 50 * DAY),
      firstSeenAt: new Date(T0),
      expiresAt: null,
      deactivatedAt: null,
    };
    const instants = [28, 35, 42, 49, 56].map((d) => new Date(T0 + d * DAY));
    // Day 28 and 35: 28, 35 days old (35 > 33: overdue); 42, 49: overdue; 56: 6 days since the rotation.
    expect(overdueCounts([key], resolve, instants)).toEqual([0, 1, 1, 1, 0]);
  });

  it('returns nothing for no instants', () => {
    expect(overdueCounts([], resolve, [])).toEqual([]);
  });
});
