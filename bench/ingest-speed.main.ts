/**
 * `npm run bench:ingest -- [--events 150000] [--trials 5] [--profile] [--keep]`: the `ingest` measure alone, for working on
 * the ingest path without a full benchmark run. Generates a year of synthetic CloudTrail (about `--events`
 * events), migrates a fresh database on `DATABASE_URL`'s server, loads the year once into a resident
 * organisation (the tables then hold data, as in the benchmark), and prints, each the median of `--trials`:
 * ingest events/s into new organisations (events made durable by the run: the daily rollups are folded after it,
 * by the evaluation job, and that fold is timed on its own), COPY rows/s of the same rows into the same table (the
 * baseline, taken in the same run), their ratio, the parse alone and a re-ingest of the same files (which must
 * change nothing).
 * On a shared machine the wall-clock ratio swings by half; the CPU each side used (this process, and the database
 * backends read from /proc: the database must run on this machine) per event does not, and is printed beside it.
 * `--keep` keeps the database (named in the output). `--profile` also times each statement the ingest runs, summed by kind.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { fileSourceFor } from '@postureboard/connectors';
import { loadConfig } from '@postureboard/server-core';
import { AccessRollupFoldRepository } from '@postureboard/server-database';
import { IngestService } from '@postureboard/server-ingest';
import { OrganizationService } from '@postureboard/server-organization';
import { BenchModule } from './environment/bench.module.js';
import { writeAccessEvents } from './generate/access-events.writer.js';
import { SCALES } from './generate/bench-scale.js';
import { buildBenchOrg, midnight } from './generate/synthetic-org.js';
import { copyIntoAccessEvent, writeCopyRows } from './measures/copy-baseline.js';
import { loadYear } from './measures/ingest.measure.js';
import { median, round, timed } from './output/bench-stats.util.js';

const { values: args } = parseArgs({
  options: { events: { type: 'string', default: '150000' }, trials: { type: 'string', default: '5' }, profile: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
});
const events = Number(args.events);
const trials = Number(args.trials);
const log = (line: string): void => console.log(line);

interface Trial {
  perSecond: number;
  databaseCpuPerEvent: number;
  nodeCpuPerEvent: number;
}

/** The rollup fold the evaluation job runs after a trial's run: wall-clock and database CPU per event of the run. */
interface Fold {
  microsPerEvent: number;
  databaseCpuMicrosPerEvent: number;
}

/** Clock ticks a second in /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICKS = 100;
/** CPU seconds (user + system) of a process so far, from /proc: the database runs on this machine. */
function processCpu(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}
const cpuSeconds = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1e6;
const us = (seconds: number): number => Math.round(seconds * 1e7) / 10;

/**
 * Wraps pg's Client#query to sum, by the statement's first words, its time and the CPU its backend used (read
 * from /proc; only with --profile). A COPY's stream is not a promise and is not counted.
 */
