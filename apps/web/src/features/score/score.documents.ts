import { gql } from '../../data-access/graphql-client.js';
import type { ScoreExplanationQuery, ScoreExplanationQueryVariables } from '../../data-access/graphql.generated.js';
import { TREND_SNAPSHOT_FIELDS } from '../overview/overview.documents.js';

export type ScoreExplanationData = ScoreExplanationQuery;
export type ExplainedDomain = ScoreExplanationQuery['posture']['domains'][number];
export type ExplainedPosture = ScoreExplanationQuery['posture'];

export const SCORE_EXPLANATION_QUERY = gql<ScoreExplanationQuery, ScoreExplanationQueryVariables>(`
  query ScoreExplanation($org: String!) {
    posture(org: $org) {
      asOf evaluatedAt pending overallScore overallBand overallChange
      explanation { terms { kind label points metric domain fingerprint } }
      domains {
        domain measured notMeasuredReason score band change
        metrics { name description value weight points maxPoints }
        contributions { findingId fingerprint kind domain severity subjectName points }
        omittedContributions { count points }
        findingCounts { critical high medium low total }
        explanation { terms { kind label points metric domain fingerprint } }
        daysToDetect { from to medianDays detected notDetectedYet }
      }
    }
    scoreHistory(org: $org, weeks: 52) { ...TrendSnapshotFields }
  }
  ${TREND_SNAPSHOT_FIELDS}
`);
