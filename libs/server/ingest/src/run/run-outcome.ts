import type { IngestRunOutcome } from '@postureboard/server-database';
import type { IngestErrorCollector } from './ingest-error.collector.js';

/** What a run counted: records the source yielded (accepted/rejected) and what storing them did. */
export interface RunTally {
  accepted: number;
  rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

export const emptyTally = (): RunTally => ({ accepted: 0, rejected: 0, inserted: 0, updated: 0, unchanged: 0 });

export const EMPTY_EXPORT_WARNING =
  'the export held no records: an empty export is kept as a warning and does not count as fresh data (the source keeps its last successful run)';

/**
 * A run that read its whole input: SUCCEEDED when every record landed, PARTIAL when some were rejected but
 * good ones landed (or, for a file, when it held no record at all: a broken export, never fresh data),
 * FAILED when nothing could be used (a wrong header, every line bad).
 */
export function completedOutcome(tally: RunTally, errors: IngestErrorCollector, options: { emptyIsWarning?: boolean } = {}): IngestRunOutcome {
  if (options.emptyIsWarning && tally.accepted === 0 && tally.rejected === 0) {
    return { status: 'PARTIAL', ...tally, errorMessage: EMPTY_EXPORT_WARNING, errors: [] };
  }
  const status = tally.rejected === 0 ? 'SUCCEEDED' : tally.accepted > 0 ? 'PARTIAL' : 'FAILED';
  const first = errors.first;
  const errorMessage =
    status === 'SUCCEEDED'
      ? null
      : `${tally.rejected} record${tally.rejected === 1 ? '' : 's'} rejected${status === 'FAILED' ? ', none accepted' : ''}` +
        (first ? `; first: ${locate(first)}: ${first.reason}` : '') +
        (errors.total > errors.errors.length ? ` (the first ${errors.errors.length} errors are kept)` : '');
  return { status, ...tally, errorMessage, errors: errors.errors };
}

/**
 * A run stopped by a fatal error (unreadable input, connector failure, timeout): everything it wrote was
 * rolled back, so nothing counts as stored; the records read so far and their errors stay visible.
 */
export function failedOutcome(tally: RunTally, errors: IngestErrorCollector, failure: string, source: string): IngestRunOutcome {
  const message = errors.clean(failure);
  // The fatal error is always kept, even past the cap: it is why the run failed.
  const fatal = { source: errors.clean(source), line: null, record: null, field: null, reason: message };
  return {
    status: 'FAILED',
    accepted: tally.accepted,
    rejected: tally.rejected,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    errorMessage: `${message}; nothing from this run was stored, the previous data is unchanged`,
    errors: [...errors.errors, fatal],
  };
}

const locate = (error: { source: string; line: number | null; record: number | null }): string =>
  error.line !== null ? `${error.source}:${error.line}` : error.record !== null ? `${error.source} record ${error.record}` : error.source;

const FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
};

/** One line for an error, without stack traces (and never a configuration value). */
export function describeFailure(error: unknown): string {
  // Readers wrap file-system errors; the errno cause says it more plainly. Duck-typed: errors from Node's
  // core may come from another realm (test sandboxes), where instanceof Error is false.
  for (let cause: unknown = error, depth = 0; typeof cause === 'object' && cause !== null && depth < 5; depth += 1) {
    const { code, path } = cause as NodeJS.ErrnoException;
    if (code && FILE_ERRORS[code]) return `cannot read ${path ?? 'the input'}: ${FILE_ERRORS[code]}`;
    cause = (cause as { cause?: unknown }).cause;
  }
  const { message, name } = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; name?: unknown };
  if (typeof message === 'string' && message) return message;
  return typeof name === 'string' && name ? name : String(error);
}
