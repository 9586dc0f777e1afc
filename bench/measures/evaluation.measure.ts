import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import type { INestApplicationContext } from '@nestjs/common';
import { OrganizationRepository, PostureInputRepository } from '@postureboard/server-database';
import { IngestService } from '@postureboard/server-ingest';
import { EvaluationService } from '@postureboard/server-posture';
import type { Measure } from '../output/bench-result.js';
import { median, ratio, round, timed } from '../output/bench-stats.util.js';

const DAY_MS = 86_400_000;

/**
 * Full evaluation (`EvaluationService.evaluateAndStore`, the evaluation job: load, policies, finding
 * reconciliation, scores, stored current posture)
 * against the aggregate SQL it starts with (`PostureInputRepository.load`), both as of the end of the year;
 * then, three times, one new day of CloudTrail is ingested and the posture re-evaluated as of that day's end.
 */
export async function measureEvaluation(
  app: INestApplicationContext,
  org: { slug: string; id: string },
  asOf: Date,
  newDays: readonly string[],
  log: (line: string) => void,
): Promise<Measure> {
  const evaluation = app.get(EvaluationService);
  const [organization] = await app.get(OrganizationRepository).findByIds([org.id]);
  if (!organization) throw new Error(`no organization ${org.slug}`);
  const inputs = app.get(PostureInputRepository);
  const ingest = app.get(IngestService);

  const sql: number[] = [];
  let rollups = 0;
  let identities = 0;
  let credentials = 0;
  for (let trial = 1; trial <= 3; trial++) {
    const { seconds, value } = await timed(() => inputs.load(org.id, asOf));
    rollups = value.activity.rollups.length;
    identities = value.identities.length;
    credentials = value.credentials.length;
    sql.push(seconds);
    log(`  load (SQL) trial ${trial}: ${seconds.toFixed(2)} s (${rollups} rollup rows)`);
  }
  const full: number[] = [];
  let findings = 0;
  let overall: number | null = null;
  for (let trial = 1; trial <= 3; trial++) {
    // Full: nothing kept from the previous evaluation.
    evaluation.forgetActivity(org.id);
    // A millisecond apart: each is a new instant, so each is evaluated and stored.
    const cpu = process.cpuUsage();
    const { seconds, value } = await timed(() => evaluation.evaluateAndStore(organization, new Date(asOf.getTime() + trial)));
    const cpuSeconds = cpuSecondsSince(cpu);
    findings = value?.posture.view.findingCounts.total ?? 0;
    overall = value?.posture.view.overallScore ?? null;
    full.push(seconds);
    log(`  full evaluation trial ${trial}: ${seconds.toFixed(2)} s, this process's CPU ${cpuSeconds.toFixed(2)} s (${findings} active findings, score ${overall})`);
    if (value) log(`    where it went (ms): ${JSON.stringify(value.phases)}`);
  }
  const incremental: number[] = [];
  const dayIngest: { events: number; seconds: number }[] = [];
  for (const [index, directory] of newDays.entries()) {
    const ingested = await timed(() => ingest.ingestFile(org.slug, 'cloudtrail', directory));
    dayIngest.push({ events: ingested.value.accepted, seconds: round(ingested.seconds)! });
    const dayEnd = new Date(asOf.getTime() + (index + 1) * DAY_MS);
    // Incremental: the activity kept by the previous evaluation is reused, only the changed days are read.
    const { seconds, value: evaluated, cpuSeconds } = await profiled(`new-day-${index + 1}`, async () => {
      const cpu = process.cpuUsage();
      return { ...(await timed(() => evaluation.evaluateAndStore(organization, dayEnd))), cpuSeconds: cpuSecondsSince(cpu) };
    });
    incremental.push(seconds);
    log(`  new day ${index + 1}: ingest ${ingested.value.accepted} events in ${ingested.seconds.toFixed(1)} s, re-evaluation ${seconds.toFixed(2)} s, this process's CPU ${cpuSeconds.toFixed(2)} s`);
    if (evaluated) log(`    where it went (ms): ${JSON.stringify(evaluated.phases)}; work: ${JSON.stringify(evaluated.work)}`);
  }
  const sqlMedian = median(sql);
  const fullMedian = median(full);
  const incrementalMedian = median(incremental);
  const evaluationRatio = ratio(fullMedian, sqlMedian);
  const incrementalRatio = ratio(incrementalMedian, fullMedian);
  return {
    ours: {
      fullSeconds: round(fullMedian, 3),
      runsFullSeconds: full.map((s) => round(s, 3)),
      incrementalSeconds: round(incrementalMedian, 3),
      runsIncrementalSeconds: incremental.map((s) => round(s, 3)),
      incrementalToFull: incrementalRatio,
      newDayIngest: dayIngest,
      activeFindings: findings,
      overallScore: overall,
      loaded: { rollupRows: rollups, identities, credentials },
      asOf: asOf.toISOString(),
    },
    baseline: { sqlSeconds: round(sqlMedian, 3), runsSqlSeconds: sql.map((s) => round(s, 3)), what: 'PostureInputRepository.load: the aggregate queries evaluation starts with' },
    ratio: evaluationRatio,
    ratioOf: 'fullSeconds ÷ sqlSeconds',
    targets: [
      {
        goal: 'full evaluation ≤ 3× the aggregate SQL alone',
        met: evaluationRatio === null ? null : evaluationRatio <= 3,
        note:
          evaluationRatio !== null && evaluationRatio > 3
            ? 'the policies, finding reconciliation (a row per finding) and the stored snapshot cost more than the load'
            : undefined,
      },
      {
        goal: 'incremental re-evaluation after one new day ≤ 10% of a full one',
        met: incrementalRatio === null ? null : incrementalRatio <= 0.1,
        note:
          incrementalRatio !== null && incrementalRatio > 0.1
            ? 'reading (changed days and tables only), the policies (changed days, changed or date-crossing subjects only) and writing (changed findings only) are incremental; what still grows with the organisation: leaver evidence read afresh, the rollups flattened and re-ordered, comparing every finding with the stored one, scoring over every finding, and a snapshot that stores every finding\'s contribution'
            : undefined,
      },
    ],
  };
}

/** This process's CPU (user + system) since `start`, in seconds: on a shared machine it moves less than the wall clock. */
const cpuSecondsSince = (start: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
};

/**
 * With BENCH_PROFILE_DIR set, a V8 CPU profile of `run` is written there as `<name>.cpuprofile` (open it in Chrome's
 * DevTools), to see where an incremental evaluation's time goes inside its phases.
 */
async function profiled<T>(name: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env['BENCH_PROFILE_DIR'];
  if (!dir) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
