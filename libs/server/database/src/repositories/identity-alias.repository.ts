import { Injectable } from '@nestjs/common';
import { PgClientRepository, type SqlClient } from './pg-client.repository.js';

export interface IdentityAliasRecord {
  alias: string;
  /** The system the alias is used in (`github`, `aws`), or null for any. */
  system: string | null;
  identityId: string;
  identityEmail: string | null;
  identityName: string;
  /** The person's team (an engineering lead sees the aliases of the people of the teams they lead). */
  identityTeamId: string | null;
  createdAt: Date;
}

/** What adding or removing an alias changed besides the alias itself. */
export interface AliasLinkCounts {
  accounts: number;
  credentials: number;
}

export type AddAliasResult =
  | { outcome: 'added' | 'unchanged'; links: AliasLinkCounts }
  | { outcome: 'taken'; identityId: string };

/**
 * The alias table: the fourth way people are matched across sources (after e-mail, employee number and a
 * source's own id). Aliases are kept trimmed and lower case, as e-mails, logins and user names compare.
 * Ingest links what it stores through them; adding or removing one also links (or unlinks) what is already
 * stored, so the next evaluation sees it without waiting for the next ingest.
 */
@Injectable()
export class IdentityAliasRepository {
  constructor(private readonly pg: PgClientRepository) {}

  /** The person an e-mail (any case) or employee number names, or null. */
  async findIdentity(organizationId: string, reference: string): Promise<{ id: string; email: string | null } | null> {
    return this.pg.transaction(async (client) => {
      const result = await client.query<{ id: string; email: string | null }>(
        `SELECT id, email FROM identity WHERE organization_id = $1 AND (email = lower(btrim($2)) OR employee_number = btrim($2))
          ORDER BY (email = lower(btrim($2))) DESC LIMIT 1`,
        [organizationId, reference],
      );
      return result.rows[0] ?? null;
    });
  }

  async list(organizationId: string): Promise<IdentityAliasRecord[]> {
    return this.pg.transaction(async (client) => {
      const result = await client.query<{ alias: string; system: string | null; identity_id: string; email: string | null; display_name: string; team_id: string | null; created_at: Date }>(
        `SELECT x.alias, x.system, x.identity_id, i.email, i.display_name, i.team_id, x.created_at
           FROM identity_alias x JOIN identity i ON i.id = x.identity_id
          WHERE x.organization_id = $1 ORDER BY x.alias`,
        [organizationId],
      );
      return result.rows.map((r) => ({ alias: r.alias, system: r.system, identityId: r.identity_id, identityEmail: r.email, identityName: r.display_name, identityTeamId: r.team_id, createdAt: r.created_at }));
    });
  }

  async add(organizationId: string, identityId: string, alias: string, system: string | null): Promise<AddAliasResult> {
    return this.pg.transaction(async (client) => {
      const existing = await client.query<{ identity_id: string; system: string | null }>(
        `SELECT identity_id, system FROM identity_alias WHERE organization_id = $1 AND alias = $2 FOR UPDATE`,
        [organizationId, alias],
      );
      const current = existing.rows[0];
      if (current && current.identity_id !== identityId) return { outcome: 'taken', identityId: current.identity_id };
      if (current && current.system === system) return { outcome: 'unchanged', links: { accounts: 0, credentials: 0 } };
      await client.query(
        `INSERT INTO identity_alias (organization_id, alias, identity_id, system) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id, alias) DO UPDATE SET system = EXCLUDED.system`,
        [organizationId, alias, identityId, system],
      );
      return { outcome: current ? 'unchanged' : 'added', links: await linkUnmatched(client, organizationId, identityId, alias, system) };
    });
  }

  /** Removes the alias (of that system when one is given); false when there was none. */
  async remove(organizationId: string, alias: string, system: string | null): Promise<{ removed: boolean; links: AliasLinkCounts }> {
    return this.pg.transaction(async (client) => {
      const deleted = await client.query<{ identity_id: string }>(
        `DELETE FROM identity_alias WHERE organization_id = $1 AND alias = $2 AND ($3::text IS NULL OR system = $3) RETURNING identity_id`,
        [organizationId, alias, system],
      );
      const identityId = deleted.rows[0]?.identity_id;
      if (identityId === undefined) return { removed: false, links: { accounts: 0, credentials: 0 } };
      return { removed: true, links: await unlinkAliasOnly(client, organizationId, identityId, alias) };
    });
  }
}

/** Links the accounts and credentials no one was matched to and that this alias names. */
async function linkUnmatched(client: SqlClient, organizationId: string, identityId: string, alias: string, system: string | null): Promise<AliasLinkCounts> {
  const accounts = await client.query(
    `UPDATE account SET identity_id = $2, updated_at = now()
      WHERE organization_id = $1 AND identity_id IS NULL AND ($4::text IS NULL OR system = $4)
        AND $3 IN (lower(btrim(user_name)), lower(btrim(external_id)), lower(btrim(COALESCE(email, ''))))`,
    [organizationId, identityId, alias, system],
  );
  const credentials = await client.query(
    `UPDATE credential c SET owner_identity_id = $2, team_id = COALESCE(c.team_id, i.team_id)
       FROM identity i
      WHERE i.id = $2 AND c.organization_id = $1 AND c.owner_identity_id IS NULL AND lower(btrim(c.owner_ref)) = $3`,
    [organizationId, identityId, alias],
  );
  return { accounts: accounts.rowCount ?? 0, credentials: credentials.rowCount ?? 0 };
}

/**
 * Unlinks what only this alias tied to the identity: not a link the e-mail, the employee number or another
 * alias of the same person also makes.
 */
async function unlinkAliasOnly(client: SqlClient, organizationId: string, identityId: string, alias: string): Promise<AliasLinkCounts> {
  const accounts = await client.query(
    `UPDATE account a SET identity_id = NULL, updated_at = now()
       FROM identity i
      WHERE i.id = $2 AND a.organization_id = $1 AND a.identity_id = $2
        AND $3 IN (lower(btrim(a.user_name)), lower(btrim(a.external_id)), lower(btrim(COALESCE(a.email, ''))))
        AND a.email IS DISTINCT FROM i.email
        AND NOT EXISTS (SELECT 1 FROM identity_alias x WHERE x.organization_id = $1 AND x.identity_id = $2
                          AND x.alias IN (lower(btrim(a.user_name)), lower(btrim(a.external_id)), lower(btrim(COALESCE(a.email, '')))))`,
    [organizationId, identityId, alias],
  );
  const credentials = await client.query(
    `UPDATE credential c SET owner_identity_id = NULL
       FROM identity i
      WHERE i.id = $2 AND c.organization_id = $1 AND c.owner_identity_id = $2 AND lower(btrim(c.owner_ref)) = $3
        AND i.email IS DISTINCT FROM lower(btrim(c.owner_ref)) AND i.employee_number IS DISTINCT FROM btrim(c.owner_ref)`,
    [organizationId, identityId, alias],
  );
  return { accounts: accounts.rowCount ?? 0, credentials: credentials.rowCount ?? 0 };
}
