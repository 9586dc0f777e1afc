import { readFileSync } from 'node:fs';
import type { CredentialObservation } from '../core/observation.js';
import { RecordRejection, type JsonObject } from '../core/readers/json-value.util.js';
import { jwkPurpose, jwkThumbprint, parseJwk, unwrapJwks } from './jwk.parser.js';

const samples = '/work/shared/samples/jwks-x509';
const load = (name: string): unknown => JSON.parse(readFileSync(`${samples}/${name}`, 'utf8'));
const options = { environment: 'PRODUCTION' as const, owner: 'identity-team' };
const keysOf = (name: string): JsonObject[] => (unwrapJwks(load(name)) ?? []) as JsonObject[];

function rejection(run: () => unknown): RecordRejection {
  try {
    run();
  } catch (error) {
    if (error instanceof RecordRejection) return error;
    throw error;
  }
  throw new Error('expected a RecordRejection');
}

describe('parseJwk', () => {
  it('dates the Entra signing keys from their 5-year certificates', () => {
    const [first, second] = keysOf('microsoft_entra_common_discovery_keys_snapshot.json').map((key) => parseJwk(key, options));
    expect(first).toMatchObject<Partial<CredentialObservation>>({
      kind: 'credential',
      credentialKind: 'SIGNING_KEY',
      externalId: 'nOo3ZDrODXEK1jKWhXslHR_KXEg',
      name: 'nOo3ZDrODXEK1jKWhXslHR_KXEg',
      algorithm: 'RSA-2048',
      environment: 'PRODUCTION',
      status: 'ACTIVE',
      createdAt: new Date('2020-12-21T20:50:17Z'),
      expiresAt: new Date('2025-12-20T20:50:17Z'),
      ageFromFirstSeen: false,
      owner: 'identity-team',
    });
    expect(first?.attributes).toMatchObject({ kty: 'RSA', use: 'sig', keySize: 2048, certificateSubject: 'CN=accounts.accesscontrol.windows.net' });
    expect(second).toMatchObject({ createdAt: new Date('2021-02-07T17:00:39Z'), expiresAt: new Date('2026-02-06T17:00:39Z') });
  });

  it('keeps an ended certificate’s key ACTIVE with its validity interval, so past days still see it valid', () => {
    const [key] = keysOf('microsoft_entra_common_discovery_keys_snapshot.json');
    // Whatever the clock says at ingest: the interval, not a status, says it ended on 2025-12-20.
    expect(parseJwk(key, options)).toMatchObject({ status: 'ACTIVE', deactivatedAt: null, expiresAt: new Date('2025-12-20T20:50:17Z'), useObserved: false });
  });

  it('reads the bare RFC 7517 appendix B key with its expired x5c certificate', () => {
    const key = parseJwk(load('rfc7517_B_x5c_example.json'), options);
    expect(key).toMatchObject({
      externalId: '1b94c',
      status: 'ACTIVE',
      createdAt: new Date('2013-02-21T23:29:15Z'),
      expiresAt: new Date('2018-08-14T22:29:15Z'),
      ageFromFirstSeen: false,
    });
    expect(key.attributes['certificateSubject']).toContain('CN=Brian Campbell');
  });

  it('leaves keys without x5c undated, to be aged from first sight, and names their algorithm', () => {
    const [ec, rsa] = keysOf('rfc7517_A1_example_public_keys.json').map((key) => parseJwk(key, options));
    expect(ec).toMatchObject({ externalId: '1', algorithm: 'EC-P-256', createdAt: null, expiresAt: null, ageFromFirstSeen: true, status: 'ACTIVE' });
    expect(ec?.attributes['use']).toBe('enc');
    expect(rsa).toMatchObject({ externalId: '2011-04-29', algorithm: 'RS256', ageFromFirstSeen: true });
  });

  it('tells the RFC 7517 A.1 encryption key ("use":"enc") from its RS256 key (no use: a signing key)', () => {
    const [ec, rsa] = keysOf('rfc7517_A1_example_public_keys.json').map((key) => parseJwk(key, options));
    expect(ec).toMatchObject({ credentialKind: 'ENCRYPTION_KEY', attributes: expect.objectContaining({ purposeDecidedBy: 'use' }) });
    expect(rsa).toMatchObject({ credentialKind: 'SIGNING_KEY', attributes: expect.objectContaining({ purposeDecidedBy: 'default' }) });
  });

  it('identifies a key without kid by its RFC 7638 thumbprint (the RFC example value)', () => {
    const rsa = keysOf('rfc7517_A1_example_public_keys.json')[1] ?? {};
    const { kid: _kid, ...withoutKid } = rsa;
    expect(jwkThumbprint(withoutKid)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(parseJwk(withoutKid, options)).toMatchObject({ externalId: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' });
  });

  it('rejects a key whose x5c certificate holds another key', () => {
    const [first, second] = keysOf('microsoft_entra_common_discovery_keys_snapshot.json');
    const swapped = { ...second, x5c: first?.['x5c'] };
    expect(rejection(() => parseJwk(swapped, options))).toMatchObject({ field: 'x5c[0]', reason: expect.stringContaining('different public key') });
  });

  it('rejects an x5c that is not a certificate, naming the field', () => {
    const [first] = keysOf('microsoft_entra_common_discovery_keys_snapshot.json');
    expect(rejection(() => parseJwk({ ...first, x5c: ['bm90IGEgY2VydA=='] }, options))).toMatchObject({
      field: 'x5c[0]',
      reason: expect.stringMatching(/^x5c\[0\] is not a valid X\.509 certificate/),
    });
  });

  it('flags private key material published in a set, without copying it', () => {
    const key = parseJwk({ kty: 'oct', kid: 'hmac-1', k: 'c2VjcmV0LXNpZ25pbmcta2V5' }, options);
    expect(key.attributes['containsPrivateKey']).toBe(true);
    expect(JSON.stringify(key)).not.toContain('c2VjcmV0LXNpZ25pbmcta2V5');
  });

  describe('jwkPurpose (RFC 7517 §4.2 use, §4.3 key_ops)', () => {
    const ec = { kty: 'EC', crv: 'P-256', x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4', y: '4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM' };
    it.each([
      [{ use: 'enc' }, 'ENCRYPTION_KEY', 'use'],
      [{ use: 'sig' }, 'SIGNING_KEY', 'use'],
      [{ key_ops: ['encrypt', 'decrypt'] }, 'ENCRYPTION_KEY', 'key_ops'],
      [{ key_ops: ['wrapKey', 'unwrapKey'] }, 'ENCRYPTION_KEY', 'key_ops'],
      [{ key_ops: ['deriveKey', 'deriveBits'] }, 'ENCRYPTION_KEY', 'key_ops'],
      [{ key_ops: ['verify'] }, 'SIGNING_KEY', 'key_ops'],
      [{ key_ops: ['sign', 'verify'] }, 'SIGNING_KEY', 'key_ops'],
      [{ alg: 'RSA-OAEP-256' }, 'ENCRYPTION_KEY', 'alg'],
      [{ alg: 'ECDH-ES+A256KW' }, 'ENCRYPTION_KEY', 'alg'],
      [{ alg: 'ES256' }, 'SIGNING_KEY', 'default'],
      [{}, 'SIGNING_KEY', 'default'],
    ])('%j is a %s (decided by %s)', (members, kind, decidedBy) => {
      expect(jwkPurpose({ ...ec, ...members })).toEqual({ kind, decidedBy, conflicting: false });
      expect(parseJwk({ ...ec, kid: 'k', ...members }, options).credentialKind).toBe(kind);
    });

    it('keeps a key whose use and key_ops disagree (forbidden by §4.3) as a signing key, flagged', () => {
      expect(jwkPurpose({ ...ec, use: 'enc', key_ops: ['sign'] })).toEqual({ kind: 'SIGNING_KEY', decidedBy: 'use', conflicting: true });
      expect(parseJwk({ ...ec, kid: 'k', use: 'enc', key_ops: ['sign'] }, options).attributes['useConflictsWithKeyOps']).toBe(true);
    });

    it('rejects key_ops that is not an array of strings', () => {
      expect(rejection(() => parseJwk({ ...ec, kid: 'k', key_ops: 'sign' }, options))).toMatchObject({ field: 'key_ops' });
    });
  });

  it.each([
    [{ kty: 'RSA', kid: 'x', e: 'AQAB' }, 'n', 'missing required RSA key member n'],
    [{ kty: 'XYZ', kid: 'x' }, 'kty', 'unsupported key type kty="XYZ" (expected RSA, EC, OKP or oct)'],
    [{ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] }, 'kty', 'not a JWKS document or JSON Web Key: no "keys" array and no "kty"'],
  ])('rejects %j clearly', (value, field, reason) => {
    expect(rejection(() => parseJwk(value, options))).toMatchObject({ field, reason });
  });
});
