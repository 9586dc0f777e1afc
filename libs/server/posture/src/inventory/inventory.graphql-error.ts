import { GraphQLError } from 'graphql';
import { assertUnreachable } from '@postureboard/server-core';
import { toGraphQLError as postureToGraphQLError } from '../common/posture.error.js';
import { InventoryError, InventoryErrorCode } from './inventory.error.js';

/** The one place inventory errors become GraphQL errors; organization errors go through the posture mapping. */
export function toGraphQLError(error: unknown): unknown {
  if (!(error instanceof InventoryError)) return postureToGraphQLError(error);
  switch (error.code) {
    case InventoryErrorCode.INVALID_INPUT:
      return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    default:
      return assertUnreachable(error.code);
  }
}

export const inventoryGraphql = <T>(work: () => Promise<T>): Promise<T> => work().catch((error: unknown) => Promise.reject(toGraphQLError(error)));
