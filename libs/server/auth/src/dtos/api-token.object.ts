import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Role } from '../roles/role.js';

@ObjectType('ApiToken', { description: 'An API token; the secret itself is shown only once, when issued' })
export class ApiTokenObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  holderEmail!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { description: 'The first characters, to recognise it' })
  prefix!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;
}

@ObjectType('IssuedApiToken')
export class IssuedApiTokenObject {
  @Field(() => String, { description: 'Shown once: store it now' })
  token!: string;

  @Field(() => ApiTokenObject)
  apiToken!: ApiTokenObject;
}

@InputType()
export class IssueApiTokenInput {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: 'Mandatory: 1 to 365' })
  expiresInDays!: number;

  @Field(() => Role, { nullable: true, description: 'Defaults to your own role; never more than it' })
  role?: Role;
}
