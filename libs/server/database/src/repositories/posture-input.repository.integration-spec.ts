import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { PostureInputRepository } from './posture-input.repository.js';

const asOf = new Date('2026-11-20T12:00:00Z');

describe('the evaluation input on PostgreSQL: leaver evidence', () => {
  let db: TestDatabase;
  let inputs: PostureInputRepository;
  let org: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const ds = db.dataSource;
    inputs = new PostureInputRepository(ds);
    [{ id: org }] = (await ds.query(`INSERT INTO organization (slug, name) VALUES ('acme', 'Acme') RETURNING id`)) as { id: string }[];
    const q = (sql: string, params: unknown[] = []) => ds.query(sql, [org, ...params]) as Promise<{ id: string }[]>;
    const [kim] = await q(
      `INSERT INTO identity (organization_id, email, display_name, employment_type, status, termination_date, source)
       VALUES ($1, 'kim@acme.test', 'Kim Departed', 'EMPLOYEE', 'TERMINATED', '2026-06-20', 'hr') RETURNING id`,
    );
    await q(
      `INSERT INTO credential (organization_id, source, external_id, kind, name, status, created_at, first_seen_at, owner_identity_id)
       VALUES ($1, 'iam', 'AKIALEAVER1', 'ACCESS_KEY', 'kim key', 'ACTIVE', '2024-01-01', '2024-01-01', $2)`,
      [kim!.id],
    );
    // Lee's identity-provider account was deactivated on 2026-11-01; the GitHub account is still used.
    const [lee] = await q(
      `INSERT INTO identity (organization_id, email, display_name, employment_type, status, source)
       VALUES ($1, 'lee@acme.test', 'Lee IdP', 'EMPLOYEE', 'ACTIVE', 'hr') RETURNING id`,
    );
    await q(
      `INSERT INTO account (organization_id, system, external_id, user_name, identity_id, status, deactivated_at)
       VALUES ($1, 'okta', 'lee-okta', 'lee@acme.test', $2, 'DEACTIVATED', '2026-11-01T00:00:00Z')`,
      [lee!.id],
    );

    const event = (id: string, at: string, principal: string, credential: string | null) =>
      q(
        `INSERT INTO access_event (organization_id, source, event_id, occurred_at, principal, credential_external_id, country, action)
         VALUES ($1, 'cloudtrail', $2, $3, $4, $5, 'KR', 'GetObject')`,
        [id, at, principal, credential],
      );
    const rollup = (day: string, principal: string, credential: string, events: number) =>
      q(
        `INSERT INTO access_daily_rollup (organization_id, day, principal, credential_external_id, country, events, bytes, records, first_at, last_at)
         VALUES ($1, $2, $3, $4, 'KR', $5, 0, 0, $2::date, $2::date)`,
        [day, principal, credential, events],
      );
    await event('before-leaving', '2026-06-19T10:00:00Z', 'kim@acme.test', null);
    for (let n = 1; n <= 7; n++) await event(`kim-${n}`, `2026-07-0${n}T10:00:00Z`, 'kim@acme.test', null);
    // Kim's key in someone else's hands: before (not evidence) and after the departure.
    await event('bot-before', '2026-06-01T10:00:00Z', 'deploy-bot', 'AKIALEAVER1');
    await rollup('2026-06-01', 'deploy-bot', 'AKIALEAVER1', 1);
    await event('bot-other-key', '2026-11-17T09:00:00Z', 'deploy-bot', 'AKIAOTHER');
    await rollup('2026-11-17', 'deploy-bot', 'AKIAOTHER', 1);
    await event('bot-after-1', '2026-11-18T10:00:00Z', 'deploy-bot', 'AKIALEAVER1');
    await event('bot-after-2', '2026-11-18T11:00:00Z', 'deploy-bot', 'AKIALEAVER1');
    await rollup('2026-11-18', 'deploy-bot', 'AKIALEAVER1', 2);
    await event('lee-before', '2026-10-30T10:00:00Z', 'lee@acme.test', null);
    await event('lee-after', '2026-11-02T10:00:00Z', 'lee@acme.test', null);
    await event('after-as-of', '2026-11-21T10:00:00Z', 'kim@acme.test', null);
    await event('not-a-leaver', '2026-11-18T10:00:00Z', 'someone@acme.test', null);
  });
  afterAll(() => db.drop());

  it('are the first uses after departure, by principal or by credential, at most five per principal, none after as-of', async () => {
    const { activity } = await inputs.load(org, asOf);
    expect(activity.samples.map((s) => s.eventId)).toEqual(['kim-1', 'kim-2', 'kim-3', 'kim-4', 'kim-5', 'lee-after', 'bot-after-1', 'bot-after-2']);
    expect(activity.samples.find((s) => s.eventId === 'bot-after-1')).toMatchObject({
      principal: 'deploy-bot',
      credentialExternalId: 'AKIALEAVER1',
      occurredAt: new Date('2026-11-18T10:00:00Z'),
      country: 'KR',
      source: 'cloudtrail',
    });
  });

  it('read as of an earlier day, hold only what was known then', async () => {
    const { activity } = await inputs.load(org, new Date('2026-07-02T23:00:00Z'));
    expect(activity.samples.map((s) => s.eventId)).toEqual(['kim-1', 'kim-2']);
  });
});
