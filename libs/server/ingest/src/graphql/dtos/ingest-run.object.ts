import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('IngestRun', { description: 'One ingest of a file, upload or pull: when, how it ended and what it stored' })
export class IngestRunObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  sourceType!: string;

  @Field(() => String, { description: 'FILE | UPLOAD | SCHEDULE | MANUAL' })
  trigger!: string;

  @Field(() => String, { nullable: true, description: 'The file, upload name or data source name' })
  input!: string | null;

  @Field(() => String, { description: 'QUEUED | RUNNING | SUCCEEDED | PARTIAL | FAILED' })
  status!: string;

  @Field(() => Date)
  queuedAt!: Date;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => String, { nullable: true })
  errorMessage!: string | null;
}
