import fc from 'fast-check';
import type { ActivityRollup } from '../model/activity.model.js';
import { isoDayOf, startOfDay } from '../model/date.util.js';
import type { PostureInput } from '../model/posture-input.model.js';
import { aCredential, anAccount, anIdentity, aPostureInput, aRollup } from '../testing/posture-input.builder.js';
import { evaluateFindings, evaluateFindingsFrom } from './evaluate-findings.js';
import type { FindingsState } from './posture-index.js';

const FIRST_DAY = 20_200; // 2025-04-23

/** A fixed inventory: owned and unowned keys, a leaver, an approved country (KR). */
const inventory: Partial<PostureInput> = {
  organisation: { id: 'org-1', slug: 'demo', name: 'Demo', approvedCountries: ['KR'], currency: 'KRW', fiscalYearStartMonth: 1 },
  identities: [
    anIdentity({ id: 'ana', email: 'ana@example.com' }),
    anIdentity({ id: 'kim', email: 'kim@example.com', status: 'TERMINATED', terminationDate: startOfDay(FIRST_DAY + 30) }),
  ],
  accounts: [anAccount({ id: 'kim-aws', identityId: 'kim', system: 'aws', userName: 'kim' })],
  credentials: [
    aCredential({ id: 'ana-key', externalId: 'AKIAANA', ownerIdentityId: 'ana', createdAt: startOfDay(FIRST_DAY - 100) }),
    aCredential({ id: 'kim-key', externalId: 'AKIAKIM', ownerIdentityId: 'kim', createdAt: startOfDay(FIRST_DAY - 100) }),
    aCredential({ id: 'svc-key', externalId: 'AKIASVC', createdAt: startOfDay(FIRST_DAY - 100) }),
  ],
};

const rollupArb = fc.record({
  principal: fc.constantFrom('ana@example.com', 'kim', 'svc-batch', 'arn:aws:iam::1:user/ana@example.com'),
  credentialExternalId: fc.constantFrom('AKIAANA', 'AKIAKIM', 'AKIASVC', 'AKIAUNKNOWN', null),
  country: fc.constantFrom('KR', 'KR', 'CN', null),
  // 6,000 events reach the request floor: request counts are a bulk measure too.
  events: fc.constantFrom(0, 1, 5, 6000),
  // Mostly ordinary days, some extraction-sized ones.
  bytes: fc.oneof(fc.integer({ min: 1e8, max: 3e8 }), fc.integer({ min: 0, max: 5e7 }), fc.integer({ min: 1e9, max: 6e9 })),
  records: fc.constantFrom(0, 1000, 300_000),
  source: fc.constantFrom('cloudtrail', 'postgres'),
});
const dayArb = fc.array(rollupArb, { minLength: 0, maxLength: 4 });

