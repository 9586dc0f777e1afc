import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../roles/role.js';

@ObjectType('Membership', { description: 'An organization the user can see, and their role there' })
export class MembershipObject {
  @Field(() => String)
  organizationSlug!: string;

  @Field(() => String)
  organizationName!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => [ID], { description: 'Teams an ENGINEERING_LEAD leads; empty otherwise' })
  teamIds!: string[];
}

@ObjectType('User')
export class UserObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => Boolean, { description: 'ADMIN of every organization' })
  platformAdmin!: boolean;

  @Field(() => String, { description: 'SESSION (web sign-in) or API_TOKEN' })
  authenticatedBy!: string;

  @Field(() => [MembershipObject])
  memberships!: MembershipObject[];
}

@ObjectType('NotificationPreferences', { description: 'What the user chose for the notifications addressed to them' })
export class NotificationPreferencesObject {
  @Field(() => String, { nullable: true, description: 'en or ko: the language of e-mail addressed to the user; null: each channel’s language' })
  language!: string | null;

  @Field(() => Boolean, { description: 'The user receives no weekly digest' })
  digestOptOut!: boolean;
}
