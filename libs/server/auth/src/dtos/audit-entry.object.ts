import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('AuditEntry', { description: 'One link of the append-only, hash-chained audit trail' })
export class AuditEntryObject {
  @Field(() => Number, { description: 'Position in the chain' })
  seq!: number;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => String, { description: 'USER, API_TOKEN, CLI, SYSTEM or ANONYMOUS' })
  actorType!: string;

  @Field(() => String)
  actor!: string;

  @Field(() => String)
  action!: string;

  @Field(() => String, { nullable: true })
  target!: string | null;

  @Field(() => String, { description: 'SUCCESS or FAILURE' })
  outcome!: string;

  @Field(() => String, { description: 'JSON object of non-secret details' })
  details!: string;

  @Field(() => String)
  hash!: string;
}
