import { Injectable } from '@nestjs/common';
import type { AccountStatus } from '@postureboard/domain';
import type { SqlClient, UpsertCounts } from './pg-client.repository.js';
import { isoTimestamp, lastPerKey } from './sql-values.util.js';

/** An account in one system; e-mail already normalised. */
export interface AccountRow {
  system: string;
  externalId: string;
  userName: string;
  email: string | null;
  employeeNumber: string | null;
  /** When the account came into being, if the source says; a run that does not say keeps the known date. */
  createdAt: Date | null;
  status: AccountStatus;
  deactivatedAt: Date | null;
  lastLoginAt: Date | null;
  /** Synchronised from an on-premises directory: a change made in the cloud is overwritten by the next sync. */
  onPremisesSync: boolean;
}

/**
 * Accounts upserted by (organization, system, external id) and linked to identities the way identities are
 * merged: e-mail, then employee number, then alias (of the e-mail, user name or external id).
 */
@Injectable()
export class AccountStoreRepository {
  /** `observedAt` dates a deactivation the source reports without a date (first seen deactivated). */
  async upsertBatch(client: SqlClient, organizationId: string, input: readonly AccountRow[], observedAt: Date): Promise<UpsertCounts> {
    if (input.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    const rows = lastPerKey(input, (r) => `${r.system}\u0000${r.externalId}`);
    const result = await client.query<{ inserted: boolean }>(
      `WITH t AS (
         SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[],
                              $11::timestamptz[], $12::boolean[])
           AS t(system, external_id, user_name, email, employee_number, status, deactivated_at, last_login_at, created_at, on_premises_sync)
       ), m AS (
         SELECT t.*, COALESCE(
           (SELECT id FROM identity WHERE organization_id = $1 AND email = t.email),
           (SELECT id FROM identity WHERE organization_id = $1 AND employee_number = t.employee_number),
           -- Aliases are kept lower case (older ones may not be); one that names a system links only its accounts.
           (SELECT identity_id FROM identity_alias
             WHERE organization_id = $1 AND (system IS NULL OR system = t.system)
               AND alias IN (t.email, t.user_name, t.external_id, lower(btrim(t.user_name)), lower(btrim(t.external_id)))
             ORDER BY (alias = t.email) DESC, (alias IN (t.user_name, lower(btrim(t.user_name)))) DESC LIMIT 1)
         ) AS identity_id
         FROM t
       )
       INSERT INTO account AS a (organization_id, system, external_id, user_name, email, identity_id, status, deactivated_at, last_login_at,
         created_at, on_premises_sync)
       SELECT $1, system, external_id, user_name, email, identity_id, status,
         CASE WHEN status = 'ACTIVE' THEN NULL ELSE deactivated_at END, last_login_at, created_at, on_premises_sync
       FROM m
       ON CONFLICT (organization_id, system, external_id) DO UPDATE SET
         user_name = EXCLUDED.user_name,
         email = COALESCE(EXCLUDED.email, a.email),
         identity_id = COALESCE(EXCLUDED.identity_id, a.identity_id),
         status = EXCLUDED.status,
         -- Leaving ACTIVE: the source's date, or this run; never before the row last changed while ACTIVE (it was
         -- usable then, whatever lower bound a source without dates gives).
         deactivated_at = CASE WHEN EXCLUDED.status = 'ACTIVE' THEN NULL
           WHEN a.status = 'ACTIVE' THEN GREATEST(COALESCE(EXCLUDED.deactivated_at, $2::timestamptz), a.updated_at)
           ELSE COALESCE(EXCLUDED.deactivated_at, a.deactivated_at) END,
         last_login_at = GREATEST(a.last_login_at, EXCLUDED.last_login_at),
         created_at = COALESCE(EXCLUDED.created_at, a.created_at),
         on_premises_sync = EXCLUDED.on_premises_sync,
         updated_at = now()
       WHERE (a.user_name, a.email, a.identity_id, a.status, a.deactivated_at, a.last_login_at, a.created_at, a.on_premises_sync) IS DISTINCT FROM
         (EXCLUDED.user_name, COALESCE(EXCLUDED.email, a.email), COALESCE(EXCLUDED.identity_id, a.identity_id), EXCLUDED.status,
          CASE WHEN EXCLUDED.status = 'ACTIVE' THEN NULL
            WHEN a.status = 'ACTIVE' THEN GREATEST(COALESCE(EXCLUDED.deactivated_at, $2::timestamptz), a.updated_at)
            ELSE COALESCE(EXCLUDED.deactivated_at, a.deactivated_at) END,
          GREATEST(a.last_login_at, EXCLUDED.last_login_at), COALESCE(EXCLUDED.created_at, a.created_at), EXCLUDED.on_premises_sync)
       RETURNING (xmax = 0) AS inserted`,
      [
        organizationId,
        observedAt.toISOString(),
        rows.map((r) => r.system),
        rows.map((r) => r.externalId),
        rows.map((r) => r.userName),
        rows.map((r) => r.email),
        rows.map((r) => r.employeeNumber),
        rows.map((r) => r.status),
        rows.map((r) => isoTimestamp(r.deactivatedAt)),
        rows.map((r) => isoTimestamp(r.lastLoginAt)),
        rows.map((r) => isoTimestamp(r.createdAt)),
        rows.map((r) => r.onPremisesSync),
      ],
    );
    // An account first seen deactivated, with no date from its source, counts as deactivated from this run,
    // so a look at an earlier date still sees it active (a later run leaves the date as it is).
    await client.query(
      `UPDATE account SET deactivated_at = $2::timestamptz
        WHERE organization_id = $1 AND status <> 'ACTIVE' AND deactivated_at IS NULL
          AND (system, external_id) IN (SELECT * FROM unnest($3::text[], $4::text[]))`,
      [organizationId, observedAt.toISOString(), rows.map((r) => r.system), rows.map((r) => r.externalId)],
    );
    const inserted = result.rows.filter((r) => r.inserted).length;
    const updated = result.rows.length - inserted;
    return { inserted, updated, unchanged: input.length - inserted - updated };
  }
}
