import { Injectable } from '@nestjs/common';
import type { CredentialKind, CredentialStatus, Environment } from '@postureboard/domain';
import type { SqlClient, UpsertCounts } from './pg-client.repository.js';
import { isoTimestamp, lastPerKey } from './sql-values.util.js';

export interface CredentialRow {
  externalId: string;
  kind: CredentialKind;
  name: string;
  algorithm: string | null;
  environment: Environment;
  /** The source's statement; never EXPIRED (expiry is `expiresAt`, judged at each `asOf`). */
  status: Exclude<CredentialStatus, 'EXPIRED'>;
  createdAt: Date | null;
  lastRotatedAt: Date | null;
  expiresAt: Date | null;
  /** When a non-ACTIVE credential stopped being usable, as the source dates it (see CredentialObservation). */
  deactivatedAt: Date | null;
  lastUsedAt: Date | null;
  useObserved: boolean;
  /** The owner as the source names it; matched to an identity here. */
  ownerRef: string | null;
  attributes: Record<string, string | number | boolean | null>;
}

/**
 * Credentials upserted by (organization, source, external id). `first_seen_at` is set once, so a key the
 * source never dates (a JWKS `kid`) ages from its first sighting. The owner is matched to an identity by
 * e-mail, then employee number, then alias, and the credential takes the owner's team. Credentials a source
 * stops reporting are left alone: no ingest deletes inventory.
 */
@Injectable()
export class CredentialStoreRepository {
  /** `observedAt` is the run's time: first sighting of new credentials, and the date of a deactivation seen now. */
  async upsertBatch(
    client: SqlClient,
    organizationId: string,
    source: string,
    input: readonly CredentialRow[],
    observedAt: Date,
  ): Promise<UpsertCounts> {
    if (input.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    const rows = lastPerKey(input, (r) => r.externalId);
    const result = await client.query<{ inserted: boolean }>(
      `WITH t AS (
         SELECT * FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamptz[],
                              $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::text[], $15::jsonb[],
                              $16::timestamptz[], $17::boolean[])
           AS t(external_id, kind, name, algorithm, environment, status, created_at, last_rotated_at, expires_at, last_used_at,
                owner_ref, attributes, deactivated_at, use_observed)
       ), m AS (
         SELECT t.*, o.id AS owner_identity_id, o.team_id AS owner_team_id
         FROM t LEFT JOIN LATERAL (
           SELECT i.id, i.team_id FROM (
             SELECT id, 1 AS rank FROM identity WHERE organization_id = $1 AND email = lower(btrim(t.owner_ref))
             UNION ALL SELECT id, 2 FROM identity WHERE organization_id = $1 AND employee_number = btrim(t.owner_ref)
             UNION ALL SELECT identity_id, 3 FROM identity_alias WHERE organization_id = $1 AND alias IN (t.owner_ref, lower(btrim(t.owner_ref)))
           ) c JOIN identity i ON i.id = c.id ORDER BY c.rank LIMIT 1
         ) o ON t.owner_ref IS NOT NULL
       )
       INSERT INTO credential AS c (organization_id, source, external_id, kind, name, algorithm, environment, status, created_at,
         last_rotated_at, expires_at, last_used_at, use_observed, deactivated_at, first_seen_at, owner_ref, owner_identity_id, team_id,
         attributes)
       SELECT $1, $2, external_id, kind, name, algorithm, environment, status, created_at, last_rotated_at, expires_at, last_used_at,
         use_observed, CASE WHEN status = 'ACTIVE' THEN NULL ELSE deactivated_at END,
         $3::timestamptz, owner_ref, owner_identity_id, owner_team_id, attributes
       FROM m
       ON CONFLICT (organization_id, source, external_id) DO UPDATE SET
         kind = EXCLUDED.kind, name = EXCLUDED.name, algorithm = EXCLUDED.algorithm, environment = EXCLUDED.environment,
         status = EXCLUDED.status, created_at = EXCLUDED.created_at, last_rotated_at = EXCLUDED.last_rotated_at,
         expires_at = EXCLUDED.expires_at, last_used_at = EXCLUDED.last_used_at, use_observed = EXCLUDED.use_observed,
         -- Leaving ACTIVE: the source's date, or this run; never before the row last changed while ACTIVE (it was
         -- usable then, whatever lower bound a source without dates gives). Otherwise the date already known.
         deactivated_at = CASE WHEN EXCLUDED.status = 'ACTIVE' THEN NULL
           WHEN c.status = 'ACTIVE' THEN GREATEST(COALESCE(EXCLUDED.deactivated_at, $3::timestamptz), c.updated_at)
           ELSE COALESCE(EXCLUDED.deactivated_at, c.deactivated_at) END,
         owner_ref = EXCLUDED.owner_ref,
         owner_identity_id = CASE WHEN EXCLUDED.owner_ref IS NOT DISTINCT FROM c.owner_ref
           THEN COALESCE(EXCLUDED.owner_identity_id, c.owner_identity_id) ELSE EXCLUDED.owner_identity_id END,
         team_id = COALESCE(EXCLUDED.team_id, c.team_id),
         attributes = EXCLUDED.attributes,
         updated_at = now()
       WHERE (c.kind, c.name, c.algorithm, c.environment, c.status, c.created_at, c.last_rotated_at, c.expires_at, c.last_used_at,
              c.use_observed, c.deactivated_at, c.owner_ref, c.owner_identity_id, c.team_id, c.attributes)
         IS DISTINCT FROM
             (EXCLUDED.kind, EXCLUDED.name, EXCLUDED.algorithm, EXCLUDED.environment, EXCLUDED.status, EXCLUDED.created_at,
              EXCLUDED.last_rotated_at, EXCLUDED.expires_at, EXCLUDED.last_used_at, EXCLUDED.use_observed,
              CASE WHEN EXCLUDED.status = 'ACTIVE' THEN NULL
                WHEN c.status = 'ACTIVE' THEN GREATEST(COALESCE(EXCLUDED.deactivated_at, $3::timestamptz), c.updated_at)
                ELSE COALESCE(EXCLUDED.deactivated_at, c.deactivated_at) END,
              EXCLUDED.owner_ref,
              CASE WHEN EXCLUDED.owner_ref IS NOT DISTINCT FROM c.owner_ref
                THEN COALESCE(EXCLUDED.owner_identity_id, c.owner_identity_id) ELSE EXCLUDED.owner_identity_id END,
              COALESCE(EXCLUDED.team_id, c.team_id), EXCLUDED.attributes)
       RETURNING (xmax = 0) AS inserted`,
      [
        organizationId,
        source,
        observedAt.toISOString(),
        rows.map((r) => r.externalId),
        rows.map((r) => r.kind),
        rows.map((r) => r.name),
        rows.map((r) => r.algorithm),
        rows.map((r) => r.environment),
        rows.map((r) => r.status),
        rows.map((r) => isoTimestamp(r.createdAt)),
        rows.map((r) => isoTimestamp(r.lastRotatedAt)),
        rows.map((r) => isoTimestamp(r.expiresAt)),
        rows.map((r) => isoTimestamp(r.lastUsedAt)),
        rows.map((r) => r.ownerRef),
        rows.map((r) => JSON.stringify(r.attributes)),
        rows.map((r) => isoTimestamp(r.deactivatedAt)),
        rows.map((r) => r.useObserved),
      ],
    );
    const inserted = result.rows.filter((r) => r.inserted).length;
    const updated = result.rows.length - inserted;
    return { inserted, updated, unchanged: input.length - inserted - updated };
  }
}
