import { GraphQLError } from 'graphql';
import { assertUnreachable } from '@postureboard/server-core';
import { type AuthError, AuthErrorCode } from './auth.error.js';

/** The one place auth errors become GraphQL errors. */
export function toGraphQLError(error: AuthError): GraphQLError {
  const code = error.code;
  switch (code) {
    case AuthErrorCode.UNAUTHENTICATED:
    case AuthErrorCode.INVALID_CREDENTIALS:
      return new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    case AuthErrorCode.FORBIDDEN:
      return new GraphQLError(error.message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
    case AuthErrorCode.LOCKED:
    case AuthErrorCode.RATE_LIMITED:
      return new GraphQLError(error.message, { extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: error.retryAfterSeconds } });
    case AuthErrorCode.INVALID_INPUT:
      return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    case AuthErrorCode.NOT_FOUND:
      return new GraphQLError(error.message, { extensions: { code: 'NOT_FOUND' } });
    case AuthErrorCode.CONFLICT:
      return new GraphQLError(error.message, { extensions: { code: 'CONFLICT' } });
    case AuthErrorCode.AUDIT_TRAIL_TAMPERED:
      return new GraphQLError(error.message, { extensions: { code: 'AUDIT_TRAIL_TAMPERED' } });
    default:
      return assertUnreachable(code);
  }
}
