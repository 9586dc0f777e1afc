import { INTERNAL_COUNTRY } from '@postureboard/domain';
import { countryForIp, geoIpDatabaseInfo } from './geoip.resolver.js';

describe('countryForIp', () => {
  it.each([
    ['8.8.8.8', 'US'],
    ['81.2.69.142', 'GB'],
    ['211.45.27.1', 'KR'],
    ['174.89.174.56', 'CA'],
    ['2001:4860:4860::8888', 'US'],
    ['::ffff:81.2.69.142', 'GB'],
    ['2002:5102:458e::1', 'GB'],
    ['[2001:4860:4860::8888]', 'US'],
    [' 8.8.8.8 ', 'US'],
  ])('places the public address %s in %s from the shipped database', (ip, country) => {
    expect(countryForIp(ip)).toBe(country);
  });

  it.each([
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '127.0.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '203.0.113.5',
    '255.253.125.115',
    '237.5.197.10',
    '::1',
    'fe80::1%eth0',
    'fd00::1234',
    '2001:db8::1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
    '::',
  ])('calls the private or reserved address %s internal, not a country', (ip) => {
    expect(countryForIp(ip)).toBe(INTERNAL_COUNTRY);
  });

  it.each(['ec2.amazonaws.com', '<Redacted Dutch IP>', 'redacted', '', '1.2.3', '300.1.1.1', '1.2.3.4:443'])(
    'gives no country for the unparseable address %j',
    (ip) => {
      expect(countryForIp(ip)).toBeNull();
    },
  );

  it('answers null for null and undefined input', () => {
    expect(countryForIp(null)).toBeNull();
    expect(countryForIp(undefined)).toBeNull();
  });

  it('returns the same answer from its cache on a repeated address', () => {
    expect(countryForIp('8.8.4.4')).toBe('US');
    expect(countryForIp('8.8.4.4')).toBe('US');
  });

  it('resolves a hundred thousand lookups of a thousand distinct addresses within a second', () => {
    const addresses = Array.from({ length: 1000 }, (_, index) => `${(index % 200) + 1}.${index % 256}.${(index * 7) % 256}.9`);
    countryForIp(addresses[0]);
    const started = performance.now();
    for (let round = 0; round < 100; round += 1) for (const ip of addresses) countryForIp(ip);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('describes the shipped database with its build date', () => {
    const info = geoIpDatabaseInfo();
    expect(info.builtAt.getUTCFullYear()).toBeGreaterThanOrEqual(2024);
    expect(info.description).toMatch(/country/i);
  });
});
