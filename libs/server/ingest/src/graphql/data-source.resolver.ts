import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Role, Roles } from '@postureboard/server-auth';
import { DataSourceService } from '../data-source.service.js';
import { rethrowForGraphQL } from '../ingest.graphql-error.js';
import { DataSourceObject } from './dtos/data-source.object.js';
import { INGEST_READERS } from './ingest-run.resolver.js';
import { toDataSourceObject } from './ingest-run.mapper.js';

@Resolver(() => DataSourceObject)
@Roles(...INGEST_READERS)
export class DataSourceResolver {
  constructor(private readonly service: DataSourceService) {}

  @Query(() => [DataSourceObject], { description: 'Configured connectors and implicit file sources, with freshness' })
  async dataSources(@Args('org', { type: () => String }) org: string): Promise<DataSourceObject[]> {
    return (await this.service.list(org).catch(rethrowForGraphQL)).map(toDataSourceObject);
  }

  @Mutation(() => DataSourceObject, {
    description: 'Create or reconfigure a connector by name. `config` is JSON including secrets (write-only: omitted secrets are kept)',
  })
  @Roles(Role.ADMIN)
  async configureDataSource(
    @Args('org', { type: () => String }) org: string,
    @Args('type', { type: () => String }) type: string,
    @Args('name', { type: () => String }) name: string,
    @Args('config', { type: () => String }) config: string,
    @Args('schedule', { type: () => String, nullable: true }) schedule: string | null,
  ): Promise<DataSourceObject> {
    return toDataSourceObject(await this.service.configure(org, { type, name, config, schedule }).catch(rethrowForGraphQL));
  }
}
