import fc from 'fast-check';
import { addDays, isoDayOf, dayNumberOf } from '../model/date.util.js';
import { CREDENTIAL_KINDS, DATA_SOURCE_CATEGORIES, ENVIRONMENTS, type ScoreDomain } from '../model/enums.js';
import type { PostureInput } from '../model/posture-input.model.js';
import { aCredential, aDataSource, anAccount, anEntitlement, anIdentity, aPostureInput, aRollup, aTeam } from '../testing/posture-input.builder.js';
import { assessPosture } from './assess-posture.js';
import type { PostureScore } from './score.model.js';

const asOf = new Date('2025-07-01T00:00:00Z');
const asOfDay = dayNumberOf(asOf);

const credentialArb = fc.record({
  kind: fc.constantFrom(...CREDENTIAL_KINDS),
  environment: fc.constantFrom(...ENVIRONMENTS),
  ageDays: fc.integer({ min: 0, max: 4000 }),
  lastUsedDaysAgo: fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }),
  owner: fc.option(fc.nat(9), { nil: null }),
  team: fc.boolean(),
  active: fc.boolean(),
});
const identityArb = fc.record({
  terminatedDaysAgo: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
  activeAccount: fc.boolean(),
  production: fc.boolean(),
  workCountry: fc.constantFrom('KR', 'VN', null),
});
const rollupArb = fc.record({
  principal: fc.nat(9),
  daysAgo: fc.integer({ min: 0, max: 60 }),
  country: fc.constantFrom('KR', 'VN', 'internal', null),
  bytes: fc.integer({ min: 0, max: 3e9 }),
});
const sourceArb = fc.record({ category: fc.constantFrom(...DATA_SOURCE_CATEGORIES), hoursSince: fc.integer({ min: 0, max: 500 }) });

const postureArb = fc
  .record({
    credentials: fc.array(credentialArb, { minLength: 1, maxLength: 12 }),
    identities: fc.array(identityArb, { minLength: 10, maxLength: 10 }),
    rollups: fc.array(rollupArb, { maxLength: 30 }),
    sources: fc.array(sourceArb, { minLength: 1, maxLength: 5 }),
  })
  .map(({ credentials, identities, rollups, sources }): PostureInput =>
    aPostureInput({
      organisation: { ...aPostureInput().organisation, approvedCountries: ['KR'] },
      teams: [aTeam({ id: 'team' })],
      identities: identities.map((identity, i) =>
        anIdentity({
          id: `p${i}`,
          email: `p${i}@example.com`,
          workCountry: identity.workCountry,
          ...(identity.terminatedDaysAgo === null ? {} : { status: 'TERMINATED' as const, terminationDate: addDays(asOf, -identity.terminatedDaysAgo) }),
        }),
      ),
      accounts: identities.map((identity, i) => anAccount({ id: `a${i}`, identityId: `p${i}`, status: identity.activeAccount ? 'ACTIVE' : 'DEACTIVATED' })),
      entitlements: identities.flatMap((identity, i) => (identity.production ? [anEntitlement({ id: `e${i}`, accountId: `a${i}`, production: true })] : [])),
      credentials: credentials.map((credential, i) =>
        aCredential({
          id: `c${i}`,
          externalId: `key${i}`,
          kind: credential.kind,
          environment: credential.environment,
          createdAt: addDays(asOf, -credential.ageDays),
          lastUsedAt: credential.lastUsedDaysAgo === null ? null : addDays(asOf, -Math.min(credential.lastUsedDaysAgo, credential.ageDays)),
          ownerIdentityId: credential.owner === null ? null : `p${credential.owner}`,
          teamId: credential.team ? 'team' : null,
          status: credential.active ? 'ACTIVE' : 'INACTIVE',
        }),
      ),
      activity: {
        rollups: rollups.map((rollup) =>
          aRollup({ day: isoDayOf(asOfDay - rollup.daysAgo), principal: `p${rollup.principal}@example.com`, country: rollup.country, bytes: rollup.bytes }),
        ),
        samples: [],
      },
      dataSources: sources.map((source, i) => aDataSource({ id: `s${i}`, category: source.category, lastSuccessfulRunAt: addDays(asOf, -source.hoursSince / 24) })),
    }),
  );

const scoreOf = (input: PostureInput): PostureScore => assessPosture(input, asOf).score;
const domainScore = (score: PostureScore, domain: ScoreDomain): number | null => score.domains.find((entry) => entry.domain === domain)?.score ?? null;
const measuredSet = (score: PostureScore): string => score.domains.filter((domain) => domain.measured).map((domain) => domain.domain).join(',');

/** `after <= before` for a domain, and for the overall score when the same domains are measured. */
const expectNotRaised = (before: PostureScore, after: PostureScore, domain: ScoreDomain, withOverall: boolean): void => {
  const [b, a] = [domainScore(before, domain), domainScore(after, domain)];
  if (b !== null && a !== null) expect(a).toBeLessThanOrEqual(b);
  if (withOverall && measuredSet(before) === measuredSet(after) && before.overall.score !== null) {
    expect(after.overall.score).toBeLessThanOrEqual(before.overall.score);
  }
};

