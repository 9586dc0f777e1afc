import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Request } from 'express';
import type { GraphQLResolveInfo } from 'graphql';
import type { Operation } from './access-policy.js';

/** The parts of a GraphQL root field or HTTP route that authorization and auditing look at. */
export interface ExecutionTarget {
  req: Request;
  operation: Operation;
  /** `mutation.createOrganization`, `query.me`, `http.POST /auth/login`. */
  name: string;
  args: Record<string, unknown>;
  /** Whether the field or route declares the organization argument at all. */
  hasArgument(name: string): boolean;
}

/** Null for GraphQL fields below the root: they are reached through a root field that was authorized. */
export function executionTarget(context: ExecutionContext): ExecutionTarget | null {
  if (context.getType<GqlContextType>() === 'graphql') {
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const kind = rootKind(info);
    if (!kind) return null;
    const field = info.parentType.getFields()[info.fieldName];
    return {
      req: gql.getContext<{ req: Request }>().req,
      operation: kind === 'mutation' ? 'write' : 'read',
      name: `${kind}.${info.fieldName}`,
      args: gql.getArgs<Record<string, unknown>>() ?? {},
      hasArgument: (name) => Boolean(field?.args.some((a) => a.name === name)),
    };
  }
  if (context.getType() !== 'http') return null;
  const req = context.switchToHttp().getRequest<Request>();
  const params = (req.params ?? {}) as Record<string, unknown>;
  const query = (req.query ?? {}) as Record<string, unknown>;
  return {
    req,
    operation: ['GET', 'HEAD', 'OPTIONS'].includes(req.method) ? 'read' : 'write',
    name: `http.${req.method} ${req.route?.path ?? req.path}`,
    args: { ...query, ...params },
    hasArgument: (name) => name in params || name in query,
  };
}

function rootKind(info: GraphQLResolveInfo): 'query' | 'mutation' | 'subscription' | null {
  const parent = info.parentType.name;
  if (parent === info.schema.getQueryType()?.name) return 'query';
  if (parent === info.schema.getMutationType()?.name) return 'mutation';
  if (parent === info.schema.getSubscriptionType()?.name) return 'subscription';
  return null;
}
