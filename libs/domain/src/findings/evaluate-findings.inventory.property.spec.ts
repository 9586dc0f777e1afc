import fc from 'fast-check';
import type { ActivityRollup } from '../model/activity.model.js';
import type { Credential } from '../model/credential.model.js';
import { DAY_MS, isoDayOf, startOfDay } from '../model/date.util.js';
import { ACCOUNT_STATUSES, CREDENTIAL_KINDS, CREDENTIAL_STATUSES, ENVIRONMENTS } from '../model/enums.js';
import type { Account, Entitlement } from '../model/identity.model.js';
import type { PostureInput } from '../model/posture-input.model.js';
import type { RotationPolicyOverride } from '../rotation/rotation-policy.js';
import { aCredential, anAccount, anEntitlement, anIdentity, aPostureInput, aRollup, aTeam } from '../testing/posture-input.builder.js';
import { evaluateFindings, evaluateFindingsFrom } from './evaluate-findings.js';
import type { FindingsState } from './posture-index.js';

const FIRST_DAY = 20_400; // 2025-11-09
const at = (day: number, ms = 0): Date => new Date(startOfDay(day).getTime() + ms);

const OWNERS = ['ana', 'kim', 'gone', null] as const;
const TEAMS = ['t1', 't2', 'nowhere', null] as const;

/** A day relative to the first evaluation, with an hour within it: thresholds fall at any time of day. */
const instantArb = (minDays: number, maxDays: number) =>
  fc.tuple(fc.integer({ min: minDays, max: maxDays }), fc.constantFrom(0, 1, 3_600_000, DAY_MS - 1)).map(([day, ms]) => at(FIRST_DAY + day, ms));

const credentialSpecArb = fc.record({
  // Certificates often: their expiry window and its HIGH days are thresholds of their own.
  kind: fc.oneof(fc.constant('CERTIFICATE' as const), fc.constantFrom(...CREDENTIAL_KINDS)),
  environment: fc.constantFrom(...ENVIRONMENTS),
  createdAt: fc.option(instantArb(-900, 60)),
  firstSeenAt: instantArb(-900, 60),
  lastRotatedAt: fc.option(instantArb(-400, 200)),
  expiresAt: fc.option(fc.oneof(instantArb(-50, 120), instantArb(-50, 500))),
  lastUsedAt: fc.option(instantArb(-200, 200)),
  useObserved: fc.boolean(),
  status: fc.constantFrom(...CREDENTIAL_STATUSES),
  deactivatedAt: fc.option(instantArb(-50, 400)),
  owner: fc.constantFrom(...OWNERS),
  team: fc.constantFrom(...TEAMS),
  signedBy: fc.option(fc.nat(9)),
});
type CredentialSpec = typeof credentialSpecArb extends fc.Arbitrary<infer T> ? T : never;

const credentialOf = (id: number, spec: CredentialSpec): Credential =>
  aCredential({
    id: `c${id}`,
    externalId: `AKIA${id}`,
    kind: spec.kind,
    environment: spec.environment,
    createdAt: spec.createdAt,
    firstSeenAt: spec.firstSeenAt,
    lastRotatedAt: spec.lastRotatedAt,
    expiresAt: spec.expiresAt,
    lastUsedAt: spec.lastUsedAt,
    useObserved: spec.useObserved,
    status: spec.status,
    deactivatedAt: spec.deactivatedAt,
    ownerIdentityId: spec.owner,
    teamId: spec.team,
    signedByCredentialId: spec.signedBy === null ? null : `c${spec.signedBy}`,
  });

const overrideArb: fc.Arbitrary<RotationPolicyOverride> = fc.record({
  teamId: fc.constantFrom('t1', null),
  kind: fc.constantFrom('ACCESS_KEY', 'SIGNING_KEY', 'CERTIFICATE'),
  environment: fc.constantFrom('PRODUCTION', null),
  maxAgeDays: fc.integer({ min: 10, max: 400 }),
  warningDays: fc.integer({ min: 0, max: 9 }),
  graceDays: fc.integer({ min: 0, max: 20 }),
  reason: fc.constant(null),
});

