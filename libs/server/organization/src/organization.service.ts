import { createRequire } from 'node:module';
import { Injectable } from '@nestjs/common';
import type * as IsoCountries from 'i18n-iso-countries';
import { type CountryApprovalRecord, type OrganizationEntity, OrganizationRepository } from '@postureboard/server-database';
import { OrganizationError, OrganizationErrorCode } from './organization.error.js';

export interface CreateOrganization {
  slug: string;
  name: string;
  approvedCountries?: string[];
  currency?: string;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const COUNTRY = /^[A-Z]{2}$/;
/** ISO 3166-1 leaves these to users (AA, QM-QZ, XA-XZ, ZZ): "XX" or "XK" names no country the standard assigns. */
const USER_ASSIGNED = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

// The code table only: the package's main entry would also load every language's names.
const isoCountries = createRequire(import.meta.url)('i18n-iso-countries/index.js') as typeof IsoCountries;

/** An assigned ISO 3166-1 alpha-2 code, upper case. */
export const isAssignedCountryCode = (code: string): boolean => COUNTRY.test(code) && !USER_ASSIGNED.test(code) && isoCountries.isValid(code);
const CURRENCY = /^[A-Z]{3}$/;
/** An approval is reviewed, not forgotten: at most a year, then someone approves it again (or not). */
const MAX_APPROVAL_DAYS = 366;
const DAY_MS = 86_400_000;
const MAX_REASON_LENGTH = 1000;

@Injectable()
export class OrganizationService {
  constructor(private readonly organizations: OrganizationRepository) {}

  list(): Promise<OrganizationEntity[]> {
    return this.organizations.findAll();
  }

  async getBySlug(slug: string): Promise<OrganizationEntity> {
    const organization = await this.organizations.findBySlug(slug);
    if (!organization) throw new OrganizationError(OrganizationErrorCode.NOT_FOUND, `No organization with slug "${slug}"`);
    return organization;
  }

  async getById(id: string): Promise<OrganizationEntity> {
    const [organization] = await this.organizations.findByIds([id]);
    if (!organization) throw new OrganizationError(OrganizationErrorCode.NOT_FOUND, `No organization ${id}`);
    return organization;
  }

  async create(input: CreateOrganization): Promise<OrganizationEntity> {
    const slug = input.slug.trim();
    if (!SLUG.test(slug)) {
      throw new OrganizationError(OrganizationErrorCode.INVALID_INPUT, `Slug "${slug}" must be lower-case letters, digits and hyphens (1-63 characters)`);
    }
    const name = input.name.trim();
    if (!name) throw new OrganizationError(OrganizationErrorCode.INVALID_INPUT, 'Name must not be empty');
    const approvedCountries = normaliseCountries(input.approvedCountries ?? []);
    const currency = (input.currency ?? 'USD').trim().toUpperCase();
    if (!CURRENCY.test(currency)) throw new OrganizationError(OrganizationErrorCode.INVALID_INPUT, `Currency "${currency}" is not an ISO 4217 code`);
    const created = await this.organizations.insert({ slug, name, approvedCountries, currency });
    if (!created) throw new OrganizationError(OrganizationErrorCode.SLUG_TAKEN, `An organization with slug "${slug}" already exists`);
    return created;
  }

  /** The standing list and the time-bounded approvals in force at `asOf`: what evaluation counts as expected. */
  approvedCountriesAt(organization: Pick<OrganizationEntity, 'id'>, asOf: Date): Promise<string[]> {
    return this.organizations.approvedCountriesAt(organization.id, asOf);
  }

  async countryApprovals(slug: string, now = new Date()): Promise<CountryApprovalRecord[]> {
    return this.organizations.countryApprovalsAt((await this.getBySlug(slug)).id, now);
  }

  /**
   * Approves access from a country until `expiresAt`, with a reason and who approved it. Approving a country that
   * has an approval in force renews it (the old one ends now); one on the standing list needs none.
   */
  async approveCountry(
    slug: string,
    input: { country: string; reason: string; expiresAt: Date; approvedBy: string },
    now = new Date(),
  ): Promise<CountryApprovalRecord> {
    const organization = await this.getBySlug(slug);
    const country = input.country.trim().toUpperCase();
    const reason = input.reason.trim();
    const problems: string[] = [];
    if (!isAssignedCountryCode(country)) problems.push(`"${input.country}" is not an assigned ISO 3166-1 alpha-2 country code`);
    if (!reason) problems.push('give the reason access from this country is expected');
    else if (reason.length > MAX_REASON_LENGTH) problems.push(`the reason is longer than ${MAX_REASON_LENGTH} characters`);
    if (!(input.expiresAt.getTime() > now.getTime())) problems.push('the expiry must be in the future');
    else if (input.expiresAt.getTime() > now.getTime() + MAX_APPROVAL_DAYS * DAY_MS) problems.push(`the expiry must be within ${MAX_APPROVAL_DAYS} days`);
    if (organization.approvedCountries.includes(country)) problems.push(`${country} is already approved without an expiry`);
    if (problems.length) throw new OrganizationError(OrganizationErrorCode.INVALID_INPUT, `Cannot approve the country: ${problems.join('; ')}`);
    await this.organizations.endCountryApprovals(organization.id, country, now);
    return this.organizations.insertCountryApproval(organization.id, { country, reason, approvedBy: input.approvedBy, approvedAt: now, expiresAt: input.expiresAt });
  }

  /** Ends the approval of a country in force now (its history stays). */
  async withdrawCountryApproval(slug: string, country: string, now = new Date()): Promise<void> {
    const organization = await this.getBySlug(slug);
    const code = country.trim().toUpperCase();
    if ((await this.organizations.endCountryApprovals(organization.id, code, now)) === 0) {
      throw new OrganizationError(OrganizationErrorCode.INVALID_INPUT, `No approval of ${code} is in force`);
    }
  }

  async setApprovedCountries(slug: string, countries: string[]): Promise<OrganizationEntity> {
    const organization = await this.getBySlug(slug);
    await this.organizations.updateApprovedCountries(organization.id, normaliseCountries(countries));
    return this.getBySlug(slug);
  }
}

export function normaliseCountries(countries: readonly string[]): string[] {
  const codes = [...new Set(countries.map((c) => c.trim().toUpperCase()).filter(Boolean))].sort();
  const bad = codes.filter((c) => !isAssignedCountryCode(c));
  if (bad.length) throw new OrganizationError(OrganizationErrorCode.INVALID_INPUT, `Not assigned ISO 3166-1 alpha-2 country codes: ${bad.join(', ')}`);
  return codes;
}
