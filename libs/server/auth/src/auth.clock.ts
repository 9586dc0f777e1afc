/** Injection token for the time source, so lockouts, expiries and rotations are testable. */
export const AUTH_CLOCK = Symbol('AUTH_CLOCK');

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
