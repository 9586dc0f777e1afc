import fc from 'fast-check';
import { isoDayOf } from '../model/date.util.js';
import { aRollup } from '../testing/posture-input.builder.js';
import { timelineOf } from './activity-state.js';

const FIRST_DAY = 20_200;

describe('timelineOf', () => {
  it('orders rollups as a stable sort by day does, with each day’s range, whatever runs and interleavings the input has', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(6), fc.nat(3)), { maxLength: 60 }), (specs) => {
        // Runs of one day (the repeat count) in any day order, days coming back later.
        const source = specs.flatMap(([day, repeat], i) => Array.from({ length: repeat + 1 }, (_, k) => aRollup({ day: isoDayOf(FIRST_DAY + day), principal: `p${i}-${k}` })));
        const { timeline, ranges } = timelineOf(source);
        const sorted = source.map((rollup, at) => ({ rollup, at })).sort((a, b) => a.rollup.day.localeCompare(b.rollup.day) || a.at - b.at);
        expect(timeline.rollups).toEqual(sorted.map(({ rollup }) => rollup));
        expect([...timeline.dayNumbers]).toEqual(sorted.map(({ rollup }) => Date.parse(rollup.day) / 86_400_000));
        const days = [...new Set(sorted.map(({ rollup }) => Date.parse(rollup.day) / 86_400_000))];
        expect([...ranges.days]).toEqual(days);
        expect([...ranges.offsets]).toEqual([0, ...days.map((day) => sorted.filter(({ rollup }) => Date.parse(rollup.day) / 86_400_000 <= day).length)]);
      }),
      { numRuns: 300 },
    );
  });
});
