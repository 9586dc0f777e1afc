export enum AuthErrorCode {
  /** No valid session or token. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** Signed in, but not allowed here (also used for organizations the caller cannot see). */
  FORBIDDEN = 'FORBIDDEN',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  /** Too many failed sign-ins for the account: back off until the lock expires. */
  LOCKED = 'LOCKED',
  /** Too many attempts from one client. */
  RATE_LIMITED = 'RATE_LIMITED',
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /** The audit trail's hash chain does not verify: an entry was edited or deleted. */
  AUDIT_TRAIL_TAMPERED = 'AUDIT_TRAIL_TAMPERED',
}

/** Messages are safe to show: they never carry a password, token or key. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export const forbidden = (message = 'Not allowed'): AuthError => new AuthError(AuthErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = 'Sign in required'): AuthError => new AuthError(AuthErrorCode.UNAUTHENTICATED, message);
