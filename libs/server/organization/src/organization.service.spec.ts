import { OrganizationError } from './organization.error.js';
import { isAssignedCountryCode, normaliseCountries } from './organization.service.js';

describe('approved country codes', () => {
  it('accepts assigned ISO 3166-1 alpha-2 codes in any case, sorted and without duplicates', () => {
    expect(normaliseCountries([' kr', 'US', 'us', 'GB'])).toEqual(['GB', 'KR', 'US']);
  });

  it.each(['XX', 'XK', 'ZZ', 'AA', 'QM', 'UK', 'EU', 'K1', 'KOR'])('refuses %s, which names no assigned country', (code) => {
    expect(isAssignedCountryCode(code)).toBe(false);
    expect(() => normaliseCountries(['KR', code])).toThrow(OrganizationError);
    expect(() => normaliseCountries(['KR', code])).toThrow(`Not assigned ISO 3166-1 alpha-2 country codes: ${code}`);
  });
});
