import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hrDepartedSql, IDENTITY_PROVIDER_SYSTEMS, utcMidnight } from './departure-sql.util.js';

export interface LeaverRecord {
  identityId: string;
  name: string;
  email: string | null;
  /** The team the person belongs to (what an engineering lead's scope is measured by). */
  teamId: string | null;
  via: ('HR' | 'IDENTITY_PROVIDER')[];
  /** Earliest of the HR termination date and the IdP deactivations; null when no source gave a date. */
  departedAt: Date | null;
  /** When the identity record last changed: the best "known since" when no departure date exists. */
  identityUpdatedAt: Date;
  /** Active accounts first ("okta account jdoe"), then active credentials ("ACCESS_KEY AKIA..."). */
  activeAccess: string[];
  /** The same, as parts a reader's language can word: an account's system and user name, or a credential's kind and id. */
  access: LeaverAccessRecord[];
  /** The latest use the inventory itself reports: a credential's last use or an account's last login. */
  lastSeenAt: Date | null;
  /** Their LEAVER_ACTIVE_ACCESS finding, an unresolved one first. */
  findingId: string | null;
}

/** One active account (credentialKind null: "okta account jdoe") or credential ("Access key AKIA…"). */
export interface LeaverAccessRecord {
  system: string;
  name: string;
  credentialKind: string | null;
}

/** The English label of one remaining access, as `Leaver.activeAccess` has always given it ("okta account jdoe", "ACCESS_KEY AKIA…"). */
const accessLabel = (a: LeaverAccessRecord): string => (a.credentialKind ? `${a.credentialKind} ${a.name}` : `${a.system} account ${a.name}`);

/**
 * Identities that had left by `asOf` (terminated in HR, or deactivated in the identity provider) and still
 * hold an active account or credential then: the set-based twin of the domain's departureOf plus the
 * leaver rule's "still active" test, starting from the few departed identities (partial indexes).
 */
@Injectable()
export class LeaverRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findWithActiveAccess(organizationId: string, asOf: Date): Promise<LeaverRecord[]> {
    const rows = (await this.dataSource.query(
      `WITH idp AS (
         SELECT a.identity_id, min(a.deactivated_at) AS deactivated_at
           FROM account a
          WHERE a.organization_id = $1 AND a.status = 'DEACTIVATED' AND a.identity_id IS NOT NULL
            AND lower(a.system) = ANY($3::text[]) AND (a.deactivated_at IS NULL OR a.deactivated_at <= $2)
          GROUP BY a.identity_id
       ), hr AS (
         SELECT i.id AS identity_id, ${utcMidnight('i.termination_date')} AS terminated_at
           FROM identity i
          WHERE i.organization_id = $1 AND (i.termination_date IS NOT NULL OR i.status = 'TERMINATED') AND ${hrDepartedSql('i', '$2')}
       ), leaver AS (
         SELECT i.id, i.display_name, i.email, i.employee_number, i.updated_at, i.team_id,
                hr.identity_id IS NOT NULL AS via_hr, idp.identity_id IS NOT NULL AS via_idp,
                LEAST(hr.terminated_at, idp.deactivated_at) AS departed_at
           FROM (SELECT identity_id FROM hr UNION SELECT identity_id FROM idp) d
           JOIN identity i ON i.id = d.identity_id
           LEFT JOIN hr ON hr.identity_id = i.id
           LEFT JOIN idp ON idp.identity_id = i.id
       ), leaver_account AS (
         -- Each leaver's accounts and credentials read once, for what they still hold and when they were last seen.
         SELECT a.identity_id, a.system, a.user_name, a.status, a.deactivated_at, a.created_at, a.last_login_at
           FROM account a JOIN leaver l ON l.id = a.identity_id
       ), leaver_credential AS (
         SELECT c.owner_identity_id AS identity_id, c.kind, c.external_id, c.source, c.created_at, c.first_seen_at, c.expires_at, c.status,
                c.deactivated_at, c.last_used_at
           FROM credential c JOIN leaver l ON l.id = c.owner_identity_id
       ), access AS (
         SELECT a.identity_id, 0 AS ord, a.system || ' account ' || a.user_name AS label, a.system, a.user_name AS name, NULL::text AS credential_kind
           FROM leaver_account a
          WHERE (a.status = 'ACTIVE' OR a.deactivated_at > $2) AND (a.created_at IS NULL OR a.created_at <= $2)
         UNION ALL
         SELECT c.identity_id, 1, c.kind || ' ' || c.external_id, c.source, c.external_id, c.kind
           FROM leaver_credential c
          WHERE COALESCE(c.created_at, c.first_seen_at) <= $2 AND (c.expires_at IS NULL OR c.expires_at > $2)
            AND (c.status = 'ACTIVE' OR c.deactivated_at > $2)
       ), seen AS (
         SELECT identity_id, max(last_login_at) AS seen_at FROM leaver_account GROUP BY identity_id
         UNION ALL
         SELECT identity_id, max(last_used_at) FROM leaver_credential GROUP BY identity_id
       ), leaver_finding AS (
         SELECT DISTINCT ON (f.details->>'subjectId') f.details->>'subjectId' AS identity_id, f.id
           FROM finding f
          WHERE f.organization_id = $1 AND f.kind = 'LEAVER_ACTIVE_ACCESS' AND f.subject_type = 'IDENTITY'
          ORDER BY f.details->>'subjectId', f.status = 'RESOLVED', f.last_detected_at DESC
       )
       SELECT l.*, x.access, s.last_seen_at, f.id AS finding_id
         FROM leaver l
         JOIN (SELECT identity_id, json_agg(json_build_object('system', system, 'name', name, 'credentialKind', credential_kind) ORDER BY ord, label) AS access
                 FROM access GROUP BY identity_id) x ON x.identity_id = l.id
         LEFT JOIN (SELECT identity_id, max(seen_at) AS last_seen_at FROM seen GROUP BY identity_id) s ON s.identity_id = l.id
         LEFT JOIN leaver_finding f ON f.identity_id = l.id::text
        ORDER BY l.departed_at NULLS LAST, l.display_name`,
      [organizationId, asOf, IDENTITY_PROVIDER_SYSTEMS],
    )) as Record<string, unknown>[];
    return rows.map((r) => {
      const access = (r['access'] as LeaverAccessRecord[] | null) ?? [];
      return {
        identityId: r['id'] as string,
        name: r['display_name'] as string,
        email: r['email'] as string | null,
        teamId: r['team_id'] as string | null,
        via: [...((r['via_hr'] as boolean) ? (['HR'] as const) : []), ...((r['via_idp'] as boolean) ? (['IDENTITY_PROVIDER'] as const) : [])],
        departedAt: r['departed_at'] as Date | null,
        identityUpdatedAt: r['updated_at'] as Date,
        activeAccess: access.map(accessLabel),
        access,
        lastSeenAt: r['last_seen_at'] as Date | null,
        findingId: r['finding_id'] as string | null,
      };
    });
  }
}
