import { GraphQLError } from 'graphql';
import { assertUnreachable } from '@postureboard/server-core';
import { ReportError, ReportErrorCode } from '../reports.error.js';

/** The one place report errors become GraphQL errors. */
export function toGraphQLError(error: unknown): unknown {
  if (!(error instanceof ReportError)) return error;
  switch (error.code) {
    case ReportErrorCode.NOT_FOUND:
      return new GraphQLError(error.message, { extensions: { code: 'NOT_FOUND' } });
    case ReportErrorCode.INVALID_INPUT:
      return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    case ReportErrorCode.DATA_UNAVAILABLE:
      return new GraphQLError(error.message, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    default:
      return assertUnreachable(error.code);
  }
}
