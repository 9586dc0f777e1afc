import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { checkQueryLimits, DEFAULT_QUERY_LIMITS, measureOperation } from './query-limits.js';

/** Codes Apollo and NestJS use for errors that are the client's doing; their messages are safe to return. */
const INTERNAL = 'INTERNAL_SERVER_ERROR';

/** True for errors whose message the client may see: anything deliberately coded, or an HTTP 4xx from NestJS. */
export function isSafeError(error: GraphQLFormattedError): boolean {
  const code = error.extensions?.['code'];
  const status = error.extensions?.['status'];
  if (typeof status === 'number' && status < 500) return true;
  return typeof code === 'string' && code !== INTERNAL;
}

/** Replaces anything unexpected with "Internal error" and a correlation id; never a stack trace, SQL or driver text. */
export function maskError(error: GraphQLFormattedError, correlationId: string): GraphQLFormattedError {
  if (isSafeError(error)) {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = error.extensions ?? {};
    return { ...error, extensions };
  }
  return { message: 'Internal error', path: error.path, locations: error.locations, extensions: { code: INTERNAL, correlationId } };
}

/**
 * Registered by AuthModule (NestJS discovers @Plugin providers), so the API's GraphQL configuration
 * needs nothing extra: query depth and cost limits, and error masking with server-side correlation.
 * CSRF prevention is Apollo's default (csrfPrevention) and the cookies are SameSite=Strict.
 */
@Plugin()
export class GraphqlHardeningPlugin implements ApolloServerPlugin<BaseContext> {
  private readonly logger = new Logger('GraphQL');

  async requestDidStart(): Promise<GraphQLRequestListener<BaseContext>> {
    const logger = this.logger;
    return {
      async didResolveOperation({ schema, document, operation }) {
        if (!operation) return;
        const problem = checkQueryLimits(measureOperation(schema, document, operation), DEFAULT_QUERY_LIMITS);
        if (problem) throw new GraphQLError(problem, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
      },
      async willSendResponse({ response, errors, operationName }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        const correlationId = randomUUID();
        const formatted = response.body.singleResult.errors;
        formatted.forEach((error, index) => {
          if (isSafeError(error)) return;
          const original = errors?.[index];
          const cause = (original?.originalError ?? original) as Error | undefined;
          logger.error(`[${correlationId}] ${operationName ?? 'anonymous operation'} ${error.path?.join('.') ?? ''}: ${cause?.message ?? error.message}`, cause?.stack);
        });
        response.body.singleResult.errors = formatted.map((error) => maskError(error, correlationId));
      },
    };
  }
}
