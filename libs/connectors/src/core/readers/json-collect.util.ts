import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CollectContext } from '../connector.js';
import type { CollectedRecord, Observation, SourceLocation } from '../observation.js';
import { flattenBatches } from '../util/flat-batches.util.js';
import { walkFiles } from './json-files.reader.js';
import { type JsonRecord, type JsonRecordsOptions, readJsonRecordBatches } from './json-records.reader.js';
import { readWholeText, readsSynchronously } from './json-text.reader.js';
import { RecordRejection, messageOf } from './json-value.util.js';

/** Maps one parsed record to its observations, or throws a `RecordRejection` saying why it cannot. */
export type RecordMapper = (value: unknown, location: SourceLocation) => readonly Observation[];

/**
 * Turns one record into collected records: its observations (sharing its location) or one rejection.
 * A mapper's unexpected failure rejects only that record: one odd record must not cost the run.
 */
export function mapRecord(value: unknown, location: SourceLocation, map: RecordMapper): CollectedRecord[] {
  const out: CollectedRecord[] = [];
  mapRecordInto(out, value, location, map);
  return out;
}

function mapRecordInto(out: CollectedRecord[], value: unknown, location: SourceLocation, map: RecordMapper): void {
  try {
    const observations = map(value, location);
    if (observations.length === 0) {
      out.push({ accepted: false, location, reason: 'the record yields no observation' });
      return;
    }
    for (const observation of observations) out.push({ accepted: true, observation, location });
  } catch (error) {
    if (error instanceof RecordRejection) {
      out.push({ accepted: false, location: error.field ? { ...location, field: error.field } : location, reason: error.reason });
    } else {
      out.push({ accepted: false, location, reason: `could not read the record: ${messageOf(error)}` });
    }
  }
}

/** One page of an API listing: its records, where they came from (its URL, without secrets) and the index of its first record in the whole listing. */
export interface ListingPage {
  source: string;
  offset: number;
  records: unknown[];
}

/**
 * Walks each listing's pages in order and maps every record, located by page URL and index in the listing;
 * records `skip` says hold nothing to track (not bad records) are passed over.
 */
export async function* collectListings(
  listings: readonly string[],
  pagesOf: (listing: string) => AsyncIterable<ListingPage>,
  map: RecordMapper,
  skip: (value: unknown) => boolean = () => false,
): AsyncGenerator<CollectedRecord> {
  for (const listing of listings) {
    for await (const page of pagesOf(listing)) {
      for (const [index, record] of page.records.entries()) {
        if (skip(record)) continue;
        yield* mapRecord(record, { source: page.source, record: page.offset + index }, map);
      }
    }
  }
}

/** Maps a batch of JSON records at once; unreadable ones become rejections with their location. */
export function collectJsonBatch(records: readonly JsonRecord[], map: RecordMapper, out: CollectedRecord[] = []): CollectedRecord[] {
  for (const record of records) {
    if (record.ok) mapRecordInto(out, record.value, record.location, map);
    else out.push({ accepted: false, location: record.location, reason: record.reason });
  }
  return out;
}

/** Maps a stream of JSON records; unreadable ones become rejections with their location. */
export async function* collectJsonRecords(
  records: AsyncIterable<JsonRecord> | Iterable<JsonRecord>,
  map: RecordMapper,
): AsyncGenerator<CollectedRecord> {
  for await (const record of records) {
    if (!record.ok) {
      yield { accepted: false, location: record.location, reason: record.reason };
      continue;
    }
    yield* mapRecord(record.value, record.location, map);
  }
}

export interface JsonFilesOptions {
  /** How each file is read (`format`, `unwrap`); the run's signal is passed on. */
  read?: Omit<JsonRecordsOptions, 'signal'>;
  /** Directory names not entered (e.g. CloudTrail's `CloudTrail-Digest`). */
  skipDirectory?: (name: string) => boolean;
  /** Why a file found while walking a folder is not read (one rejection), or null to read it. */
  rejectFile?: (file: string) => string | null;
  /** How long reading may go on before it lets the event loop turn (default 20 ms). */
  turnEveryMs?: number;
}

