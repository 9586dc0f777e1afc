import { GraphQLError } from 'graphql';
import { assertUnreachable } from '@postureboard/server-core';
import { IngestError, IngestErrorCode } from './ingest.error.js';

/** The one place ingest errors become GraphQL errors. */
export function toGraphQLError(error: unknown): unknown {
  if (!(error instanceof IngestError)) return error;
  switch (error.code) {
    case IngestErrorCode.ORGANIZATION_NOT_FOUND:
    case IngestErrorCode.DATA_SOURCE_NOT_FOUND:
      return new GraphQLError(error.message, { extensions: { code: 'NOT_FOUND' } });
    case IngestErrorCode.UNKNOWN_SOURCE:
    case IngestErrorCode.INVALID_CONFIG:
    case IngestErrorCode.INVALID_INPUT:
    case IngestErrorCode.UPLOAD_TOO_LARGE:
    case IngestErrorCode.INPUT_TOO_LARGE:
    case IngestErrorCode.INPUT_UNPROCESSABLE:
      return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    case IngestErrorCode.QUEUE_UNAVAILABLE:
      return new GraphQLError(error.message, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    default:
      return assertUnreachable(error.code);
  }
}

export const rethrowForGraphQL = (error: unknown): never => {
  throw toGraphQLError(error);
};
