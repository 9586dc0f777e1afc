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
    await q(
      `INSERT INTO account (organization_id, system, external_id, user_name, identity_id, status, on_premises_sync)
       VALUES ($1, 'entra', 'kim-entra', 'kim@acme.test', $2, 'ACTIVE', true)`,
      [kim!.id],
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

  it('say which accounts are synced from on-premises AD', async () => {
    const { accounts } = await inputs.load(org, asOf);
    expect(accounts.map((account) => [account.externalId, account.onPremisesSync]).sort()).toEqual([
      ['kim-entra', true],
      ['lee-okta', false],
    ]);
  });

  it('read as of an earlier day, hold only what was known then', async () => {
    const { activity } = await inputs.load(org, new Date('2026-07-02T23:00:00Z'));
    expect(activity.samples.map((s) => s.eventId)).toEqual(['kim-1', 'kim-2']);
  });
});

describe('the evaluation input on PostgreSQL: leaver evidence read again only from the earliest change', () => {
  let db: TestDatabase;
  let inputs: PostureInputRepository;
  let org: string;
  const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, [org, ...params]) as Promise<{ id: string }[]>;
  /** An event and its rollup, as every ingest writes them (the rollup bumps its day's version). */
  const used = async (id: string, at: string, principal: string, credential = '') => {
    await q(
      `INSERT INTO access_event (organization_id, source, event_id, occurred_at, principal, credential_external_id, country, action)
       VALUES ($1, 'cloudtrail', $2, $3, $4, NULLIF($5, ''), 'KR', 'GetObject')`,
      [id, at, principal, credential],
    );
    await q(
      `INSERT INTO access_daily_rollup (organization_id, day, principal, credential_external_id, country, events, bytes, records, first_at, last_at)
       VALUES ($1, $2::timestamptz::date, $3, $4, 'KR', 1, 0, 0, $2, $2)
       ON CONFLICT (organization_id, day, principal, credential_external_id, country) DO UPDATE SET events = access_daily_rollup.events + 1`,
      [at, principal, credential],
    );
  };
  const ids = (samples: readonly { eventId: string }[]) => samples.map((s) => s.eventId);

  beforeAll(async () => {
    db = await createTestDatabase();
    inputs = new PostureInputRepository(db.dataSource);
    [{ id: org }] = (await db.dataSource.query(`INSERT INTO organization (slug, name) VALUES ('acme', 'Acme') RETURNING id`)) as { id: string }[];
    const [kim] = await q(
      `INSERT INTO identity (organization_id, email, display_name, employment_type, status, termination_date, source)
       VALUES ($1, 'kim@acme.test', 'Kim', 'EMPLOYEE', 'TERMINATED', '2026-06-20', 'hr') RETURNING id`,
    );
    await q(
      `INSERT INTO credential (organization_id, source, external_id, kind, name, status, created_at, first_seen_at, owner_identity_id)
       VALUES ($1, 'iam', 'AKIAKIM', 'ACCESS_KEY', 'kim key', 'ACTIVE', '2024-01-01', '2024-01-01', $2)`,
      [kim!.id],
    );
    await q(
      `INSERT INTO identity (organization_id, email, display_name, employment_type, status, termination_date, source)
       VALUES ($1, 'park@acme.test', 'Park', 'EMPLOYEE', 'ACTIVE', '2026-11-22', 'hr')`,
    );
    for (let n = 2; n <= 4; n++) await used(`kim-${n}`, `2026-07-0${n}T10:00:00Z`, 'kim@acme.test');
    await used('bot-1', '2026-11-18T10:00:00Z', 'deploy-bot', 'AKIAKIM');
  });
  afterAll(() => db.drop());

  it('gives what a fresh load gives after new days, late events, a new leaver and an inventory change', async () => {
    let asOf = new Date('2026-11-20T12:00:00Z');
    let last = await inputs.loadWith(org, asOf, null);
    expect(ids(last.input.activity.samples)).toEqual(['kim-2', 'kim-3', 'kim-4', 'bot-1']);
    const step = async (at: string, change: () => Promise<unknown>) => {
      await change();
      asOf = new Date(at);
      last = await inputs.loadWith(org, asOf, last.activity);
      expect(last.input.activity.samples).toEqual((await inputs.load(org, asOf)).activity.samples);
    };
    // A new day: the bot again, and Kim twice more (her first five are then complete).
    await step('2026-11-21T12:00:00Z', async () => {
      await used('bot-2', '2026-11-21T08:00:00Z', 'deploy-bot', 'AKIAKIM');
      await used('kim-late-a', '2026-11-21T09:00:00Z', 'kim@acme.test');
      await used('kim-late-b', '2026-11-21T10:00:00Z', 'kim@acme.test');
    });
    expect(ids(last.input.activity.samples)).toContain('kim-late-b');
    // Late events for a July day: an earlier first use, which pushes Kim's latest one out of her five.
    await step('2026-11-21T12:00:00Z', () => used('kim-1', '2026-07-01T10:00:00Z', 'kim@acme.test'));
    expect(ids(last.input.activity.samples).filter((id) => id.startsWith('kim'))).toEqual(['kim-1', 'kim-2', 'kim-3', 'kim-4', 'kim-late-a']);
    // Time passes Park's departure: a leaver no table change announced, whose uses are all after the last load.
    await step('2026-11-23T12:00:00Z', () => used('park-after', '2026-11-22T15:00:00Z', 'park@acme.test'));
    expect(ids(last.input.activity.samples)).toContain('park-after');
    // A new name of a leaver (an alias): the leaver tables changed, so everything is read again.
    await step('2026-11-23T12:00:00Z', async () => {
      await used('old-name', '2026-08-01T10:00:00Z', 'kim.old@acme.test');
      await q(`INSERT INTO identity_alias (organization_id, identity_id, alias) SELECT $1, id, 'kim.old@acme.test' FROM identity WHERE email = 'kim@acme.test'`);
    });
    expect(ids(last.input.activity.samples)).toContain('old-name');
  });

  it('reads only from the earliest change: an event no day version announced, before it, is not read', async () => {
    const asOf = new Date('2026-11-25T12:00:00Z');
    const first = await inputs.loadWith(org, asOf, null);
    // Written without its rollup (no ingest does that): invisible to the versions, so to an incremental read.
    await q(
      `INSERT INTO access_event (organization_id, source, event_id, occurred_at, principal, country, action)
       VALUES ($1, 'cloudtrail', 'unannounced', '2026-11-24T10:00:00Z', 'park@acme.test', 'KR', 'GetObject')`,
    );
    await used('park-new-day', '2026-11-26T10:00:00Z', 'park@acme.test');
    const later = new Date('2026-11-26T12:00:00Z');
    const next = await inputs.loadWith(org, later, first.activity);
    expect(ids(next.input.activity.samples)).toContain('park-new-day');
    expect(ids(next.input.activity.samples)).not.toContain('unannounced');
    expect(ids((await inputs.load(org, later)).activity.samples)).toContain('unannounced');
  });
});

