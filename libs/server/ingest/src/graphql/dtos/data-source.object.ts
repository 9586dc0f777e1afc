import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FRESHNESS, type Freshness } from '../../data-source.service.js';
import { IngestRunObject } from './ingest-run.object.js';

const FreshnessEnum = Object.fromEntries(FRESHNESS.map((f) => [f, f])) as Record<Freshness, Freshness>;
registerEnumType(FreshnessEnum, {
  name: 'DataSourceFreshness',
  description: 'FRESH: a run succeeded within the expected hours; STALE: the last success is older; NEVER: none has',
});

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

  @Field(() => Date, { nullable: true })
  lastSuccessfulRunAt!: Date | null;

  @Field(() => FreshnessEnum)
  freshness!: Freshness;

  @Field(() => IngestRunObject, { nullable: true })
  lastRun!: IngestRunObject | null;
}
