import { gql } from '../../data-access/graphql-client.js';
import type { Band, BudgetRatios, DomainScore, FindingCounts, FindingSummary, Organization, ScoreSnapshot } from '../../data-access/schema.types.js';

export type OverviewDomain = Omit<DomainScore, 'metrics' | 'contributions'>;
export type OverviewRisk = Pick<FindingSummary, 'id' | 'kind' | 'domain' | 'severity' | 'status' | 'title' | 'subject' | 'ownerTeam' | 'dueAt' | 'firstDetectedAt'>;
export type TrendSnapshot = Pick<ScoreSnapshot, 'id' | 'asOf' | 'overallScore' | 'domains'>;

export interface OverviewData {
  posture: {
    asOf: string;
    organization: Pick<Organization, 'slug' | 'name' | 'currency'>;
    overallScore: number | null;
    overallBand: Band | null;
    overallChange: number | null;
    domains: OverviewDomain[];
    budget: BudgetRatios | null;
    findingCounts: FindingCounts;
    topRisks: OverviewRisk[];
  };
  scoreHistory: TrendSnapshot[];
}

/** The whole overview in one request: posture now, plus a year of stored weekly snapshots. */
export const OVERVIEW_QUERY = gql<OverviewData, { org: string }>(`
  query OverviewPage($org: String!) {
    posture(org: $org) {
      asOf
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
      topRisks(limit: 5) {
        id kind domain severity status title dueAt firstDetectedAt
        subject { type externalId name }
        ownerTeam { id name leadEmail }
      }
    }
    scoreHistory(org: $org, weeks: 52) {
      id asOf overallScore
      domains { domain measured score }
    }
  }
`);
