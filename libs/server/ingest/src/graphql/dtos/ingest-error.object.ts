import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('IngestError', { description: 'A record an ingest run could not use, with where it came from' })
export class IngestErrorObject {
  @Field(() => String, { description: 'File path (or URL, or upload name) the record came from' })
  source!: string;

  @Field(() => Int, { nullable: true })
  line!: number | null;

  @Field(() => Int, { nullable: true, description: 'Index of the record within its source, when there are no lines' })
  record!: number | null;

  @Field(() => String, { nullable: true })
  field!: string | null;

  @Field(() => String)
  reason!: string;
}
