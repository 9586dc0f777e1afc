/**
 * `npm run bench:ingest -- [--events 150000] [--trials 3] [--profile] [--keep]`: the `ingest` measure alone, for working on
 * the ingest path without a full benchmark run. Generates a year of synthetic CloudTrail (about `--events`
 * events), migrates a fresh database on `DATABASE_URL`'s server, loads the year once into a resident
 * organisation (the tables then hold data, as in the benchmark), and prints, each the median of `--trials`:
 * ingest events/s into new organisations, COPY rows/s of the same rows into the same table (the baseline, taken
 * in the same run), their ratio, the parse alone and a re-ingest of the same files (which must change nothing).
 * `--keep` keeps the database (named in the output). `--profile` also times each statement the ingest runs, summed by kind.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { fileSourceFor } from '@postureboard/connectors';
import { loadConfig } from '@postureboard/server-core';
import { IngestService } from '@postureboard/server-ingest';
import { OrganizationService } from '@postureboard/server-organization';
import { BenchModule } from './environment/bench.module.js';
import { writeAccessEvents } from './generate/access-events.writer.js';
import { SCALES } from './generate/bench-scale.js';
import { buildBenchOrg, midnight } from './generate/synthetic-org.js';
import { loadYear, measureIngest } from './measures/ingest.measure.js';
import { median, round, timed } from './output/bench-stats.util.js';

const { values: args } = parseArgs({
  options: { events: { type: 'string', default: '150000' }, trials: { type: 'string', default: '3' }, profile: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
});
const events = Number(args.events);
const trials = Number(args.trials);
const log = (line: string): void => console.log(line);

/** Wraps pg's Client#query to sum the time of each statement by its first words (only with --profile). */
function profileStatements(): () => Record<string, { calls: number; seconds: number }> {
  const totals = new Map<string, { calls: number; seconds: number }>();
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...a: unknown[]) {
    const first = a[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
    const result = original.apply(this, a);
    if (typeof text !== 'string' || !(result instanceof Promise)) return result;
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
    const start = performance.now();
    return result.finally(() => {
      const t = totals.get(key) ?? { calls: 0, seconds: 0 };
      t.calls += 1;
      t.seconds += (performance.now() - start) / 1000;
      totals.set(key, t);
    });
  };
  return () => Object.fromEntries([...totals].filter(([, t]) => t.seconds > 0.05).sort((a, b) => b[1].seconds - a[1].seconds));
}

async function main(): Promise<void> {
  const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const workDir = mkdtempSync(join(tmpdir(), 'ingest-speed-'));
  const name = `ingest_speed_measure_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | null = null;
  try {
    const org = buildBenchOrg({ ...SCALES.small, events }, midnight(new Date()));
    const files = writeAccessEvents(org, workDir);
    log(`generated ${files.sampleEvents} sample events (${files.sampleDays} days) in ${workDir}; load ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
    process.env['DATABASE_URL'] = url;
    process.env['POSTUREBOARD_DATA_DIR'] = join(workDir, 'data');
    process.env['POSTUREBOARD_SECRET_KEY'] = randomBytes(32).toString('base64');
    process.env['LOG_LEVEL'] = 'error';
    app = await NestFactory.createApplicationContext(BenchModule.forRoot(loadConfig()), { logger: ['error'], abortOnError: false });
    const organizations = app.get(OrganizationService);
    const ingest = app.get(IngestService);
    await organizations.create({ slug: 'resident', name: 'Resident' });
    const resident = await loadYear(app, 'resident', [files.sampleCloudTrail], () => undefined);
    log(`resident load: ${resident.events} events at ${resident.eventsPerSecond}/s`);
    await app.get(DataSource).query('VACUUM ANALYZE');

    const parse: number[] = [];
    for (let trial = 0; trial < trials; trial++) {
      const { seconds, value: records } = await timed(async () => {
        let n = 0;
        for await (const record of fileSourceFor('cloudtrail')!.collectFile(files.sampleCloudTrail, { signal: new AbortController().signal, now: new Date() })) {
          if (record.accepted) n += 1;
        }
        return n;
      });
      parse.push(records / seconds);
    }
    const reingest: number[] = [];
    for (let trial = 0; trial < trials; trial++) {
      const { seconds, value: run } = await timed(() => ingest.ingestFile('resident', 'cloudtrail', files.sampleCloudTrail));
      if (run.inserted !== 0 || run.updated !== 0) throw new Error(`re-ingest changed rows: ${run.inserted} inserted, ${run.updated} updated`);
      reingest.push(run.accepted / seconds);
    }
    const statements = args.profile ? profileStatements() : null;
    const measure = await measureIngest(app, url, files.sampleCloudTrail, workDir, resident, log);
    const ours = measure.ours as { eventsPerSecond: number; runsEventsPerSecond: number[] };
    const baseline = measure.baseline as { eventsPerSecond: number; runsEventsPerSecond: number[] };
    console.log(
      JSON.stringify(
        {
          events: files.sampleEvents,
          ingestPerSecond: ours.eventsPerSecond,
          ingestRuns: ours.runsEventsPerSecond,
          copyPerSecond: baseline.eventsPerSecond,
          copyRuns: baseline.runsEventsPerSecond,
          ratio: measure.ratio,
          parseOnlyPerSecond: Math.round(median(parse)),
          parseOnlyRatio: round(median(parse) / baseline.eventsPerSecond, 3),
          reingestPerSecond: Math.round(median(reingest)),
          loadAverage: loadavg().map((v) => round(v)),
          statements: statements?.() ?? undefined,
        },
        null,
        2,
      ),
    );
  } finally {
    await app?.close();
    if (args.keep) log(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
