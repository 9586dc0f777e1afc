import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { loadSecretKey, type SecretKeyConfig } from './secret-box.js';

/** How a signed link reads: still valid, past its expiry (the signature holds), or altered / not ours. */
export type SignedLinkCheck = 'valid' | 'expired' | 'invalid';

/**
 * Signs links that work without a session (a board report too large to mail): an HMAC-SHA256 over the subject
 * and the expiry (unix seconds), under a key derived from the master key for this one purpose (HKDF), so a
 * link's signature is worthless anywhere else and the master key never signs anything itself.
 */
export class LinkSigner {
  private readonly key: Buffer;

  constructor(masterKey: Buffer, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `postureboard signed link: ${purpose}`, 32));
  }

  static fromConfig(config: SecretKeyConfig, purpose: string): LinkSigner {
    return new LinkSigner(loadSecretKey(config), purpose);
  }

  /** The signature (hex) of `subject` valid until `expiresAt` (rounded down to the second). */
  sign(subject: string, expiresAt: Date): { expires: number; signature: string } {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return { expires, signature: this.mac(subject, expires) };
  }

  /** The signature first: an altered expiry or subject is `invalid`, never merely `expired`. */
  check(subject: string, expires: string | undefined, signature: string | undefined, now: Date): SignedLinkCheck {
    if (!expires || !/^\d{1,12}$/.test(expires) || !signature || !/^[0-9a-f]{64}$/.test(signature)) return 'invalid';
    const expected = Buffer.from(this.mac(subject, Number(expires)), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'invalid';
    return Number(expires) * 1000 <= now.getTime() ? 'expired' : 'valid';
  }

  private mac(subject: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${subject}\n${expires}`).digest('hex');
  }
}
