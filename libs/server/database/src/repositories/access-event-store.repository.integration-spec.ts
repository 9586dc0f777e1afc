import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { AccessEventStoreRepository, type AccessEventRow } from './access-event-store.repository.js';
import { AccessRollupFoldRepository } from './access-rollup-fold.repository.js';
import { AccessRollupStoreRepository } from './access-rollup-store.repository.js';
import { PgClientRepository, type SqlClient } from './pg-client.repository.js';

const event = (id: string, at: string, principal = 'dev', extra: Partial<AccessEventRow> = {}): AccessEventRow => ({
  eventId: id,
  occurredAt: new Date(at),
  principal,
  credentialExternalId: 'AKIADEV',
  sourceIp: '8.8.8.8',
  country: 'US',
  action: 's3:GetObject',
  resource: 'bucket/key',
  bytes: 10,
  records: null,
  success: true,
  ...extra,
});

/** `count` events a minute apart from `start`, ids `prefix-<n>`. */
const series = (prefix: string, start: string, count: number, principal = 'dev'): AccessEventRow[] =>
  Array.from({ length: count }, (_, i) => event(`${prefix}-${i}`, new Date(Date.parse(start) + i * 60_000).toISOString(), principal));

/** Chunks of a few rows and a tiny buffer, so a handful of events goes through several merges and waits. */
const SMALL = { minChunkRows: 3, maxChunkRows: 5, maxBufferedBytes: 200 };