describe('the evaluation input on PostgreSQL: activity reused from the last load', () => {
  let db: TestDatabase;
  let inputs: PostureInputRepository;
  let org: string;
  const rollup = (day: string, principal: string, events: number, bytes = 0) =>
    db.dataSource.query(
      `INSERT INTO access_daily_rollup AS r (organization_id, day, principal, credential_external_id, country, events, bytes, records, first_at, last_at)
       VALUES ($1, $2, $3, '', 'KR', $4, $5, 0, $2::date, $2::date)
       ON CONFLICT (organization_id, day, principal, credential_external_id, country)
       DO UPDATE SET events = r.events + EXCLUDED.events, bytes = r.bytes + EXCLUDED.bytes`,
      [org, day, principal, events, bytes],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    inputs = new PostureInputRepository(db.dataSource);
    [{ id: org }] = (await db.dataSource.query(`INSERT INTO organization (slug, name) VALUES ('acme', 'Acme') RETURNING id`)) as { id: string }[];
    for (const day of ['2026-11-01', '2026-11-02', '2026-11-03']) {
      await rollup(day, 'kim@acme.test', 3, 100);
      await rollup(day, 'lee@acme.test', 1, 10);
    }
  });
  afterAll(() => db.drop());

  it('reads only the days that changed or are new, and gives what a fresh load gives', async () => {
    const first = await inputs.loadWith(org, new Date('2026-11-03T12:00:00Z'), null);
    expect(first.activity.daysRead).toBe(3);
    expect(first.input.activity.rollups).toHaveLength(6);

    await rollup('2026-11-02', 'kim@acme.test', 2, 50); // late events for a day already read
    await rollup('2026-11-04', 'park@acme.test', 1, 1); // a new day
    const asOf = new Date('2026-11-04T12:00:00Z');
    const next = await inputs.loadWith(org, asOf, first.activity);
    expect(next.activity.daysRead).toBe(2);
    expect(next.input).toEqual(await inputs.load(org, asOf));
    expect(next.input.activity.rollups.find((r) => r.day === '2026-11-02' && r.principal === 'kim@acme.test')).toMatchObject({ events: 5, bytes: 150 });

    // Nothing changed: nothing read. A day's rollups deleted (retention): that day read again, and found empty.
    expect((await inputs.loadWith(org, asOf, next.activity)).activity.daysRead).toBe(0);
    await db.dataSource.query(`DELETE FROM access_daily_rollup WHERE organization_id = $1 AND day = '2026-11-01'`, [org]);
    const pruned = await inputs.loadWith(org, asOf, next.activity);
    expect(pruned.activity.daysRead).toBe(1);
    expect(pruned.input).toEqual(await inputs.load(org, asOf));
    expect(pruned.input.activity.rollups.map((r) => r.day)).not.toContain('2026-11-01');
  });

  it('keeps to the as-of window even when the earlier load saw later days', async () => {
    const later = await inputs.loadWith(org, new Date('2026-11-04T12:00:00Z'), null);
    const earlier = await inputs.loadWith(org, new Date('2026-11-02T12:00:00Z'), later.activity);
    expect(earlier.activity.daysRead).toBe(0);
    expect(earlier.input).toEqual(await inputs.load(org, new Date('2026-11-02T12:00:00Z')));
    expect(earlier.input.activity.rollups.map((r) => r.day)).not.toContain('2026-11-04');
  });
});

