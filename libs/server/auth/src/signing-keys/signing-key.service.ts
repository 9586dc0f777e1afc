import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  calculateJwkThumbprint,
  type CryptoKey,
  decodeProtectedHeader,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { APP_CONFIG, type AppConfig, SecretBox } from '@postureboard/server-core';
import { AUTH_CLOCK, type Clock } from '../auth.clock.js';
import { unauthenticated } from '../auth.error.js';
import { AUTH_OPTIONS, type ResolvedAuthOptions } from '../auth.options.js';
import { SYSTEM_ACTOR } from '../audit/audit-actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { CredentialInventoryRepository, type OwnCredential } from '../repositories/credential-inventory.repository.js';
import { type SigningKeyRecord, SigningKeyRepository } from '../repositories/signing-key.repository.js';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, VERIFY_OVERLAP_SECONDS } from './token-lifetimes.js';

const ALGORITHM = 'ES256';
const DAY_MS = 86_400_000;
/** How long verification trusts its copy of the public keys before re-reading them. */
const PUBLIC_KEY_CACHE_MS = 60_000;

interface PublicKeyEntry {
  key: CryptoKey | Uint8Array;
  verifyUntil: Date | null;
}

/**
 * The product's own token-signing keys: generated here, the private half sealed with the master key,
 * replaced every `signingKeyRotationDays`, and listed in every organization's credential inventory so
 * the dashboard holds Postureboard to the rotation policy it measures everyone else against.
 */
@Injectable()
export class SigningKeyService {
  private readonly logger = new Logger('SigningKeys');
  private box: SecretBox | undefined;
  private readonly privateKeys = new Map<string, CryptoKey>();
  private publicKeys = new Map<string, PublicKeyEntry>();
  private publicKeysReadAt = 0;

  constructor(
    private readonly keys: SigningKeyRepository,
    private readonly inventory: CredentialInventoryRepository,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
    @Inject(AUTH_OPTIONS) private readonly options: ResolvedAuthOptions,
  ) {}

  /**
   * Makes sure a current key exists and is within its rotation period (replacing it when it is not, or
   * when it can no longer be decrypted), then refreshes the credential inventory. Safe to call from every
   * replica at once: rotation runs under a database lock.
   */
  async ensureCurrentKey(): Promise<{ kid: string; rotated: boolean }> {
    const now = this.clock();
    const result = await this.keys.withRotationLock(async (store) => {
      const current = (await store.list()).find((k) => !k.retiredAt);
      if (current && !this.isDue(current, now) && (await this.canOpen(current))) return { kid: current.kid, rotated: false, retired: null };
      const created = await this.generate(now);
      await store.insert(created);
      if (current) await store.retire(current.kid, now, new Date(now.getTime() + VERIFY_OVERLAP_SECONDS * 1000));
      return { kid: created.kid, rotated: true, retired: current?.kid ?? null };
    });
    if (result.rotated) {
      this.publicKeysReadAt = 0;
      this.logger.log(`Signing key ${result.kid} is now current${result.retired ? `; ${result.retired} verifies until its tokens expire` : ''}`);
      await this.audit.append({
        actor: SYSTEM_ACTOR,
        action: 'signing-key.rotated',
        target: result.kid,
        details: { algorithm: ALGORITHM, retiredKid: result.retired, rotationDays: this.options.signingKeyRotationDays },
      });
    }
    await this.syncInventory();
    return { kid: result.kid, rotated: result.rotated };
  }

