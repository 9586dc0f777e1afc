import { Injectable } from '@nestjs/common';
import type { ReviewDecision } from '@postureboard/domain';
import type { SqlClient, UpsertCounts } from './pg-client.repository.js';
import { isoTimestamp, lastPerKey } from './sql-values.util.js';

/** An access-review decision; e-mails already normalised. */
export interface ReviewDecisionRow {
  campaign: string;
  reviewerEmail: string;
  identityEmail: string;
  entitlement: string;
  decision: ReviewDecision;
  decidedAt: Date;
  reason: string | null;
}

/**
 * Imported decisions upserted by (campaign, identity e-mail, entitlement). A campaign named in the import
 * that does not exist yet is created, spanning its decisions (start at the first, due at the last), so a
 * campaign run in another tool is complete on arrival rather than overdue.
 */
@Injectable()
export class ReviewDecisionStoreRepository {
  async upsertBatch(client: SqlClient, organizationId: string, input: readonly ReviewDecisionRow[]): Promise<UpsertCounts> {
    if (input.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    const rows = lastPerKey(input, (r) => `${r.campaign}\u0000${r.identityEmail}\u0000${r.entitlement}`);
    const columns = [
      rows.map((r) => r.campaign),
      rows.map((r) => r.reviewerEmail),
      rows.map((r) => r.identityEmail),
      rows.map((r) => r.entitlement),
      rows.map((r) => r.decision),
      rows.map((r) => isoTimestamp(r.decidedAt)),
      rows.map((r) => r.reason),
    ];
    await client.query(
      `INSERT INTO access_review_campaign (organization_id, name, starts_at, due_at)
       SELECT $1, campaign, min(decided_at), max(decided_at)
       FROM unnest($2::text[], $3::timestamptz[]) AS t(campaign, decided_at) GROUP BY campaign
       ON CONFLICT (organization_id, name) DO NOTHING`,
      [organizationId, columns[0], columns[5]],
    );
    const result = await client.query<{ inserted: boolean }>(
      `INSERT INTO access_review_decision AS d (organization_id, campaign_id, reviewer_email, identity_email, entitlement, decision,
         decided_at, reason)
       SELECT $1, c.id, t.reviewer_email, t.identity_email, t.entitlement, t.decision, t.decided_at, t.reason
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[])
         AS t(campaign, reviewer_email, identity_email, entitlement, decision, decided_at, reason)
       JOIN access_review_campaign c ON c.organization_id = $1 AND c.name = t.campaign
       ON CONFLICT (campaign_id, identity_email, entitlement) DO UPDATE SET reviewer_email = EXCLUDED.reviewer_email,
         decision = EXCLUDED.decision, decided_at = EXCLUDED.decided_at, reason = EXCLUDED.reason
       WHERE (d.reviewer_email, d.decision, d.decided_at, d.reason)
         IS DISTINCT FROM (EXCLUDED.reviewer_email, EXCLUDED.decision, EXCLUDED.decided_at, EXCLUDED.reason)
       RETURNING (xmax = 0) AS inserted`,
      [organizationId, ...columns],
    );
    const inserted = result.rows.filter((r) => r.inserted).length;
    const updated = result.rows.length - inserted;
    return { inserted, updated, unchanged: input.length - inserted - updated };
  }
}
