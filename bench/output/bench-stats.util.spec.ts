import { median, ratio } from './bench-stats.util.js';

describe('bench statistics', () => {
  it('takes the middle of three runs, whatever their order, so one noisy run does not move the figure', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([2, 100, 3])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });

  it('keeps three significant digits of a ratio, so a tiny one is not reported as zero', () => {
    expect(ratio(0.1, 4399.3)).toBe(0.0000227);
    expect(ratio(21549, 84330)).toBe(0.256);
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 5)).toBeNull();
  });
});