describe('the evaluation input on PostgreSQL: inventory reused from the last load', () => {
  let db: TestDatabase;
  let inputs: PostureInputRepository;
  let org: string;
  let other: string;
  const asOf = new Date('2026-11-03T12:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    inputs = new PostureInputRepository(db.dataSource);
    [{ id: org }, { id: other }] = (await db.dataSource.query(
      `INSERT INTO organization (slug, name) VALUES ('acme', 'Acme'), ('other', 'Other') RETURNING id`,
    )) as { id: string }[];
    await db.dataSource.query(
      `INSERT INTO identity (organization_id, email, display_name, employment_type, status, source)
       VALUES ($1, 'kim@acme.test', 'Kim', 'EMPLOYEE', 'ACTIVE', 'hr'), ($2, 'kim@other.test', 'Kim', 'EMPLOYEE', 'ACTIVE', 'hr')`,
      [org, other],
    );
  });
  afterAll(() => db.drop());

  it('reads again only the parts whose tables changed for the organisation, and gives what a fresh load gives', async () => {
    const first = await inputs.loadWith(org, asOf, null);
    expect(first.activity.inventoryRead).toContain('identities');
    const same = await inputs.loadWith(org, asOf, first.activity);
    expect(same.activity.inventoryRead).toEqual([]);
    expect(same.input.identities).toBe(first.input.identities);

    // Another organisation's change reads nothing here.
    await db.dataSource.query(`UPDATE identity SET display_name = 'Kim Other' WHERE organization_id = $1`, [other]);
    expect((await inputs.loadWith(org, asOf, same.activity)).activity.inventoryRead).toEqual([]);

    // A rename (identities and the decisions matched to them by e-mail), a new account (accounts, entitlements
    // and aliases read from it) and a new credential.
    await db.dataSource.query(`UPDATE identity SET display_name = 'Kim Renamed' WHERE organization_id = $1`, [org]);
    await db.dataSource.query(
      `INSERT INTO account (organization_id, system, external_id, user_name, status, identity_id)
       SELECT $1, 'github', 'kim-gh', 'kim-gh', 'ACTIVE', id FROM identity WHERE organization_id = $1`,
      [org],
    );
    await db.dataSource.query(
      `INSERT INTO credential (organization_id, source, external_id, kind, name, status, created_at, first_seen_at)
       VALUES ($1, 'iam', 'AKIANEW', 'ACCESS_KEY', 'new key', 'ACTIVE', '2026-01-01', '2026-01-01')`,
      [org],
    );
    const next = await inputs.loadWith(org, asOf, same.activity);
    expect([...next.activity.inventoryRead!].sort()).toEqual(
      ['accessReviewDecisions', 'accounts', 'credentials', 'entitlements', 'identities', 'principalAliases'],
    );
    expect(next.input).toEqual(await inputs.load(org, asOf));
    expect(next.input.identities.map((i) => i.displayName)).toEqual(['Kim Renamed']);
    expect(next.input.principalAliases).toContainEqual({ principal: 'kim-gh', identityId: next.input.identities[0]!.id });
    expect(next.input.credentials.map((c) => c.externalId)).toEqual(['AKIANEW']);

    // A deletion is a change too.
    await db.dataSource.query(`DELETE FROM credential WHERE organization_id = $1`, [org]);
    const pruned = await inputs.loadWith(org, asOf, next.activity);
    expect(pruned.activity.inventoryRead).toEqual(['credentials']);
    expect(pruned.input.credentials).toEqual([]);
  });
});

describe('activity day versions on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('do not stop an organisation with activity from being deleted, and go with it', async () => {
    const [{ id }] = (await db.dataSource.query(`INSERT INTO organization (slug, name) VALUES ('gone', 'Gone') RETURNING id`)) as { id: string }[];
    await db.dataSource.query(
      `INSERT INTO access_daily_rollup (organization_id, day, principal, events, bytes, records, first_at, last_at)
       VALUES ($1, '2026-11-01', 'kim@gone.test', 1, 0, 0, '2026-11-01', '2026-11-01')`,
      [id],
    );
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM activity_day_version WHERE organization_id = $1`, [id])).toEqual([{ n: 1 }]);
    await db.dataSource.query(
      `INSERT INTO identity (organization_id, email, display_name, employment_type, status, source) VALUES ($1, 'kim@gone.test', 'Kim', 'EMPLOYEE', 'ACTIVE', 'hr')`,
      [id],
    );
    expect(await db.dataSource.query(`SELECT table_name FROM posture_data_version WHERE organization_id = $1`, [id])).toEqual([{ table_name: 'identity' }]);
    await db.dataSource.query(`DELETE FROM organization WHERE id = $1`, [id]);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM activity_day_version WHERE organization_id = $1`, [id])).toEqual([{ n: 0 }]);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM posture_data_version WHERE organization_id = $1`, [id])).toEqual([{ n: 0 }]);
  });
});