/**
 * The collected records of a file, or of every file under a folder in walk order: each file's records are
 * read and mapped a whole batch at a time (one file, or one chunk of a large one), with no asynchronous
 * step per record. Same records, order and locations as `collectJsonRecords` over `readJsonRecords`.
 */
export function collectJsonFiles(path: string, context: CollectContext, options: JsonFilesOptions, map: RecordMapper): AsyncIterableIterator<CollectedRecord> {
  return flattenBatches(jsonFileBatches(path, context, options, map));
}

/**
 * The files of a walk, each with its text being read (and inflated, in the thread pool) while the one before it is
 * parsed, and the walk (a directory listing per CloudTrail day) going on meanwhile: reading and listing are then no
 * longer time the parse waits for. At most one file is read ahead.
 *
 * A small file (`readsSynchronously`: CloudTrail's files of tens of KiB) is not read ahead: it would be read on this
 * thread all the same, and its text would only live through the parse of the file before it, long enough to be
 * promoted to the old generation (measured on CloudTrail files of 2,000 records: 118 MB promoted by scavenges for
 * 177 MB of JSON read ahead, 67 MB read in turn; plain JSON.parse of the same files: 30 MB).
 */
async function* readAhead(
  files: AsyncIterable<string>,
  read: JsonRecordsOptions,
  toRead: (file: string) => boolean,
): AsyncGenerator<{ file: string; wholeText?: Promise<string | null> }> {
  // A failed read ahead is null: the file is then streamed, which reports the failure (or the abort) as it always has.
  const start = (file: string): Promise<string | null> | undefined =>
    toRead(file) && !readsSynchronously(file, read.wholeTextMaxBytes) ? readWholeText(file, read, read.wholeTextMaxBytes).catch(() => null) : undefined;
  const walk = files[Symbol.asyncIterator]();
  const step = (): Promise<IteratorResult<string>> => {
    const next = walk.next();
    // Awaited below; until then a failure (a listing error, the abort) must not count as unhandled.
    next.catch(() => undefined);
    return next;
  };
  let listed = step();
  let ahead: { file: string; wholeText?: Promise<string | null> } | null = null;
  try {
    for (let result = await listed; !result.done; result = await listed) {
      const next = { file: result.value, wholeText: start(result.value) };
      listed = step();
      if (ahead !== null) yield ahead;
      ahead = next;
    }
    if (ahead !== null) yield ahead;
  } finally {
    await walk.return?.();
  }
}

/**
 * Files are read synchronously, so a folder of them could otherwise be read through without the event loop
 * turning once: after this long, the next batch waits for a turn (timers, the run's abort, other requests).
 */
const TURN_EVERY_MS = 20;

async function* jsonFileBatches(path: string, context: CollectContext, options: JsonFilesOptions, map: RecordMapper): AsyncGenerator<CollectedRecord[]> {
  const read: JsonRecordsOptions = { ...options.read, signal: context.signal, limits: context.limits };
  let turned = performance.now();
  const rejectedOf = (file: string): string | null => (file === path ? null : (options.rejectFile?.(file) ?? null));
  const files = walkFiles(path, { signal: context.signal, skipDirectory: options.skipDirectory });
  for await (const { file, wholeText } of readAhead(files, read, (file) => rejectedOf(file) === null)) {
    const rejected = rejectedOf(file);
    if (rejected !== null) {
      yield [{ accepted: false, location: { source: file }, reason: rejected }];
      continue;
    }
    for await (const records of readJsonRecordBatches(file, { ...read, wholeText })) {
      yield collectJsonBatch(records, map);
      if (performance.now() - turned >= (options.turnEveryMs ?? TURN_EVERY_MS)) {
        await nextTurn();
        turned = performance.now();
      }
    }
  }
}