const withCredential = (input: PostureInput, i: number, change: Partial<PostureInput['credentials'][number]>): PostureInput => ({
  ...input,
  credentials: input.credentials.map((credential, j) => (j === i ? { ...credential, ...change } : credential)),
});

describe('posture score properties', () => {
  it('keeps every domain and the overall score within 0..100, or not measured (null)', () => {
    fc.assert(
      fc.property(postureArb, (input) => {
        const score = scoreOf(input);
        for (const value of [score.overall.score, ...score.domains.map((domain) => domain.score)]) {
          if (value !== null) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(100);
          }
        }
        for (const domain of score.domains) expect(domain.score === null).toBe(!domain.measured);
      }),
      { numRuns: 150 },
    );
  });

  it('never raises a score when a credential falls overdue', () => {
    fc.assert(
      fc.property(postureArb, fc.nat(), (input, pick) => {
        const i = pick % input.credentials.length;
        const broken = withCredential(input, i, { createdAt: addDays(asOf, -5000), lastRotatedAt: null });
        expectNotRaised(scoreOf(input), scoreOf(broken), 'KEY_MANAGEMENT', true);
      }),
      { numRuns: 150 },
    );
  });

  it('never lowers a score when a credential is rotated', () => {
    fc.assert(
      fc.property(postureArb, fc.nat(), (input, pick) => {
        const i = pick % input.credentials.length;
        const fixed = withCredential(input, i, { lastRotatedAt: addDays(asOf, -1) });
        expectNotRaised(scoreOf(fixed), scoreOf(input), 'KEY_MANAGEMENT', true);
      }),
      { numRuns: 150 },
    );
  });

  it('never raises access governance when someone leaves with access left, nor lowers it when they are deprovisioned', () => {
    fc.assert(
      fc.property(postureArb, fc.nat(9), (input, i) => {
        const id = `p${i}`;
        // someone still employed leaves (moving an existing departure date is not "adding a violation")
        if (input.identities.find((identity) => identity.id === id)?.terminationDate !== null) return;
        const left: PostureInput = {
          ...input,
          identities: input.identities.map((identity) => (identity.id === id ? { ...identity, status: 'TERMINATED', terminationDate: addDays(asOf, -10) } : identity)),
          accounts: input.accounts.map((account) => (account.identityId === id ? { ...account, status: 'ACTIVE', deactivatedAt: null } : account)),
        };
        const deprovisioned: PostureInput = {
          ...left,
          accounts: left.accounts.map((account) => (account.identityId === id ? { ...account, status: 'DEACTIVATED', deactivatedAt: addDays(asOf, -9) } : account)),
          credentials: left.credentials.map((credential) => (credential.ownerIdentityId === id ? { ...credential, status: 'REVOKED', deactivatedAt: addDays(asOf, -9) } : credential)),
        };
        expectNotRaised(scoreOf(input), scoreOf(left), 'ACCESS_GOVERNANCE', false);
        expectNotRaised(scoreOf(deprovisioned), scoreOf(left), 'ACCESS_GOVERNANCE', false);
      }),
      { numRuns: 150 },
    );
  });

  it('never raises a score when activity moves from an approved country to an unapproved one', () => {
    fc.assert(
      fc.property(postureArb, fc.nat(), (input, pick) => {
        const rollups = input.activity.rollups;
        const i = rollups.findIndex((rollup, j) => j >= pick % Math.max(rollups.length, 1) && rollup.country === 'KR');
        if (i < 0) return;
        const abroad: PostureInput = { ...input, activity: { ...input.activity, rollups: rollups.map((rollup, j) => (j === i ? { ...rollup, country: 'VN' } : rollup)) } };
        const [before, after] = [scoreOf(input), scoreOf(abroad)];
        expectNotRaised(before, after, 'CROSS_BORDER_ACCESS', true);
        expectNotRaised(before, after, 'DETECTION', false);
      }),
      { numRuns: 150 },
    );
  });

  it('never raises detection when a source goes stale, nor lowers it when it delivers again', () => {
    fc.assert(
      fc.property(postureArb, fc.nat(), (input, pick) => {
        const i = pick % input.dataSources.length;
        const at = (date: Date): PostureInput => ({ ...input, dataSources: input.dataSources.map((source, j) => (j === i ? { ...source, lastSuccessfulRunAt: date } : source)) });
        const [stale, fresh] = [at(addDays(asOf, -30)), at(addDays(asOf, -0.01))];
        expectNotRaised(scoreOf(input), scoreOf(stale), 'DETECTION', true);
        expectNotRaised(scoreOf(fresh), scoreOf(input), 'DETECTION', true);
      }),
      { numRuns: 150 },
    );
  });
});
