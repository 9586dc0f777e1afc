import { closeSync, createReadStream, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';

/** Large reads: the per-chunk overhead, not the disk, bounds parse throughput. */
const FILE_CHUNK_BYTES = 1 << 20;
const GUNZIP_CHUNK_BYTES = 1 << 18;

export interface ReadOptions {
  signal?: AbortSignal;
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

/** UTF-8 text of a buffer, decompressed when gzipped, without a leading byte-order mark. */
export function bufferToText(bytes: Buffer): string {
  const plain = isGzip(bytes) ? gunzipSync(bytes) : bytes;
  return stripBom(plain.toString('utf8'));
}

/** The whole (decompressed) text of a file: for documents that are parsed in one piece. */
export async function readText(path: string, options: ReadOptions = {}): Promise<string> {
  return bufferToText(await readFile(path, { signal: options.signal }));
}

/**
 * Files whose (decompressed) text is at most this size are read in one piece, synchronously: a stream costs
 * several asynchronous steps per chunk, and a daily log file is a few megabytes. Larger files are streamed.
 */
export const WHOLE_TEXT_MAX_BYTES = 32 << 20;

/**
 * The whole (decompressed) text of a file when it is at most `maxBytes`, read without a stream; null when it
 * is larger, or cannot be read or decompressed in one piece (a truncated gzip file): the caller then streams
 * it, which keeps what can be read and reports the error as it always has.
 */
export function readWholeTextSync(path: string, options: ReadOptions = {}, maxBytes = WHOLE_TEXT_MAX_BYTES): string | null {
  options.signal?.throwIfAborted();
  let bytes: Buffer;
  try {
    // Only regular files: opening a named pipe would block until a writer came.
    if (!statSync(path).isFile()) return null;
    const fd = openSync(path, 'r');
    try {
      if (fstatSync(fd).size > maxBytes) return null;
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
    if (isGzip(bytes)) bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
  return stripBom(bytes.toString('utf8'));
}

/** The (decompressed) text of a file as a stream of chunks: never the whole file in memory. */
export async function* readTextChunks(path: string, options: ReadOptions = {}): AsyncGenerator<string> {
  const gzipped = await isGzipFile(path);
  const file = createReadStream(path, { highWaterMark: FILE_CHUNK_BYTES, signal: options.signal });
  if (!gzipped) {
    yield* decodeChunks(file);
    return;
  }
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  // pipeline (unlike pipe) carries a read error or an abort of the file into the gunzip stream we iterate.
  pipeline(file, gunzip, () => undefined);
  yield* decodeChunks(gunzip);
}

/** Decodes a byte stream as UTF-8; a character split across chunks is carried over. */
export async function* decodeChunks(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
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
