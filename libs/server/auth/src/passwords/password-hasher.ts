import { argon2id, hash, verify } from 'argon2';
import { Injectable } from '@nestjs/common';
import { AuthError, AuthErrorCode } from '../auth.error.js';

/** OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane): strong, and quick enough for a sign-in. */
const OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;

@Injectable()
export class PasswordHasher {
  /** Verified against when the account does not exist, so timing does not reveal which e-mails are registered. */
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    validatePassword(password);
    return hash(password, OPTIONS);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (password.length > MAX_PASSWORD_LENGTH) return false;
    if (!passwordHash) {
      this.dummyHash ??= hash('postureboard-timing-equaliser', OPTIONS);
      await verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}

export function validatePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new AuthError(AuthErrorCode.INVALID_INPUT, `A password needs ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
  }
}
