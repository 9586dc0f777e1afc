import { argon2id, hash, verify } from 'argon2';
import { Injectable } from '@nestjs/common';
import { AuthError, AuthErrorCode } from '../auth.error.js';
import { MAX_PASSWORD_LENGTH, passwordProblem } from './password-policy.js';

/** OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane): strong, and quick enough for a sign-in. */
const OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export { MIN_PASSWORD_LENGTH } from './password-policy.js';

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

/** New passwords only: existing ones still sign in, and are refused the next time they are set. */
export function validatePassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem !== null) throw new AuthError(AuthErrorCode.INVALID_INPUT, problem);
}
