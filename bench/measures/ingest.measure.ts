import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessRollupFoldRepository } from '@postureboard/server-database';
import { IngestService } from '@postureboard/server-ingest';
import { OrganizationService } from '@postureboard/server-organization';
import type { Measure } from '../output/bench-result.js';
import { median, RssSampler, ratio, round, timed } from '../output/bench-stats.util.js';
import { copyIntoAccessEvent, writeCopyRows } from './copy-baseline.js';

export interface FullLoad {
  events: number;
  rejected: number;
  seconds: number;
  eventsPerSecond: number;
  runs: number;
  rss: ReturnType<RssSampler['stop']>;
  /**
   * The daily rollups of the whole load, folded once after it (what the evaluation job does first), timed apart
   * so that the full evaluation is not charged with it. Null until folded.
   */
  rollupFold: { seconds: number; microsPerEvent: number } | null;
}

/** Folds the organisation's pending rollup days, as the evaluation job would before its first evaluation. */
export async function foldFullLoad(app: INestApplicationContext, organizationId: string, fullLoad: FullLoad): Promise<void> {
  const { seconds } = await timed(() => app.get(AccessRollupFoldRepository).fold(organizationId));
  fullLoad.rollupFold = { seconds: round(seconds)!, microsPerEvent: round((seconds * 1e6) / Math.max(1, fullLoad.events), 2)! };
}

/**
 * The organisation's year of CloudTrail through `IngestService.ingestFile`, one run per month (a run is one
 * transaction), sampling this process's RSS the whole time.
 */
export async function loadYear(app: INestApplicationContext, slug: string, months: readonly string[], log: (line: string) => void): Promise<FullLoad> {
  const ingest = app.get(IngestService);
  const sampler = new RssSampler();
  let events = 0;
  let rejected = 0;
  const start = performance.now();
  for (const month of months) {
    const { seconds, value: run } = await timed(() => ingest.ingestFile(slug, 'cloudtrail', month));
    if (run.status === 'FAILED') throw new Error(`ingest of ${month} failed: ${run.errorMessage ?? "unknown"}`);
    events += run.accepted;
    rejected += run.rejected;
    log(`  ingested ${month.split('/').slice(-2).join('-')}: ${run.accepted} events in ${seconds.toFixed(1)} s (${Math.round(run.accepted / seconds)}/s), rss ${Math.round(process.memoryUsage.rss() / 1048576)} MB`);
  }
  const seconds = (performance.now() - start) / 1000;
  return { events, rejected, seconds: round(seconds)!, eventsPerSecond: Math.round(events / seconds), runs: months.length, rss: sampler.stop(), rollupFold: null };
}

/**
 * Three trials on the sample (the first days of the year): the end-to-end ingest into a new organisation (events
 * made durable by the run), then the raw COPY of the same normalised rows into the same table. After each run the
 * rollup fold the evaluation job runs next is timed on its own (`rollupFoldMicrosPerEvent`): the rollups left the
 * run, not the work. Trial organisations are removed after.
 */
export async function measureIngest(
  app: INestApplicationContext,
  url: string,
  sample: string,
  workDir: string,
  fullLoad: FullLoad,
  log: (line: string) => void,
): Promise<Measure> {
  const ingest = app.get(IngestService);
  const organizations = app.get(OrganizationService);
  const dataSource = app.get(DataSource);
  const rowsPath = join(workDir, 'copy-rows.tsv');
  const rows = await writeCopyRows(sample, rowsPath);
  const ours: number[] = [];
  const copy: number[] = [];
  const folds: number[] = [];
  const rollupFold = app.get(AccessRollupFoldRepository);
  const trialOrgs: string[] = [];
  try {
    for (let trial = 1; trial <= 3; trial++) {
      const slug = `ingest-trial-${trial}`;
      const organization = await organizations.create({ slug, name: `Ingest trial ${trial}` });
      trialOrgs.push(organization.id);
      const { seconds, value: run } = await timed(() => ingest.ingestFile(slug, 'cloudtrail', sample));
      if (run.accepted !== rows) throw new Error(`trial ${trial} accepted ${run.accepted} events, the COPY baseline has ${rows}`);
      ours.push(run.accepted / seconds);
      const { seconds: foldSeconds } = await timed(() => rollupFold.fold(organization.id));
      folds.push((foldSeconds * 1e6) / run.accepted);
      const copySeconds = await copyIntoAccessEvent(url, rowsPath);
      copy.push(rows / copySeconds);
      log(`  trial ${trial}: ingest ${Math.round(run.accepted / seconds)}/s, COPY ${Math.round(rows / copySeconds)}/s, rollup fold ${round(folds.at(-1)!, 1)} µs an event`);
    }
  } finally {
    rmSync(rowsPath, { force: true });
    for (const id of trialOrgs) {
      await dataSource.query('DELETE FROM access_event WHERE organization_id = $1', [id]);
      await dataSource.query('DELETE FROM organization WHERE id = $1', [id]);
    }
  }
  const oursRate = Math.round(median(ours));
  const copyRate = Math.round(median(copy));
  const r = ratio(oursRate, copyRate);
  const peak = fullLoad.rss.peakMb;
  return {
    ours: {
      eventsPerSecond: oursRate,
      sampleEvents: rows,
      runsEventsPerSecond: ours.map((v) => Math.round(v)),
      pipeline:
        'CloudTrail .json.gz → IngestService.ingestFile (parse, normalise, geo, COPY to staging, merge, record the days pending a rollup fold); the daily rollup folded after it, by the evaluation job (rollupFoldMicrosPerEvent)',
      rollupFoldMicrosPerEvent: round(median(folds), 2),
      fullLoad,
    },
    baseline: { eventsPerSecond: copyRate, runsEventsPerSecond: copy.map((v) => Math.round(v)), pipeline: 'COPY access_event FROM STDIN of the same normalised rows (rolled back)' },
    ratio: r,
    ratioOf: 'eventsPerSecond',
    targets: [
      {
        goal: 'ingest ≥ 50% of the COPY ceiling',
        met: r === null ? null : r >= 0.5,
        note:
          r !== null && r < 0.5
            ? 'the database side, in one transaction on one backend: staging COPY plus the insert into access_event cost about the COPY ceiling (the daily rollups are folded after the run, by the evaluation job: rollupFoldMicrosPerEvent); on a loaded machine the parse, in this process, costs more CPU per event than the database (npm run bench:ingest prints both)'
            : undefined,
      },
      {
        goal: `peak RSS < 512 MB while ingesting (${fullLoad.events} events)`,
        met: peak < 512,
        note: `RSS ${fullLoad.rss.startMb} MB at start, ${peak} MB peak, ${fullLoad.rss.endMb} MB at the end`,
      },
    ],
  };
}
