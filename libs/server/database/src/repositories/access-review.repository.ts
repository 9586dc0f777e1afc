import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface CampaignRecord {
  id: string;
  name: string;
  scope: string;
  startsAt: Date;
  dueAt: Date;
  closedAt: Date | null;
  total: number;
  decided: number;
}

export type CampaignScope = 'all' | 'production' | 'privileged';

const toCampaign = (r: Record<string, unknown>): CampaignRecord => ({
  id: r['id'] as string,
  name: r['name'] as string,
  scope: r['scope'] as string,
  startsAt: r['starts_at'] as Date,
  dueAt: r['due_at'] as Date,
  closedAt: r['closed_at'] as Date | null,
  total: r['total'] as number,
  decided: r['decided'] as number,
});

const CAMPAIGN_SELECT = `
  SELECT c.*, GREATEST(c.total_items, count(d.id))::int AS total, count(d.decision)::int AS decided
    FROM access_review_campaign c LEFT JOIN access_review_decision d ON d.campaign_id = c.id`;

/** Native access-review campaigns: pending items are decision rows whose decision is still null. */
@Injectable()
export class AccessReviewRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(organizationId: string): Promise<CampaignRecord[]> {
    const rows = (await this.dataSource.query(`${CAMPAIGN_SELECT} WHERE c.organization_id = $1 GROUP BY c.id ORDER BY c.due_at DESC, c.name`, [
      organizationId,
    ])) as Record<string, unknown>[];
    return rows.map(toCampaign);
  }

  async findById(organizationId: string, id: string): Promise<CampaignRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows = (await this.dataSource.query(`${CAMPAIGN_SELECT} WHERE c.organization_id = $1 AND c.id = $2 GROUP BY c.id`, [organizationId, id])) as Record<
      string,
      unknown
    >[];
    return rows[0] ? toCampaign(rows[0]) : null;
  }

  /**
   * Creates the campaign and one pending item per entitlement in scope, reviewed by the holder's manager
   * (else their team's lead). Returns null when a campaign of that name exists.
   */
  async create(organizationId: string, name: string, scope: CampaignScope, startsAt: Date, dueAt: Date): Promise<CampaignRecord | null> {
    return this.dataSource.transaction(async (m) => {
      const created = (await m.query(
        `INSERT INTO access_review_campaign (organization_id, name, scope, starts_at, due_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organization_id, name) DO NOTHING RETURNING id`,
        [organizationId, name, scope, startsAt, dueAt],
      )) as { id: string }[];
      if (!created[0]) return null;
      const items = (await m.query(
        `INSERT INTO access_review_decision (organization_id, campaign_id, reviewer_email, identity_email, entitlement)
         SELECT DISTINCT ON (i.email, e.name) $1, $2, COALESCE(i.manager_email, t.lead_email, 'unassigned'), i.email, e.name
           FROM entitlement e
           JOIN account a ON a.id = e.account_id
           JOIN identity i ON i.id = a.identity_id
           LEFT JOIN team t ON t.id = i.team_id
          WHERE e.organization_id = $1 AND i.email IS NOT NULL AND i.status <> 'TERMINATED'
            AND ($3 = 'all' OR ($3 = 'production' AND e.production) OR ($3 = 'privileged' AND e.privileged))
         ON CONFLICT DO NOTHING RETURNING id`,
        [organizationId, created[0].id, scope],
      )) as unknown[];
      await m.query(`UPDATE access_review_campaign SET total_items = $2 WHERE id = $1`, [created[0].id, items.length]);
      return created[0].id;
    }).then((id) => (id ? this.findById(organizationId, id) : null));
  }

  /** Records (or changes) one decision; the item is created when the campaign did not list it. */
  async decide(
    organizationId: string,
    campaignId: string,
    input: { reviewerEmail: string; identityEmail: string; entitlement: string; decision: 'KEEP' | 'REVOKE'; reason: string | null; at: Date },
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO access_review_decision (organization_id, campaign_id, reviewer_email, identity_email, entitlement, decision, decided_at, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (campaign_id, identity_email, entitlement) DO UPDATE SET
         reviewer_email = EXCLUDED.reviewer_email, decision = EXCLUDED.decision, decided_at = EXCLUDED.decided_at, reason = EXCLUDED.reason`,
      [organizationId, campaignId, input.reviewerEmail, input.identityEmail, input.entitlement, input.decision, input.at, input.reason],
    );
  }
}
