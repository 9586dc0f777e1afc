import { createHash, randomBytes } from 'node:crypto';

/** Prefixes make leaked tokens recognisable by secret scanners and by people. */
export const API_TOKEN_PREFIX = 'pbt_';
export const REFRESH_TOKEN_PREFIX = 'pbr_';

/** 256 random bits: far beyond guessing, so a fast SHA-256 digest is a sufficient stored form. */
export function newOpaqueToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What may be shown after issue: enough to recognise a token in a list, useless to an attacker. */
export const displayPrefix = (token: string): string => token.slice(0, API_TOKEN_PREFIX.length + 6);

const OPAQUE_TOKEN = /^pb[tr]_[A-Za-z0-9_-]{43}$/;
export const looksLikeOpaqueToken = (value: string): boolean => OPAQUE_TOKEN.test(value);
