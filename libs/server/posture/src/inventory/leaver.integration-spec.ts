import { ActivityRepository, LeaverRepository, OrganizationRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { OrganizationService } from '@postureboard/server-organization';
import { LeaverService } from './leaver.service.js';

const asOf = new Date('2026-11-20T12:00:00Z');

describe('leavers on PostgreSQL', () => {
  let db: TestDatabase;
  let leavers: LeaverService;
  const ids: Record<string, string> = {};
  let findingId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const ds = db.dataSource;
    const organizations = new OrganizationService(new OrganizationRepository(ds));
    leavers = new LeaverService(organizations, new LeaverRepository(ds), new ActivityRepository(ds));
    const org = (await organizations.create({ slug: 'acme', name: 'Acme' })).id;
    const q = (sql: string, params: unknown[] = []) => ds.query(sql, [org, ...params]) as Promise<{ id: string }[]>;
    const identity = async (key: string, email: string, status: string, termination: string | null, start: string | null = null) => {
      const [row] = await q(
        `INSERT INTO identity (organization_id, email, display_name, employment_type, status, termination_date, start_date, source)
         VALUES ($1, $2, $3, 'EMPLOYEE', $4, $5, $6, 'hr') RETURNING id`,
        [email, key, status, termination, start],
      );
      ids[key] = row!.id;
    };
    const account = (key: string, system: string, userName: string, status: string, deactivatedAt: string | null = null) =>
      q(`INSERT INTO account (organization_id, system, external_id, user_name, identity_id, status, deactivated_at) VALUES ($1, $2, $3, $3, $4, $5, $6)`, [
        system,
        userName,
        ids[key],
        status,
        deactivatedAt,
      ]);
    const rollup = (day: string, principal: string, credential: string, events: number, bytes: number, lastAt: string) =>
      q(
        `INSERT INTO access_daily_rollup (organization_id, day, principal, credential_external_id, country, events, bytes, records, first_at, last_at)
         VALUES ($1, $2, $3, $4, 'KR', $5, $6, 0, $7, $7)`,
        [day, principal, credential, events, bytes, lastAt],
      );

    // Kim left on 2026-06-20 (HR) and kept an AWS user, an Okta account and an access key.
    await identity('Kim Departed', 'kim@acme.test', 'TERMINATED', '2026-06-20');
    await account('Kim Departed', 'aws', 'kim.departed', 'ACTIVE');
    await account('Kim Departed', 'okta', 'kim@acme.test', 'ACTIVE');
    await q(
      `INSERT INTO credential (organization_id, source, external_id, kind, name, status, created_at, first_seen_at, owner_identity_id)
       VALUES ($1, 'iam', 'AKIALEAVER1', 'ACCESS_KEY', 'kim key', 'ACTIVE', '2024-01-01', '2024-01-01', $2)`,
      [ids['Kim Departed']],
    );
    await rollup('2026-06-19', 'kim@acme.test', '', 5, 100, '2026-06-19T10:00:00Z'); // before leaving
    await rollup('2026-06-20', 'kim@acme.test', '', 3, 50, '2026-06-20T10:00:00Z'); // the last day itself is not "after"
    await rollup('2026-07-01', 'arn:aws:iam::111122223333:user/kim.departed', '', 10, 1_000_000_000, '2026-07-01T10:00:00Z'); // ARN by its last segment
    await rollup('2026-08-01', 'KIM@ACME.TEST', '', 1, 7, '2026-08-01T10:00:00Z'); // e-mail in another case
    await rollup('2026-09-01', 'kim@acme.test', 'AKIALEAVER1', 4, 40, '2026-09-01T10:00:00Z'); // name and key: counted once
    await rollup('2026-11-18', 'unknown-bot', 'AKIALEAVER1', 2, 500, '2026-11-18T10:00:00Z'); // their key, someone else's hands
    await rollup('2026-11-18', 'someone@acme.test', '', 9, 9, '2026-11-19T10:00:00Z'); // not theirs
    [{ id: findingId }] = await q(
      `INSERT INTO finding (organization_id, fingerprint, kind, domain, severity, status, subject_type, subject_external_id, subject_name,
         details, first_detected_at, last_detected_at)
       VALUES ($1, 'leaver-kim', 'LEAVER_ACTIVE_ACCESS', 'ACCESS_GOVERNANCE', 'CRITICAL', 'OPEN', 'IDENTITY', 'kim@acme.test', 'Kim Departed',
         jsonb_build_object('subjectId', $2::text), now(), now()) RETURNING id`,
      [ids['Kim Departed']],
    );

    // Lee is ACTIVE in HR, but the identity provider deactivated him on 2026-11-01; GitHub still lets him in.
    await identity('Lee IdP', 'lee@acme.test', 'ACTIVE', null);
    await account('Lee IdP', 'okta', 'lee@acme.test', 'DEACTIVATED', '2026-11-01T00:00:00Z');
    await account('Lee IdP', 'github', 'lee-gh', 'ACTIVE');

    // Not leavers with access: fully deprovisioned, rehired, leaving in the future.
    await identity('Park Clean', 'park@acme.test', 'TERMINATED', '2026-03-01');
    await account('Park Clean', 'okta', 'park@acme.test', 'DEACTIVATED', '2026-03-01T00:00:00Z');
    await identity('Choi Rehired', 'choi@acme.test', 'ACTIVE', '2025-01-01', '2025-06-01');
    await account('Choi Rehired', 'okta', 'choi@acme.test', 'ACTIVE');
    await identity('Jung Leaving', 'jung@acme.test', 'ACTIVE', '2026-12-31');
    await account('Jung Leaving', 'okta', 'jung@acme.test', 'ACTIVE');
  });

  afterAll(() => db.drop());

  it('lists only departed people who still hold access, the ones who used it since first', async () => {
    expect((await leavers.leavers('acme', asOf)).map((l) => l.name)).toEqual(['Kim Departed', 'Lee IdP']);
  });

  it('counts use after the departure day under any of their names and on their keys, each rollup once', async () => {
    const [kim] = await leavers.leavers('acme', asOf);
    expect(kim).toEqual({
      identityId: ids['Kim Departed'],
      name: 'Kim Departed',
      email: 'kim@acme.test',
      teamId: null,
      terminatedOn: new Date('2026-06-20T00:00:00Z'),
      // 2026-06-20 00:00 to 2026-11-20 12:00: 10 + 31 + 31 + 30 + 31 + 20 = 153 whole days.
      daysSinceTermination: 153,
      activeAccess: ['aws account kim.departed', 'okta account kim@acme.test', 'ACCESS_KEY AKIALEAVER1'],
      // The same, in parts the web words in the reader's language ("Access key AKIALEAVER1", "aws 계정 kim.departed").
      access: [
        { system: 'aws', name: 'kim.departed', credentialKind: null },
        { system: 'okta', name: 'kim@acme.test', credentialKind: null },
        { system: 'iam', name: 'AKIALEAVER1', credentialKind: 'ACCESS_KEY' },
      ],
      // 10 (ARN) + 1 (upper-case e-mail) + 4 (name and key) + 2 (key) events after 06-20.
      usesAfterTermination: 17,
      bytesAfterTermination: 1_000_000_000 + 7 + 40 + 500,
      lastUseAt: new Date('2026-11-18T10:00:00Z'),
      findingId,
    });
  });

  it('treats an identity-provider deactivation as a departure, dated by it', async () => {
    const lee = (await leavers.leavers('acme', asOf)).find((l) => l.name === 'Lee IdP');
    expect(lee).toMatchObject({
      terminatedOn: new Date('2026-11-01T00:00:00Z'),
      daysSinceTermination: 19,
      activeAccess: ['github account lee-gh'],
      access: [{ system: 'github', name: 'lee-gh', credentialKind: null }],
      usesAfterTermination: 0,
      bytesAfterTermination: 0,
      lastUseAt: null,
      findingId: null,
    });
  });

  it('sees the past as it was: before the IdP deactivation Lee had not left', async () => {
    expect((await leavers.leavers('acme', new Date('2026-10-31T00:00:00Z'))).map((l) => l.name)).toEqual(['Kim Departed']);
  });
});
