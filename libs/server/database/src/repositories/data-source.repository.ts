import { Injectable } from '@nestjs/common';
import { PgClientRepository, type SqlClient } from './pg-client.repository.js';

/** A configured connector, or the implicit source a file ingest of that type reports to. */
export interface DataSourceRecord {
  id: string;
  organizationId: string;
  type: string;
  name: string;
  /** Non-secret configuration. */
  config: Record<string, unknown>;
  /** AES-256-GCM ciphertext of the secret fields as JSON; never leaves the server. */
  secretCiphertext: string | null;
  schedule: string | null;
  enabled: boolean;
  expectedFreshnessHours: number;
  lastSuccessfulRunAt: Date | null;
  createdAt: Date;
}

export interface DataSourceUpsert {
  organizationId: string;
  type: string;
  name: string;
  config: Record<string, unknown>;
  secretCiphertext: string | null;
  schedule: string | null;
}

const COLUMNS = `id, organization_id AS "organizationId", type, name, config, secret_ciphertext AS "secretCiphertext", schedule,
  enabled, expected_freshness_hours AS "expectedFreshnessHours", last_successful_run_at AS "lastSuccessfulRunAt", created_at AS "createdAt"`;

@Injectable()
export class DataSourceRepository {
  constructor(private readonly pg: PgClientRepository) {}

  listByOrganization(organizationId: string): Promise<DataSourceRecord[]> {
    return this.pg.query<DataSourceRecord>(`SELECT ${COLUMNS} FROM data_source WHERE organization_id = $1 ORDER BY name`, [organizationId]);
  }

  async findById(organizationId: string, id: string): Promise<DataSourceRecord | null> {
    const [row] = await this.pg.query<DataSourceRecord>(`SELECT ${COLUMNS} FROM data_source WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      id,
    ]);
    return row ?? null;
  }

  async findByIdAnyOrganization(id: string): Promise<DataSourceRecord | null> {
    const [row] = await this.pg.query<DataSourceRecord>(`SELECT ${COLUMNS} FROM data_source WHERE id = $1`, [id]);
    return row ?? null;
  }

  async findByName(organizationId: string, name: string): Promise<DataSourceRecord | null> {
    const [row] = await this.pg.query<DataSourceRecord>(`SELECT ${COLUMNS} FROM data_source WHERE organization_id = $1 AND name = $2`, [
      organizationId,
      name,
    ]);
    return row ?? null;
  }

  /** Creates or replaces the configuration of the source with this name (its id and history stay). */
  async upsert(input: DataSourceUpsert): Promise<DataSourceRecord> {
    const [row] = await this.pg.query<DataSourceRecord>(
      `INSERT INTO data_source (organization_id, type, name, config, secret_ciphertext, schedule)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT (organization_id, name) DO UPDATE SET type = EXCLUDED.type, config = EXCLUDED.config,
         secret_ciphertext = EXCLUDED.secret_ciphertext, schedule = EXCLUDED.schedule
       RETURNING ${COLUMNS}`,
      [input.organizationId, input.type, input.name, JSON.stringify(input.config), input.secretCiphertext, input.schedule],
    );
    return row!;
  }

  /**
   * The source a file ingest of `type` reports freshness to: the one named after the type, else the oldest of
   * that type, else a new implicit one named after the type. Inside the run's transaction.
   */
  async ensureForType(client: SqlClient, organizationId: string, type: string): Promise<string> {
    const existing = await client.query<{ id: string }>(
      `SELECT id FROM data_source WHERE organization_id = $1 AND type = $2 ORDER BY (name = $2) DESC, created_at, id LIMIT 1`,
      [organizationId, type],
    );
    if (existing.rows[0]) return existing.rows[0].id;
    const created = await client.query<{ id: string }>(
      `INSERT INTO data_source (organization_id, type, name) VALUES ($1, $2, $2) ON CONFLICT (organization_id, name) DO NOTHING RETURNING id`,
      [organizationId, type],
    );
    if (created.rows[0]) return created.rows[0].id;
    // The type's name is taken by a source of another type: name the implicit one so it stays recognisable.
    const named = await client.query<{ id: string }>(
      `INSERT INTO data_source (organization_id, type, name) VALUES ($1, $2, $2 || ' (files)')
       ON CONFLICT (organization_id, name) DO UPDATE SET type = data_source.type RETURNING id`,
      [organizationId, type],
    );
    return named.rows[0]!.id;
  }

  /** Freshness for DATA_SOURCE_STALE and the DETECTION score; inside the run's transaction. */
  async markSucceeded(client: SqlClient, id: string, at: Date): Promise<void> {
    await client.query(
      `UPDATE data_source SET last_successful_run_at = GREATEST(last_successful_run_at, $2::timestamptz) WHERE id = $1`,
      [id, at],
    );
  }

  /** Every enabled source with a schedule, across organizations (the scheduler's view). */
  listScheduled(): Promise<DataSourceRecord[]> {
    return this.pg.query<DataSourceRecord>(`SELECT ${COLUMNS} FROM data_source WHERE enabled AND schedule IS NOT NULL ORDER BY id`);
  }

  /** Every source holding secrets, locked for re-encryption under a new key (inside the caller's transaction). */
  async listWithSecrets(client: SqlClient): Promise<{ id: string; organizationId: string; name: string; secretCiphertext: string }[]> {
    const result = await client.query<{ id: string; organizationId: string; name: string; secretCiphertext: string }>(
      `SELECT id, organization_id AS "organizationId", name, secret_ciphertext AS "secretCiphertext"
       FROM data_source WHERE secret_ciphertext IS NOT NULL ORDER BY id FOR UPDATE`,
    );
    return result.rows;
  }

  async replaceSecret(client: SqlClient, id: string, secretCiphertext: string): Promise<void> {
    await client.query(`UPDATE data_source SET secret_ciphertext = $2 WHERE id = $1`, [id, secretCiphertext]);
  }
}
