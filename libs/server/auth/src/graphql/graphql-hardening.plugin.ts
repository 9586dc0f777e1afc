import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Inject, Logger, Optional } from '@nestjs/common';
import type { Request } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { APP_CONFIG, type AppConfig } from '@postureboard/server-core';
import { Authenticator } from '../authentication/authenticator.service.js';
import { QueryCostBudget } from './query-cost.budget.js';
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

/**
 * graphql-js suggests field, type and argument names it knows ("Did you mean \"findings\"?"): with
 * introspection off in production, those suggestions would still map the schema for a stranger.
 */
export function withoutSuggestions(error: GraphQLFormattedError): GraphQLFormattedError {
  const message = error.message.replace(/\s*Did you mean [^?]*\?/g, '');
  return message === error.message ? error : { ...error, message };
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
 * needs nothing extra: query depth and cost limits per request, a cost budget per caller per minute,
 * no schema suggestions in production, and error masking with server-side correlation.
 * CSRF prevention is Apollo's default (csrfPrevention) and the cookies are SameSite=Strict.
 */
@Plugin()
export class GraphqlHardeningPlugin implements ApolloServerPlugin<BaseContext> {
  private readonly logger = new Logger('GraphQL');
  private readonly budget: QueryCostBudget;
  private readonly costPerMinute: number;

  constructor(
    private readonly authenticator: Authenticator,
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {
    this.costPerMinute = config?.POSTUREBOARD_GRAPHQL_COST_PER_MINUTE ?? DEFAULT_QUERY_LIMITS.maxCostPerMinute;
    this.budget = new QueryCostBudget(this.costPerMinute);
  }

  async requestDidStart(): Promise<GraphQLRequestListener<BaseContext>> {
    const { logger, budget, authenticator, costPerMinute } = this;
    const production = this.config?.NODE_ENV === 'production';
    return {
      async didResolveOperation({ schema, document, operation, request, contextValue }) {
        if (!operation) return;
        const measure = measureOperation(schema, document, operation, request.variables ?? {});
        const problem = checkQueryLimits(measure, DEFAULT_QUERY_LIMITS);
        if (problem) throw new GraphQLError(problem, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
        const req = (contextValue as { req?: Request }).req;
        if (!req) return;
        // The caller is resolved once per request (the guard reuses it): a user's budget follows them across sessions.
        const caller = await authenticator.authenticate(req).catch(() => null);
        const wait = budget.spend(caller ? `user:${caller.userId}` : `address:${req.ip ?? 'unknown'}`, measure.cost, Date.now());
        if (wait > 0) {
          throw new GraphQLError(`Query budget of ${costPerMinute} per minute used up; try again in ${Math.ceil(wait / 1000)} s`, {
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: Math.ceil(wait / 1000), http: { status: 429 } },
          });
        }
      },
      async willSendResponse({ response, errors, operationName }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        if (production) response.body.singleResult.errors = response.body.singleResult.errors.map(withoutSuggestions);
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
