import { gql } from '../../data-access/graphql-client.js';
import type { ScoreExplanationQuery, ScoreExplanationQueryVariables } from '../../data-access/graphql.generated.js';
import { TREND_SNAPSHOT_FIELDS } from '../overview/overview.documents.js';

export type ScoreExplanationData = ScoreExplanationQuery;
export type ExplainedDomain = ScoreExplanationQuery['posture']['domains'][number];

export const SCORE_EXPLANATION_QUERY = gql<ScoreExplanationQuery, ScoreExplanationQueryVariables>(`
  query ScoreExplanation($org: String!) {
    posture(org: $org) {
      asOf overallScore overallBand overallChange
      domains {
        domain measured notMeasuredReason score band change
        metrics { name description value weight points }
        contributions { findingId fingerprint kind severity subjectName points }
        findingCounts { critical high medium low total }
      }
    }
    scoreHistory(org: $org, weeks: 52) { ...TrendSnapshotFields }
  }
  ${TREND_SNAPSHOT_FIELDS}
`);
