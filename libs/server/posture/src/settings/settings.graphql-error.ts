import { GraphQLError } from 'graphql';
import { assertUnreachable } from '@postureboard/server-core';
import { toGraphQLError as postureToGraphQLError } from '../common/posture.error.js';
import { SettingsError, SettingsErrorCode } from './settings.error.js';

/** The one place settings errors become GraphQL errors; organization errors go through the posture mapping. */
export function toGraphQLError(error: unknown): unknown {
  if (!(error instanceof SettingsError)) return postureToGraphQLError(error);
  switch (error.code) {
    case SettingsErrorCode.INVALID_INPUT:
      return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    case SettingsErrorCode.TEAM_NAME_TAKEN:
      return new GraphQLError(error.message, { extensions: { code: 'CONFLICT' } });
    case SettingsErrorCode.TEAM_NOT_FOUND:
      return new GraphQLError(error.message, { extensions: { code: 'NOT_FOUND' } });
    default:
      return assertUnreachable(error.code);
  }
}

export const settingsGraphql = <T>(work: () => Promise<T>): Promise<T> => work().catch((error: unknown) => Promise.reject(toGraphQLError(error)));
