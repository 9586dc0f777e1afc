import { HttpException, HttpStatus } from '@nestjs/common';
import { assertUnreachable } from '@postureboard/server-core';
import { type AuthError, AuthErrorCode } from './auth.error.js';

const status = (code: AuthErrorCode): HttpStatus => {
  switch (code) {
    case AuthErrorCode.UNAUTHENTICATED:
    case AuthErrorCode.INVALID_CREDENTIALS:
      return HttpStatus.UNAUTHORIZED;
    case AuthErrorCode.FORBIDDEN:
      return HttpStatus.FORBIDDEN;
    case AuthErrorCode.LOCKED:
    case AuthErrorCode.RATE_LIMITED:
      return HttpStatus.TOO_MANY_REQUESTS;
    case AuthErrorCode.INVALID_INPUT:
      return HttpStatus.BAD_REQUEST;
    case AuthErrorCode.NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case AuthErrorCode.CONFLICT:
      return HttpStatus.CONFLICT;
    case AuthErrorCode.AUDIT_TRAIL_TAMPERED:
      return HttpStatus.INTERNAL_SERVER_ERROR;
    default:
      return assertUnreachable(code);
  }
};

/** The one place auth errors become HTTP responses: `{ error: CODE, message }`. */
export function toHttpException(error: AuthError): HttpException {
  return new HttpException({ error: error.code, message: error.message }, status(error.code));
}
