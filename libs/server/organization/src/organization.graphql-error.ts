import { GraphQLError } from 'graphql';
import { assertUnreachable } from '@postureboard/server-core';
import { OrganizationError, OrganizationErrorCode } from './organization.error.js';

/** The one place organization errors become GraphQL errors. */
export function toGraphQLError(error: unknown): unknown {
  if (!(error instanceof OrganizationError)) return error;
  switch (error.code) {
    case OrganizationErrorCode.NOT_FOUND:
      return new GraphQLError(error.message, { extensions: { code: 'NOT_FOUND' } });
    case OrganizationErrorCode.SLUG_TAKEN:
      return new GraphQLError(error.message, { extensions: { code: 'CONFLICT' } });
    case OrganizationErrorCode.INVALID_INPUT:
      return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    default:
      return assertUnreachable(error.code);
  }
}
