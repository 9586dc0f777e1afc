import type { INestApplicationContext } from '@nestjs/common';
import { IngestService } from '@postureboard/server-ingest';
import { EvaluationWorker } from '@postureboard/server-posture';
import type { Measure } from '../output/bench-result.js';
import { round } from '../output/bench-stats.util.js';
import { type ApiServer, post } from './overview-query.measure.js';

const TARGET_SECONDS = 60;

/**
 * From the commit of a one-day CloudTrail ingest to the overview query (the web app's, through the API, which
 * evaluates nothing) answering a posture evaluated after that commit: the evaluation job's latency, with an
 * evaluation worker running as in production (here in the bench process, as `postureboard worker` would).
 */
export async function measureIngestToVisible(
  app: INestApplicationContext,
  api: ApiServer,
  token: string,
  query: { document: string; org: string; dayDirectory: string },
  log: (line: string) => void,
): Promise<Measure & { seconds: number | null }> {
  const worker = app.get(EvaluationWorker);
  await worker.start();
  try {
    const body = JSON.stringify({ operationName: 'OverviewPage', query: query.document, variables: { org: query.org } });
    const run = await app.get(IngestService).ingestFile(query.org, 'cloudtrail', query.dayDirectory);
    const committedAt = run.finishedAt ?? new Date();
    const started = performance.now() - (Date.now() - committedAt.getTime());
    let seconds: number | null = null;
    let polls = 0;
    const deadline = Date.now() + 20 * TARGET_SECONDS * 1000;
    while (Date.now() < deadline) {
      polls += 1;
      const { json } = await post(api.url, token, body);
      const posture = (json.data as { posture?: { evaluatedAt: string | null; pending: boolean } } | undefined)?.posture;
      if (posture?.evaluatedAt && Date.parse(posture.evaluatedAt) > committedAt.getTime() && !posture.pending) {
        seconds = round((performance.now() - started) / 1000, 2);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    log(`  ingest of one day (${run.accepted} events) committed; the overview answered its evaluation after ${seconds ?? 'more than the deadline'} s (${polls} polls)`);
    return {
      ours: { seconds, events: run.accepted, polls },
      baseline: null,
      ratio: null,
      ratioOf: null,
      seconds,
      targets: [{ goal: `ingest → visible ≤ ${TARGET_SECONDS} s`, met: seconds === null ? false : seconds <= TARGET_SECONDS }],
    };
  } finally {
    await worker.stop();
  }
}
