import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { BenchmarkStatus, FindingKind, ScoreBand, ScoreDomain, Severity } from '@postureboard/domain';
import { BenchmarkStatusEnum, FindingKindEnum, ScoreBandEnum, ScoreDomainEnum, SeverityEnum } from '../../common/graphql-enums.js';
import { OrganizationObject } from '../../common/organization.object.js';

@ObjectType('FindingCounts')
export class FindingCountsObject {
  @Field(() => Int) critical!: number;
  @Field(() => Int) high!: number;
  @Field(() => Int) medium!: number;
  @Field(() => Int) low!: number;
  @Field(() => Int) total!: number;
}

@ObjectType('ScoreMetric', { description: 'One measured part of a domain score: its share of the points and what it earned' })
export class ScoreMetricObject {
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'What the metric measures, in words' }) description!: string;
  @Field(() => Boolean) measured!: boolean;
  @Field(() => String, { nullable: true }) notMeasuredReason!: string | null;
  @Field(() => Float, { nullable: true, description: 'Share achieved, 0..1' }) value!: number | null;
  @Field(() => Float) numerator!: number;
  @Field(() => Float) denominator!: number;
  @Field(() => Float) weight!: number;
  @Field(() => Float) maxPoints!: number;
  @Field(() => Float) points!: number;
}

@ObjectType('ScoreContribution', { description: 'A finding and the points it cost its domain' })
export class ScoreContributionObject {
  @Field(() => ID, { nullable: true }) findingId!: string | null;
  @Field(() => String) fingerprint!: string;
  @Field(() => FindingKindEnum) kind!: FindingKind;
  @Field(() => SeverityEnum) severity!: Severity;
  @Field(() => String) subjectName!: string;
  @Field(() => Float) points!: number;
}

@ObjectType('DomainScore')
export class DomainScoreObject {
  @Field(() => ScoreDomainEnum) domain!: ScoreDomain;
  @Field(() => Boolean) measured!: boolean;
  @Field(() => String, { nullable: true, description: 'Why the domain is not measured (never shown as 0 or 100)' }) notMeasuredReason!: string | null;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => ScoreBandEnum, { nullable: true }) band!: ScoreBand | null;
  @Field(() => Float, { nullable: true, description: 'Score minus the stored snapshot one week earlier' }) change!: number | null;
  @Field(() => Float) penaltyPoints!: number;
  @Field(() => [ScoreMetricObject]) metrics!: ScoreMetricObject[];
  @Field(() => [ScoreContributionObject]) contributions!: ScoreContributionObject[];
  @Field(() => FindingCountsObject) findingCounts!: FindingCountsObject;
}

@ObjectType('BudgetRatios', { description: 'Shown beside the scores, never blended into them' })
export class BudgetRatiosObject {
  @Field(() => Int) fiscalYear!: number;
  @Field(() => String) currency!: string;
  @Field(() => Float) itSpend!: number;
  @Field(() => Float) securitySpend!: number;
  @Field(() => Float) revenue!: number;
  @Field(() => Float, { nullable: true, description: '0.046 = 4.6 %' }) securityToItRatio!: number | null;
  @Field(() => Float, { nullable: true }) securityToRevenueRatio!: number | null;
  @Field(() => Float) itBenchmark!: number;
  @Field(() => Float) revenueBenchmark!: number;
  @Field(() => BenchmarkStatusEnum, { nullable: true, description: 'Null when the ratio cannot be computed' }) itStatus!: BenchmarkStatus | null;
  @Field(() => BenchmarkStatusEnum, { nullable: true }) revenueStatus!: BenchmarkStatus | null;
}

@ObjectType('Posture')
export class PostureObject {
  @Field(() => OrganizationObject) organization!: OrganizationObject;
  @Field(() => Date) asOf!: Date;
  @Field(() => Float, { nullable: true }) overallScore!: number | null;
  @Field(() => ScoreBandEnum, { nullable: true }) overallBand!: ScoreBand | null;
  @Field(() => Float, { nullable: true }) overallChange!: number | null;
  @Field(() => String, { nullable: true }) overallNotMeasuredReason!: string | null;
  @Field(() => [DomainScoreObject]) domains!: DomainScoreObject[];
  @Field(() => BudgetRatiosObject, { nullable: true }) budget!: BudgetRatiosObject | null;
  @Field(() => FindingCountsObject) findingCounts!: FindingCountsObject;
  @Field(() => Int) overdueKeys!: number;
}

@ObjectType('SnapshotDomainScore')
export class SnapshotDomainScoreObject {
  @Field(() => ScoreDomainEnum) domain!: ScoreDomain;
  @Field(() => Boolean) measured!: boolean;
  @Field(() => Float, { nullable: true }) score!: number | null;
}

@ObjectType('ScoreSnapshot', { description: 'Stored weekly (and on demand); immutable' })
export class ScoreSnapshotObject {
  @Field(() => ID) id!: string;
  @Field(() => Date) asOf!: Date;
  @Field(() => Date) takenAt!: Date;
  @Field(() => String) trigger!: string;
  @Field(() => Float, { nullable: true }) overallScore!: number | null;
  @Field(() => ScoreBandEnum, { nullable: true }) overallBand!: ScoreBand | null;
  @Field(() => [SnapshotDomainScoreObject]) domains!: SnapshotDomainScoreObject[];
  @Field(() => Int) overdueKeys!: number;
}
