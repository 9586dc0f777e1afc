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

/** An item of a campaign: whose entitlement it is, and that person's team. */
export interface ReviewItemRecord {
  identityEmail: string;
  teamId: string | null;
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

  /** One item of the campaign with its person's team (from the identity of that e-mail), or null when the campaign does not list it. */
  async findItem(organizationId: string, campaignId: string, identityEmail: string, entitlement: string): Promise<ReviewItemRecord | null> {
    const rows = (await this.dataSource.query(
      `SELECT d.identity_email, i.team_id
         FROM access_review_decision d
         LEFT JOIN identity i ON i.organization_id = d.organization_id AND lower(i.email) = d.identity_email
        WHERE d.organization_id = $1 AND d.campaign_id = $2 AND d.identity_email = $3 AND d.entitlement = $4`,
      [organizationId, campaignId, identityEmail, entitlement],
    )) as { identity_email: string; team_id: string | null }[];
    return rows[0] ? { identityEmail: rows[0].identity_email, teamId: rows[0].team_id } : null;
  }

  /** Records (or changes) the decision on an item the campaign lists; false when it lists no such item. */
  async decide(
    organizationId: string,
    campaignId: string,
    input: { reviewerEmail: string; identityEmail: string; entitlement: string; decision: 'KEEP' | 'REVOKE'; reason: string | null; at: Date },
  ): Promise<boolean> {
    const updated = (await this.dataSource.query(
      `UPDATE access_review_decision SET reviewer_email = $3, decision = $6, decided_at = $7, reason = $8
        WHERE organization_id = $1 AND campaign_id = $2 AND identity_email = $4 AND entitlement = $5
        RETURNING id`,
      [organizationId, campaignId, input.reviewerEmail, input.identityEmail, input.entitlement, input.decision, input.at, input.reason],
    )) as [unknown[], number];
    return updated[1] > 0;
  }
}
