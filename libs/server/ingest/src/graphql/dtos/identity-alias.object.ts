import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('IdentityAlias', { description: 'Another name of a person (a GitHub login, an AWS user name, a source id), used to match sources' })
export class IdentityAliasObject {
  @Field(() => String, { description: 'Trimmed and lower case: names compare case-insensitively' })
  alias!: string;

  @Field(() => String, { nullable: true, description: 'The system the alias is used in (e.g. github); null for any' })
  system!: string | null;

  @Field(() => ID)
  identityId!: string;

  @Field(() => String, { nullable: true })
  identityEmail!: string | null;

  @Field(() => String)
  identityName!: string;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('IdentityAliasChange', { description: 'What adding or removing an alias did, including the stored accounts and credentials it (un)linked' })
export class IdentityAliasChangeObject {
  @Field(() => String)
  alias!: string;

  @Field(() => String, { nullable: true })
  system!: string | null;

  @Field(() => ID)
  identityId!: string;

  @Field(() => String, { description: 'added | unchanged | removed' })
  outcome!: string;

  @Field(() => Int)
  linkedAccounts!: number;

  @Field(() => Int)
  linkedCredentials!: number;
}
