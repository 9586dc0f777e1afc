/**
 * Back-off after repeated failed sign-ins on one account: the fifth failure in a row locks it for a
 * minute, each further one doubles the lock, up to an hour. Accounts unlock by themselves (no
 * permanent lockout an attacker could use to shut out the admin).
 */
export const FREE_ATTEMPTS = 4;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

/** When the account unlocks after `failures` consecutive failures at `now`; null while still free. */
export function lockedUntilAfter(failures: number, now: Date): Date | null {
  if (failures <= FREE_ATTEMPTS) return null;
  const lockMs = Math.min(BASE_LOCK_MS * 2 ** (failures - FREE_ATTEMPTS - 1), MAX_LOCK_MS);
  return new Date(now.getTime() + lockMs);
}
