import fc from 'fast-check';
import type { ActivityRollup } from '../model/activity.model.js';
import { DAY_MS, isoDayOf } from '../model/date.util.js';
import type { RiskAcceptance } from '../model/finding.model.js';
import { anIdentity, aPostureInput, aRollup } from '../testing/posture-input.builder.js';
import { DEFAULT_FINDING_SETTINGS } from './finding-settings.js';
import { PostureIndex } from './posture-index.js';

/**
 * "A level that persists becomes the new normal after review": a person accepting the risk of a BULK_EXTRACTION
 * finding (RISK_ACCEPTED) makes the level under way that day the subject's baseline from the next day on.
 */
const day0 = Date.UTC(2025, 4, 1) / DAY_MS;
const settings = DEFAULT_FINDING_SETTINGS.bulkExtraction;
const FINGERPRINT = 'BULK_EXTRACTION:IDENTITY:ana';

const input = (bytes: readonly number[], acceptedOn: number | null, terminatedOn: number | null = null) =>
  aPostureInput({
    identities: [anIdentity({ id: 'ana', email: 'ana@example.com', ...(terminatedOn === null ? {} : { status: 'TERMINATED', terminationDate: new Date((day0 + terminatedOn) * DAY_MS) }) })],
    activity: {
      rollups: bytes.map((b, i): ActivityRollup => aRollup({ day: isoDayOf(day0 + i), principal: 'ana@example.com', credentialExternalId: null, events: 10, bytes: Math.round(b) })),
      samples: [],
    },
    riskAcceptances: acceptedOn === null ? [] : [{ fingerprint: FINGERPRINT, acceptedAt: new Date((day0 + acceptedOn) * DAY_MS + 15 * 3_600_000) } satisfies RiskAcceptance],
  });

/** The days (index from day0) flagged for Ana. */
const flaggedDays = (bytes: readonly number[], acceptedOn: number | null, terminatedOn: number | null = null): number[] =>
  new PostureIndex(input(bytes, acceptedOn, terminatedOn)).bulkFlags(settings).flagged.flatMap((entry) => entry.flags.map((flag) => flag.day - day0));

/** A stable baseline (±20 %), then a step of ×`factor` that persists. */
const scenario = fc.record({
  base: fc.double({ min: 1e8, max: 1e10, noNaN: true }),
  before: fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 21, maxLength: 40 }),
  after: fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 4, maxLength: 12 }),
  factor: fc.double({ min: 16, max: 200, noNaN: true }),
  acceptAfter: fc.nat(2),
});
const seriesOf = ({ base, before, after, factor }: { base: number; before: number[]; after: number[]; factor: number }): number[] => [
  ...before.map((n) => base * (1 + n)),
  // Every day of the step is ≥ 16 × 0.8 = 12.8 × base > 10 × the baseline's median (≤ 1.2 × base), and above the 1 GB floor.
  ...after.map((n) => Math.max(factor * base, 1.3e9 / 0.8) * (1 + n)),
];

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
/** The series, the first day of its step, and a day of the step (not its last) on which a person accepts it. */
const stepOf = (s: Scenario) => ({ bytes: seriesOf(s), step: s.before.length, acceptedOn: s.before.length + Math.min(s.acceptAfter, s.after.length - 2) });

describe('BULK_EXTRACTION: a level accepted after review is the new normal (properties)', () => {
  it('stops firing the day after a person accepts the level under way, while it persists', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { bytes, step, acceptedOn } = stepOf(s);
        // Without review, every day of the step fires (it lasts less than the 14 days a level needs on its own).
        expect(flaggedDays(bytes, null)).toEqual(s.after.map((_, i) => step + i));
        // Reviewed: the days up to the acceptance are as they were, none after it fires.
        expect(flaggedDays(bytes, acceptedOn)).toEqual(s.after.slice(0, acceptedOn - step + 1).map((_, i) => step + i));
      }),
      { numRuns: 80 },
    );
  });

  it('still fires on the first day of a further step of ×10 over the accepted level', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 12.5, max: 100, noNaN: true }), (s, again) => {
        const { bytes, step, acceptedOn } = stepOf(s);
        // The accepted level is at most 1.2 × its lowest day: ×12.5 of its top is ×10 of any median of it.
        const accepted = Math.max(...bytes.slice(step));
        const further = [...bytes, accepted * again];
        expect(flaggedDays(further, acceptedOn).filter((day) => day > acceptedOn)).toEqual([bytes.length]);
      }),
      { numRuns: 80 },
    );
  });

  it('changes nothing before the acceptance, and nothing for a leaver’s extraction (it never becomes normal)', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { bytes, step, acceptedOn } = stepOf(s);
        // Accepted on a day before the step: nothing was under way, nothing changes.
        expect(flaggedDays(bytes, step - 1)).toEqual(flaggedDays(bytes, null));
        // She left the day before the step: her extraction stays flagged, reviewed or not.
        expect(flaggedDays(bytes, acceptedOn, step - 1)).toEqual(flaggedDays(bytes, null, step - 1));
      }),
      { numRuns: 60 },
    );
  });
});
