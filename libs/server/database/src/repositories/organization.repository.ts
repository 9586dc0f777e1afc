import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { OrganizationEntity } from '../entities/organization.entity.js';

/** A country approved for a while, with who approved it and why. */
export interface CountryApprovalRecord {
  id: string;
  country: string;
  reason: string;
  approvedBy: string;
  approvedAt: Date;
  expiresAt: Date;
}

/**
 * The countries approved at `asOf` (a bind parameter) for the organization row aliased `o`: the standing list
 * and the time-bounded approvals in force then, sorted. Evaluation and the cross-border page use this one rule.
 */
export const approvedCountriesAtSql = (asOfParam: string): string =>
  `ARRAY(SELECT DISTINCT c FROM unnest(o.approved_countries || ARRAY(
     SELECT a.country FROM country_approval a
      WHERE a.organization_id = o.id AND a.approved_at <= ${asOfParam} AND a.expires_at > ${asOfParam})) AS c ORDER BY c)`;

const toApproval = (r: Record<string, unknown>): CountryApprovalRecord => ({
  id: r['id'] as string,
  country: r['country'] as string,
  reason: r['reason'] as string,
  approvedBy: r['approved_by'] as string,
  approvedAt: r['approved_at'] as Date,
  expiresAt: r['expires_at'] as Date,
});

export interface NewOrganization {
  slug: string;
  name: string;
  approvedCountries: string[];
  currency: string;
}

@Injectable()
export class OrganizationRepository {
  private readonly repository: Repository<OrganizationEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repository = dataSource.getRepository(OrganizationEntity);
  }

  findAll(): Promise<OrganizationEntity[]> {
    return this.repository.find({ order: { slug: 'ASC' } });
  }

  findBySlug(slug: string): Promise<OrganizationEntity | null> {
    return this.repository.findOneBy({ slug });
  }

  findByIds(ids: readonly string[]): Promise<OrganizationEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.repository.createQueryBuilder('o').where('o.id IN (:...ids)', { ids }).getMany();
  }

  /** Inserts unless the slug exists; returns null when it does (the caller decides what that means). */
  async insert(input: NewOrganization): Promise<OrganizationEntity | null> {
    const result = await this.repository.createQueryBuilder().insert().values(input).orIgnore().returning(['id']).execute();
    return result.raw.length ? this.findBySlug(input.slug) : null;
  }

  async updateApprovedCountries(id: string, approvedCountries: string[]): Promise<void> {
    await this.repository.update({ id }, { approvedCountries });
  }

  /** The standing list and the approvals in force at `asOf`. */
  async approvedCountriesAt(id: string, asOf: Date): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT ${approvedCountriesAtSql('$2')} AS countries FROM organization o WHERE o.id = $1`, [id, asOf])) as {
      countries: string[];
    }[];
    return rows[0]?.countries ?? [];
  }

  /** Approvals in force at `asOf`, soonest to expire first. */
  async countryApprovalsAt(id: string, asOf: Date): Promise<CountryApprovalRecord[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM country_approval WHERE organization_id = $1 AND approved_at <= $2 AND expires_at > $2 ORDER BY expires_at, country`,
      [id, asOf],
    )) as Record<string, unknown>[];
    return rows.map(toApproval);
  }

  async insertCountryApproval(id: string, approval: Omit<CountryApprovalRecord, 'id'>): Promise<CountryApprovalRecord> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO country_approval (organization_id, country, reason, approved_by, approved_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [id, approval.country, approval.reason, approval.approvedBy, approval.approvedAt, approval.expiresAt],
    )) as Record<string, unknown>[];
    return toApproval(row!);
  }

  /** Ends the approvals of a country in force at `at` (their expiry becomes `at`); returns how many. */
  async endCountryApprovals(id: string, country: string, at: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE country_approval SET expires_at = $3 WHERE organization_id = $1 AND country = $2 AND approved_at < $3 AND expires_at > $3`,
      [id, country, at],
    )) as [unknown, number];
    return count;
  }
}
