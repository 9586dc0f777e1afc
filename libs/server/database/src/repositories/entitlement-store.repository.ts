import { Injectable } from '@nestjs/common';
import type { SqlClient, UpsertCounts } from './pg-client.repository.js';

export interface EntitlementRow {
  system: string;
  accountExternalId: string;
  name: string;
  privileged: boolean;
  production: boolean;
}

export interface EntitlementUpsertResult extends UpsertCounts {
  /** Indexes (into the input) of rows whose account is unknown: nothing was written for them. */
  missingAccount: number[];
}

/** Entitlements upserted by (account, name); the account must exist (stored earlier in the same run or before). */
@Injectable()
export class EntitlementStoreRepository {
  async upsertBatch(client: SqlClient, organizationId: string, rows: readonly EntitlementRow[]): Promise<EntitlementUpsertResult> {
    if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0, missingAccount: [] };
    const result = await client.query<{ missing: number[] | null; inserted: number; updated: number }>(
      `WITH t AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[], $6::boolean[]) WITH ORDINALITY
           AS t(system, account_external_id, name, privileged, production, ord)
       ), j AS (
         SELECT t.ord, a.id AS account_id, t.name, t.privileged, t.production
         FROM t LEFT JOIN account a ON a.organization_id = $1 AND a.system = t.system AND a.external_id = t.account_external_id
       ), latest AS (
         -- A multi-row upsert may touch a row only once: the last record for an (account, name) wins.
         SELECT DISTINCT ON (account_id, name) * FROM j WHERE account_id IS NOT NULL ORDER BY account_id, name, ord DESC
       ), ins AS (
         INSERT INTO entitlement AS e (organization_id, account_id, name, privileged, production)
         SELECT $1, account_id, name, privileged, production FROM latest
         ON CONFLICT (account_id, name) DO UPDATE SET privileged = EXCLUDED.privileged, production = EXCLUDED.production
         WHERE (e.privileged, e.production) IS DISTINCT FROM (EXCLUDED.privileged, EXCLUDED.production)
         RETURNING (xmax = 0) AS inserted
       )
       SELECT (SELECT array_agg(ord::int - 1 ORDER BY ord) FROM j WHERE account_id IS NULL) AS missing,
              (SELECT count(*) FILTER (WHERE inserted) FROM ins)::int AS inserted,
              (SELECT count(*) FILTER (WHERE NOT inserted) FROM ins)::int AS updated`,
      [
        organizationId,
        rows.map((r) => r.system),
        rows.map((r) => r.accountExternalId),
        rows.map((r) => r.name),
        rows.map((r) => r.privileged),
        rows.map((r) => r.production),
      ],
    );
    const { missing, inserted, updated } = result.rows[0]!;
    const missingAccount = missing ?? [];
    return { inserted, updated, unchanged: rows.length - missingAccount.length - inserted - updated, missingAccount };
  }
}
