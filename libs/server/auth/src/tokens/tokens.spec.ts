import { readCookie } from '../sessions/auth-cookies.js';
import { parseDuration } from './duration.js';
import { API_TOKEN_PREFIX, displayPrefix, hashOpaqueToken, looksLikeOpaqueToken, newOpaqueToken } from './opaque-token.js';

describe('opaque tokens', () => {
  it('carry 256 random bits behind a recognisable prefix, and are stored as a SHA-256 digest', () => {
    const token = newOpaqueToken(API_TOKEN_PREFIX);
    expect(looksLikeOpaqueToken(token)).toBe(true);
    expect(newOpaqueToken(API_TOKEN_PREFIX)).not.toBe(token);
    expect(hashOpaqueToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOpaqueToken(token)).not.toContain(token.slice(4));
    expect(displayPrefix(token)).toHaveLength(10);
  });
});

describe('parseDuration', () => {
  it('reads minutes, hours, days and weeks', () => {
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
  });

  it('rejects anything else, including zero', () => {
    for (const bad of ['', '30', 'forever', '1y', '0d', '-1d']) expect(() => parseDuration(bad)).toThrow(/duration|positive/);
  });
});

describe('readCookie', () => {
  it('finds one cookie among several and decodes it', () => {
    expect(readCookie('a=1; pb_access=x%2Ey; b=2', 'pb_access')).toBe('x.y');
    expect(readCookie('pb_access_other=1', 'pb_access')).toBeUndefined();
    expect(readCookie(undefined, 'pb_access')).toBeUndefined();
  });
});
