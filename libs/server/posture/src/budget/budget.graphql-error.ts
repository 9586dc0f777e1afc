import { GraphQLError } from 'graphql';
import { assertUnreachable } from '@postureboard/server-core';
import { toGraphQLError as postureToGraphQLError } from '../common/posture.error.js';
import { BudgetError, BudgetErrorCode } from './budget.error.js';

/** The one place budget errors become GraphQL errors; organization errors go through the posture mapping. */
export function toGraphQLError(error: unknown): unknown {
  if (!(error instanceof BudgetError)) return postureToGraphQLError(error);
  switch (error.code) {
    case BudgetErrorCode.INVALID_INPUT:
      return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    default:
      return assertUnreachable(error.code);
  }
}

export const budgetGraphql = <T>(work: () => Promise<T>): Promise<T> => work().catch((error: unknown) => Promise.reject(toGraphQLError(error)));
