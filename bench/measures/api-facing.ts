import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiTokenService, cliActor, UserService } from '@postureboard/server-auth';
import { IngestService } from '@postureboard/server-ingest';
import { EvaluationWorker } from '@postureboard/server-posture';
import type { GeneratedManifest } from '../generate/generate.main.js';
import { BENCH_ORG } from '../generate/synthetic-org.js';
import type { Measure } from '../output/bench-result.js';
import { failedMeasure } from '../output/bench-result.js';
import { ALERT_LATENCY_GOAL, type CriticalTrigger, measureAlertLatency } from './alert-latency.measure.js';
import { measureIngestToVisible } from './ingest-to-visible.measure.js';
import { deployedApiNodeOptions, measureOverviewQuery, overviewDocument, startApi } from './overview-query.measure.js';

export const OVERVIEW_GOALS = ['overview ≥ 50% of trivial', 'p99 ≤ 20 ms', 'first request after a start ≤ 100 ms', 'API peak RSS ≤ 512 MB'];
export const INGEST_TO_VISIBLE_GOALS = ['ingest → visible ≤ 60 s'];

export interface ApiFacingRun {
  app: INestApplicationContext;
  databaseUrl: string;
  organizationId: string;
  manifest: GeneratedManifest;
  workDir: string;
  repoRoot: string;
  compiledRoot: string;
  resultsDir: string;
  scaleName: string;
  loadSeconds: number;
  log: (line: string) => void;
  /** Runs one measure within the run's budget, recording a failure as a gap. */
  measure: (name: string, goals: string[], run: () => Promise<Measure>) => Promise<Measure>;
}

/**
 * The measures taken through the real API process and the workers, on a loaded organisation: the overview under
 * load, how soon a new day's findings show, and how soon a CRITICAL finding reaches a receiver. The bench's main
 * run takes them after the rest; `bench/api-measures.main.ts` takes them again on a database a run kept.
 */
export async function measureApiFacing(run: ApiFacingRun): Promise<{ overviewQuery: Measure; ingestToVisible: Measure; alertLatency: Measure }> {
  const { app, log, measure } = run;
  let ingestToVisible: Measure | undefined;
  const overviewQuery = await measure('overviewQuery', OVERVIEW_GOALS, async () => {
    const email = `ciso-${Date.now()}@bench-corp.example`;
    await app.get(UserService).create({ email, organizationSlug: BENCH_ORG.slug, role: 'CISO', actor: cliActor() });
    const issued = await app.get(ApiTokenService).issue({ email, organizationSlug: BENCH_ORG.slug, expiresIn: '2d', name: 'bench', actor: cliActor() });
    const api = await startApi(join(run.compiledRoot, 'apps/api/src/main.js'), run.databaseUrl, join(run.resultsDir, `tmp-api-${run.scaleName}.log`), deployedApiNodeOptions(run.repoRoot));
    log(`  the API's output: bench/results/tmp-api-${run.scaleName}.log`);
    try {
      const document = overviewDocument(run.repoRoot);
      const measured = await measureOverviewQuery(api, issued.token, { document, org: BENCH_ORG.slug, databaseUrl: run.databaseUrl }, run.loadSeconds, log);
      // The same API (it reads only) while a worker evaluates a new day: how soon the overview shows it.
      ingestToVisible = await measure('ingestToVisible', INGEST_TO_VISIBLE_GOALS, () =>
        measureIngestToVisible(app, api, issued.token, { document, org: BENCH_ORG.slug, dayDirectory: run.manifest.events.newDayDirectories.at(-1)! }, log),
      );
      const { peakRssMb } = await api.stop();
      measured.ours['apiPeakRssMb'] = peakRssMb;
      const first = measured.ours['firstRequestMs'] as number;
      measured.targets.push(
        { goal: 'first overview request after an API start ≤ 100 ms', met: first <= 100, note: first > 100 ? 'the first request also warms the JIT, the pool and the listening connection' : undefined },
        { goal: 'API peak RSS ≤ 512 MB (evaluation belongs to workers)', met: peakRssMb === null ? null : peakRssMb <= 512 },
      );
      return measured;
    } finally {
      await api.stop();
    }
  });
  const alertLatency = await measure('alertLatency', [ALERT_LATENCY_GOAL], async () => {
    const trigger = await criticalLeaverIngest(app, run.organizationId, run.manifest.inventory.hrRoster, run.workDir);
    const evaluations = app.get(EvaluationWorker);
    await evaluations.start();
    try {
      return await measureAlertLatency(app, { slug: BENCH_ORG.slug }, trigger, log);
    } finally {
      await evaluations.stop();
    }
  });
  return { overviewQuery, ingestToVisible: ingestToVisible ?? failedMeasure(new Error('not run: the overview measure failed before it'), INGEST_TO_VISIBLE_GOALS), alertLatency };
}

/**
 * The alert latency's cause, as production sees it: an HR roster ingest that records the departure, two days ago,
 * of a person whose e-mail acted since (each trial one more person). An evaluation worker, running here as
 * `postureboard worker` would, turns it into a new CRITICAL finding (a leaver with use after departure). The
 * generated organisation's keys are tier 2 and 3, so no rotation finding is CRITICAL there.
 */
async function criticalLeaverIngest(app: INestApplicationContext, organizationId: string, rosterPath: string, workDir: string): Promise<CriticalTrigger> {
  const rows = (await app.get(DataSource).query(
    `WITH recent AS (SELECT max(day) AS last FROM access_daily_rollup WHERE organization_id = $1)
     SELECT i.email, to_char(recent.last - 2, 'YYYY-MM-DD') AS departed
       FROM identity i, recent
      WHERE i.organization_id = $1 AND i.termination_date IS NULL AND i.email IS NOT NULL
        AND EXISTS (SELECT 1 FROM access_daily_rollup r WHERE r.organization_id = $1 AND r.day > recent.last - 2 AND r.principal = i.email)
      ORDER BY i.email LIMIT 5`,
    [organizationId],
  )) as { email: string; departed: string }[];
  if (rows.length < 3) throw new Error('fewer than three people acted in the last two days: no leaver to make');
  const roster = readFileSync(rosterPath, 'utf8').split('\n');
  const header = roster[0]!.split(',');
  const [email, status, termination] = ['email', 'status', 'termination_date'].map((name) => header.indexOf(name));
  return async (trial) => {
    const leaving = new Map(rows.slice(0, trial).map((r) => [r.email, r.departed]));
    const lines = roster.map((line, i) => {
      const cells = line.split(',');
      const departed = i > 0 ? leaving.get(cells[email!] ?? '') : undefined;
      if (!departed) return line;
      cells[status!] = 'terminated';
      cells[termination!] = departed;
      return cells.join(',');
    });
    const file = join(workDir, `alert-latency-roster-${trial}.csv`);
    writeFileSync(file, lines.join('\n'));
    const run = await app.get(IngestService).ingestFile(BENCH_ORG.slug, 'hr-roster', file);
    if (run.status === 'FAILED') throw new Error(`the HR roster ingest failed: ${run.errorMessage}`);
    return { committedAt: run.finishedAt ?? new Date() };
  };
}
