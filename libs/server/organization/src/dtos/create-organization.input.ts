import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class CreateOrganizationInput {
  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { nullable: true })
  approvedCountries?: string[];

  @Field(() => String, { nullable: true })
  currency?: string;
}
