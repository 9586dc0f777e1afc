import { AuthError, AuthErrorCode } from '../auth.error.js';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** Parses `90m`, `12h`, `30d`, `4w` into milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d{1,5})([mhdw])$/.exec(text.trim());
  if (!match) throw new AuthError(AuthErrorCode.INVALID_INPUT, `"${text}" is not a duration like 90m, 12h, 30d or 4w`);
  const ms = Number(match[1]) * UNITS[match[2]!]!;
  if (ms <= 0) throw new AuthError(AuthErrorCode.INVALID_INPUT, 'A duration must be positive');
  return ms;
}
