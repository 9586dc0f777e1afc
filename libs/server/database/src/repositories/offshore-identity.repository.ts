import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hrDepartedSql } from './departure-sql.util.js';

export interface OffshoreIdentityRecord {
  identityId: string;
  name: string;
  /** The team the person belongs to. */
  teamId: string | null;
  workCountry: string;
  /** "entitlement (system)", sorted. */
  productionEntitlements: string[];
  /** The approval that best covers their work country: a valid one, else the most recently expired. */
  approvalScope: string | null;
  approvalExpiresAt: Date | null;
  approvalValid: boolean;
}

/**
 * People working outside the approved countries who hold production entitlements through an active
 * account: the work-country half of the offshore rule, in one query. Without an approved list nothing is
 * offshore (as in the domain), and people who have left belong to the leaver view instead.
 */
@Injectable()
export class OffshoreIdentityRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findWithProductionAccess(organizationId: string, asOf: Date, approvedCountries: readonly string[]): Promise<OffshoreIdentityRecord[]> {
    const approved = approvedCountries.map((c) => c.toUpperCase());
    if (approved.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT i.id, i.display_name, i.team_id, upper(i.work_country) AS work_country,
              array_agg(DISTINCT e.name || ' (' || a.system || ')' ORDER BY e.name || ' (' || a.system || ')') AS entitlements,
              ap.scope, ap.expires_at, COALESCE(ap.valid, false) AS valid
         FROM identity i
         JOIN account a ON a.identity_id = i.id AND (a.status = 'ACTIVE' OR a.deactivated_at > $2) AND (a.created_at IS NULL OR a.created_at <= $2)
         JOIN entitlement e ON e.account_id = a.id AND e.production
         LEFT JOIN LATERAL (
           SELECT o.scope, o.expires_at, (o.expires_at IS NULL OR o.expires_at > $2) AS valid
             FROM offshore_approval o
            WHERE o.identity_id = i.id AND o.created_at <= $2 AND (o.country IS NULL OR upper(o.country) = upper(i.work_country))
            ORDER BY (o.expires_at IS NULL OR o.expires_at > $2) DESC, o.expires_at DESC NULLS FIRST, o.created_at DESC
            LIMIT 1
         ) ap ON true
        WHERE i.organization_id = $1 AND i.work_country IS NOT NULL AND NOT (upper(i.work_country) = ANY($3::text[]))
          AND NOT ${hrDepartedSql('i', '$2')}
        GROUP BY i.id, ap.scope, ap.expires_at, ap.valid
        ORDER BY COALESCE(ap.valid, false), i.display_name`,
      [organizationId, asOf, approved],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      identityId: r['id'] as string,
      name: r['display_name'] as string,
      teamId: r['team_id'] as string | null,
      workCountry: r['work_country'] as string,
      productionEntitlements: r['entitlements'] as string[],
      approvalScope: r['scope'] as string | null,
      approvalExpiresAt: r['expires_at'] as Date | null,
      approvalValid: r['valid'] as boolean,
    }));
  }
}
