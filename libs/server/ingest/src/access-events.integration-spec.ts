import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createIngestTestContext, type IngestTestContext } from './testing/ingest-test-context.js';

interface TrailEvent {
  id: string;
  at: string;
  user: string;
  key: string;
  ip: string;
  bytes?: number;
}

const record = (e: TrailEvent) => ({
  eventVersion: '1.08',
  eventID: e.id,
  eventTime: e.at,
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'ap-northeast-2',
  sourceIPAddress: e.ip,
  userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::111122223333:user/${e.user}`, userName: e.user, accessKeyId: e.key },
  requestParameters: { bucketName: 'customer-data', key: 'export.csv' },
  additionalEventData: e.bytes === undefined ? {} : { bytesTransferredOut: e.bytes },
});

/** A CloudTrail log file as AWS writes it to S3 (gzipped JSON). */
function writeTrail(path: string, events: TrailEvent[]): void {
  writeFileSync(path, gzipSync(JSON.stringify({ Records: events.map(record) })));
}

describe('access event ingest', () => {
  let ctx: IngestTestContext;
  let trail: string;

  beforeAll(async () => {
    ctx = await createIngestTestContext();
    trail = join(ctx.dir, 'AWSLogs/111122223333/CloudTrail/ap-northeast-2/2025/06');
    mkdirSync(join(trail, '24'), { recursive: true });
    mkdirSync(join(trail, '25'), { recursive: true });
    writeTrail(join(trail, '24', 'a.json.gz'), [
      { id: 'e1', at: '2025-06-24T01:00:00Z', user: 'dev', key: 'AKIAOLD', ip: '8.8.8.8', bytes: 1000 },
      { id: 'e2', at: '2025-06-24T02:00:00Z', user: 'dev', key: 'AKIAOLD', ip: '8.8.8.8', bytes: 500 },
      // CloudTrail delivers some events twice: the same eventID.
      { id: 'e2', at: '2025-06-24T02:00:00Z', user: 'dev', key: 'AKIAOLD', ip: '8.8.8.8', bytes: 500 },
    ]);
    writeTrail(join(trail, '25', 'b.json.gz'), [
      { id: 'e3', at: '2025-06-25T03:00:00Z', user: 'dev', key: 'AKIAOLD', ip: '10.0.0.7', bytes: 7 },
      { id: 'e4', at: '2025-07-01T00:00:00Z', user: 'ops', key: 'AKIAOPS', ip: '8.8.8.8' },
    ]);
  });

  afterAll(async () => {
    await ctx.close();
  });

  /** The rollups as the evaluation job reads them: folded first. */
  const rollups = async () => {
    await ctx.foldRollups();
    return rollupsAsStored();
  };
  const rollupsAsStored = () =>
    ctx.query<{ day: string; principal: string; credential_external_id: string; country: string; events: string; bytes: string }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, principal, credential_external_id, country, events, bytes
       FROM access_daily_rollup WHERE organization_id = $1 ORDER BY day, principal, country`,
      [ctx.organization.id],
    );

  it('stores events from a CloudTrail directory in monthly partitions and folds them into daily rollups', async () => {
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'cloudtrail', join(ctx.dir, 'AWSLogs'));
    expect(run).toMatchObject({ status: 'SUCCEEDED', accepted: 5, inserted: 4, unchanged: 1 });
    const partitions = await ctx.query<{ partition: string; events: number }>(
      `SELECT tableoid::regclass::text AS partition, count(*)::int AS events FROM access_event GROUP BY 1 ORDER BY 1`,
    );
    expect(partitions).toEqual([
      { partition: 'access_event_y2025m06', events: 3 },
      { partition: 'access_event_y2025m07', events: 1 },
    ]);
    const [internal] = await ctx.query<{ country: string }>(`SELECT country FROM access_event WHERE event_id = 'e3'`);
    expect(internal!.country).toBe('internal');
    // The run leaves its days to the fold: nothing is rolled up until the evaluation job (here the test) folds.
    expect(await rollupsAsStored()).toEqual([]);
    const days = await rollups();
    expect(days.map((d) => [d.day, d.principal, d.credential_external_id, d.events, d.bytes])).toEqual([
      ['2025-06-24', 'dev', 'AKIAOLD', '2', '1500'],
      ['2025-06-25', 'dev', 'AKIAOLD', '1', '7'],
      ['2025-07-01', 'ops', 'AKIAOPS', '1', '0'],
    ]);
  });

  it('inserts nothing and leaves the rollups as they were when the same logs arrive again', async () => {
    const before = await rollups();
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'cloudtrail', join(ctx.dir, 'AWSLogs'));
    expect(run).toMatchObject({ status: 'SUCCEEDED', accepted: 5, inserted: 0, unchanged: 5 });
    expect(await rollups()).toEqual(before);
  });

  it('adds only the new events of an overlapping file to the rollups', async () => {
    const file = join(ctx.dir, 'overlap.json');
    writeFileSync(
      file,
      JSON.stringify({
        Records: [
          record({ id: 'e1', at: '2025-06-24T01:00:00Z', user: 'dev', key: 'AKIAOLD', ip: '8.8.8.8', bytes: 1000 }),
          record({ id: 'e5', at: '2025-06-24T05:00:00Z', user: 'dev', key: 'AKIAOLD', ip: '8.8.8.8', bytes: 2500 }),
        ],
      }),
    );
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'cloudtrail', file);
    expect(run).toMatchObject({ inserted: 1, unchanged: 1 });
    const [day] = (await rollups()).filter((d) => d.day === '2025-06-24');
    expect(day).toMatchObject({ events: '3', bytes: '4000' });
  });

  it('keeps events of a month whose rows already sit in the default partition there, rather than failing', async () => {
    await ctx.query(
      `INSERT INTO access_event (organization_id, source, event_id, occurred_at, principal, action)
       VALUES ($1, 'cloudtrail', 'straggler', '2019-03-05T00:00:00Z', 'old', 's3:GetObject')`,
      [ctx.organization.id],
    );
    const file = join(ctx.dir, 'old.json');
    writeFileSync(file, JSON.stringify({ Records: [record({ id: 'o1', at: '2019-03-06T00:00:00Z', user: 'old', key: 'AKIAOLD', ip: '8.8.8.8' })] }));
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'cloudtrail', file);
    expect(run).toMatchObject({ status: 'SUCCEEDED', inserted: 1 });
    const [where] = await ctx.query<{ partition: string }>(`SELECT tableoid::regclass::text AS partition FROM access_event WHERE event_id = 'o1'`);
    expect(where!.partition).toBe('access_event_default');
  });

  it('takes a large file in batches through COPY with flat memory, and all of it lands', async () => {
    const file = join(ctx.dir, 'big.json.gz');
    const events: TrailEvent[] = [];
    for (let i = 0; i < 30_000; i += 1) {
      events.push({ id: `big-${i}`, at: new Date(Date.UTC(2025, 8, 1) + i * 60_000).toISOString(), user: `u${i % 50}`, key: `AKIA${i % 50}`, ip: '8.8.8.8', bytes: 10 });
    }
    writeTrail(file, events);
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'cloudtrail', file);
    expect(run).toMatchObject({ status: 'SUCCEEDED', accepted: 30_000, inserted: 30_000 });
    await ctx.foldRollups();
    const [{ events: total, bytes }] = await ctx.query<{ events: string; bytes: string }>(
      `SELECT sum(events) AS events, sum(bytes) AS bytes FROM access_daily_rollup WHERE principal LIKE 'u%'`,
    );
    expect([total, bytes]).toEqual(['30000', '300000']);
  });
});
