import { loadConfig } from '@postureboard/server-core';
import { ActivityRetentionRepository, PgClientRepository, PostureInputRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { ActivityRetentionService } from './activity-retention.service.js';

// 400 days kept up to 2026-12-07: the first day kept is 2025-11-03.
const NOW = new Date('2026-12-07T15:00:00Z');

describe('retention of access activity on PostgreSQL', () => {
  let db: TestDatabase;
  let retention: ActivityRetentionService;
  let inputs: PostureInputRepository;
  let org: string;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => db.dataSource.query(sql, params) as Promise<T[]>;
  const partitions = async () =>
    (await q<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'access_event'::regclass ORDER BY 1`)).map((r) => r.name);
  const days = async (table: string) => (await q<{ day: string }>(`SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day FROM ${table} ORDER BY 1`)).map((r) => r.day);
  const eventIds = async () => (await q<{ event_id: string }>(`SELECT event_id FROM access_event ORDER BY occurred_at`)).map((r) => r.event_id);

  beforeAll(async () => {
    db = await createTestDatabase();
    retention = new ActivityRetentionService(new ActivityRetentionRepository(new PgClientRepository(db.dataSource)), loadConfig({ POSTUREBOARD_RETENTION_DAYS: '400' }));
    inputs = new PostureInputRepository(db.dataSource);
    [{ id: org }] = await q<{ id: string }>(`INSERT INTO organization (slug, name) VALUES ('acme', 'Acme') RETURNING id`);
    for (const [month, from, to] of [
      ['y2025m09', '2025-09-01', '2025-10-01'],
      ['y2025m10', '2025-10-01', '2025-11-01'],
      ['y2025m11', '2025-11-01', '2025-12-01'],
      ['y2026m11', '2026-11-01', '2026-12-01'],
    ]) {
      await q(`CREATE TABLE access_event_${month} PARTITION OF access_event FOR VALUES FROM ('${from}') TO ('${to}')`);
    }
    // One event per place: two old partitions, the cutoff month's partition (an old and a kept day), a recent one,
    // and the default partition (an old month and the current one, neither with a partition).
    const events = [
      ['old-sep', '2025-09-10T08:00:00Z'],
      ['old-oct', '2025-10-20T08:00:00Z'],
      ['cutoff-month-before', '2025-11-02T08:00:00Z'],
      ['cutoff-month-kept', '2025-11-03T08:00:00Z'],
      ['recent', '2026-11-30T08:00:00Z'],
      ['default-old', '2025-06-15T08:00:00Z'],
      ['default-recent', '2026-12-01T08:00:00Z'],
    ];
    for (const [id, at] of events) {
      await q(`INSERT INTO access_event (organization_id, source, event_id, occurred_at, principal, country, action) VALUES ($1, 'cloudtrail', $2, $3, 'svc-etl', 'KR', 'GetObject')`, [org, id, at]);
      await q(
        `INSERT INTO access_daily_rollup (organization_id, day, principal, country, events, bytes, records, first_at, last_at)
         VALUES ($1, $2::timestamptz::date, 'svc-etl', 'KR', 1, 100, 1, $2, $2)`,
        [org, at],
      );
    }
    await q(
      `INSERT INTO access_rollup_contribution (organization_id, source, day, principal, events, bytes, records) VALUES ($1, 'lake', '2025-10-20', 'svc-etl', 1, 1, 1), ($1, 'lake', '2026-11-30', 'svc-etl', 1, 1, 1)`,
      [org],
    );
    // Days an events run left for the rollup fold, one before the cutoff and one after.
    await q(`INSERT INTO access_rollup_pending (organization_id, day) VALUES ($1, '2025-10-20'), ($1, '2026-11-30')`, [org]);
  });

  afterAll(() => db.drop());

  it('drops whole partitions older than the retention, deletes older rollups, and keeps everything recent', async () => {
    // A past as-of whose window still reaches the days about to go: its incremental state must follow the removal.
    const pastAsOf = new Date('2026-06-01T00:00:00Z');
    const before = await inputs.loadWith(org, pastAsOf, null);
    expect(before.activity.days.size).toBe(5);

    const result = await retention.apply(NOW);
    expect(result).toEqual({
      retentionDays: 400,
      cutoffDay: '2025-11-03',
      droppedMonths: ['2025-09', '2025-10'],
      busyMonths: [],
      defaultPartitionEvents: 1,
      rollups: 4,
    });
    expect(await partitions()).toEqual(['access_event_default', 'access_event_y2025m11', 'access_event_y2026m11']);
    // The cutoff month's partition is kept whole: raw events stay up to a month longer than the setting.
    expect(await eventIds()).toEqual(['cutoff-month-before', 'cutoff-month-kept', 'recent', 'default-recent']);
    expect(await days('access_daily_rollup')).toEqual(['2025-11-03', '2026-11-30', '2026-12-01']);
    expect(await days('activity_day_version')).toEqual(['2025-11-03', '2026-11-30', '2026-12-01']);
    expect(await days('access_rollup_contribution')).toEqual(['2026-11-30']);
    expect(await days('access_rollup_pending')).toEqual(['2026-11-30']);

    // The evaluation's incremental state after the drop reads what a fresh evaluation reads.
    for (const [asOf, previous] of [
      [pastAsOf, before.activity],
      [NOW, (await inputs.loadWith(org, NOW, null)).activity],
    ] as const) {
      const incremental = await inputs.loadWith(org, asOf, previous);
      const fresh = await inputs.loadWith(org, asOf, null);
      expect(incremental.input.activity.rollups).toEqual(fresh.input.activity.rollups);
      expect([...incremental.activity.days.keys()]).toEqual([...fresh.activity.days.keys()]);
    }
  });

  it('changes nothing when run again', async () => {
    const versions = await q(`SELECT day, version FROM activity_day_version ORDER BY day`);
    expect(await retention.apply(NOW)).toMatchObject({ droppedMonths: [], busyMonths: [], defaultPartitionEvents: 0, rollups: 0 });
    expect(await partitions()).toEqual(['access_event_default', 'access_event_y2025m11', 'access_event_y2026m11']);
    expect(await q(`SELECT day, version FROM activity_day_version ORDER BY day`)).toEqual(versions);
    expect(await eventIds()).toHaveLength(4);
  });
});
