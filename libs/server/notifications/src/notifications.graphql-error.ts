import { GraphQLError } from 'graphql';
import { assertUnreachable } from '@postureboard/server-core';
import { NotificationError, NotificationErrorCode } from './notifications.error.js';

/** The one place notification errors become GraphQL errors. */
export function toGraphQLError(error: unknown): unknown {
  if (!(error instanceof NotificationError)) return error;
  switch (error.code) {
    case NotificationErrorCode.NOT_FOUND:
      return new GraphQLError(error.message, { extensions: { code: 'NOT_FOUND' } });
    case NotificationErrorCode.INVALID_INPUT:
      return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    case NotificationErrorCode.DELIVERY_FAILED:
      return new GraphQLError(error.message, { extensions: { code: 'BAD_GATEWAY' } });
    default:
      return assertUnreachable(error.code);
  }
}

export const rethrowForGraphQL = (error: unknown): never => {
  throw toGraphQLError(error);
};
