import fc from 'fast-check';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { AccessEventStoreRepository, type AccessEventRow } from './access-event-store.repository.js';
import { AccessRollupFoldRepository } from './access-rollup-fold.repository.js';
import { AccessRollupStoreRepository } from './access-rollup-store.repository.js';
import { PgClientRepository } from './pg-client.repository.js';

interface RollupRow {
  day: string;
  principal: string;
  credential: string;
  country: string;
  events: number;
  bytes: number;
  records: number;
  firstAt: string;
  lastAt: string;
}

const keyOf = (r: RollupRow): string => `${r.day}|${r.principal}|${r.credential}|${r.country}`;
const sorted = (rows: RollupRow[]): RollupRow[] => [...rows].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

/**
 * The definition, computed from scratch: every distinct event (an event is its id and time; a repeat is the
 * same event) that succeeded, grouped by UTC day, principal, credential and country.
 */
function fromScratch(events: readonly AccessEventRow[]): RollupRow[] {
  const distinct = new Map<string, AccessEventRow>();
  for (const e of events) if (!distinct.has(`${e.eventId}|${e.occurredAt.toISOString()}`)) distinct.set(`${e.eventId}|${e.occurredAt.toISOString()}`, e);
  const groups = new Map<string, RollupRow>();
  for (const e of distinct.values()) {
    if (!e.success) continue;
    const at = e.occurredAt.toISOString();
    const row: RollupRow = {
      day: at.slice(0, 10),
      principal: e.principal,
      credential: e.credentialExternalId ?? '',
      country: e.country ?? '',
      events: 1,
      bytes: e.bytes ?? 0,
      records: e.records ?? 0,
      firstAt: at,
      lastAt: at,
    };
    const seen = groups.get(keyOf(row));
    if (!seen) {
      groups.set(keyOf(row), row);
      continue;
    }
    seen.events += 1;
    seen.bytes += row.bytes;
    seen.records += row.records;
    if (at < seen.firstAt) seen.firstAt = at;
    if (at > seen.lastAt) seen.lastAt = at;
  }
  return sorted([...groups.values()]);
}

type GeneratedEvent = { id: number; minute: number; principal: string; credential: string | null; country: string | null; bytes: number | null; records: number | null; success: boolean };

const BASE = Date.UTC(2025, 2, 30, 20); // four days around a month's end: several partitions and days
const eventArb: fc.Arbitrary<GeneratedEvent> = fc.record({
  id: fc.integer({ min: 0, max: 40 }),
  minute: fc.integer({ min: 0, max: 4 * 24 * 60 }),
  principal: fc.constantFrom('alice', 'bob', 'arn:aws:iam::1:user/Carol'),
  credential: fc.constantFrom<string | null>('AKIA1', 'AKIA2', null),
  country: fc.constantFrom<string | null>('US', 'KR', null),
  bytes: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
  records: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
  success: fc.boolean(),
});

/** The id is the event: a repeated id is the same record again (within a run or in a later one), as a re-delivered log holds it. */
const toRow = (e: GeneratedEvent, seen: Map<number, AccessEventRow>): AccessEventRow => {
  const known = seen.get(e.id);
  if (known) return known;
  const row: AccessEventRow = {
    eventId: `e-${e.id}`,
    occurredAt: new Date(BASE + e.minute * 60_000),
    principal: e.principal,
    credentialExternalId: e.credential,
    sourceIp: null,
    country: e.country,
    action: 's3:GetObject',
    resource: null,
    bytes: e.bytes,
    records: e.records,
    success: e.success,
  };
  seen.set(e.id, row);
  return row;
};

/** Chunks of a few rows, so a handful of events goes through several merges (fast path and careful path). */
const SMALL = { minChunkRows: 3, maxChunkRows: 7, maxBufferedBytes: 300 };

