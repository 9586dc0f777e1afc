import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Team', { description: 'An owning team; its engineering lead answers for its keys' })
export class TeamObject {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) leadEmail!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the day by which the team means to have no overdue credential; null = none set' })
  rotationTargetDate!: string | null;
}
