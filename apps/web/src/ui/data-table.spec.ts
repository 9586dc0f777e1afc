import { describe, expect, it } from '@jest/globals';
import { sortRows } from './data-table.js';

describe('sortRows', () => {
  const rows = [{ v: 3 }, { v: null }, { v: 10 }, { v: 1 }];

  it('sorts numbers numerically in both directions', () => {
    expect(sortRows(rows, (r) => r.v, 'ascending').map((r) => r.v)).toEqual([1, 3, 10, null]);
    expect(sortRows(rows, (r) => r.v, 'descending').map((r) => r.v)).toEqual([10, 3, 1, null]);
  });

  it('keeps missing values at the bottom and does not mutate the input', () => {
    const copy = [...rows];
    sortRows(rows, (r) => r.v, 'descending');
    expect(rows).toEqual(copy);
  });

  it('compares text with locale rules', () => {
    expect(sortRows([{ s: 'b' }, { s: 'A' }, { s: 'a' }], (r) => r.s, 'ascending').map((r) => r.s)).toEqual(['a', 'A', 'b']);
  });
});
