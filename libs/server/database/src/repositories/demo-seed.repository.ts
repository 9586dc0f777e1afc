import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Writes the parts of the demo that have no connector of their own (entitlements, approvals, campaigns,
 * team assignments). Used only by the demo seeder.
 */
@Injectable()
export class DemoSeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  async hasSnapshots(organizationId: string): Promise<boolean> {
    const [{ n }] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM score_snapshot WHERE organization_id = $1`, [organizationId])) as { n: number }[];
    return n > 0;
  }

  async setBudget(organizationId: string, fiscalYear: number, b: { itSpend: number; securitySpend: number; revenue: number }, currency: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO budget (organization_id, fiscal_year, it_spend, security_spend, revenue, currency) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organization_id, fiscal_year) DO UPDATE SET it_spend = EXCLUDED.it_spend, security_spend = EXCLUDED.security_spend,
         revenue = EXCLUDED.revenue, currency = EXCLUDED.currency, updated_at = now()`,
      [organizationId, fiscalYear, b.itSpend, b.securitySpend, b.revenue, currency],
    );
  }

  async upsertCampaign(organizationId: string, name: string, scope: string, startsAt: Date, dueAt: Date, totalItems: number, ownerTeam: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO access_review_campaign (organization_id, name, scope, starts_at, due_at, total_items, owner_team_id)
       VALUES ($1, $2, $3, $4, $5, $6, (SELECT id FROM team WHERE organization_id = $1 AND name = $7))
       ON CONFLICT (organization_id, name) DO NOTHING`,
      [organizationId, name, scope, startsAt, dueAt, totalItems, ownerTeam],
    );
  }

  /** Identities join the team named like their HR department; team leads are linked to their identity. */
  async assignTeams(organizationId: string, leads: { team: string; email: string }[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE identity i SET team_id = t.id FROM team t
        WHERE i.organization_id = $1 AND t.organization_id = $1 AND lower(t.name) = lower(i.department)`,
      [organizationId],
    );
    for (const lead of leads) {
      await this.dataSource.query(
        `UPDATE team t SET lead_email = $3, lead_identity_id = (SELECT id FROM identity WHERE organization_id = $1 AND email = $3)
          WHERE t.organization_id = $1 AND t.name = $2`,
        [organizationId, lead.team, lead.email],
      );
    }
    // Credentials belong to their owner's team.
    await this.dataSource.query(
      `UPDATE credential c SET team_id = i.team_id FROM identity i
        WHERE c.organization_id = $1 AND i.id = c.owner_identity_id AND c.team_id IS NULL`,
      [organizationId],
    );
  }

  /** Machine users are owned by a person: record it as an alias plus the team. */
  async assignServiceOwner(organizationId: string, principal: string, ownerEmail: string, team: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE credential c SET team_id = (SELECT id FROM team WHERE organization_id = $1 AND name = $4),
              owner_identity_id = (SELECT id FROM identity WHERE organization_id = $1 AND email = $3)
        WHERE c.organization_id = $1 AND (c.owner_ref = $2 OR c.name LIKE $2 || '%')`,
      [organizationId, principal, ownerEmail, team],
    );
  }

  /** An entitlement of the system that grants it (an AWS role is held by the person's AWS account, not by their GitHub one). */
  async grantEntitlement(organizationId: string, email: string, name: string, production: boolean, privileged: boolean, system = 'aws-iam'): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO entitlement (organization_id, account_id, name, production, privileged)
       SELECT $1, a.id, $3, $4, $5 FROM account a
         JOIN identity i ON i.id = a.identity_id
        WHERE a.organization_id = $1 AND i.email = $2 AND a.system = $6
       ON CONFLICT (account_id, name) DO NOTHING`,
      [organizationId, email, name, production, privileged, system],
    );
  }

  async approveOffshore(organizationId: string, email: string, approver: string, country: string, grantedAt: Date, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO offshore_approval (organization_id, identity_id, approver_email, scope, country, created_at, expires_at)
       SELECT $1, i.id, $3, '*', $4, $5, $6 FROM identity i
        WHERE i.organization_id = $1 AND i.email = $2
          AND NOT EXISTS (SELECT 1 FROM offshore_approval x WHERE x.identity_id = i.id)`,
      [organizationId, email, approver, country, grantedAt, expiresAt],
    );
  }

  /** A configured source that stopped delivering: DETECTION should notice. */
  async addStaleSource(organizationId: string, type: string, name: string, lastSuccess: Date, createdAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO data_source (organization_id, type, name, config, enabled, expected_freshness_hours, last_successful_run_at, created_at)
       VALUES ($1, $2, $3, '{}', true, 24, $4, $5) ON CONFLICT (organization_id, name) DO NOTHING`,
      [organizationId, type, name, lastSuccess, createdAt],
    );
  }

  /** The demo's sources have been running for a year: backdate when they were configured. */
  async backdateSources(organizationId: string, createdAt: Date): Promise<void> {
    await this.dataSource.query(`UPDATE data_source SET created_at = LEAST(created_at, $2) WHERE organization_id = $1`, [organizationId, createdAt]);
  }
}
