import { describe, expect, it } from '@jest/globals';
import { assignedCountryCode } from './country-code.js';

describe('a country code typed into Settings', () => {
  it('is accepted, upper-cased, when it names an assigned country', () => {
    expect(['kr', ' US ', 'gb', 'JP'].map(assignedCountryCode)).toEqual(['KR', 'US', 'GB', 'JP']);
  });

  it('is refused when it names no assigned country (XX, XK, ZZ, UK, EU) or is not two letters', () => {
    expect(['XX', 'XK', 'ZZ', 'AA', 'QM', 'UK', 'EU', 'K', 'KOR', '12', ''].map(assignedCountryCode)).toEqual(Array(11).fill(null));
  });
});