  /** Upserts every key into every organization's credential inventory (source `postureboard`). */
  async syncInventory(): Promise<void> {
    const now = this.clock();
    const credentials: OwnCredential[] = (await this.keys.list()).map((k) => ({
      externalId: k.kid,
      kind: 'SIGNING_KEY',
      name: `Postureboard access-token signing key ${k.kid.slice(0, 12)}`,
      algorithm: k.algorithm,
      // Retired keys no longer sign: inactive from their retirement. Their end of validity is expiresAt.
      status: k.retiredAt ? 'INACTIVE' : 'ACTIVE',
      deactivatedAt: k.retiredAt ?? null,
      createdAt: k.createdAt,
      lastRotatedAt: k.createdAt,
      expiresAt: k.verifyUntil ?? new Date(k.createdAt.getTime() + this.options.signingKeyRotationDays * DAY_MS),
      attributes: { purpose: 'web sign-in access tokens', rotationPeriodDays: this.options.signingKeyRotationDays },
    }));
    await this.inventory.upsertForEveryOrganization(credentials, now);
  }

  /** Signs with the current key, read from the database each time so a rotation by another replica takes effect at once. */
  async sign(claims: JWTPayload & { sub: string }, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
    let current = (await this.keys.list()).find((k) => !k.retiredAt);
    if (!current || !(await this.canOpen(current))) {
      await this.ensureCurrentKey();
      current = (await this.keys.list()).find((k) => !k.retiredAt)!;
    }
    const now = Math.floor(this.clock().getTime() / 1000);
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: current.kid, typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(await this.privateKey(current));
    return { token, expiresAt: new Date((now + ttlSeconds) * 1000) };
  }

  /** The verified claims; throws UNAUTHENTICATED for anything else (bad signature, expired, retired key). */
  async verify(token: string): Promise<JWTPayload> {
    try {
      const { kid } = decodeProtectedHeader(token);
      if (typeof kid !== 'string') throw unauthenticated();
      const entry = await this.publicKey(kid);
      const now = this.clock();
      if (!entry || (entry.verifyUntil && entry.verifyUntil <= now)) throw unauthenticated();
      const { payload } = await jwtVerify(token, entry.key, { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: [ALGORITHM], currentDate: now });
      return payload;
    } catch {
      throw unauthenticated('Session expired or invalid');
    }
  }

  private isDue(key: SigningKeyRecord, now: Date): boolean {
    return now.getTime() - key.createdAt.getTime() >= this.options.signingKeyRotationDays * DAY_MS;
  }

  private async generate(now: Date): Promise<Omit<SigningKeyRecord, 'retiredAt' | 'verifyUntil'>> {
    const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    return {
      kid,
      algorithm: ALGORITHM,
      publicJwk: { ...publicJwk, kid, alg: ALGORITHM, use: 'sig' },
      privateKeySealed: this.secretBox().seal(await exportPKCS8(privateKey), `signing-key:${kid}`),
      createdAt: now,
    };
  }

  private async canOpen(key: SigningKeyRecord): Promise<boolean> {
    try {
      await this.privateKey(key);
      return true;
    } catch (error) {
      this.logger.warn(`Signing key ${key.kid} cannot be decrypted (${(error as Error).message}); replacing it`);
      return false;
    }
  }

  private async privateKey(key: SigningKeyRecord): Promise<CryptoKey> {
    const cached = this.privateKeys.get(key.kid);
    if (cached) return cached;
    const pem = this.secretBox().openText(key.privateKeySealed, `signing-key:${key.kid}`);
    const imported = await importPKCS8(pem, ALGORITHM);
    this.privateKeys.set(key.kid, imported);
    return imported;
  }

  private async publicKey(kid: string): Promise<PublicKeyEntry | undefined> {
    const age = Date.now() - this.publicKeysReadAt;
    // An unknown kid may be a key another replica just created; re-read, but at most once a second.
    if (age > PUBLIC_KEY_CACHE_MS || (!this.publicKeys.has(kid) && age > 1000)) {
      const next = new Map<string, PublicKeyEntry>();
      for (const k of await this.keys.list()) next.set(k.kid, { key: await importJWK(k.publicJwk, ALGORITHM), verifyUntil: k.verifyUntil });
      this.publicKeys = next;
      this.publicKeysReadAt = Date.now();
    }
    return this.publicKeys.get(kid);
  }

  private secretBox(): SecretBox {
    this.box ??= SecretBox.fromConfig(this.config);
    return this.box;
  }
}