/** An account of Ana's or Kim's (a leaver's accounts decide LEAVER_ACTIVE_ACCESS and LEAVER_RESIDUAL_ACCOUNT). */
const accountSpecArb = fc.record({
  identity: fc.constantFrom('ana', 'kim'),
  status: fc.constantFrom(...ACCOUNT_STATUSES),
  identityProvider: fc.boolean(),
  createdAt: fc.option(instantArb(-300, 30)),
  deactivatedAt: fc.option(instantArb(-20, 200)),
  lastLoginAt: fc.option(instantArb(-20, 200)),
  privileged: fc.boolean(),
});
type AccountSpec = typeof accountSpecArb extends fc.Arbitrary<infer T> ? T : never;
const accountsOf = (specs: readonly AccountSpec[]): { accounts: Account[]; entitlements: Entitlement[] } => ({
  accounts: specs.map((spec, i) =>
    anAccount({
      id: `a${i}`,
      identityId: spec.identity,
      system: spec.identityProvider ? 'okta' : 'aws',
      userName: `${spec.identity}-${i}`,
      status: spec.status,
      identityProvider: spec.identityProvider,
      createdAt: spec.createdAt,
      deactivatedAt: spec.deactivatedAt,
      lastLoginAt: spec.lastLoginAt,
    }),
  ),
  entitlements: specs.flatMap((spec, i) => (spec.privileged ? [anEntitlement({ id: `e${i}`, accountId: `a${i}`, privileged: true })] : [])),
});

/** A day of use of some credential (KEY_UNUSED reads the last day of use from activity). */
const useArb = fc.record({ credential: fc.nat(11), principal: fc.constantFrom('svc', 'kim@example.com'), back: fc.integer({ min: -5, max: 60 }) });

/** What happens between two evaluations: the date moves (often across an SLA or expiry threshold), the data may change. */
const stepArb = fc.record({
  days: fc.oneof(fc.constantFrom(0, 1, 7, 30, 45, 90, 91, 97, 180, 365, 400), fc.nat(120), fc.integer({ min: 1, max: 3 })),
  ms: fc.constantFrom(0, 1, 3_600_000, DAY_MS - 1),
  change: fc.oneof(
    fc.record({ op: fc.constant('none' as const) }),
    fc.record({ op: fc.constant('none' as const) }),
    fc.record({ op: fc.constant('replace' as const), id: fc.nat(11), spec: credentialSpecArb }),
    fc.record({ op: fc.constant('copy' as const), id: fc.nat(11) }),
    fc.record({ op: fc.constant('remove' as const), id: fc.nat(11) }),
    fc.record({ op: fc.constant('overrides' as const), overrides: fc.array(overrideArb, { maxLength: 2 }) }),
    fc.record({ op: fc.constant('use' as const), use: useArb }),
    fc.record({ op: fc.constant('identities' as const), rehired: fc.boolean() }),
    fc.record({ op: fc.constant('accounts' as const), accounts: fc.array(accountSpecArb, { maxLength: 3 }) }),
    // 'svc' becomes (or stops being) an alias of Kim's: activity is attributed anew (the index's principal cache with it).
    fc.record({ op: fc.constant('aliases' as const), svcIsKim: fc.boolean() }),
  ),
  // Some evaluations run some kinds only (a rule skipped keeps its earlier results for later).
  kindsOnly: fc.boolean(),
});

/** The world a job sees: the inventory tables as objects, replaced only where they change (as loadWith reuses them). */
interface World {
  credentials: Map<number, Credential>;
  overrides: readonly RotationPolicyOverride[];
  uses: ActivityRollup[];
  identities: PostureInput['identities'];
  accounts: { accounts: Account[]; entitlements: Entitlement[] };
  aliases: PostureInput['principalAliases'];
}

