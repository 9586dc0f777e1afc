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
    expect(placeholdersOf('{n, plural, one {# key} other {# keys}} in {team}')).toEqual(['n', 'team']);
  });

  it('chooses the English plural by Intl.PluralRules: "1 key", "2 keys", "0 keys", with an exact =0 option first', () => {
    const keys = '{n, plural, one {# key is} other {# keys are}} overdue';
    expect([0, 1, 2, 1000].map((n) => interpolate(keys, { n }))).toEqual(['0 keys are overdue', '1 key is overdue', '2 keys are overdue', '1,000 keys are overdue']);
    expect(interpolate('{n, plural, =0 {no findings} one {# finding} other {# findings}}', { n: 0 })).toBe('no findings');
    expect(interpolate('{a, plural, one {# team} other {# teams}} and {b, plural, one {# day} other {# days}}', { a: 1, b: 3 })).toBe('1 team and 3 days');
  });

  it('has one form in Korean, which counts with no plural ending', () => {
    expect([1, 2].map((n) => interpolate('키 {n, plural, other {#개}}', { n }, 'ko'))).toEqual(['키 1개', '키 2개']);
  });

  it('leaves a plural with no value for it visible', () => {
    expect(interpolate('{n, plural, one {# key} other {# keys}}', {})).toBe('{n, plural, one {# key} other {# keys}}');
  });
});
