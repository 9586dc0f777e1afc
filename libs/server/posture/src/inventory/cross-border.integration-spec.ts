import {
  ActivityRepository,
  FindingRepository,
  OffshoreIdentityRepository,
  OrganizationRepository,
} from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { OrganizationService } from '@postureboard/server-organization';
import { CrossBorderService } from './cross-border.service.js';
import { InventoryError } from './inventory.error.js';

const asOf = new Date('2026-11-20T12:00:00Z');

describe('cross-border access on PostgreSQL', () => {
  let db: TestDatabase;
  let crossBorder: CrossBorderService;
  const ids: Record<string, string> = {};
  let findingId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const ds = db.dataSource;
    const organizations = new OrganizationService(new OrganizationRepository(ds));
    crossBorder = new CrossBorderService(organizations, new ActivityRepository(ds), new OffshoreIdentityRepository(ds), new FindingRepository(ds));
    const org = (await organizations.create({ slug: 'acme', name: 'Acme', approvedCountries: ['KR', 'US'] })).id;
    const q = (sql: string, params: unknown[] = []) => ds.query(sql, [org, ...params]) as Promise<{ id: string }[]>;
    const rollup = (day: string, principal: string, credential: string, country: string, events: number, bytes: number) =>
      q(
        `INSERT INTO access_daily_rollup (organization_id, day, principal, credential_external_id, country, events, bytes, records, first_at, last_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $2::date, $2::date)`,
        [day, principal, credential, country, events, bytes],
      );
    await rollup('2026-11-19', 'a@acme.test', '', 'KR', 60, 600);
    await rollup('2026-11-18', 'a@acme.test', '', 'KR', 40, 400);
    await rollup('2026-11-19', 'b@acme.test', '', 'US', 50, 500);
    await rollup('2026-11-19', 'c@acme.test', '', 'CN', 20, 2_000);
    await rollup('2026-11-18', 'd@acme.test', '', 'CN', 10, 1_000);
    await rollup('2026-11-19', 'e@acme.test', '', 'internal', 5, 5);
    await rollup('2026-11-19', 'f@acme.test', '', '', 2, 2);
    await rollup('2026-07-01', 'c@acme.test', '', 'CN', 999, 999); // older than the 90-day window
    // The extraction: a token's normal 1 MB days, then 5 GB on 11-10.
    await rollup('2026-11-05', 'svc-export', 'tok-1', 'KR', 3, 1_000_000);
    await rollup('2026-11-10', 'svc-export', 'tok-1', 'CN', 40, 5_000_000_000);

    const identity = async (name: string, workCountry: string, status = 'ACTIVE', termination: string | null = null) => {
      const [row] = await q(
        `INSERT INTO identity (organization_id, email, display_name, employment_type, status, termination_date, work_country, source)
         VALUES ($1, $2, $2, 'CONTRACTOR', $3, $4, $5, 'hr') RETURNING id`,
        [name, status, termination, workCountry],
      );
      ids[name] = row!.id;
      const [account] = await q(`INSERT INTO account (organization_id, system, external_id, user_name, identity_id, status) VALUES ($1, 'aws', $2, $2, $3, 'ACTIVE') RETURNING id`, [
        name,
        row!.id,
      ]);
      return account!.id;
    };
    const entitlement = (accountId: string, name: string, production: boolean) =>
      q(`INSERT INTO entitlement (organization_id, account_id, name, production) VALUES ($1, $2, $3, $4)`, [accountId, name, production]);
    const approved = await identity('Vu Approved', 'VN');
    await entitlement(approved, 'prod-db-read', true);
    await entitlement(approved, 'dev-sandbox', false);
    await q(`INSERT INTO offshore_approval (organization_id, identity_id, approver_email, scope, country, expires_at, created_at)
             VALUES ($1, $2, 'ciso@acme.test', 'aws', 'VN', '2027-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`, [ids['Vu Approved']]);
    await entitlement(await identity('Raj Unapproved', 'IN'), 'prod-admin', true);
    await entitlement(await identity('Nguyen Dev Only', 'VN'), 'dev-sandbox', false);
    await entitlement(await identity('Kim Home', 'KR'), 'prod-admin', true);
    await entitlement(await identity('Tran Gone', 'VN', 'TERMINATED', '2026-10-01'), 'prod-admin', true);

    [{ id: findingId }] = await q(
      `INSERT INTO finding (organization_id, fingerprint, kind, domain, severity, status, subject_type, subject_external_id, subject_name,
         evidence, first_detected_at, last_detected_at)
       VALUES ($1, 'bulk-tok-1', 'BULK_EXTRACTION', 'DETECTION', 'CRITICAL', 'OPEN', 'CREDENTIAL', 'tok-1', 'export token', $2,
         '2026-11-11T00:00:00Z', '2026-11-20T00:00:00Z') RETURNING id`,
      [
        JSON.stringify([
          { source: 'cloudtrail', type: 'bulk-summary', summary: '', data: { firstFlaggedDay: '2026-11-10', peakBytes: 5_000_000_000, baselineMedianBytes: 1_000_000 } },
          { source: 'cloudtrail', type: 'daily-volume', summary: '', data: { day: '2026-11-10', bytes: 5_000_000_000, baselineMedianBytes: 1_100_000 } },
        ]),
      ],
    );
  });

  afterAll(() => db.drop());

  it('totals activity per country over the window, most events first, flagging countries outside the approved list', async () => {
    const { byCountry } = await crossBorder.crossBorderAccess('acme', 90, asOf);
    expect(byCountry).toEqual([
      { country: 'KR', approved: true, events: 60 + 40 + 3, bytes: 600 + 400 + 1_000_000 },
      // 20 + 10 in November (the 999 of July is outside 90 days) + 40 of the extraction.
      { country: 'CN', approved: false, events: 20 + 10 + 40, bytes: 2_000 + 1_000 + 5_000_000_000 },
      { country: 'US', approved: true, events: 50, bytes: 500 },
      { country: 'internal', approved: true, events: 5, bytes: 5 },
      { country: 'unknown', approved: false, events: 2, bytes: 2 },
    ]);
  });

  it('splits activity per day and country', async () => {
    const { daily } = await crossBorder.crossBorderAccess('acme', 3, asOf);
    expect(daily.map((d) => [d.day.toISOString().slice(0, 10), d.country, d.events])).toEqual([
      ['2026-11-18', 'CN', 10],
      ['2026-11-18', 'KR', 40],
      ['2026-11-19', 'unknown', 2],
      ['2026-11-19', 'CN', 20],
      ['2026-11-19', 'KR', 60],
      ['2026-11-19', 'US', 50],
      ['2026-11-19', 'internal', 5],
    ]);
  });

  it('lists people working offshore with production access, the unapproved first', async () => {
    const { offshoreIdentities } = await crossBorder.crossBorderAccess('acme', 90, asOf);
    expect(offshoreIdentities).toEqual([
      { identityId: ids['Raj Unapproved'], name: 'Raj Unapproved', teamId: null, workCountry: 'IN', productionEntitlements: ['prod-admin (aws)'], approval: null, approvalExpiresAt: null },
      {
        identityId: ids['Vu Approved'],
        name: 'Vu Approved',
        teamId: null,
        workCountry: 'VN',
        productionEntitlements: ['prod-db-read (aws)'],
        approval: 'aws',
        approvalExpiresAt: new Date('2027-01-01T00:00:00Z'),
      },
    ]);
  });

  it('shows a bulk extraction with its daily volume against the baseline', async () => {
    const [extraction] = (await crossBorder.crossBorderAccess('acme', 30, asOf)).bulkExtractions;
    expect(extraction).toMatchObject({
      findingId,
      principal: 'export token',
      credentialExternalId: 'tok-1',
      startedOn: new Date('2026-11-10T00:00:00Z'),
      peakBytes: 5_000_000_000,
    });
    // 30 days ending 2026-11-20: 10-22 .. 11-20, dense.
    expect(extraction!.series).toHaveLength(30);
    expect(extraction!.series[0]!.day).toEqual(new Date('2026-10-22T00:00:00Z'));
    const on = (day: string) => extraction!.series.find((p) => p.day.toISOString().startsWith(day));
    expect(on('2026-11-05')).toEqual({ day: new Date('2026-11-05T00:00:00Z'), bytes: 1_000_000, baseline: 1_000_000 });
    expect(on('2026-11-10')).toEqual({ day: new Date('2026-11-10T00:00:00Z'), bytes: 5_000_000_000, baseline: 1_100_000 });
    expect(on('2026-11-11')?.bytes).toBe(0);
  });

  it('starts the series two weeks before an extraction older than the window', async () => {
    const [extraction] = (await crossBorder.crossBorderAccess('acme', 5, asOf)).bulkExtractions;
    expect(extraction!.series[0]!.day).toEqual(new Date('2026-10-27T00:00:00Z'));
  });

  it('refuses a window outside 1 to 400 days', async () => {
    await expect(crossBorder.crossBorderAccess('acme', 0, asOf)).rejects.toThrow(InventoryError);
    await expect(crossBorder.crossBorderAccess('acme', 401, asOf)).rejects.toThrow('days must be from 1 to 400');
  });

  it('totals every bulk extraction of the window, beyond the 20 it lists, and none found only after the date', async () => {
    const ds = db.dataSource;
    const org = (await new OrganizationRepository(ds).insert({ slug: 'many', name: 'Many', approvedCountries: ['KR'], currency: 'KRW' }))!.id;
    const extraction = async (token: string, firstDetected: string, lastDetected: string, status = 'OPEN') => {
      await ds.query(
        `INSERT INTO finding (organization_id, fingerprint, kind, domain, severity, status, subject_type, subject_external_id, subject_name,
           evidence, first_detected_at, last_detected_at)
         VALUES ($1, $2, 'BULK_EXTRACTION', 'DETECTION', 'HIGH', $3, 'CREDENTIAL', $4, $4, $5, $6, $7)`,
        [org, `bulk-${token}`, status, token, JSON.stringify([{ source: 'cloudtrail', type: 'bulk-summary', summary: '', data: { episodeStartDay: '2026-11-10' } }]), firstDetected, lastDetected],
      );
    };
    const rollup = (day: string, token: string, bytes: number) =>
      ds.query(
        `INSERT INTO access_daily_rollup (organization_id, day, principal, credential_external_id, country, events, bytes, records, first_at, last_at)
         VALUES ($1, $2, $3, $3, 'KR', 1, $4, 0, $2::date, $2::date)`,
        [org, day, token, bytes],
      );
    // 25 extractions in the window, each moving (i + 1) MB on 11-10 and 1 kB on 11-12 (and 5 bytes before it began).
    for (let i = 0; i < 25; i++) {
      const token = `tok-${String(i).padStart(2, '0')}`;
      await extraction(token, '2026-11-11T00:00:00Z', '2026-11-19T00:00:00Z', i % 5 === 0 ? 'RESOLVED' : 'OPEN');
      await rollup('2026-11-01', token, 5);
      await rollup('2026-11-10', token, (i + 1) * 1_000_000);
      await rollup('2026-11-12', token, 1_000);
    }
    await extraction('tok-stale', '2026-08-01T00:00:00Z', '2026-08-02T00:00:00Z'); // last seen before the 30 days
    await extraction('tok-later', '2026-11-21T00:00:00Z', '2026-11-21T00:00:00Z'); // found only after the date
    await rollup('2026-11-20', 'tok-later', 9_000_000_000);

    const { bulkExtractions, bulkExtractionTotals } = await crossBorder.crossBorderAccess('many', 30, asOf);
    expect(bulkExtractions).toHaveLength(20);
    expect(bulkExtractions.map((b) => b.principal)).not.toContain('tok-later');
    // 1 + 2 + ... + 25 MB, and 25 × 1 kB; not the 5 bytes before each began.
    expect(bulkExtractionTotals).toEqual({ count: 25, totalBytes: 325_000_000 + 25_000 });
  });
});
