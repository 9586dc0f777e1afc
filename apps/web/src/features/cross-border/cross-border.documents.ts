import { gql } from '../../data-access/graphql-client.js';
import type { CrossBorderPageQuery, CrossBorderPageQueryVariables } from '../../data-access/graphql.generated.js';

type CrossBorder = CrossBorderPageQuery['crossBorderAccess'];
export type CountryActivityView = CrossBorder['byCountry'][number];
export type CountryDayView = CrossBorder['daily'][number];
export type BulkExtractionView = CrossBorder['bulkExtractions'][number];

export const CROSS_BORDER_QUERY = gql<CrossBorderPageQuery, CrossBorderPageQueryVariables>(`
  query CrossBorderPage($org: String!, $days: Int) {
    crossBorderAccess(org: $org, days: $days) {
      byCountry { country approved events bytes }
      daily { day country events bytes }
      offshoreIdentities { identityId name workCountry productionEntitlements approval approvalExpiresAt }
      bulkExtractions {
        findingId principal credentialExternalId startedOn peakBytes
        series { day bytes baseline }
      }
    }
  }
`);
