import { COMMON_PASSWORDS_TEXT } from './common-passwords.data.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

/** Lower-cased; built once per process from the shipped list (a constant, not state: it never changes). */
const COMMON = new Set(COMMON_PASSWORDS_TEXT.split('\n').map((line) => line.trim().toLowerCase()).filter(Boolean));

/** What people put around a common word to pass a length rule: digits and symbols before or after it. */
const DECORATION = /^[\d\W_]*(.*?)[\d\W_]*$/s;

/**
 * Why a new password is refused (OWASP ASVS 4.0 V2.1.1, V2.1.7: at least 12 characters, not a breached or
 * common password), or null when it is acceptable. Common means: in the shipped list of the 10,000 most
 * common passwords, whatever the case, also once the digits and symbols around it are taken off
 * (`Password1234!`) or when it is one short unit or listed word repeated (`qwertyqwerty`, `abcabcabcabc`).
 * All-same-character and whitespace-only passwords are refused whatever their length.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    return `A password needs ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`;
  }
  if (password.trim() === '') return 'A password cannot be only spaces';
  if ([...password].every((char) => char === password[0])) return 'A password cannot be one character repeated';
  const lower = password.toLowerCase();
  const unit = repeatedUnit(lower);
  if (unit !== null && (unit.length <= 3 || COMMON.has(unit))) return 'A password cannot be a short pattern repeated';
  const core = DECORATION.exec(lower)?.[1] ?? lower;
  if (COMMON.has(lower) || COMMON.has(core)) return 'This password is one of the most common passwords: choose another';
  const coreUnit = repeatedUnit(core);
  if (coreUnit !== null && COMMON.has(coreUnit)) return 'This password is one of the most common passwords: choose another';
  return null;
}

/** The shortest unit the text is two or more repetitions of (`abab` → `ab`), or null. */
function repeatedUnit(text: string): string | null {
  for (let size = 1; size <= text.length / 2; size += 1) {
    if (text.length % size !== 0) continue;
    const unit = text.slice(0, size);
    if (unit.repeat(text.length / size) === text) return unit;
  }
  return null;
}
