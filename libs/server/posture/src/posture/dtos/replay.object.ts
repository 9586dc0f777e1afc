import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { FindingKind, Severity } from '@postureboard/domain';
import { FindingKindEnum, SeverityEnum } from '../../common/graphql-enums.js';
import { SubjectObject } from '../../findings/dtos/finding.object.js';

@ObjectType('ReplayDetection', { description: 'A finding that would have fired in the window: when its condition began and when it first fired' })
export class ReplayDetectionObject {
  @Field(() => FindingKindEnum) kind!: FindingKind;
  @Field(() => SubjectObject) subject!: SubjectObject;
  @Field(() => String) fingerprint!: string;
  @Field(() => SeverityEnum, { description: 'On the first day it fired' }) severity!: Severity;
  @Field(() => String, { description: 'UTC day (YYYY-MM-DD) the finding first fired' }) firstDetectedOn!: string;
  @Field(() => String, { nullable: true, description: 'UTC day the condition began (the first anomalous day, a departure); null where a rule has none' })
  activityStartedOn!: string | null;
  @Field(() => Int, { nullable: true, description: 'Whole days from activityStartedOn to firstDetectedOn' }) daysToDetect!: number | null;
}

@ObjectType('Replay', { description: '"Days to detect": the policies replayed day by day over a window, read-only' })
export class ReplayObject {
  @Field(() => [ReplayDetectionObject]) detections!: ReplayDetectionObject[];
  @Field(() => Float, { nullable: true, description: 'Median days to detect of the detections first fired in the window' }) medianDaysToDetect!: number | null;
}
