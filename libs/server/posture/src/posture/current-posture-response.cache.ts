import { type ApolloServerPlugin, type BaseContext, type GraphQLRequestListener, type GraphQLResponse, HeaderMap } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { Inject, Optional } from '@nestjs/common';
import type { Request } from 'express';
import { Kind, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { APP_CONFIG, type AppConfig } from '@postureboard/server-core';
import { Authenticator, CallerAccess } from '@postureboard/server-auth';
import { PostureChangeFeed } from '@postureboard/server-database';
import { dayStartOf } from './posture.service.js';

/**
 * Root fields whose answer is a read of the organisation's stored current posture (never an evaluation), and
 * when: `posture` only without `asOf` (an instant given is evaluated on demand and never kept).
 */
const CURRENT_POSTURE_READS: Record<string, (argument: string) => boolean> = {
  posture: (argument) => argument === 'org',
  scoreHistory: (argument) => argument === 'org' || argument === 'weeks',
  __typename: () => false,
};

const DEFAULT_TTL_SECONDS = 60;
const MAX_ENTRIES = 2_000;

interface Entry {
  epoch: string;
  expiresAt: number;
  data: Record<string, unknown>;
}

/** The organisation an operation reads the stored current posture of, when that is all it does (else null). */
export function currentPostureRead(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { slug: string } | null {
  if (operation.operation !== 'query' || operation.directives?.length) return null;
  let slug: string | null = null;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length) return null;
    const allowed = CURRENT_POSTURE_READS[selection.name.value];
    if (!allowed) return null;
    for (const argument of selection.arguments ?? []) {
      if (!allowed(argument.name.value)) return null;
      if (argument.name.value !== 'org') continue;
      const value = valueOf(argument.value, variables);
      if (typeof value !== 'string' || (slug !== null && value !== slug)) return null;
      slug = value;
    }
    if (selection.name.value !== '__typename' && !selection.arguments?.some((a) => a.name.value === 'org')) return null;
  }
  return slug === null ? null : { slug };
}

const valueOf = (node: ValueNode, variables: Record<string, unknown>): unknown =>
  node.kind === Kind.VARIABLE ? variables[node.name.value] : node.kind === Kind.STRING ? node.value : undefined;

/**
 * Answers to reads of the stored current posture (the overview's query), kept per caller until PostgreSQL
 * says the organisation's posture reads changed (PostureChangeFeed) or `POSTUREBOARD_READ_CACHE_SECONDS`
 * pass (the window of `scoreHistory` moves with the clock). Every request is still authenticated and its
 * access looked up as the guard does; only an answer produced under the guard for the same caller and the
 * same access is given again. An answer with errors is never kept; while the feed is down nothing is.
 */
@Plugin()
export class CurrentPostureResponseCache implements ApolloServerPlugin<BaseContext> {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly callerAccess: CallerAccess,
    private readonly changes: PostureChangeFeed,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.ttlMs = (config?.POSTUREBOARD_READ_CACHE_SECONDS ?? DEFAULT_TTL_SECONDS) * 1000;
  }

  async requestDidStart(): Promise<GraphQLRequestListener<BaseContext> | void> {
    if (this.ttlMs <= 0) return;
    let kept: { key: string; epoch: string } | null = null;
    return {
      responseForOperation: async ({ operation, request, queryHash, contextValue }): Promise<GraphQLResponse | null> => {
        const req = (contextValue as { req?: Request }).req;
        const read = req ? currentPostureRead(operation, request.variables ?? {}) : null;
        if (!req || !read) return null;
        const caller = await this.authenticator.authenticate(req);
        const access = caller ? await this.callerAccess.in(caller, read.slug, req) : null;
        const epoch = access ? this.changes.epochOf(access.organizationId) : null;
        if (!caller || !access || epoch === null) return null;
        const now = new Date();
        // One answer serves another for the same operation and variables, asked by the same caller (user or
        // token) with the same access, on the same day (`pending` compares with it), in the same language.
        const key = JSON.stringify([
          queryHash,
          request.operationName ?? null,
          request.variables ?? {},
          caller.kind === 'api-token' ? `token:${caller.tokenId}` : `user:${caller.userId}`,
          access.organizationId,
          access.role,
          [...access.teamIds].sort(),
          dayStartOf(now).toISOString(),
          req.headers['accept-language'] ?? '',
        ]);
        const entry = this.entries.get(key);
        if (entry && entry.epoch === epoch && entry.expiresAt > now.getTime()) {
          // Most recently used last: the oldest entry is the first to go.
          this.entries.delete(key);
          this.entries.set(key, entry);
          return { http: { headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: entry.data } } };
        }
        // The epoch before execution: a change committed while this request reads makes its answer one of the past.
        kept = { key, epoch };
        return null;
      },
      willSendResponse: async ({ response }) => {
        if (!kept || response.body.kind !== 'single') return;
        const { singleResult } = response.body;
        if (singleResult.errors?.length || !singleResult.data || (response.http.status ?? 200) !== 200) return;
        this.entries.delete(kept.key);
        this.entries.set(kept.key, { epoch: kept.epoch, expiresAt: Date.now() + this.ttlMs, data: singleResult.data });
        if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      },
    };
  }
}
