import { OrganizationRepository, PostureInputRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { OrganizationError, OrganizationService } from '@postureboard/server-organization';

const DAY = 86_400_000;
const now = new Date('2026-12-07T10:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * DAY);

describe('country approvals on PostgreSQL: a reason, an expiry, and evaluation counting them only while in force', () => {
  let db: TestDatabase;
  let organizations: OrganizationService;
  let inputs: PostureInputRepository;
  let id = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    organizations = new OrganizationService(new OrganizationRepository(db.dataSource));
    inputs = new PostureInputRepository(db.dataSource);
    id = (await organizations.create({ slug: 'acme', name: 'Acme', approvedCountries: ['KR'] })).id;
  });
  afterAll(() => db.drop());

  it('refuses an approval without a reason, without a future expiry, beyond a year, of no country or of a standing one, naming each problem', async () => {
    const attempt = (country: string, reason: string, expiresAt: Date) => organizations.approveCountry('acme', { country, reason, expiresAt, approvedBy: 'ciso@acme.test' }, now);
    await expect(attempt('XX', ' ', at(-1))).rejects.toThrow(
      'Cannot approve the country: "XX" is not an assigned ISO 3166-1 alpha-2 country code; give the reason access from this country is expected; the expiry must be in the future',
    );
    await expect(attempt('JP', 'Tokyo support desk', at(400))).rejects.toThrow('the expiry must be within 366 days');
    await expect(attempt('kr', 'Seoul office', at(30))).rejects.toThrow(OrganizationError);
    expect(await organizations.countryApprovals('acme', now)).toEqual([]);
  });

  it('counts an approved country from its approval until its expiry, for the cross-border page and for evaluation', async () => {
    const approval = await organizations.approveCountry('acme', { country: 'jp', reason: ' Tokyo support desk ', expiresAt: at(30), approvedBy: 'ciso@acme.test' }, now);
    expect(approval).toMatchObject({ country: 'JP', reason: 'Tokyo support desk', approvedBy: 'ciso@acme.test', approvedAt: now, expiresAt: at(30) });
    expect(await organizations.countryApprovals('acme', at(1))).toEqual([approval]);

    expect(await organizations.approvedCountriesAt({ id }, at(-1))).toEqual(['KR']);
    expect(await organizations.approvedCountriesAt({ id }, at(1))).toEqual(['JP', 'KR']);
    expect(await organizations.approvedCountriesAt({ id }, at(30))).toEqual(['KR']);
    // What evaluation reads, for a day inside and a day after the approval.
    expect((await inputs.load(id, at(10))).organisation.approvedCountries).toEqual(['JP', 'KR']);
    expect((await inputs.load(id, at(31))).organisation.approvedCountries).toEqual(['KR']);
  });

  it('renews an approval in force, and a withdrawal ends it now while keeping its history', async () => {
    await organizations.approveCountry('acme', { country: 'JP', reason: 'Extended for the audit', expiresAt: at(60), approvedBy: 'ciso@acme.test' }, at(2));
    expect((await organizations.countryApprovals('acme', at(3))).map((a) => [a.country, a.reason, a.expiresAt])).toEqual([['JP', 'Extended for the audit', at(60)]]);
    await organizations.withdrawCountryApproval('acme', 'jp', at(5));
    expect(await organizations.approvedCountriesAt({ id }, at(6))).toEqual(['KR']);
    // Inside the earlier windows the approvals still count: the past is not rewritten.
    expect(await organizations.approvedCountriesAt({ id }, at(1))).toEqual(['JP', 'KR']);
    expect(await organizations.approvedCountriesAt({ id }, at(4))).toEqual(['JP', 'KR']);
    await expect(organizations.withdrawCountryApproval('acme', 'JP', at(6))).rejects.toThrow('No approval of JP is in force');
  });
});