function profileStatements(): () => Record<string, { calls: number; seconds: number; cpuSeconds: number }> {
  const totals = new Map<string, { calls: number; seconds: number; cpuSeconds: number }>();
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: { processID?: number }, ...a: unknown[]) {
    const first = a[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
    const pid = this.processID ?? 0;
    const cpu = processCpu(pid);
    const result = original.apply(this, a);
    if (typeof text !== 'string' || !(result instanceof Promise)) return result;
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
    const start = performance.now();
    return result.finally(() => {
      const t = totals.get(key) ?? { calls: 0, seconds: 0, cpuSeconds: 0 };
      t.calls += 1;
      t.seconds += (performance.now() - start) / 1000;
      t.cpuSeconds += processCpu(pid) - cpu;
      totals.set(key, t);
    });
  };
  return () => Object.fromEntries([...totals].filter(([, t]) => t.seconds > 0.05).sort((a, b) => b[1].cpuSeconds - a[1].cpuSeconds));
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
    const residentOrganization = await organizations.create({ slug: 'resident', name: 'Resident' });
    const resident = await loadYear(app, 'resident', [files.sampleCloudTrail], () => undefined);
    const rollupFold = app.get(AccessRollupFoldRepository);
    const { seconds: residentFold } = await timed(() => rollupFold.fold(residentOrganization.id));
    log(`resident load: ${resident.events} events at ${resident.eventsPerSecond}/s, rollups folded in ${residentFold.toFixed(2)} s`);
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
    const rowsPath = join(workDir, 'copy-rows.tsv');
    const rows = await writeCopyRows(files.sampleCloudTrail, rowsPath);
    const dataSource = app.get(DataSource);
    const backends = async (): Promise<number[]> =>
      ((await dataSource.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)) as { pid: number }[]).map((r) => r.pid);
    const ours: Trial[] = [];
    const copy: Trial[] = [];
    const folds: Fold[] = [];
    for (let trial = 1; trial <= trials; trial++) {
      const slug = `ingest-trial-${trial}`;
      const organization = await organizations.create({ slug, name: slug });
      const before = new Map((await backends()).map((pid) => [pid, processCpu(pid)]));
      const node = process.cpuUsage();
      const { seconds, value: run } = await timed(() => ingest.ingestFile(slug, 'cloudtrail', files.sampleCloudTrail));
      const nodeCpu = cpuSeconds(process.cpuUsage(node));
      let databaseCpu = 0;
      for (const pid of new Set([...before.keys(), ...(await backends())])) databaseCpu += processCpu(pid) - (before.get(pid) ?? 0);
      if (run.accepted !== rows) throw new Error(`trial ${trial} accepted ${run.accepted} events, the COPY baseline has ${rows}`);
      ours.push({ perSecond: rows / seconds, databaseCpuPerEvent: databaseCpu / rows, nodeCpuPerEvent: nodeCpu / rows });
      // What the evaluation job does next, off the run's path: recompute the run's days' rollups.
      const beforeFold = new Map((await backends()).map((pid) => [pid, processCpu(pid)]));
      const { seconds: foldSeconds } = await timed(() => rollupFold.fold(organization.id));
      let foldCpu = 0;
      for (const pid of new Set([...beforeFold.keys(), ...(await backends())])) foldCpu += processCpu(pid) - (beforeFold.get(pid) ?? 0);
      folds.push({ microsPerEvent: (foldSeconds * 1e6) / rows, databaseCpuMicrosPerEvent: (foldCpu * 1e6) / rows });

      let copyCpu = 0;
      const copyNode = process.cpuUsage();
      const copySeconds = await copyIntoAccessEvent(url, rowsPath, (pid) => {
        const start = processCpu(pid);
        return () => {
          copyCpu = processCpu(pid) - start;
        };
      });
      copy.push({ perSecond: rows / copySeconds, databaseCpuPerEvent: copyCpu / rows, nodeCpuPerEvent: cpuSeconds(process.cpuUsage(copyNode)) / rows });
      log(
        `  trial ${trial}: ingest ${Math.round(rows / seconds)}/s (database ${us(databaseCpu / rows)} µs, node ${us(nodeCpu / rows)} µs of CPU an event), ` +
          `COPY ${Math.round(rows / copySeconds)}/s (database ${us(copyCpu / rows)} µs), ` +
          `rollup fold ${round(folds.at(-1)!.microsPerEvent, 1)} µs an event (database ${us(foldCpu / rows)} µs)`,
      );
      await dataSource.query('DELETE FROM access_event WHERE organization_id = $1', [organization.id]);
      await dataSource.query('DELETE FROM organization WHERE id = $1', [organization.id]);
    }
    const m = (trials: Trial[], key: keyof Trial): number => median(trials.map((t) => t[key]));
    console.log(
      JSON.stringify(
        {
          events: rows,
          ingestPerSecond: Math.round(m(ours, 'perSecond')),
          copyPerSecond: Math.round(m(copy, 'perSecond')),
          ratio: round(m(ours, 'perSecond') / m(copy, 'perSecond'), 3),
          // Each ingest beside the COPY that ran just after it: steadier than the ratio of medians when the load moves.
          pairedRatio: round(median(ours.map((t, i) => t.perSecond / copy[i]!.perSecond)), 3),
          // Independent of the machine's load: the database's CPU per event for COPY over ours (what the ratio is when
          // the database is the bottleneck), and the same with this process's CPU added (when the machine is).
          databaseCpuRatio: round(m(copy, 'databaseCpuPerEvent') / m(ours, 'databaseCpuPerEvent'), 3),
          totalCpuRatio: round((m(copy, 'databaseCpuPerEvent') + m(copy, 'nodeCpuPerEvent')) / (m(ours, 'databaseCpuPerEvent') + m(ours, 'nodeCpuPerEvent')), 3),
          cpuMicrosecondsPerEvent: {
            ours: { database: us(m(ours, 'databaseCpuPerEvent')), node: us(m(ours, 'nodeCpuPerEvent')) },
            copy: { database: us(m(copy, 'databaseCpuPerEvent')), node: us(m(copy, 'nodeCpuPerEvent')) },
          },
          // The daily rollups, folded by the evaluation job after each run (not in the run): per event of the run.
          rollupFold: {
            microsPerEvent: round(median(folds.map((f) => f.microsPerEvent)), 2),
            databaseCpuMicrosPerEvent: round(median(folds.map((f) => f.databaseCpuMicrosPerEvent)), 2),
            // Run and fold back to back against COPY: what the ratio would be with the rollups in the run's time.
            ratioWithFold: round(median(ours.map((t, i) => 1 / (1 / t.perSecond + folds[i]!.microsPerEvent / 1e6))) / m(copy, 'perSecond'), 3),
          },
          ingestRuns: ours.map((t) => Math.round(t.perSecond)),
          copyRuns: copy.map((t) => Math.round(t.perSecond)),
          parseOnlyPerSecond: Math.round(median(parse)),
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