describe('daily rollups of loaded events', () => {
  let db: TestDatabase;
  let pgClient: PgClientRepository;
  let store: AccessEventStoreRepository;
  let rollupFold: AccessRollupFoldRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    pgClient = new PgClientRepository(db.dataSource);
    store = new AccessEventStoreRepository(pgClient);
    rollupFold = new AccessRollupFoldRepository(db.dataSource);
  });
  afterAll(() => db.drop());

  /** One events run (its own transaction), without the fold. */
  const ingest = (org: string, rows: readonly AccessEventRow[]) =>
    pgClient.transaction(async (client) => {
      const events = store.openLoad(client, org, 'cloudtrail', SMALL);
      for (const row of rows) await events.add(row);
      return events.finish();
    });

  /** A run, then the fold the evaluation job runs after it. */
  const load = async (org: string, rows: readonly AccessEventRow[]) => {
    const result = await ingest(org, rows);
    await rollupFold.fold(org);
    return result;
  };

  const pendingDays = async (org: string): Promise<string[]> =>
    ((await db.dataSource.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM access_rollup_pending WHERE organization_id = $1 ORDER BY day`, [org])) as { day: string }[]).map(
      (r) => r.day,
    );

  const stored = async (org: string): Promise<RollupRow[]> =>
    sorted(
      (await db.dataSource.query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, principal, credential_external_id AS credential, country, events::int, bytes::int, records::int,
                to_char(first_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "firstAt",
                to_char(last_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastAt"
           FROM access_daily_rollup WHERE organization_id = $1`,
        [org],
      )) as RollupRow[],
    );

  /** The same definition in SQL over what access_event holds now: the rollups must agree with the stored events. */
  const recomputed = async (org: string): Promise<RollupRow[]> =>
    sorted(
      (await db.dataSource.query(
        `SELECT to_char((occurred_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, principal, COALESCE(credential_external_id, '') AS credential,
                COALESCE(country, '') AS country, count(*)::int AS events, COALESCE(sum(bytes), 0)::int AS bytes, COALESCE(sum(records), 0)::int AS records,
                to_char(min(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "firstAt",
                to_char(max(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastAt"
           FROM access_event WHERE organization_id = $1 AND success GROUP BY 1, 2, 3, 4`,
        [org],
      )) as RollupRow[],
    );

  let orgs = 0;
  const newOrganization = async (): Promise<string> => {
    orgs += 1;
    const [{ id }] = (await db.dataSource.query(`INSERT INTO organization (slug, name) VALUES ($1, $1) RETURNING id`, [`p${orgs}`])) as { id: string }[];
    return id;
  };

  it('equal a from-scratch computation for any events, in any order, repeated, split over runs, folded after any of them; re-ingesting and re-folding change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { maxLength: 40 }), fc.nat(), fc.nat(), fc.boolean(), async (raw, cutA, cutB, foldBetween) => {
        const minuteOf = new Map<number, AccessEventRow>();
        const rows = raw.map((e) => toRow(e, minuteOf));
        const org = await newOrganization();
        // Two runs that overlap (the second repeats a part of the first) and together cover every event; the
        // job may fold between them or only after both (runs that commit before the job starts).
        const [from, to] = [cutA % (rows.length + 1), cutB % (rows.length + 1)].sort((a, b) => a - b);
        await ingest(org, rows.slice(0, to));
        if (foldBetween) await rollupFold.fold(org);
        await ingest(org, rows.slice(from));
        await rollupFold.fold(org);
        const expected = fromScratch(rows);
        expect(await stored(org)).toEqual(expected);
        expect(await recomputed(org)).toEqual(expected);
        expect(await pendingDays(org)).toEqual([]);

        const versions = await db.dataSource.query(`SELECT day, version FROM activity_day_version WHERE organization_id = $1 ORDER BY day`, [org]);
        const again = await load(org, rows);
        expect(again.inserted).toBe(0);
        expect(await rollupFold.fold(org)).toEqual({ days: [], rollups: 0 });
        expect(await stored(org)).toEqual(expected);
        // Nothing changed, so no day's version moved: evaluation has nothing new to read.
        expect(await db.dataSource.query(`SELECT day, version FROM activity_day_version WHERE organization_id = $1 ORDER BY day`, [org])).toEqual(versions);
        // Folding a day again recomputes it to the same rows.
        await db.dataSource.query(`INSERT INTO access_rollup_pending (organization_id, day) SELECT organization_id, day FROM access_daily_rollup WHERE organization_id = $1 ON CONFLICT DO NOTHING`, [org]);
        await rollupFold.fold(org);
        expect(await stored(org)).toEqual(expected);
        await db.dataSource.query(`DELETE FROM access_event WHERE organization_id = $1`, [org]);
        await db.dataSource.query(`DELETE FROM organization WHERE id = $1`, [org]);
      }),
      { numRuns: 30 },
    );
  });

  it('records only the days a run inserted successful events on, and the run writes no rollup itself', async () => {
    const org = await newOrganization();
    const minuteOf = new Map<number, AccessEventRow>();
    const base = { principal: 'alice', credential: 'AKIA1', country: 'US', bytes: 5, records: null };
    // Spread over four days (not one chunk's day or two): the days are asked of the staged rows.
    await ingest(org, [
      toRow({ ...base, id: 1, minute: 10, success: true }, minuteOf),
      toRow({ ...base, id: 2, minute: 3 * 24 * 60 + 10, success: true }, minuteOf),
      toRow({ ...base, id: 3, minute: 2 * 24 * 60, success: false }, minuteOf),
    ]);
    expect(await pendingDays(org)).toEqual(['2025-03-30', '2025-04-02']);
    expect(await stored(org)).toEqual([]);
    expect(await rollupFold.fold(org)).toEqual({ days: ['2025-03-30', '2025-04-02'], rollups: 2 });
    expect(await stored(org)).toEqual(fromScratch([...minuteOf.values()]));
  });

  it('folds a backfill of many days a month of days per transaction, every day of it', async () => {
    const org = await newOrganization();
    const minuteOf = new Map<number, AccessEventRow>();
    const rows = Array.from({ length: 40 }, (_, i) =>
      toRow({ id: i, minute: i * 24 * 60 + 30, principal: 'alice', credential: null, country: 'KR', bytes: i, records: null, success: true }, minuteOf),
    );
    await ingest(org, rows);
    const folded = await rollupFold.fold(org);
    expect(folded.days).toHaveLength(40);
    expect(folded.rollups).toBe(40);
    expect(await stored(org)).toEqual(fromScratch(rows));
    expect(await pendingDays(org)).toEqual([]);
    // Two transactions (31 days, then 9): the rows carry two inserting transaction ids.
    expect(await db.dataSource.query(`SELECT count(DISTINCT xmin::text)::int AS n FROM access_daily_rollup WHERE organization_id = $1`, [org])).toEqual([{ n: 2 }]);
  });

  it('a fold that fails leaves the previous rollups and the pending days; the next fold completes them', async () => {
    const org = await newOrganization();
    const minuteOf = new Map<number, AccessEventRow>();
    const base = { principal: 'alice', credential: 'AKIA1', country: 'US', bytes: 5, records: 1, success: true };
    await load(org, [toRow({ ...base, id: 1, minute: 10 }, minuteOf)]);
    const before = await stored(org);
    expect(before).toHaveLength(1);
    await ingest(org, [toRow({ ...base, id: 2, minute: 20 }, minuteOf), toRow({ ...base, id: 3, minute: 25 * 60 }, minuteOf)]);
    // The fold fails after it deleted the day's rollups and took the pending days, as a crash or an error would.
    await db.dataSource.query(`
      CREATE FUNCTION fail_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'fold fails'; END $$;
      CREATE TRIGGER fail_rollup_insert BEFORE INSERT ON access_daily_rollup FOR EACH STATEMENT EXECUTE FUNCTION fail_rollup_insert()`);
    try {
      await expect(rollupFold.fold(org)).rejects.toThrow('fold fails');
    } finally {
      await db.dataSource.query(`DROP TRIGGER fail_rollup_insert ON access_daily_rollup; DROP FUNCTION fail_rollup_insert()`);
    }
    expect(await stored(org)).toEqual(before);
    expect(await pendingDays(org)).toEqual(['2025-03-30', '2025-03-31']);
    await rollupFold.fold(org);
    expect(await stored(org)).toEqual(fromScratch([...minuteOf.values()]));
  });

  it('an events run concurrent with a fold loses nothing, whichever takes the organization first', async () => {
    const org = await newOrganization();
    const minuteOf = new Map<number, AccessEventRow>();
    const base = { principal: 'alice', credential: 'AKIA1', country: 'US', bytes: 5, records: 1, success: true };
    // A day already pending (committed by an earlier run): the concurrent run's record of it does nothing.
    await ingest(org, [toRow({ ...base, id: 1, minute: 10 }, minuteOf)]);

    // The run holds the organization first: the fold waits for its commit, then sees its events.
    let folded: Promise<unknown> | undefined;
    await pgClient.transaction(async (client) => {
      const events = store.openLoad(client, org, 'cloudtrail', SMALL);
      await events.add(toRow({ ...base, id: 2, minute: 20 }, minuteOf));
      await events.finish();
      let done = false;
      folded = rollupFold.fold(org).finally(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
    });
    await folded;
    expect(await stored(org)).toEqual(fromScratch([...minuteOf.values()]));
    expect(await pendingDays(org)).toEqual([]);

    // The fold holds it first: the run's record of its day waits, then stays pending for the next fold.
    let ran: Promise<unknown> | undefined;
    await db.dataSource.transaction(async (manager) => {
      await rollupFold.fold(org, manager);
      let done = false;
      ran = ingest(org, [toRow({ ...base, id: 3, minute: 30 }, minuteOf)]).finally(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
    });
    await ran;
    expect(await pendingDays(org)).toEqual(['2025-03-30']);
    await rollupFold.fold(org);
    expect(await stored(org)).toEqual(fromScratch([...minuteOf.values()]));
  });

  it("keeps a data lake's rollups of a day its events are folded on, whichever came first", async () => {
    const lake = new AccessRollupStoreRepository();
    const mergeLake = (org: string, events: number) =>
      pgClient.transaction(async (client) => {
        await lake.stage(client, [{ day: '2025-03-30', principal: 'alice', credentialExternalId: 'AKIA1', country: 'US', events, bytes: 100, records: 0 }]);
        return lake.merge(client, org, 'access-rollups');
      });
    const minuteOf = new Map<number, AccessEventRow>();
    const event = toRow({ id: 1, minute: 10, principal: 'alice', credential: 'AKIA1', country: 'US', bytes: 5, records: 1, success: true }, minuteOf);
    const expected = [{ day: '2025-03-30', principal: 'alice', credential: 'AKIA1', country: 'US', events: 4, bytes: 105, records: 1, firstAt: '2025-03-30T00:00:00.000Z', lastAt: '2025-03-30T23:59:59.999Z' }];

    const lakeFirst = await newOrganization();
    await mergeLake(lakeFirst, 2);
    await load(lakeFirst, [event]);
    await mergeLake(lakeFirst, 3); // re-exported with a late event: moves by the difference
    expect(await stored(lakeFirst)).toEqual(expected);

    const eventsFirst = await newOrganization();
    await ingest(eventsFirst, [event]);
    await mergeLake(eventsFirst, 3);
    await rollupFold.fold(eventsFirst);
    expect(await stored(eventsFirst)).toEqual(expected);
  });

  it("moves the version of each day a run adds to, and deleting the organization deletes its rollups (the foreign key's cascade)", async () => {
    const org = await newOrganization();
    const minuteOf = new Map<number, AccessEventRow>();
    const base = { principal: 'alice', credential: 'AKIA1', country: 'US', bytes: 5, records: null, success: true };
    await load(org, [toRow({ ...base, id: 1, minute: 10 }, minuteOf)]);
    const [first] = (await db.dataSource.query(`SELECT version FROM activity_day_version WHERE organization_id = $1`, [org])) as { version: string }[];
    await load(org, [toRow({ ...base, id: 2, minute: 20 }, minuteOf)]);
    const [second] = (await db.dataSource.query(`SELECT version FROM activity_day_version WHERE organization_id = $1`, [org])) as { version: string }[];
    expect(BigInt(second!.version)).toBeGreaterThan(BigInt(first!.version));
    expect(await stored(org)).toHaveLength(1);

    await db.dataSource.query(`DELETE FROM organization WHERE id = $1`, [org]);
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM access_daily_rollup WHERE organization_id = $1`, [org])).toEqual([{ n: 0 }]);
  });

  it('refuses rollups for an organization that does not exist, and keeps a run\'s organization from being deleted under it', async () => {
    const missing = '00000000-0000-0000-0000-000000000001';
    const minuteOf = new Map<number, AccessEventRow>();
    const row = toRow({ id: 1, minute: 10, principal: 'alice', credential: null, country: null, bytes: null, records: null, success: true }, minuteOf);
    await expect(load(missing, [row])).rejects.toThrow('does not exist');
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM access_daily_rollup WHERE organization_id = $1`, [missing])).toEqual([{ n: 0 }]);

    const org = await newOrganization();
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await pgClient.transaction(async (client) => {
        const events = store.openLoad(client, org, 'cloudtrail', SMALL);
        await events.add(row);
        await events.finish();
        // The run has recorded its day and not committed: a deletion of its organization must wait for it.
        await other.query(`SET lock_timeout = '300ms'`);
        await expect(other.query(`DELETE FROM organization WHERE id = $1`, [org])).rejects.toMatchObject({ code: '55P03' });
      });
    } finally {
      await other.end();
    }
    await rollupFold.fold(org);
    expect(await stored(org)).toHaveLength(1);
  });
});
