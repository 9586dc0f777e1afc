import { createSign } from 'node:crypto';

/**
 * A compact JWT signed with RS256 (RFC 7515/7519), for the grants that authenticate with a private key: a GitHub
 * App's JWT and a Google service account's assertion. Throws without echoing the key when it cannot sign.
 */
export function signRs256Jwt(claims: Record<string, string | number>, privateKeyPem: string): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  try {
    return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKeyPem, 'base64url')}`;
  } catch {
    throw new Error('the private key could not sign a token');
  }
}
