import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, Roles } from '@postureboard/server-auth';
import { type LoaderContext, requestLoader } from '@postureboard/server-core';
import type { IngestErrorRecord } from '@postureboard/server-database';
import { rethrowForGraphQL } from '../ingest.graphql-error.js';
import { IngestService } from '../ingest.service.js';
import { IngestErrorObject } from './dtos/ingest-error.object.js';
import { IngestRunObject } from './dtos/ingest-run.object.js';
import { toIngestRunObject } from './ingest-run.mapper.js';

/** Readers of operational records: everyone but the board (who see reports, not runs). */
export const INGEST_READERS = [Role.ADMIN, Role.CISO, Role.ANALYST, Role.AUDITOR, Role.ENGINEERING_LEAD] as const;

@Resolver(() => IngestRunObject)
@Roles(...INGEST_READERS)
export class IngestRunResolver {
  constructor(private readonly ingest: IngestService) {}

  @Query(() => [IngestRunObject], { description: 'Latest ingest runs, newest first' })
  async ingestRuns(
    @Args('org', { type: () => String }) org: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<IngestRunObject[]> {
    const runs = await this.ingest.listRuns(org, first).catch(rethrowForGraphQL);
    return runs.map(toIngestRunObject);
  }

  @Mutation(() => IngestRunObject, { description: 'Queue a pull of a configured data source now' })
  @Roles(Role.ADMIN, Role.CISO, Role.ANALYST)
  async runDataSource(
    @Args('org', { type: () => String }) org: string,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<IngestRunObject> {
    return toIngestRunObject(await this.ingest.runDataSource(org, id).catch(rethrowForGraphQL));
  }

  /** One query for the errors of every run in the response (a per-request loader per limit). */
  @ResolveField(() => [IngestErrorObject])
  async errors(
    @Parent() run: IngestRunObject,
    @Args('limit', { type: () => Int, defaultValue: 50 }) limit: number,
    @Context() context: LoaderContext,
  ): Promise<IngestErrorObject[]> {
    const capped = Math.min(Math.max(limit, 0), 1000);
    const loader = requestLoader<IngestErrorRecord[]>(context, `ingestRunErrors:${capped}`, (ids) => this.ingest.errorsByRun(ids, capped));
    return (await loader.load(run.id)) ?? [];
  }
}
