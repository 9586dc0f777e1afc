import { toCountryCode } from './country-code.util.js';

describe('toCountryCode', () => {
  it.each([
    ['United States', 'US'],
    ['united states', 'US'],
    ['Canada', 'CA'],
    ['France', 'FR'],
    ['South Korea', 'KR'],
    ['Korea, Republic of', 'KR'],
    ['Russia', 'RU'],
    ['Vietnam', 'VN'],
    ['The Netherlands', 'NL'],
    ['Netherlands', 'NL'],
    ["Côte d'Ivoire", 'CI'],
    ['Ivory Coast', 'CI'],
    ['Czechia', 'CZ'],
    ['Türkiye', 'TR'],
    ['Hong Kong', 'HK'],
    ['Taiwan', 'TW'],
    ['Laos', 'LA'],
    ['DR Congo', 'CD'],
    ['Bosnia and Herzegovina', 'BA'],
    ['Saint Lucia', 'LC'],
    ['St Kitts and Nevis', 'KN'],
    ['UK', 'GB'],
    ['Kosovo', 'XK'],
  ])('maps the country name %j to %s', (name, code) => {
    expect(toCountryCode(name)).toBe(code);
  });

  it.each([
    ['us', 'US'],
    ['KR', 'KR'],
    ['USA', 'US'],
    ['nld', 'NL'],
  ])('accepts the ISO code %j as %s', (value, code) => {
    expect(toCountryCode(value)).toBe(code);
  });

  it.each(['', '   ', 'Atlantis', 'ZZ', 'QQQ', null, undefined])('gives null for %j', (value) => {
    expect(toCountryCode(value)).toBeNull();
  });
});
