import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { BenchmarkStatus } from '@postureboard/domain';
import { BenchmarkStatusEnum } from '../../common/graphql-enums.js';

@ObjectType('Budget', { description: 'One fiscal year of spend, with the security ratios derived from it' })
export class BudgetObject {
  @Field(() => Int) fiscalYear!: number;
  @Field(() => Float) itSpend!: number;
  @Field(() => Float) securitySpend!: number;
  @Field(() => Float) revenue!: number;
  @Field(() => String, { description: 'ISO 4217' }) currency!: string;
  @Field(() => Float, { nullable: true, description: 'Security / IT spend, e.g. 0.046 = 4.6 %; null without IT spend' }) securityToItRatio!: number | null;
  @Field(() => Float, { nullable: true, description: 'Security spend / revenue; null without revenue' }) securityToRevenueRatio!: number | null;
  @Field(() => BenchmarkStatusEnum, { nullable: true, description: "Against the organization's security/IT benchmark; null without IT spend" }) itStatus!: BenchmarkStatus | null;
  @Field(() => BenchmarkStatusEnum, { nullable: true, description: "Against the organization's security/revenue benchmark; null without revenue" }) revenueStatus!: BenchmarkStatus | null;
}

@InputType('BudgetInput')
export class BudgetInputObject {
  @Field(() => Int) fiscalYear!: number;
  @Field(() => Float) itSpend!: number;
  @Field(() => Float) securitySpend!: number;
  @Field(() => Float) revenue!: number;
  @Field(() => String) currency!: string;
}
