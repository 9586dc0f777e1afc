import type { Clock } from './auth.clock.js';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthModuleOptions {
  /**
   * The API sets this: create the first admin and keep the signing keys rotated. The CLI leaves it off,
   * so a command never prints a password or rotates keys as a side effect.
   */
  runStartupTasks?: boolean;
  /** Replaces the system clock (tests). */
  clock?: Clock;
  /** Days a signing key signs before it is replaced (default 30). */
  signingKeyRotationDays?: number;
}

export interface ResolvedAuthOptions {
  runStartupTasks: boolean;
  signingKeyRotationDays: number;
}
