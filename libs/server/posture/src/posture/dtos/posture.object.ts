import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { BenchmarkStatus, ExplanationTermKind, FindingKind, ScoreBand, ScoreDomain, Severity } from '@postureboard/domain';
import { BenchmarkStatusEnum, ExplanationTermKindEnum, FindingKindEnum, ScoreBandEnum, ScoreDomainEnum, SeverityEnum } from '../../common/graphql-enums.js';
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

@ObjectType('ExplanationTerm', { description: 'One term of a score: the terms of an explanation add up to the score shown' })
export class ExplanationTermObject {
  @Field(() => ExplanationTermKindEnum) kind!: ExplanationTermKind;
  @Field(() => String, { description: 'In English; clients render their own words from metric, domain or fingerprint' }) label!: string;
  @Field(() => Float, { description: 'Points, two decimals' }) points!: number;
  @Field(() => String, { nullable: true, description: 'The metric of a METRIC term of a domain' }) metric?: string | null;
  @Field(() => ScoreDomainEnum, { nullable: true, description: 'The domain of a METRIC term of the overall score' }) domain?: ScoreDomain | null;
  @Field(() => String, { nullable: true, description: 'The finding of a FINDING term' }) fingerprint?: string | null;
}

@ObjectType('ScoreExplanation', { description: 'Why a score is what it is: BASE, METRIC, FINDING, CAP, FLOOR and ROUNDING terms (docs/scoring.md)' })
export class ScoreExplanationObject {
  @Field(() => [ExplanationTermObject]) terms!: ExplanationTermObject[];
}

@ObjectType('OmittedContributions', { description: 'The findings behind a domain that its contributions do not list' })
export class OmittedContributionsObject {
  @Field(() => Int) count!: number;
  @Field(() => Float) points!: number;
}

@ObjectType('ScoreContribution', { description: 'A finding and the points it cost its domain' })
export class ScoreContributionObject {
  @Field(() => ID, { nullable: true }) findingId!: string | null;
  @Field(() => String) fingerprint!: string;
  @Field(() => FindingKindEnum) kind!: FindingKind;
  @Field(() => ScoreDomainEnum, { description: "The finding's own domain: another domain's finding counts in both" }) domain!: ScoreDomain;
  @Field(() => SeverityEnum) severity!: Severity;
  @Field(() => String) subjectName!: string;
  @Field(() => Float) points!: number;
}

@ObjectType('DaysToDetect', {
  description: 'Median days from the first day of an incident (anomalous activity, a departure) to the first day a finding fired, over a period (docs/scoring.md)',
})
export class DaysToDetectObject {
  @Field(() => String, { description: 'First UTC day of the period, YYYY-MM-DD' }) from!: string;
  @Field(() => String, { description: 'Last UTC day of the period (the as-of day), YYYY-MM-DD' }) to!: string;
  @Field(() => Float, { nullable: true, description: 'Median over the incidents first detected in the period; null when none was' }) medianDays!: number | null;
  @Field(() => Int, { description: 'Incidents first detected in the period' }) detected!: number;
  @Field(() => Int, { description: 'Incidents begun by the end of the period and not detected by then (not counted in the median)' }) notDetectedYet!: number;
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
  @Field(() => [ScoreContributionObject], { description: 'The findings that cost the domain most, worst first' }) contributions!: ScoreContributionObject[];
  @Field(() => OmittedContributionsObject) omittedContributions!: OmittedContributionsObject;
  @Field(() => FindingCountsObject, { description: 'The findings its explanation lists (its own and other domains\' that cost it points)' }) findingCounts!: FindingCountsObject;
  @Field(() => ScoreExplanationObject, { nullable: true, description: 'Terms adding up to the score; null when not measured' }) explanation!: ScoreExplanationObject | null;
  @Field(() => DaysToDetectObject, {
    nullable: true,
    description: 'DETECTION: median days to detect over the 90 days up to asOf (not part of the score); null on other domains and for a posture of another instant',
  })
  daysToDetect!: DaysToDetectObject | null;
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
  @Field(() => ScoreExplanationObject, { nullable: true, description: 'The weighted domains adding up to overallScore' }) explanation!: ScoreExplanationObject | null;
  @Field(() => Date, { nullable: true, description: 'When the evaluation behind this posture ran (null before the first)' }) evaluatedAt!: Date | null;
  @Field(() => Boolean, { description: 'True while an evaluation of newer data is queued or running' }) pending!: boolean;
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
