import { type ArgumentsHost, Catch, Logger } from '@nestjs/common';
import type { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/**
 * A GraphQL error that answers the caller (refused, unauthenticated, bad input, not found) is the API working:
 * it goes back to the caller and is not logged as a server error. Nest's default handler logged every one at
 * ERROR with its stack, burying real faults; an INTERNAL_SERVER_ERROR is still logged.
 */
@Catch(GraphQLError)
export class GraphQLClientErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(error: GraphQLError, host: ArgumentsHost): GraphQLError {
    if (host.getType<GqlContextType>() !== 'graphql') throw error;
    if (isServerFault(error)) this.logger.error(error.stack ?? error.message);
    return error;
  }
}

function isServerFault(error: GraphQLError): boolean {
  const code = error.extensions['code'];
  return code === undefined || code === 'INTERNAL_SERVER_ERROR';
}
