import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { AuthError } from '../auth.error.js';
import { validatePassword } from './password-hasher.js';
import { passwordProblem } from './password-policy.js';

describe('password policy (ASVS L2)', () => {
  it.each([
    ['twelve spaces', ' '.repeat(12), 'A password cannot be only spaces'],
    ['tabs and spaces', ' \t \t \t \t \t \t', 'A password cannot be only spaces'],
    ['one character repeated', 'aaaaaaaaaaaa', 'A password cannot be one character repeated'],
    ['a short unit repeated', 'abcabcabcabc', 'A password cannot be a short pattern repeated'],
    ['a listed word repeated', 'qwertyqwerty', 'A password cannot be a short pattern repeated'],
    ['a listed word with digits after it', 'password1234', 'This password is one of the most common passwords: choose another'],
    ['the same in another case, with a symbol', 'Password1234!', 'This password is one of the most common passwords: choose another'],
    ['digits before a listed word', '2024iloveyou', 'This password is one of the most common passwords: choose another'],
    ['a listed password of 12 characters or more', 'Unbelievable', 'This password is one of the most common passwords: choose another'],
    ['too short', 'Zq8#vL2!pR9', 'A password needs 12 to 1024 characters'],
  ])('judges %s', (_what, password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('accepts passphrases and random passwords', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('Zq8#vL2!pR9m')).toBeNull();
    expect(passwordProblem(randomBytes(18).toString('base64url'))).toBeNull();
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'), minLength: 16, maxLength: 40 }), (password) => {
        fc.pre(new Set(password).size >= 6);
        expect(passwordProblem(password)).toBeNull();
      }),
    );
  });

  it('refuses through the hasher with an AuthError naming the problem', () => {
    expect(() => validatePassword('password1234')).toThrow(AuthError);
    expect(() => validatePassword('password1234')).toThrow('one of the most common passwords');
  });
});
