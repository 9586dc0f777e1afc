import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { Response } from 'express';
import type { GraphQLError } from 'graphql';
import { AuthError } from './auth.error.js';
import { toGraphQLError } from './auth.graphql-error.js';
import { toHttpException } from './auth.http-error.js';

/** Lets the guard, services and `assertTeamAccess` throw AuthError anywhere; the client gets the mapped error. */
@Catch(AuthError)
export class AuthErrorFilter implements ExceptionFilter<AuthError> {
  catch(error: AuthError, host: ArgumentsHost): GraphQLError | void {
    if (host.getType<GqlContextType>() === 'graphql') return toGraphQLError(error);
    const res = host.switchToHttp().getResponse<Response>();
    const http = toHttpException(error);
    if (error.retryAfterSeconds) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(http.getStatus()).json(http.getResponse());
  }
}
