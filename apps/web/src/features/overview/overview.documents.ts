import { gql } from '../../data-access/graphql-client.js';
import type { OverviewPageQuery, OverviewPageQueryVariables, TrendSnapshotFieldsFragment } from '../../data-access/graphql.generated.js';

export type OverviewData = OverviewPageQuery;
export type OverviewDomain = OverviewPageQuery['posture']['domains'][number];
export type OverviewRisk = OverviewPageQuery['posture']['topRisks'][number];
export type BudgetRatiosView = NonNullable<OverviewPageQuery['posture']['budget']>;
export type TrendSnapshot = TrendSnapshotFieldsFragment;

/** One point of the score trend; the score explanation page asks for the same. */
export const TREND_SNAPSHOT_FIELDS = /* GraphQL */ `
  fragment TrendSnapshotFields on ScoreSnapshot { id asOf overallScore domains { domain measured score } }
`;

/** The whole overview in one request: posture now, plus a year of stored weekly snapshots. */
export const OVERVIEW_QUERY = gql<OverviewPageQuery, OverviewPageQueryVariables>(`
  query OverviewPage($org: String!, $lang: String = "en") {
    posture(org: $org) {
      asOf evaluatedAt pending
      organization { slug name currency }
      overallScore overallBand overallChange
      domains {
        domain measured notMeasuredReason score band change
        findingCounts { critical high medium low total }
      }
      budget {
        fiscalYear currency itSpend securitySpend revenue
        securityToItRatio securityToRevenueRatio itBenchmark revenueBenchmark itStatus revenueStatus
      }
      findingCounts { critical high medium low total }
      teamFindingCounts { critical high medium low total }
      topRisks(limit: 5) {
        id kind domain severity status title(lang: $lang) dueAt firstDetectedAt
        subject { type externalId name }
        ownerTeam { id name leadEmail }
      }
    }
    scoreHistory(org: $org, weeks: 52) { ...TrendSnapshotFields }
  }
  ${TREND_SNAPSHOT_FIELDS}
`);
