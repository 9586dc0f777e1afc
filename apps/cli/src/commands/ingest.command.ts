import { type Command, CommanderError, InvalidArgumentError } from 'commander';
import { FILE_SOURCES } from '@postureboard/connectors';
import type { IngestErrorRecord, IngestRunRecord } from '@postureboard/server-database';
import { IngestService, toIngestRunObject } from '@postureboard/server-ingest';
import { EvaluationWorker } from '@postureboard/server-posture';
import { output, resolve } from '../cli-context.js';

/** Errors shown with a run (the rest stay in ingest_error, and in GraphQL's `errors(limit)`). */
const SHOWN_ERRORS = 20;

const parseSource = (value: string): string => {
  if (!FILE_SOURCES.some((s) => s.type === value)) {
    throw new InvalidArgumentError(`unknown source "${value}" (one of ${FILE_SOURCES.map((s) => s.type).join(', ')})`);
  }
  return value;
};

const where = (e: IngestErrorRecord): string =>
  e.line !== null ? `${e.source}:${e.line}` : e.record !== null ? `${e.source} record ${e.record}` : e.source;

export const runJson = (run: IngestRunRecord, errors: readonly IngestErrorRecord[]) => ({
  ...toIngestRunObject(run),
  errors: errors.map((e) => ({ source: e.source, line: e.line, record: e.record, field: e.field, reason: e.reason })),
});

function runText(run: IngestRunRecord, errors: readonly IngestErrorRecord[]): string {
  const seconds = run.startedAt && run.finishedAt ? ` in ${((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1)} s` : '';
  const lines = [
    `${run.status}: ${run.sourceType} from ${run.input ?? '(no input)'}${seconds} (run ${run.id})`,
    `  accepted ${run.accepted}, rejected ${run.rejected}; inserted ${run.inserted}, updated ${run.updated}, unchanged ${run.unchanged}`,
  ];
  if (run.errorMessage) lines.push(`  ${run.errorMessage}`);
  for (const e of errors) lines.push(`  ${where(e)}${e.field ? ` [${e.field}]` : ''}: ${e.reason}`);
  if (run.rejected > errors.length && errors.length > 0) lines.push(`  ... and ${run.rejected - errors.length} more`);
  return lines.join('\n');
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('ingest a file or directory from a source export; exits 1 when the run FAILED')
    .requiredOption('--org <slug>', 'organization')
    .requiredOption('--source <type>', `source type: ${FILE_SOURCES.map((s) => s.type).join(', ')}`, parseSource)
    .requiredOption('--path <path>', 'file or directory to read')
    .option('--json', 'print the run as JSON')
    .option('--no-evaluate', 'leave the evaluation to a running worker (by default the command evaluates what it changed)')
    .action(async (options: { org: string; source: string; path: string; json?: boolean; evaluate: boolean }) => {
      const ingest = await resolve(IngestService);
      const run = await ingest.ingestFile(options.org, options.source, options.path);
      // The CLI has no worker: the posture of what it just stored is evaluated here, as a worker would, so the
      // next `posture` or `findings` reads it (with a server running, its worker would also pick it up).
      if (options.evaluate && run.status !== 'FAILED') await (await resolve(EvaluationWorker)).evaluate(run.organizationId);
      const errors = (await ingest.errorsByRun([run.id], SHOWN_ERRORS)).get(run.id) ?? [];
      output(Boolean(options.json), runJson(run, errors), () => runText(run, errors));
      // PARTIAL is a success: the good records landed and the bad ones are reported.
      if (run.status === 'FAILED') throw new CommanderError(1, 'postureboard.ingestFailed', 'ingest failed');
    });
}
