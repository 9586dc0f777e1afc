import { z } from 'zod';
import { AuthError, AuthErrorCode } from '../auth.error.js';

const emailSchema = z.email();

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export function validEmail(email: string): string {
  const normalised = normaliseEmail(email);
  if (!emailSchema.safeParse(normalised).success) throw new AuthError(AuthErrorCode.INVALID_INPUT, `"${normalised}" is not an e-mail address`);
  return normalised;
}
