import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

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

@ObjectType('TeamBurndownPoint', { description: "One week of a team's burn-down" })
export class TeamBurndownPointObject {
  @Field(() => Date, { description: 'Monday 00:00 UTC of the week' }) weekOf!: Date;
  @Field(() => Int, { description: "The team's overdue credentials at the end of the week (this week: now)" }) overdue!: number;
  @Field(() => Float, { description: "The target line this week: from the window's first count straight down to zero at targetDate" }) target!: number;
}

@ObjectType('TeamBurndown', { description: "One team's overdue credentials per week beside its target: zero overdue by targetDate" })
export class TeamBurndownObject {
  @Field(() => String, { description: 'YYYY-MM-DD: the day by which the team means to have no overdue credential' }) targetDate!: string;
  @Field(() => Boolean, { description: "True: the team set no target, and targetDate is the default (the current quarter's last day, UTC)" })
  targetIsDefault!: boolean;
  @Field(() => Int, { description: 'This week: 0 = on track (at or under the target line), else the whole keys to rotate to be back on it' })
  keysBehindTarget!: number;
  @Field(() => [TeamBurndownPointObject], { description: 'Oldest week first' }) points!: TeamBurndownPointObject[];
  /** Resolved to `team` by a DataLoader. */
  teamId!: string;
}
