import { X509Certificate, createHash } from 'node:crypto';
import type { Environment } from '@postureboard/domain';
import type { CredentialObservation } from '../core/observation.js';
import { type JsonObject, RecordRejection, isJsonObject, messageOf, stringAt } from '../core/readers/json-value.util.js';

export interface JwkParseOptions {
  /** The run's `asOf`: a certificate that ended before it makes the key EXPIRED. */
  now: Date;
  environment: Environment;
  owner: string | null;
  /** Where the set was fetched from, kept as evidence. */
  jwksUrl?: string;
}

/** RFC 7517 §5: `{"keys": [...]}`. A bare JWK (RFC 7517 appendix B) is one record, not a set. */
export function unwrapJwks(value: unknown): unknown[] | null {
  return isJsonObject(value) && Array.isArray(value['keys']) ? value['keys'] : null;
}

/** The members RFC 7638 hashes for each key type, in the lexicographic order it requires. */
const THUMBPRINT_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['e', 'kty', 'n'],
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  oct: ['k', 'kty'],
};

/** Members that only a private or symmetric key has: a published set must never contain them. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** RFC 7638 JWK thumbprint (SHA-256, base64url): a stable id for a key that has no `kid`. */
export function jwkThumbprint(jwk: JsonObject): string {
  const kty = requireKty(jwk);
  const members = THUMBPRINT_MEMBERS[kty];
  if (!members) throw new RecordRejection(`unsupported key type kty=${JSON.stringify(kty)} (expected RSA, EC, OKP or oct)`, 'kty');
  const canonical: Record<string, string> = {};
  for (const member of members) {
    const value = jwk[member];
    if (typeof value !== 'string' || value === '') throw new RecordRejection(`missing required ${kty} key member ${member}`, member);
    canonical[member] = value;
  }
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url');
}

/**
 * One JWK → a SIGNING_KEY observation. With an `x5c` chain the key's dates are its certificate's; without,
 * the source gives none and the server ages the key from the first run that saw its `kid`.
 */
export function parseJwk(value: unknown, options: JwkParseOptions): CredentialObservation {
  if (!isJsonObject(value)) throw new RecordRejection('not a JSON Web Key: expected an object with "kty"');
  if (value['kty'] === undefined && value['keys'] === undefined) {
    throw new RecordRejection('not a JWKS document or JSON Web Key: no "keys" array and no "kty"', 'kty');
  }
  const kty = requireKty(value);
  const thumbprint = jwkThumbprint(value);
  const kid = stringAt(value, 'kid');
  const certificate = leafCertificate(value);
  const expiresAt = certificate?.validTo ?? null;
  const attributes: CredentialObservation['attributes'] = {
    kty,
    use: stringAt(value, 'use'),
    alg: stringAt(value, 'alg'),
    crv: stringAt(value, 'crv'),
    keySize: kty === 'RSA' ? rsaKeySize(value) : null,
    thumbprint,
    x5t: stringAt(value, 'x5t'),
    containsPrivateKey: PRIVATE_MEMBERS.some((member) => value[member] !== undefined),
  };
  if (certificate) {
    attributes['certificateSubject'] = certificate.subject;
    attributes['certificateIssuer'] = certificate.issuer;
    attributes['certificateSerial'] = certificate.serialNumber;
  }
  if (options.jwksUrl) attributes['jwksUrl'] = options.jwksUrl;
  return {
    kind: 'credential',
    credentialKind: 'SIGNING_KEY',
    externalId: kid ?? thumbprint,
    name: kid ?? `thumbprint ${thumbprint}`,
    algorithm: algorithmOf(value, kty),
    environment: options.environment,
    status: expiresAt !== null && expiresAt.getTime() < options.now.getTime() ? 'EXPIRED' : 'ACTIVE',
    createdAt: certificate?.validFrom ?? null,
    lastRotatedAt: null,
    expiresAt,
    lastUsedAt: null,
    owner: options.owner,
    ageFromFirstSeen: certificate === null,
    attributes,
  };
}

function requireKty(jwk: JsonObject): string {
  const kty = stringAt(jwk, 'kty');
  if (kty === null) throw new RecordRejection('missing required field kty', 'kty');
  return kty;
}

function algorithmOf(jwk: JsonObject, kty: string): string {
  const alg = stringAt(jwk, 'alg');
  if (alg) return alg;
  if (kty === 'RSA') return `RSA-${rsaKeySize(jwk) ?? '?'}`;
  if (kty === 'EC') return `EC-${stringAt(jwk, 'crv') ?? '?'}`;
  if (kty === 'OKP') return stringAt(jwk, 'crv') ?? 'OKP';
  return kty;
}

function rsaKeySize(jwk: JsonObject): number | null {
  const modulus = stringAt(jwk, 'n');
  if (modulus === null) return null;
  const bytes = Buffer.from(modulus, 'base64url');
  let leadingZeros = 0;
  while (leadingZeros < bytes.length && bytes[leadingZeros] === 0) leadingZeros += 1;
  return (bytes.length - leadingZeros) * 8;
}

interface LeafCertificate {
  validFrom: Date;
  validTo: Date;
  subject: string;
  issuer: string;
  serialNumber: string;
}

/** RFC 7517 §4.7: the first `x5c` certificate must hold the key itself; a mismatch is a broken set. */
function leafCertificate(jwk: JsonObject): LeafCertificate | null {
  const chain = jwk['x5c'];
  if (chain === undefined) return null;
  if (!Array.isArray(chain) || chain.length === 0 || typeof chain[0] !== 'string') {
    throw new RecordRejection('x5c must be a non-empty array of base64 DER certificates', 'x5c');
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(chain[0], 'base64'));
  } catch (error) {
    throw new RecordRejection(`x5c[0] is not a valid X.509 certificate (${messageOf(error)})`, 'x5c[0]');
  }
  if (!certificateHoldsKey(certificate, jwk)) {
    throw new RecordRejection('x5c[0] certificate holds a different public key than the JWK (RFC 7517 §4.7)', 'x5c[0]');
  }
  return {
    validFrom: new Date(certificate.validFrom),
    validTo: new Date(certificate.validTo),
    subject: certificate.subject.replace(/\n/g, ', '),
    issuer: certificate.issuer.replace(/\n/g, ', '),
    serialNumber: certificate.serialNumber,
  };
}

function certificateHoldsKey(certificate: X509Certificate, jwk: JsonObject): boolean {
  const exported: unknown = certificate.publicKey.export({ format: 'jwk' });
  if (!isJsonObject(exported)) return false;
  const members = (THUMBPRINT_MEMBERS[String(jwk['kty'])] ?? []).filter((member) => member !== 'kty');
  return members.length > 0 && members.every((member) => stripLeadingZeros(exported[member]) === stripLeadingZeros(jwk[member]));
}

/** Some publishers pad `n` with a leading zero byte; the key is the same. */
function stripLeadingZeros(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const bytes = Buffer.from(value, 'base64url');
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start).toString('base64url');
}
