import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { CredentialKind } from '@postureboard/domain';
import { CredentialKindEnum } from '../../common/graphql-enums.js';

@ObjectType('LeaverAccess', { description: 'One active account (credentialKind null) or credential a leaver still holds' })
export class LeaverAccessObject {
  @Field(() => String, { description: "The account's system, or the credential's source" }) system!: string;
  @Field(() => String, { description: "The account's user name, or the credential's id" }) name!: string;
  @Field(() => CredentialKindEnum, { nullable: true }) credentialKind!: CredentialKind | null;
}

@ObjectType('Leaver', { description: 'Someone who left (HR or identity provider) and still has active access' })
export class LeaverObject {
  @Field(() => ID) identityId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => Date, { description: 'Earliest departure date the sources give (when none does: when the record last changed)' }) terminatedOn!: Date;
  @Field(() => Int) daysSinceTermination!: number;
  @Field(() => [String], { description: 'What is still active, e.g. "okta account jdoe", "ACCESS_KEY AKIA..." (English; `access` has the parts to word it)' })
  activeAccess!: string[];
  @Field(() => [LeaverAccessObject], { description: 'What is still active, accounts first, as parts the reader language words' }) access!: LeaverAccessObject[];
  @Field(() => Int, { description: 'Events on days after the departure day, by their names or their credentials' }) usesAfterTermination!: number;
  @Field(() => Date, { nullable: true }) lastUseAt!: Date | null;
  @Field(() => Float) bytesAfterTermination!: number;
  @Field(() => ID, { nullable: true, description: 'Their LEAVER_ACTIVE_ACCESS finding' }) findingId!: string | null;
}
