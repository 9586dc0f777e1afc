import { gql } from '../../data-access/graphql-client.js';
import type { CrossBorderAccess } from '../../data-access/schema.types.js';

export const CROSS_BORDER_QUERY = gql<{ crossBorderAccess: CrossBorderAccess }, { org: string; days: number }>(`
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
