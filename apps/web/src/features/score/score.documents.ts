import { gql } from '../../data-access/graphql-client.js';
import type { Band, DomainScore } from '../../data-access/schema.types.js';
import type { TrendSnapshot } from '../overview/overview.documents.js';

export interface ScoreExplanationData {
  posture: { asOf: string; overallScore: number | null; overallBand: Band | null; overallChange: number | null; domains: DomainScore[] };
  scoreHistory: TrendSnapshot[];
}

export const SCORE_EXPLANATION_QUERY = gql<ScoreExplanationData, { org: string }>(`
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
    scoreHistory(org: $org, weeks: 52) { id asOf overallScore domains { domain measured score } }
  }
`);
