/**
 * `npm run bench:api -- --data DIR --files DIR --into FILE`: the measures taken through the API process and the
 * workers (overview under load, ingest → visible, alert latency) again, with the code as it is now, on the
 * database a `npm run bench -- --keep` run left behind (its embedded data directory, its generated files), and
 * written into that run's result file and latest.json, marked `apiMeasuresRetaken`. A large run takes most of an
 * hour; these measures take minutes. The other measures of the file stay as that run took them.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@postureboard/server-core';
import { OrganizationRepository, startEmbeddedDatabase } from '@postureboard/server-database';
import { BenchModule } from './environment/bench.module.js';
import { SCALES, isScaleName } from './generate/bench-scale.js';
import type { GeneratedManifest } from './generate/generate.main.js';
import { BENCH_ORG } from './generate/synthetic-org.js';
import { measureApiFacing } from './measures/api-facing.js';
import { type BenchResult, failedMeasure, type Measure } from './output/bench-result.js';
import { resultsTable } from './output/results-table.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(here, '../../..');
const compiledRoot = resolve(here, '..');
const resultsDir = join(repoRoot, 'bench/results');
const started = Date.now();
const log = (line: string) => console.log(`[${Math.round((Date.now() - started) / 1000)} s] ${line}`);

const { values: args } = parseArgs({ options: { data: { type: 'string' }, files: { type: 'string' }, into: { type: 'string' } } });
if (!args.data || !args.files || !args.into) {
  console.error('usage: npm run bench:api -- --data <kept embedded data dir> --files <kept files dir> --into <bench/results/…json>');
  process.exit(2);
}

async function main(): Promise<void> {
  const result = JSON.parse(readFileSync(args.into!, 'utf8')) as BenchResult;
  if (!isScaleName(result.scale)) throw new Error(`${args.into} is not a bench result`);
  const scale = SCALES[result.scale];
  const manifest = JSON.parse(readFileSync(join(args.files!, 'files', 'manifest.json'), 'utf8')) as GeneratedManifest;
  const embedded = await startEmbeddedDatabase(args.data!);
  try {
    const admin = new pg.Client({ connectionString: embedded.url });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`pb_bench_${scale.name}_%`]);
    await admin.end();
    if (rows.length !== 1) throw new Error(`expected one kept ${scale.name} bench database, found ${rows.length}`);
    const databaseUrl = new URL(embedded.url);
    databaseUrl.pathname = `/${rows[0]!.datname}`;
    process.env['DATABASE_URL'] = databaseUrl.toString();
    process.env['POSTUREBOARD_DATA_DIR'] = join(args.files!, 'data');
    process.env['POSTUREBOARD_SECRET_KEY'] = randomBytes(32).toString('base64');
    process.env['LOG_LEVEL'] = 'error';
    const app = await NestFactory.createApplicationContext(BenchModule.forRoot(loadConfig()), { logger: ['error'], abortOnError: false });
    try {
      const organization = await app.get(OrganizationRepository).findBySlug(BENCH_ORG.slug);
      if (!organization) throw new Error(`no organisation ${BENCH_ORG.slug} in the kept database`);
      const measure = async (name: string, goals: string[], run: () => Promise<Measure>): Promise<Measure> => {
        log(`${name}...`);
        try {
          return await run();
        } catch (error) {
          log(`${name} failed: ${(error as Error).stack ?? String(error)}`);
          return failedMeasure(error, goals);
        }
      };
      const measured = await measureApiFacing({
        app,
        databaseUrl: databaseUrl.toString(),
        organizationId: organization.id,
        manifest,
        workDir: args.files!,
        repoRoot,
        compiledRoot,
        resultsDir,
        scaleName: scale.name,
        loadSeconds: scale.loadSeconds,
        log,
        measure,
      });
      const updated = { ...result, ...measured, apiMeasuresRetaken: { at: new Date().toISOString(), measures: Object.keys(measured), why: 'taken again with the code as it is now, on the database this run kept' } };
      const json = `${JSON.stringify(updated, null, 2)}\n`;
      writeFileSync(args.into!, json);
      writeFileSync(join(resultsDir, 'latest.json'), json);
      console.log(`\n${resultsTable(updated)}\n\nwritten: ${args.into} and bench/results/latest.json`);
    } finally {
      await app.close();
    }
  } finally {
    await embedded.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
