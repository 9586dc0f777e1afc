import { X509Certificate, createHash } from 'node:crypto';
import type { Environment } from '@postureboard/domain';
import type { CredentialObservation } from '../core/observation.js';
import { type JsonObject, RecordRejection, isJsonObject, messageOf, stringAt } from '../core/readers/json-value.util.js';

export interface JwkParseOptions {
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

/** RFC 7517 §4.3 `key_ops` values for signatures; every other registered value encrypts, wraps or derives. */
const SIGNATURE_OPS = new Set(['sign', 'verify']);
const ENCRYPTION_OPS = new Set(['encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey', 'deriveBits']);

/**
 * JWE key-management algorithms (RFC 7518 §4.1 and the IANA "JSON Web Signature and Encryption Algorithms"
 * registry): an `alg` among them marks an encryption key when neither `use` nor `key_ops` says.
 */
const KEY_MANAGEMENT_ALG = /^(RSA1_5|RSA-OAEP(-\d+)?|A\d+KW|dir|ECDH-ES(\+A\d+KW)?|A\d+GCMKW|PBES2-.+|ECDH-1PU.*)$/;

export interface JwkPurpose {
  kind: 'SIGNING_KEY' | 'ENCRYPTION_KEY';
  /** Which member decided: `use`, `key_ops`, `alg`, or `default` (none present: a published set's keys verify tokens). */
  decidedBy: 'use' | 'key_ops' | 'alg' | 'default';
  /** `use` and `key_ops` disagree, which RFC 7517 §4.3 forbids; the key is then kept as a signing key. */
  conflicting: boolean;
}

/**
 * Signing or encryption key, per RFC 7517: `use` ("sig" / "enc", §4.2), else `key_ops` (§4.3: sign/verify vs
 * encrypt/decrypt/wrapKey/unwrapKey/deriveKey/deriveBits), else a JWE `alg`. Without any of them the key is
 * taken as a signing key: OpenID Connect Discovery requires `use` on every key of a set that mixes both, so an
 * unmarked key in a published set verifies tokens. A key that can sign is judged as a signing key (the shorter
 * policy), whatever else it may do.
 */
export function jwkPurpose(jwk: JsonObject): JwkPurpose {
  const use = stringAt(jwk, 'use');
  const rawOps = jwk['key_ops'];
  if (rawOps !== undefined && (!Array.isArray(rawOps) || rawOps.some((op) => typeof op !== 'string'))) {
    throw new RecordRejection('key_ops must be an array of strings (RFC 7517 §4.3)', 'key_ops');
  }
  const ops = (rawOps ?? []) as string[];
  const opsSign = ops.some((op) => SIGNATURE_OPS.has(op));
  const opsEncrypt = ops.some((op) => ENCRYPTION_OPS.has(op));
  const opsKind = opsSign ? 'SIGNING_KEY' : opsEncrypt ? 'ENCRYPTION_KEY' : null;
  const useKind = use === 'sig' ? 'SIGNING_KEY' : use === 'enc' ? 'ENCRYPTION_KEY' : null;
  if (useKind !== null) {
    const conflicting = opsKind !== null && (opsKind !== useKind || (opsSign && opsEncrypt));
    return { kind: conflicting ? 'SIGNING_KEY' : useKind, decidedBy: 'use', conflicting };
  }
  if (opsKind !== null) return { kind: opsKind, decidedBy: 'key_ops', conflicting: false };
  const alg = stringAt(jwk, 'alg');
  if (alg !== null && KEY_MANAGEMENT_ALG.test(alg)) return { kind: 'ENCRYPTION_KEY', decidedBy: 'alg', conflicting: false };
  return { kind: 'SIGNING_KEY', decidedBy: 'default', conflicting: false };
}

/**
 * One JWK → a SIGNING_KEY or ENCRYPTION_KEY observation (see jwkPurpose). With an `x5c` chain the key is valid
 * over its certificate's notBefore–notAfter; without, the source gives no dates and the server ages the key from
 * the first run that saw its `kid`. A key in a published set is ACTIVE: its validity, not the clock at
 * ingest, decides on which days it could be used.
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
  const purpose = jwkPurpose(value);
  const keyOps = value['key_ops'];
  const attributes: CredentialObservation['attributes'] = {
    kty,
    use: stringAt(value, 'use'),
    keyOps: Array.isArray(keyOps) ? keyOps.join(',') : null,
    purposeDecidedBy: purpose.decidedBy,
    useConflictsWithKeyOps: purpose.conflicting,
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
    credentialKind: purpose.kind,
    externalId: kid ?? thumbprint,
    name: kid ?? `thumbprint ${thumbprint}`,
    algorithm: algorithmOf(value, kty),
    environment: options.environment,
    status: 'ACTIVE',
    createdAt: certificate?.validFrom ?? null,
    lastRotatedAt: null,
    expiresAt,
    deactivatedAt: null,
    lastUsedAt: null,
    // A key set says nothing of use; tokens seen in access events are the only trace.
    useObserved: false,
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
