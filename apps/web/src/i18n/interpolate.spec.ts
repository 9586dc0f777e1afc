import { describe, expect, it } from '@jest/globals';
import { interpolate, placeholdersOf } from './interpolate.js';

describe('interpolate', () => {
  it('fills named placeholders, including numbers and repeated names', () => {
    expect(interpolate('{n} of {total}, {n} again', { n: 3, total: 'ten' })).toBe('3 of ten, 3 again');
  });

  it('leaves an unknown placeholder visible instead of dropping it', () => {
    expect(interpolate('Due {date}', {})).toBe('Due {date}');
  });

  it('lists placeholders in a stable order', () => {
    expect(placeholdersOf('{b} and {a}')).toEqual(['a', 'b']);
  });
});
