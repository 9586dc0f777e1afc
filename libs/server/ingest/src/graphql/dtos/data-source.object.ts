import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { IngestRunObject } from './ingest-run.object.js';

@ObjectType('DataSource', { description: 'A configured connector, or the implicit source of file ingests of one type' })
export class DataSourceObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  type!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: 'Cron schedule of pulls (UTC)' })
  schedule!: string | null;

  @Field(() => String, { description: 'Non-secret configuration as JSON text' })
  config!: string;

  @Field(() => [String], { description: 'Names of secret fields that have a value (values are never returned)' })
  secretFieldsSet!: string[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastSuccessfulRunAt!: Date | null;

  @Field(() => String, { description: 'FRESH | STALE | NEVER' })
  freshness!: string;

  @Field(() => IngestRunObject, { nullable: true })
  lastRun!: IngestRunObject | null;
}
