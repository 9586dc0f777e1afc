import { closeSync, createReadStream, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform, pipeline } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gunzip, gunzipSync } from 'node:zlib';
import { SourceTextDecoder, decodeSourceText } from './source-text.decoder.js';
import { INFLATE_RATIO_GRACE_BYTES, InputLimitError, type InputLimits, formatBytes, inputLimits } from './input-limits.js';

/** Large reads: the per-chunk overhead, not the disk, bounds parse throughput. */
const FILE_CHUNK_BYTES = 1 << 20;
const GUNZIP_CHUNK_BYTES = 1 << 18;
const gunzipAsync = promisify(gunzip);

export interface ReadOptions {
  signal?: AbortSignal;
  /** Bounds on decompression and record sizes (defaults: `DEFAULT_INPUT_LIMITS`). */
  limits?: Partial<InputLimits>;
}

/** Gzip is recognised by its magic bytes, so `.gz` files, S3 objects without a suffix and misnamed files all work. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return isGzip(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * UTF-8 text of a buffer (an S3 object), decompressed when gzipped, without a leading byte-order mark; a
 * document larger than `maxDocumentChars` (compressed or not) is refused rather than inflated.
 */
export function bufferToText(bytes: Buffer, source = 'the input', limits?: Partial<InputLimits>): string {
  const max = inputLimits(limits).maxDocumentChars;
  const refuse = (): InputLimitError =>
    new InputLimitError('TOO_LARGE', source, `${formatBytes(max)} of text`, `a document larger than ${formatBytes(max)} is not read in one piece`);
  let plain = bytes;
  if (isGzip(bytes)) {
    try {
      plain = gunzipSync(bytes, { maxOutputLength: max + 1 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw refuse();
      throw error;
    }
  }
  if (plain.length > max) throw refuse();
  return decodeSourceText(plain);
}

/**
 * The whole (decompressed) text of a file, for documents that are parsed whole: streamed, and refused past
 * `maxDocumentChars` (all of a document's values are held at once).
 */
export async function readText(path: string, options: ReadOptions = {}): Promise<string> {
  const max = inputLimits(options.limits).maxDocumentChars;
  let text = '';
  for await (const chunk of readTextChunks(path, options)) {
    text += chunk;
    if (text.length > max) {
      throw new InputLimitError(
        'TOO_LARGE',
        path,
        `line ${lineAt(text, max)}`,
        `a JSON document larger than ${formatBytes(max)} is not read in one piece (send JSON lines instead)`,
      );
    }
  }
  return text;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

/**
 * Files whose (decompressed) text is at most this size are read in one piece: a stream costs
 * several asynchronous steps per chunk, and a daily log file is a few megabytes. Larger files are streamed.
 */
export const WHOLE_TEXT_MAX_BYTES = 32 << 20;

/**
 * The whole (decompressed) text of a file when it is at most `maxBytes`, read without a stream; null when it
 * is larger, or cannot be read or decompressed in one piece (a truncated gzip file): the caller then streams
 * it, which keeps what can be read and reports the error as it always has. Reading and inflating happen off
 * the main thread (libuv's pool): inflating 32 MiB synchronously held the event loop for over 100 ms.
 */
export async function readWholeText(path: string, options: ReadOptions = {}, maxBytes = WHOLE_TEXT_MAX_BYTES): Promise<string | null> {
  options.signal?.throwIfAborted();
  let bytes: Buffer;
  try {
    const small = readSmallFile(path, maxBytes);
    if (small === 'not a file') return null;
    if (small !== null) {
      bytes = small;
    } else {
      // Only regular files: opening a named pipe would block until a writer came.
      if (!(await stat(path)).isFile()) return null;
      const handle = await open(path, 'r');
      try {
        if ((await handle.stat()).size > maxBytes) return null;
        bytes = await handle.readFile();
      } finally {
        await handle.close();
      }
    }
    if (isGzip(bytes)) {
      const limits = inputLimits(options.limits);
      const compressed = bytes.length;
      const maxOutputLength = Math.max(Math.min(maxBytes, limits.maxInflatedBytes), 1);
      bytes = inflateSmall(bytes, maxOutputLength) ?? (await gunzipAsync(bytes, { maxOutputLength }));
      // Past a decompression limit: the stream refuses it, naming the limit.
      if (bytes.length > INFLATE_RATIO_GRACE_BYTES && bytes.length > limits.maxInflateRatio * compressed) return null;
    }
    if (bytes.length > maxBytes) return null;
  } catch {
    options.signal?.throwIfAborted();
    return null;
  }
  return decodeSourceText(bytes);
}

/**
 * Files of at most this many bytes on disk are read synchronously, and inflated so up to `SYNC_INFLATE_MAX_BYTES`:
 * a few milliseconds of the event loop, where the thread pool's round trips (stat, open, read, close, inflate)
 * cost more in waiting on a busy machine than the work itself (CloudTrail delivers files of tens of KiB).
 */
const SYNC_READ_MAX_BYTES = 1 << 20;
const SYNC_INFLATE_MAX_BYTES = 4 << 20;

/**
 * Whether `readWholeText` would read the file synchronously (a regular file of at most `SYNC_READ_MAX_BYTES`
 * and `maxBytes`): reading such a file ahead overlaps nothing. False when it cannot be judged (a missing file).
 */
export function readsSynchronously(path: string, maxBytes = WHOLE_TEXT_MAX_BYTES): boolean {
  try {
    const info = statSync(path);
    return info.isFile() && info.size <= Math.min(SYNC_READ_MAX_BYTES, maxBytes);
  } catch {
    return false;
  }
}

/** The bytes of a regular file of at most `SYNC_READ_MAX_BYTES` (and `maxBytes`), read synchronously; null when it is larger. */
function readSmallFile(path: string, maxBytes: number): Buffer | 'not a file' | null {
  const info = statSync(path);
  if (!info.isFile()) return 'not a file';
  if (info.size > Math.min(SYNC_READ_MAX_BYTES, maxBytes)) return null;
  const fd = openSync(path, 'r');
  try {
    // The file may have grown since: judged again on what was opened.
    if (fstatSync(fd).size > Math.min(SYNC_READ_MAX_BYTES, maxBytes)) return null;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** `bytes` inflated synchronously when that yields at most `SYNC_INFLATE_MAX_BYTES` (and `maxOutputLength`); null when it yields more. */
function inflateSmall(bytes: Buffer, maxOutputLength: number): Buffer | null {
  try {
    return gunzipSync(bytes, { maxOutputLength: Math.min(maxOutputLength, SYNC_INFLATE_MAX_BYTES) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
    throw error;
  }
}

/**
 * The (decompressed) text of a file as a stream of chunks: never the whole file in memory. A gzip file is
 * inflated as a stream and refused once it inflates past `maxInflatedBytes`, or past `maxInflateRatio`
 * times the compressed bytes read so far (a bomb is stopped after a few MiB, not after its gigabytes).
 */
export async function* readTextChunks(path: string, options: ReadOptions = {}): AsyncGenerator<string> {
  const gzipped = await isGzipFile(path);
  const file = createReadStream(path, { highWaterMark: FILE_CHUNK_BYTES, signal: options.signal });
  if (!gzipped) {
    yield* decodeChunks(file);
    return;
  }
  const limits = inputLimits(options.limits);
  let compressed = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      compressed += chunk.length;
      done(null, chunk);
    },
  });
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  // pipeline (unlike pipe) carries a read error or an abort of the file into the gunzip stream we iterate.
  pipeline(file, counter, gunzip, () => undefined);
  yield* decodeChunks(boundedInflation(gunzip, path, limits, () => compressed));
}

async function* boundedInflation(
  gunzip: AsyncIterable<Buffer>,
  path: string,
  limits: InputLimits,
  compressed: () => number,
): AsyncGenerator<Buffer> {
  let inflated = 0;
  for await (const chunk of gunzip) {
    inflated += chunk.length;
    if (inflated > limits.maxInflatedBytes) {
      throw new InputLimitError(
        'TOO_LARGE',
        path,
        `${formatBytes(inflated)} of decompressed text`,
        `the file inflates to more than ${formatBytes(limits.maxInflatedBytes)} (POSTUREBOARD_INGEST_MAX_INFLATED_BYTES)`,
      );
    }
    if (inflated > INFLATE_RATIO_GRACE_BYTES && inflated > limits.maxInflateRatio * compressed()) {
      throw new InputLimitError(
        'TOO_LARGE',
        path,
        `${formatBytes(inflated)} of decompressed text`,
        `the file inflates more than ${limits.maxInflateRatio} times its compressed size (POSTUREBOARD_INGEST_MAX_INFLATE_RATIO): a decompression bomb?`,
      );
    }
    yield chunk;
  }
}

/**
 * Decodes a byte stream as the text it is (UTF-8, or UTF-16 by its byte-order mark or its zero bytes), a
 * character split across chunks carried over; bytes that are not UTF-8 are marked (`NOT_UTF8_MARK`).
 */
export async function* decodeChunks(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new SourceTextDecoder();
  let first = true;
  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (first && text.length > 0) {
      text = stripBom(text);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