/** What happens between two evaluations. */
const stepArb = fc.oneof(
  fc.record({ op: fc.constant('append' as const), rollups: dayArb, asOfOffset: fc.constantFrom(0, 1, 3) }),
  fc.record({ op: fc.constant('drop' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('rewrite' as const), back: fc.nat(60), keep: fc.nat(4), rollups: dayArb }),
  fc.record({ op: fc.constant('same' as const) }),
  fc.record({ op: fc.constant('earlier' as const), rollups: dayArb }),
);

type Days = Map<number, readonly ActivityRollup[]>;

const toRollups = (day: number, specs: readonly Omit<ActivityRollup, 'day'>[]): ActivityRollup[] =>
  specs.map((spec) => aRollup({ ...spec, day: isoDayOf(day) }));

const inputOf = (days: Days, reversed: boolean): PostureInput => {
  const order = [...days.keys()].sort((a, b) => (reversed ? b - a : a - b));
  return aPostureInput({ ...inventory, activity: { rollups: order.flatMap((day) => days.get(day) ?? []), samples: [] } });
};

describe('evaluateFindingsFrom: incremental equals fresh', () => {
  it('gives the candidates of a fresh evaluation over random day sequences (appends, days dropping off, late rewrites)', () => {
    fc.assert(
      // Some evaluations leave BULK_EXTRACTION out: the activity moves on without the flags, which catch up later.
      fc.property(fc.array(dayArb, { minLength: 10, maxLength: 50 }), fc.array(stepArb, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (initial, steps, reversed, skips) => {
        const days: Days = new Map();
        initial.forEach((specs, i) => {
          if (specs.length > 0) days.set(FIRST_DAY + i, toRollups(FIRST_DAY + i, specs));
        });
        let lastDay = FIRST_DAY + initial.length - 1;
        let asOfDay = lastDay;
        let state: FindingsState | null = evaluateFindingsFrom(inputOf(days, reversed), startOfDay(asOfDay), null).state;
        for (const [n, step] of steps.entries()) {
          const options = skips[n] ? { kinds: ['OFFSHORE_ACCESS', 'LEAVER_ACTIVE_ACCESS'] as const } : {};
          const sorted = [...days.keys()].sort((a, b) => a - b);
          if (step.op === 'append') {
            lastDay += 1;
            if (step.rollups.length > 0) days.set(lastDay, toRollups(lastDay, step.rollups));
            asOfDay = lastDay + step.asOfOffset;
          } else if (step.op === 'drop') {
            for (const day of sorted.slice(0, step.count)) days.delete(day);
          } else if (step.op === 'rewrite') {
            // Late events: the day is read again, some of its rollups the same objects, the rest new.
            const day = Math.max(FIRST_DAY, lastDay - step.back);
            const kept = (days.get(day) ?? []).slice(0, step.keep);
            const rewritten = [...kept, ...toRollups(day, step.rollups)];
            if (rewritten.length > 0) days.set(day, rewritten);
            else days.delete(day);
          } else if (step.op === 'earlier') {
            const day = (sorted[0] ?? FIRST_DAY) - 1;
            if (step.rollups.length > 0) days.set(day, toRollups(day, step.rollups));
          }
          const input = inputOf(days, reversed);
          const asOf = new Date(startOfDay(asOfDay).getTime() + 3_600_000);
          const previousSeries = state?.activity?.actorSeries;
          const result = evaluateFindingsFrom(input, asOf, state, undefined, options);
          // The state was carried over (its structures taken over), not derived again.
          expect(result.state.activity?.actorSeries).toBe(previousSeries);
          // A fresh evaluation of an equal input (a new object, so nothing is shared).
          const fresh = evaluateFindings({ ...input, activity: { rollups: [...input.activity.rollups], samples: [] } }, asOf, undefined, options);
          expect(result.candidates).toEqual(fresh);
          state = result.state;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('derives afresh from a state already spent, and for changed attribution inputs', () => {
    const days: Days = new Map([
      [FIRST_DAY, toRollups(FIRST_DAY, [{ principal: 'kim', credentialExternalId: 'AKIAKIM', country: 'CN', events: 5, bytes: 4e9, records: 0, source: 'cloudtrail' }])],
    ]);
    const asOf = startOfDay(FIRST_DAY + 40);
    const first = evaluateFindingsFrom(inputOf(days, false), asOf, null);
    const second = evaluateFindingsFrom(inputOf(days, false), asOf, first.state);
    expect(first.state.activity?.isSpent).toBe(true);
    // The spent state again: derived from scratch, same candidates.
    const third = evaluateFindingsFrom(inputOf(days, false), asOf, first.state);
    expect(third.state.activity?.actorSeries).not.toBe(second.state.activity?.actorSeries);
    expect(third.candidates).toEqual(second.candidates);
    // Kim unknown to the inventory: attribution changes, so nothing is carried over.
    const withoutKim = { ...inputOf(days, false), identities: (inventory.identities ?? []).filter((identity) => identity.id !== 'kim') };
    const fourth = evaluateFindingsFrom(withoutKim, asOf, third.state);
    expect(fourth.state.activity?.actorSeries).not.toBe(third.state.activity?.actorSeries);
    expect(fourth.candidates).toEqual(evaluateFindings({ ...withoutKim }, asOf));
  });
});
