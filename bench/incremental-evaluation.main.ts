/**
 * `npm run bench:incremental -- --identities N --credentials N --events N [--database URL]`: the evaluation measure
 * alone (full evaluation ×3, then one new day ingested and the posture re-evaluated, ×3) on a synthetic organisation
 * of any size, for measuring the incremental evaluation by hand without a whole benchmark run.
 * The organisation is loaded once into `<database>_loaded` (kept between runs) and each run measures on a fresh
 * copy of it (CREATE DATABASE … TEMPLATE), so the new days are new again every run.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadConfig } from '@postureboard/server-core';
import { AccessRollupFoldRepository, DemoSeedRepository, OrganizationRepository, TeamRepository } from '@postureboard/server-database';
import { IngestService } from '@postureboard/server-ingest';
import { OrganizationService } from '@postureboard/server-organization';
import { BenchModule } from './environment/bench.module.js';
import { writeAccessEvents, type AccessEventFiles } from './generate/access-events.writer.js';
import type { Scale } from './generate/bench-scale.js';
import { writeInventoryFiles, type InventoryFiles } from './generate/inventory-files.writer.js';
import { BENCH_ORG, buildBenchOrg, midnight, NEW_DAYS } from './generate/synthetic-org.js';
import { measureEvaluation } from './measures/evaluation.measure.js';

const DAY_MS = 86_400_000;
const { values: args } = parseArgs({
  options: {
    identities: { type: 'string', default: '20000' },
    credentials: { type: 'string', default: '10000' },
    events: { type: 'string', default: '400000' },
    // A fixed end, so that the kept files and database match every run.
    end: { type: 'string', default: '2026-12-07' },
    dir: { type: 'string', default: '/tmp/postureboard-incremental-bench' },
    database: { type: 'string', default: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/incremental_bench' },
  },
});
const scale = {
  name: 'small',
  identities: Number(args.identities),
  credentials: Number(args.credentials),
  events: Number(args.events),
  recordsPerFile: 2_000,
  loadSeconds: 0,
} satisfies Scale;
const end = midnight(new Date(args.end!));
const started = Date.now();
const log = (line: string) => console.log(`[${Math.round((Date.now() - started) / 1000)} s] ${line}`);
const label = `${scale.identities}-${scale.credentials}-${scale.events}`;
const filesDir = join(args.dir!, label);

interface Manifest {
  inventory: InventoryFiles;
  events: AccessEventFiles;
  leads: { team: string; email: string }[];
}

function generate(): Manifest {
  const path = join(filesDir, 'manifest.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  const org = buildBenchOrg(scale, end);
  mkdirSync(filesDir, { recursive: true });
  const manifest: Manifest = {
    inventory: writeInventoryFiles(org, filesDir),
    events: writeAccessEvents(org, filesDir),
    leads: org.teams.map((team, i) => ({ team, email: org.people[i]!.email })),
  };
  writeFileSync(path, JSON.stringify(manifest));
  return manifest;
}

const databaseUrl = (name: string): string => {
  const url = new URL(args.database!);
  url.pathname = `/${name}`;
  return url.toString();
};

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function withApp<T>(database: string, run: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>): Promise<T> {
  process.env['DATABASE_URL'] = databaseUrl(database);
  process.env['POSTUREBOARD_DATA_DIR'] = join(filesDir, 'data');
  process.env['POSTUREBOARD_SECRET_KEY'] ??= randomBytes(32).toString('base64');
  process.env['LOG_LEVEL'] = 'error';
  const app = await NestFactory.createApplicationContext(BenchModule.forRoot(loadConfig()), { logger: ['error'], abortOnError: false });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const manifest = generate();
  const base = new URL(args.database!).pathname.slice(1);
  const loaded = `${base}_${label.replace(/-/g, '_')}_loaded`;
  const exists = await admin(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [loaded])).rowCount === 1);
  if (!exists) {
    log(`loading the organisation into ${loaded}`);
    await admin((c) => c.query(`CREATE DATABASE ${loaded}`));
    await withApp(loaded, async (app) => {
      const organization = await app.get(OrganizationService).create({ ...BENCH_ORG, approvedCountries: [...BENCH_ORG.approvedCountries] });
      for (const lead of manifest.leads) await app.get(TeamRepository).upsert(organization.id, lead.team, lead.email);
      const ingest = app.get(IngestService);
      for (const [source, path] of [
        ['hr-roster', manifest.inventory.hrRoster],
        ['scim-users', manifest.inventory.scimUsers],
        ['iam-credential-report', manifest.inventory.iamCredentialReport],
      ] as const) {
        await ingest.ingestFile(BENCH_ORG.slug, source, path);
      }
      await app.get(DemoSeedRepository).assignTeams(organization.id, manifest.leads);
      for (const month of manifest.events.monthDirectories) {
        const run = await ingest.ingestFile(BENCH_ORG.slug, 'cloudtrail', month);
        log(`  ${month}: ${run.accepted} events`);
      }
      // The year's rollups, as the evaluation job folds them after the runs: part of the loaded state, not of a trial.
      await app.get(AccessRollupFoldRepository).fold(organization.id);
      await app.get(DataSource).query('VACUUM ANALYZE');
    });
  }
  const trial = `${base}_run`;
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${trial} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${trial} TEMPLATE ${loaded}`);
  });
  await withApp(trial, async (app) => {
    const [organization] = await app.get(DataSource).query(`SELECT id FROM organization WHERE slug = $1`, [BENCH_ORG.slug]);
    const id = (organization as { id: string }).id;
    await app.get(OrganizationRepository).findByIds([id]);
    const asOf = new Date(end.getTime() - NEW_DAYS * DAY_MS);
    const measure = await measureEvaluation(app, { slug: BENCH_ORG.slug, id }, asOf, manifest.events.newDayDirectories.slice(0, NEW_DAYS - 1), log);
    console.log(JSON.stringify(measure.ours, null, 1));
  });
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${trial} WITH (FORCE)`));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
