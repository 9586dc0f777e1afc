import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('CountryApproval', { description: 'Access from a country approved until an expiry, with who approved it and why' })
export class CountryApprovalObject {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2' }) country!: string;
  @Field(() => String) reason!: string;
  @Field(() => String, { description: 'Who approved it (e-mail)' }) approvedBy!: string;
  @Field(() => Date) approvedAt!: Date;
  @Field(() => Date, { description: 'Access from the country raises findings again from this time' }) expiresAt!: Date;
}
