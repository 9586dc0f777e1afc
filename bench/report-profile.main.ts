/**
 * Where the board report's time goes, part by part, on a mid-size synthetic organisation (the large bench's
 * generator at a chosen size): `node dist/bench/bench/report-profile.main.js [--identities 40000]
 * [--events 600000] [--database URL]`. Without `--database` it generates, loads and evaluates a fresh
 * database on the DATABASE_URL server and keeps it, printing its URL, so later runs profile the same data.
 * Each part of `ReportsService.generate` is timed alone (median of `--trials`), then the whole.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@postureboard/server-core';
import { CurrentPostureRepository, DemoSeedRepository, ScoreSnapshotRepository, TeamRepository } from '@postureboard/server-database';
import { IngestService } from '@postureboard/server-ingest';
import { OrganizationService } from '@postureboard/server-organization';
import { EvaluationService, type PostureView } from '@postureboard/server-posture';
import { BoardReportDataAssembler, REPORT_DATA_SOURCE, renderBoardReport, ReportsService, type ReportDataSource } from '@postureboard/server-reports';
import { BenchModule } from './environment/bench.module.js';
import { writeAccessEvents } from './generate/access-events.writer.js';
import { writeInventoryFiles } from './generate/inventory-files.writer.js';
import { BENCH_ORG, buildBenchOrg, midnight } from './generate/synthetic-org.js';
import { loadYear } from './measures/ingest.measure.js';
import { median, timed } from './output/bench-stats.util.js';

const { values: args } = parseArgs({
  options: {
    identities: { type: 'string', default: '40000' },
    events: { type: 'string', default: '600000' },
    database: { type: 'string' },
    trials: { type: 'string', default: '3' },
  },
});
const started = Date.now();
const log = (line: string) => console.log(`[${Math.round((Date.now() - started) / 1000)} s] ${line}`);
const DAY_MS = 86_400_000;

async function freshDatabase(): Promise<string> {
  const server = process.env['DATABASE_URL'];
  if (!server) throw new Error('set DATABASE_URL to a server this tool may create a database on');
  const name = `words_report_profile_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function populate(app: INestApplicationContext): Promise<void> {
  const identities = Number(args.identities);
  const scale = { name: 'small' as const, identities, credentials: Math.round(identities / 2), events: Number(args.events), recordsPerFile: 2000, loadSeconds: 0 };
  const end = midnight(new Date());
  const dir = mkdtempSync(join(tmpdir(), 'words-report-profile-'));
  const org = buildBenchOrg(scale, end);
  const inventory = writeInventoryFiles(org, dir);
  const events = writeAccessEvents(org, dir, () => undefined);
  log(`generated ${events.yearEvents} events for ${identities} identities in ${dir}`);
  const organization = await app.get(OrganizationService).create({ ...BENCH_ORG, approvedCountries: [...BENCH_ORG.approvedCountries] });
  const leads = org.teams.map((team, i) => ({ team, email: org.people[i]!.email }));
  for (const lead of leads) await app.get(TeamRepository).upsert(organization.id, lead.team, lead.email);
  const seed = app.get(DemoSeedRepository);
  await seed.setBudget(organization.id, end.getUTCFullYear(), { itSpend: 120_000_000, securitySpend: 6_000_000, revenue: 2_400_000_000 }, BENCH_ORG.currency);
  const ingest = app.get(IngestService);
  for (const [source, path] of [['hr-roster', inventory.hrRoster], ['scim-users', inventory.scimUsers], ['iam-credential-report', inventory.iamCredentialReport]] as const) {
    const run = await ingest.ingestFile(BENCH_ORG.slug, source, path);
    log(`  ${source}: ${run.accepted} accepted`);
  }
  await seed.assignTeams(organization.id, leads);
  await loadYear(app, BENCH_ORG.slug, events.monthDirectories, log);
  const evaluated = await timed(() => app.get(EvaluationService).evaluateAndStore(organization, new Date(end.getTime() - 4 * DAY_MS)));
  log(`evaluated in ${evaluated.seconds.toFixed(1)} s`);
  // A year of weekly snapshots, as the bench keeps them.
  const latest = await app.get(CurrentPostureRepository).read<PostureView>(organization.id);
  const monday = new Date(midnight(end).getTime() - ((end.getUTCDay() + 6) % 7) * DAY_MS);
  for (let week = 0; week < 52; week++) {
    const asOf = new Date(monday.getTime() - week * 7 * DAY_MS);
    await app.get(ScoreSnapshotRepository).insert(organization.id, asOf, 'SEED', latest!.view.overallScore, latest!.view.overallBand, { ...latest!.view, asOf: asOf.toISOString() });
  }
}

async function part(name: string, trials: number, run: () => Promise<unknown>): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < trials; i++) runs.push((await timed(run)).seconds * 1000);
  log(`  ${name.padEnd(26)} median ${median(runs).toFixed(0).padStart(6)} ms  runs ${runs.map((r) => r.toFixed(0)).join(', ')}`);
}

async function main(): Promise<void> {
  const url = args.database ?? (await freshDatabase());
  process.env['DATABASE_URL'] = url;
  process.env['POSTUREBOARD_DATA_DIR'] ??= mkdtempSync(join(tmpdir(), 'words-report-profile-data-'));
  process.env['POSTUREBOARD_SECRET_KEY'] ??= Buffer.alloc(32, 9).toString('base64');
  process.env['LOG_LEVEL'] = 'error';
  const app = await NestFactory.createApplicationContext(BenchModule.forRoot(loadConfig()), { logger: ['error'], abortOnError: false });
  try {
    if (!args.database) {
      await populate(app);
      log(`database kept: --database ${url}`);
    }
    const trials = Number(args.trials);
    const slug = BENCH_ORG.slug;
    const source = app.get<string, ReportDataSource>(REPORT_DATA_SOURCE, { strict: false });
    const reading = await source.posture(slug, null, 10);
    const asOf = new Date(reading.posture.asOf);
    log(`posture as of ${asOf.toISOString()}: ${reading.posture.findingCounts ? JSON.stringify(reading.posture.findingCounts) : ''}`);
    await part('posture (stored)', trials, () => source.posture(slug, null, 10));
    await part('scoreHistory', trials, () => source.scoreHistory(slug, 52, asOf));
    await part('budgets', trials, () => source.budgets(slug));
    await part('rotationSla', trials, () => source.rotationSla(slug, asOf));
    await part('leavers', trials, () => source.leavers(slug, asOf));
    await part('crossBorderAccess', trials, () => source.crossBorderAccess(slug, 90, asOf));
    await part('dataSources', trials, () => source.dataSources(slug));
    const assembler = new BoardReportDataAssembler(source);
    const request = { orgSlug: slug, asOf, lang: 'en' as const, generatedBy: 'profile', generatedAt: new Date() };
    await part('assemble (all, parallel)', trials, () => assembler.assemble(request, reading));
    const data = await assembler.assemble(request, reading);
    await part('render', trials, () => renderBoardReport(data));
    await part('ReportsService.generate', trials, () => app.get(ReportsService).generate({ orgSlug: slug, lang: 'en', generatedBy: 'profile' }));
  } finally {
    await app.close();
  }
}

await main();
