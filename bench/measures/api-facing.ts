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
import { ALERT_LATENCY_GOAL, type CriticalTrigger, credentialReportWithCopies, measureAlertLatency } from './alert-latency.measure.js';
import { measureIngestToVisible } from './ingest-to-visible.measure.js';
import { measureOverviewQuery, overviewDocument, startApi } from './overview-query.measure.js';

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
    const api = await startApi(join(run.compiledRoot, 'apps/api/src/main.js'), run.databaseUrl, join(run.resultsDir, `tmp-api-${run.scaleName}.log`));
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
    const trigger = await criticalKeyIngest(app, run.organizationId, run.manifest.inventory.iamCredentialReport, run.workDir);
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
 * The alert latency's cause, as production sees it: an ingest (the credential report with one more copy of a user
 * whose access key is already a CRITICAL rotation finding) that an evaluation worker, running here as
 * `postureboard worker` would, turns into a new CRITICAL finding.
 */
async function criticalKeyIngest(app: INestApplicationContext, organizationId: string, reportPath: string, workDir: string): Promise<CriticalTrigger> {
  const [row] = (await app.get(DataSource).query(
    `SELECT subject_external_id FROM finding WHERE organization_id = $1 AND kind = 'KEY_ROTATION_OVERDUE' AND severity = 'CRITICAL'
        AND status = 'OPEN' AND subject_external_id ~ '^[0-9]+/[^/]+/access_key_[12]$' ORDER BY subject_external_id LIMIT 1`,
    [organizationId],
  )) as { subject_external_id: string }[];
  if (!row) throw new Error('no CRITICAL rotation finding on an IAM access key to copy');
  const user = row.subject_external_id.split('/')[1]!;
  return async (trial) => {
    const file = credentialReportWithCopies(reportPath, user, trial, join(workDir, `alert-latency-${trial}.csv`));
    const run = await app.get(IngestService).ingestFile(BENCH_ORG.slug, 'iam-credential-report', file);
    if (run.status === 'FAILED') throw new Error(`the credential report ingest failed: ${run.errorMessage}`);
    return { committedAt: run.finishedAt ?? new Date() };
  };
}
