import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CredentialKind, Environment } from '@postureboard/domain';

/** A stored override. `environment` null is a row for every environment (stored as `*`). */
export interface RotationPolicyRecord {
  id: string;
  teamId: string | null;
  kind: CredentialKind;
  environment: Environment | null;
  maxAgeDays: number;
  warningDays: number;
  graceDays: number;
}

const toPolicy = (r: Record<string, unknown>): RotationPolicyRecord => ({
  id: r['id'] as string,
  teamId: r['team_id'] as string | null,
  kind: r['credential_kind'] as CredentialKind,
  environment: r['environment'] === '*' ? null : (r['environment'] as Environment),
  maxAgeDays: r['max_age_days'] as number,
  warningDays: r['warning_days'] as number,
  graceDays: r['grace_days'] as number,
});

/** Organisation and team overrides of the default rotation policies (the defaults live in the domain). */
@Injectable()
export class RotationPolicyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findAll(organizationId: string): Promise<RotationPolicyRecord[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM rotation_policy WHERE organization_id = $1 ORDER BY team_id NULLS FIRST, credential_kind, environment`,
      [organizationId],
    )) as Record<string, unknown>[];
    return rows.map(toPolicy);
  }

  /** One row per (team or organisation, kind, environment): setting it again replaces the values. */
  async upsert(organizationId: string, policy: Omit<RotationPolicyRecord, 'id'>): Promise<RotationPolicyRecord> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO rotation_policy (organization_id, team_id, credential_kind, environment, max_age_days, warning_days, grace_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (organization_id, COALESCE(team_id, '00000000-0000-0000-0000-000000000000'::uuid), credential_kind, environment)
       DO UPDATE SET max_age_days = EXCLUDED.max_age_days, warning_days = EXCLUDED.warning_days, grace_days = EXCLUDED.grace_days
       RETURNING *`,
      [organizationId, policy.teamId, policy.kind, policy.environment ?? '*', policy.maxAgeDays, policy.warningDays, policy.graceDays],
    )) as Record<string, unknown>[];
    return toPolicy(row!);
  }
}
