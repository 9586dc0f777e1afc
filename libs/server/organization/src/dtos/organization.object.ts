import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Organization')
export class OrganizationObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: 'ISO 3166 alpha-2 codes from which access is expected' })
  approvedCountries!: string[];

  @Field(() => String, { description: 'ISO 4217 currency of budgets' })
  currency!: string;
}