/** Kim leaves on the given day (and may be rehired 17 days later). */
const identitiesOf = (kimLeaves: number, rehired = false): PostureInput['identities'] => [
  anIdentity({ id: 'ana', teamId: 't1' }),
  anIdentity({ id: 'kim', teamId: 't2', status: 'TERMINATED', terminationDate: at(FIRST_DAY + kimLeaves), startDate: rehired ? at(FIRST_DAY + kimLeaves + 17, 5) : null }),
];
const teams = [aTeam({ id: 't1' }), aTeam({ id: 't2' })];
const NONE: never[] = [];

const inputOf = (world: World, credentials: readonly Credential[]): PostureInput =>
  aPostureInput({
    teams,
    identities: world.identities,
    accounts: world.accounts.accounts,
    entitlements: world.accounts.entitlements,
    principalAliases: world.aliases,
    // The same arrays every time, as loadWith keeps unchanged tables: the index's maps of them are carried over.
    offshoreApprovals: NONE,
    accessReviewCampaigns: NONE,
    accessReviewDecisions: NONE,
    dataSources: NONE,
    credentials,
    rotationPolicyOverrides: world.overrides,
    activity: { rollups: world.uses, samples: [] },
  });

describe('evaluateFindingsFrom over the inventory: incremental equals full', () => {
  it('gives the candidates of a full evaluation for arbitrary inventories, changes and date steps (thresholds crossed with no data change)', () => {
    fc.assert(
      fc.property(
        fc.array(credentialSpecArb, { minLength: 1, maxLength: 12 }),
        fc.array(accountSpecArb, { maxLength: 3 }),
        fc.integer({ min: -40, max: 60 }),
        fc.boolean(),
        fc.array(stepArb, { minLength: 1, maxLength: 10 }),
        (specs, accounts, kimLeaves, rehired, steps) => {
        const world: World = {
          credentials: new Map(specs.map((spec, i) => [i, credentialOf(i, spec)])),
          overrides: [],
          uses: [],
          identities: identitiesOf(kimLeaves, rehired),
          accounts: accountsOf(accounts),
          aliases: NONE,
        };
        let credentials = [...world.credentials.values()];
        let asOf = at(FIRST_DAY);
        let state: FindingsState | null = evaluateFindingsFrom(inputOf(world, credentials), asOf, null).state;
        for (const step of steps) {
          asOf = new Date(asOf.getTime() + step.days * DAY_MS + step.ms);
          const change = step.change;
          if (change.op === 'replace') world.credentials.set(change.id, credentialOf(change.id, change.spec));
          else if (change.op === 'copy' && world.credentials.has(change.id)) world.credentials.set(change.id, { ...world.credentials.get(change.id)! });
          else if (change.op === 'remove') world.credentials.delete(change.id);
          else if (change.op === 'overrides') world.overrides = change.overrides;
          else if (change.op === 'identities') world.identities = identitiesOf(step.days, change.rehired);
          else if (change.op === 'accounts') world.accounts = accountsOf(change.accounts);
          else if (change.op === 'aliases') world.aliases = change.svcIsKim ? [{ principal: 'svc', identityId: 'kim' }] : NONE;
          else if (change.op === 'use') {
            const day = Math.floor(asOf.getTime() / DAY_MS) - change.use.back;
            world.uses = [...world.uses, aRollup({ day: isoDayOf(day), principal: change.use.principal, credentialExternalId: `AKIA${change.use.credential}`, events: 3 })];
          }
          // The credentials array is a new one only when a credential changed (loadWith reuses unchanged parts).
          if (change.op === 'replace' || change.op === 'copy' || change.op === 'remove') credentials = [...world.credentials.values()];
          const input = inputOf(world, credentials);
          const options = step.kindsOnly ? { kinds: ['KEY_NO_OWNER', 'OFFSHORE_ACCESS'] as const } : {};
          const incremental = evaluateFindingsFrom(input, asOf, state, undefined, options);
          const full = evaluateFindings({ ...inputOf(world, credentials.map((c) => ({ ...c }))), principalAliases: [...world.aliases] }, asOf, undefined, options);
          expect(incremental.candidates).toEqual(full);
          state = incremental.state;
        }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reuses an unchanged credential\'s result, re-dated, until its key becomes overdue with no change of data', () => {
    // An access key rotated on FIRST_DAY - 80: due 10 days later, overdue from day 91 of its age (no grace in production).
    const key = aCredential({ id: 'k', externalId: 'AKIAK', ownerIdentityId: 'ana', createdAt: at(FIRST_DAY - 400), lastRotatedAt: at(FIRST_DAY - 80) });
    const input = aPostureInput({ identities: [anIdentity({ id: 'ana' })], credentials: [key] });
    const first = evaluateFindingsFrom(input, at(FIRST_DAY), null);
    expect(first.candidates.filter((c) => c.kind === 'KEY_ROTATION_OVERDUE')).toEqual([]);
    const kept = first.state.subjectResults?.get('KEY_ROTATION_OVERDUE')?.bySubject.get('k');
    expect(kept?.until).toBe(at(FIRST_DAY + 11).getTime());

    // A day later: the result of FIRST_DAY is reused (computed then), not evaluated again.
    const second = evaluateFindingsFrom(input, at(FIRST_DAY + 1), first.state);
    expect(second.state.subjectResults?.get('KEY_ROTATION_OVERDUE')?.bySubject.get('k')?.from).toBe(at(FIRST_DAY).getTime());

    // Past the threshold, with the very same input: evaluated again, and overdue.
    const third = evaluateFindingsFrom(input, at(FIRST_DAY + 11), second.state);
    const overdue = third.candidates.filter((c) => c.kind === 'KEY_ROTATION_OVERDUE');
    expect(overdue).toHaveLength(1);
    expect(overdue).toEqual(evaluateFindings(aPostureInput({ ...input }), at(FIRST_DAY + 11)).filter((c) => c.kind === 'KEY_ROTATION_OVERDUE'));

    // Reused the day after: the candidate is the one a full evaluation builds at that day (detected and due then).
    const fourth = evaluateFindingsFrom(input, at(FIRST_DAY + 12), third.state);
    expect(fourth.state.subjectResults?.get('KEY_ROTATION_OVERDUE')?.bySubject.get('k')?.from).toBe(at(FIRST_DAY + 11).getTime());
    expect(fourth.candidates).toEqual(evaluateFindings(aPostureInput({ ...input }), at(FIRST_DAY + 12)));
  });

  it('counts a leaver\'s use dated after one evaluation in the next, with no change of data', () => {
    const input = aPostureInput({
      identities: identitiesOf(0),
      credentials: [aCredential({ id: 'k', externalId: 'AKIAK', ownerIdentityId: 'kim', createdAt: at(FIRST_DAY - 10) })],
      activity: { rollups: [aRollup({ day: isoDayOf(FIRST_DAY + 5), principal: 'kim@example.com', events: 2 })], samples: [] },
    });
    const severityAt = (candidates: readonly { kind: string; severity: string }[]) => candidates.find((c) => c.kind === 'LEAVER_ACTIVE_ACCESS')?.severity;
    const first = evaluateFindingsFrom(input, at(FIRST_DAY + 2), null);
    expect(severityAt(first.candidates)).toBe('HIGH');
    const next = evaluateFindingsFrom(input, at(FIRST_DAY + 6), first.state);
    expect(severityAt(next.candidates)).toBe('CRITICAL');
    expect(next.candidates).toEqual(evaluateFindings(aPostureInput({ ...input }), at(FIRST_DAY + 6)));
  });
});