describe('loading access events by COPY, merged chunk by chunk', () => {
  let db: TestDatabase;
  let pg: PgClientRepository;
  let store: AccessEventStoreRepository;
  let rollupFold: AccessRollupFoldRepository;
  let org: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new PgClientRepository(db.dataSource);
    store = new AccessEventStoreRepository(pg);
    rollupFold = new AccessRollupFoldRepository(db.dataSource);
    [{ id: org }] = (await db.dataSource.query(`INSERT INTO organization (slug, name) VALUES ('acme', 'Acme') RETURNING id`)) as { id: string }[];
  });
  afterAll(() => db.drop());

  /** One run's transaction: every event added (waiting whenever the load asks to), then finished. */
  const load = (rows: AccessEventRow[], between?: (client: SqlClient, index: number) => Promise<void>) =>
    pg.transaction(async (client) => {
      const events = store.openLoad(client, org, 'cloudtrail', SMALL);
      let waits = 0;
      for (const [index, row] of rows.entries()) {
        const wait = events.add(row);
        if (wait) {
          waits += 1;
          await wait;
        }
        if (between) {
          await events.pause();
          await between(client, index);
        }
      }
      return { ...(await events.finish()), waits };
    });

  /** The principal's rollups as the evaluation job reads them: after the fold of the pending days. */
  const rollups = async (principal: string) => {
    await rollupFold.fold(org);
    return storedRollups(principal);
  };
  const storedRollups = async (principal: string) =>
    (await db.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, events::int, bytes::int FROM access_daily_rollup
       WHERE organization_id = $1 AND principal = $2 ORDER BY day`,
      [org, principal],
    )) as { day: string; events: number; bytes: number }[];

  it('stores every event of many chunks once, repeats within and across chunks included, and rolls up only those', async () => {
    const rows = series('a', '2025-03-01T10:00:00Z', 12, 'alice');
    // Repeats: in the same chunk, and of an event a previous chunk already merged.
    rows.splice(2, 0, rows[1]!);
    rows.push(rows[0]!, rows[7]!);
    const result = await load(rows);
    expect(result).toMatchObject({ staged: 15, inserted: 12 });
    expect(result.waits).toBeGreaterThan(0);
    const [{ count }] = (await db.dataSource.query(`SELECT count(*)::int AS count FROM access_event WHERE principal = 'alice'`)) as { count: number }[];
    expect(count).toBe(12);
    expect(await rollups('alice')).toEqual([{ day: '2025-03-01', events: 12, bytes: 120 }]);
  });

  it('adds nothing when the same events come again, and only the new ones of an overlapping load', async () => {
    const again = await load(series('a', '2025-03-01T10:00:00Z', 12, 'alice'));
    expect(again).toMatchObject({ staged: 12, inserted: 0 });
    const overlapping = await load(series('a', '2025-03-01T10:00:00Z', 16, 'alice'));
    expect(overlapping).toMatchObject({ staged: 16, inserted: 4 });
    expect(await rollups('alice')).toEqual([{ day: '2025-03-01', events: 16, bytes: 160 }]);
  });

  it("adds to the rollups of days that already have rows (a data lake's) and starts the others", async () => {
    const lake = new AccessRollupStoreRepository();
    await pg.transaction(async (client) => {
      await lake.stage(client, [{ day: '2025-04-02', principal: 'bob', credentialExternalId: 'AKIADEV', country: 'US', events: 5, bytes: 1000, records: 0 }]);
      await lake.merge(client, org, 'access-rollups');
    });
    // Two days: the second one spans chunks, the first exists already.
    const rows = [...series('b1', '2025-04-02T23:58:00Z', 2, 'bob'), ...series('b2', '2025-04-03T00:00:00Z', 9, 'bob')];
    expect(await load(rows)).toMatchObject({ staged: 11, inserted: 11 });
    expect(await rollups('bob')).toEqual([
      { day: '2025-04-02', events: 7, bytes: 1020 },
      { day: '2025-04-03', events: 9, bytes: 90 },
    ]);
  });

  it('writes no rollup in the run: it records the days it inserted events on, and the fold rolls them up', async () => {
    // Three days of four events in time order; chunks of at least three rows, ended at a change of day.
    const rows = [0, 1, 2].flatMap((d) => series(`h${d}`, `2025-04-1${d}T08:00:00Z`, 4, 'hana'));
    // Counted before and after (the view may also hold counts of this connection's previous transactions).
    const written = async (client: SqlClient) =>
      (await client.query<{ n: number }>(`SELECT (n_tup_ins + n_tup_upd + n_tup_del)::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'access_daily_rollup'`)).rows[0]!.n;
    const { rollupRows, pending } = await pg.transaction(async (client) => {
      const before = await written(client);
      const events = store.openLoad(client, org, 'cloudtrail', SMALL);
      for (const row of rows) await events.add(row);
      expect(await events.finish()).toMatchObject({ inserted: 12 });
      const days = await client.query<{ day: string }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM access_rollup_pending WHERE organization_id = $1 ORDER BY day`, [org]);
      return { rollupRows: (await written(client)) - before, pending: days.rows.map((r) => r.day) };
    });
    expect(rollupRows).toBe(0);
    expect(pending).toEqual(['2025-04-10', '2025-04-11', '2025-04-12']);
    expect(await storedRollups('hana')).toEqual([]);
    expect(await rollups('hana')).toEqual(['2025-04-10', '2025-04-11', '2025-04-12'].map((day) => ({ day, events: 4, bytes: 40 })));
  });

  it('keeps refused attempts as events but rolls up only what succeeded: a refused sign-in is not use, not volume', async () => {
    // A day of refused attempts only (no rollup row at all), and a day where they sit beside uses, across chunks.
    const refused = (id: string, at: string) => event(id, at, 'kim', { success: false, action: 'signIn', bytes: null });
    const rows = [
      ...Array.from({ length: 7 }, (_, i) => refused(`r1-${i}`, `2025-05-01T0${i}:00:00Z`)),
      event('u2-0', '2025-05-02T01:00:00Z', 'kim'),
      refused('r2-0', '2025-05-02T02:00:00Z'),
      event('u2-1', '2025-05-02T03:00:00Z', 'kim'),
      refused('r2-1', '2025-05-02T04:00:00Z'),
    ];
    expect(await load(rows)).toMatchObject({ staged: 11, inserted: 11 });
    const stored = (await db.dataSource.query(`SELECT success, count(*)::int AS count FROM access_event WHERE principal = 'kim' GROUP BY success ORDER BY success`)) as {
      success: boolean;
      count: number;
    }[];
    expect(stored).toEqual([
      { success: false, count: 9 },
      { success: true, count: 2 },
    ]);
    expect(await rollups('kim')).toEqual([{ day: '2025-05-02', events: 2, bytes: 20 }]);
  });

  it('escapes what COPY would misread and drops NUL, which PostgreSQL text cannot hold', async () => {
    const odd = event('odd', '2025-03-05T00:00:00Z', 'carol', { resource: 'a\tb\\c\nd\re\u0000f', credentialExternalId: null, country: null, bytes: null });
    expect(await load([odd])).toMatchObject({ inserted: 1 });
    const [stored] = (await db.dataSource.query(`SELECT resource, credential_external_id, country, bytes FROM access_event WHERE event_id = 'odd'`)) as {
      resource: string;
    }[];
    expect(stored).toEqual({ resource: 'a\tb\\c\nd\ref', credential_external_id: null, country: null, bytes: null });
  });

  it('lets other statements use the connection between events (the COPY pauses)', async () => {
    const rows = series('p', '2025-03-06T00:00:00Z', 7, 'dave');
    const result = await load(rows, async (client, index) => {
      await client.query(`SELECT $1::int`, [index]);
    });
    expect(result).toMatchObject({ staged: 7, inserted: 7 });
    expect(await rollups('dave')).toEqual([{ day: '2025-03-06', events: 7, bytes: 70 }]);
  });

  it('creates the partition of a month first seen after the run began writing, and routes its rows there', async () => {
    // The first chunks write to March (partition made at their merge); May appears only later in the run.
    const rows = [...series('m3', '2025-03-10T00:00:00Z', 8, 'erin'), ...series('m5', '2025-05-10T00:00:00Z', 8, 'erin')];
    expect(await load(rows)).toMatchObject({ inserted: 16 });
    const partitions = (await db.dataSource.query(
      `SELECT tableoid::regclass::text AS partition, count(*)::int AS events FROM access_event WHERE principal = 'erin' GROUP BY 1 ORDER BY 1`,
    )) as { partition: string; events: number }[];
    expect(partitions).toEqual([
      { partition: 'access_event_y2025m03', events: 8 },
      { partition: 'access_event_y2025m05', events: 8 },
    ]);
  });

  it('keeps a month whose rows sit in the default partition there, and new months seen after it in that run too', async () => {
    await db.dataSource.query(
      `INSERT INTO access_event (organization_id, source, event_id, occurred_at, principal, action) VALUES ($1, 'cloudtrail', 'straggler', '2019-03-05', 'old', 'x')`,
      [org],
    );
    const rows = [...series('d3', '2019-03-06T00:00:00Z', 6, 'frank'), ...series('d6', '2019-06-06T00:00:00Z', 6, 'frank')];
    expect(await load(rows)).toMatchObject({ inserted: 12 });
    const partitions = (await db.dataSource.query(
      `SELECT DISTINCT tableoid::regclass::text AS partition FROM access_event WHERE principal = 'frank'`,
    )) as { partition: string }[];
    expect(partitions).toEqual([{ partition: 'access_event_default' }]);
  });

  it('rolls back a run that fails with a COPY open, without hanging the connection', async () => {
    const before = (await db.dataSource.query(`SELECT count(*)::int AS count FROM access_event`)) as { count: number }[];
    const run = pg.transaction(async (client) => {
      // No merge yet, but more than one piece of COPY text written: the COPY is open when the run fails.
      const events = store.openLoad(client, org, 'cloudtrail', { minChunkRows: 100_000, maxChunkRows: 100_000, maxBufferedBytes: 1 << 20 });
      for (const row of series('x', '2025-03-07T00:00:00Z', 5000, 'gina')) await events.add(row);
      try {
        throw new Error('the source broke');
      } catch (error) {
        await events.abort();
        throw error;
      }
    });
    await expect(run).rejects.toThrow('the source broke');
    expect(await db.dataSource.query(`SELECT count(*)::int AS count FROM access_event`)).toEqual(before);
    expect(await rollups('gina')).toEqual([]);
  });
});
