import { BadRequestException, ConflictException, ForbiddenException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { assertUnreachable } from '@postureboard/server-core';
import { PostureError, PostureErrorCode } from './posture.error.js';

/** The one place posture errors become HTTP errors (for the few HTTP routes: the findings export). */
export function toHttpError(error: unknown): unknown {
  if (!(error instanceof PostureError)) return error;
  switch (error.code) {
    case PostureErrorCode.FINDING_NOT_FOUND:
      return new NotFoundException(error.message);
    case PostureErrorCode.INVALID_INPUT:
    case PostureErrorCode.ASSIGNEE_NOT_ALLOWED:
      return new BadRequestException(error.message);
    case PostureErrorCode.NOT_EVALUATED:
      return new ConflictException(error.message);
    case PostureErrorCode.FORBIDDEN:
      return new ForbiddenException(error.message);
    case PostureErrorCode.EVALUATION_TOO_LARGE:
      return new ServiceUnavailableException(error.message);
    default:
      return assertUnreachable(error.code);
  }
}
