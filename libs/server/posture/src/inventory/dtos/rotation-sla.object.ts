import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('TeamRotationSla', { description: "One team's active credentials by SLA status; team null = keys no team answers for" })
export class TeamRotationSlaObject {
  @Field(() => Int) withinPolicy!: number;
  @Field(() => Int) dueSoon!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Int) maxDaysOverdue!: number;
  @Field(() => Int, { nullable: true }) oldestKeyAgeDays!: number | null;
  /** Resolved to `team` by a DataLoader. */
  teamId!: string | null;
}

@ObjectType('BurndownPoint', { description: 'Overdue credentials in one week (from the stored snapshot, else recomputed)' })
export class BurndownPointObject {
  @Field(() => Date, { description: 'Monday 00:00 UTC of the week' }) weekOf!: Date;
  @Field(() => Int) overdue!: number;
}
