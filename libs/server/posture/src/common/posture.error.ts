import { GraphQLError } from 'graphql';
import { FindingLifecycleError, FindingLifecycleErrorCode } from '@postureboard/domain';
import { assertUnreachable } from '@postureboard/server-core';
import { OrganizationError, OrganizationErrorCode } from '@postureboard/server-organization';

export enum PostureErrorCode {
  FINDING_NOT_FOUND = 'FINDING_NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  /** The caller's role reaches the field but not this item (their own, or another team's). */
  FORBIDDEN = 'FORBIDDEN',
  /** The organisation's posture has not been evaluated yet (the evaluation job has not run). */
  NOT_EVALUATED = 'NOT_EVALUATED',
  /** The user cannot be given this finding: not an active member who can see the finding's team. */
  ASSIGNEE_NOT_ALLOWED = 'ASSIGNEE_NOT_ALLOWED',
  /** An evaluation at an instant would not fit the memory this process has left (an API replica's heap is bounded). */
  EVALUATION_TOO_LARGE = 'EVALUATION_TOO_LARGE',
}

export class PostureError extends Error {
  constructor(
    readonly code: PostureErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PostureError';
  }
}

const lifecycleCode = (code: FindingLifecycleErrorCode): string => {
  switch (code) {
    case FindingLifecycleErrorCode.INVALID_TRANSITION:
      return 'CONFLICT';
    case FindingLifecycleErrorCode.REASON_REQUIRED:
    case FindingLifecycleErrorCode.EXPIRY_REQUIRED:
    case FindingLifecycleErrorCode.EXPIRY_NOT_IN_FUTURE:
      return 'BAD_USER_INPUT';
    default:
      return assertUnreachable(code);
  }
};

const organizationCode = (code: OrganizationErrorCode): string => {
  switch (code) {
    case OrganizationErrorCode.NOT_FOUND:
      return 'NOT_FOUND';
    case OrganizationErrorCode.SLUG_TAKEN:
      return 'CONFLICT';
    case OrganizationErrorCode.INVALID_INPUT:
      return 'BAD_USER_INPUT';
    default:
      return assertUnreachable(code);
  }
};

/** The one place posture, lifecycle and organization errors become GraphQL errors. */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof FindingLifecycleError) return new GraphQLError(error.message, { extensions: { code: lifecycleCode(error.code) } });
  if (error instanceof OrganizationError) return new GraphQLError(error.message, { extensions: { code: organizationCode(error.code) } });
  if (!(error instanceof PostureError)) return error;
  switch (error.code) {
    case PostureErrorCode.FINDING_NOT_FOUND:
      return new GraphQLError(error.message, { extensions: { code: 'NOT_FOUND' } });
    case PostureErrorCode.INVALID_INPUT:
    case PostureErrorCode.ASSIGNEE_NOT_ALLOWED:
      return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
    case PostureErrorCode.FORBIDDEN:
      return new GraphQLError(error.message, { extensions: { code: 'FORBIDDEN' } });
    case PostureErrorCode.NOT_EVALUATED:
      return new GraphQLError(error.message, { extensions: { code: 'CONFLICT' } });
    case PostureErrorCode.EVALUATION_TOO_LARGE:
      return new GraphQLError(error.message, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    default:
      return assertUnreachable(error.code);
  }
}

/** Runs a resolver body, mapping known errors. */
export const graphql = <T>(work: () => Promise<T>): Promise<T> => work().catch((error: unknown) => Promise.reject(toGraphQLError(error)));
