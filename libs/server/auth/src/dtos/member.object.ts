import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../roles/role.js';

@ObjectType('Member', { description: 'A user with a role in one organization' })
export class MemberObject {
  @Field(() => ID)
  userId!: string;

  @Field(() => String)
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => [ID], { description: 'Teams an ENGINEERING_LEAD leads; empty otherwise' })
  teamIds!: string[];

  @Field(() => String, { description: 'ACTIVE or DEACTIVATED (a deactivated user cannot sign in, whatever their role)' })
  status!: string;

  @Field(() => Date, { nullable: true })
  lastSignInAt!: Date | null;
}

@ObjectType('MemberChange')
export class MemberChangeObject {
  @Field(() => MemberObject)
  member!: MemberObject;

  @Field(() => String, { nullable: true, description: 'Set only when the user was created now: their first password, shown once' })
  generatedPassword!: string | null;
}
