import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { IngestError, IngestErrorCode } from '../ingest.error.js';

/** The part of a multer file the upload needs (multer has saved it to disk already). */
export interface MultipartFile {
  path: string;
  originalname: string;
  size: number;
}

export interface ReceivedUpload {
  path: string;
  /** The name it was sent under: keeps the extension file sources look at (`.json.gz`). */
  name: string;
  size: number;
}

/** Whether a parsed JSON value nests arrays and objects deeper than `max`, walked without recursion. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: next, depth } = stack.pop()!;
    if (typeof next !== 'object' || next === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(next) ? next : Object.values(next)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** Upload names become file names: no directories, nothing hidden, nothing a shell would trip on. */
export function safeUploadName(name: string | undefined, fallback: string): string {
  const cleaned = basename(name ?? '')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '');
  return cleaned.slice(-120) || fallback;
}

const tooLarge = (limit: number): IngestError =>
  new IngestError(IngestErrorCode.UPLOAD_TOO_LARGE, `The upload is larger than the limit of ${Math.floor(limit / 1024 / 1024)} MiB`);

/**
 * Puts the request's file into `directory`: a multipart `file` part (already stored by multer), a body the
 * JSON parser has consumed, or a raw body streamed to disk with a byte limit (never held in memory).
 */
export async function receiveUpload(
  request: Request,
  directory: string,
  options: { limitBytes: number; file?: MultipartFile; filename?: string; fallbackName: string; maxDepth: number },
): Promise<ReceivedUpload> {
  if (options.file) {
    const name = safeUploadName(options.file.originalname, options.fallbackName);
    const path = join(directory, name);
    await rename(options.file.path, path);
    return { path, name, size: options.file.size };
  }
  const name = safeUploadName(options.filename, options.fallbackName);
  const path = join(directory, name);
  if (request.readableEnded) {
    // express.json() read it already (Content-Type: application/json): the parsed document is the file.
    if (request.body === undefined || (typeof request.body === 'object' && request.body !== null && Object.keys(request.body).length === 0)) {
      throw new IngestError(IngestErrorCode.INVALID_INPUT, 'The upload is empty: send the file as the request body or as a multipart "file" part');
    }
    // JSON.stringify recurses: a 40,000-deep body would overflow the stack (a 500) instead of being refused.
    if (nestedDeeperThan(request.body, options.maxDepth)) {
      throw new IngestError(IngestErrorCode.INPUT_UNPROCESSABLE, `upload:${name}: refused at line 1: JSON nested deeper than ${options.maxDepth} levels`);
    }
    const text = JSON.stringify(request.body);
    await writeFile(path, text);
    return { path, name, size: Buffer.byteLength(text) };
  }
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > options.limitBytes) throw tooLarge(options.limitBytes);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > options.limitBytes ? tooLarge(options.limitBytes) : null, chunk);
    },
  });
  const out = createWriteStream(path, { mode: 0o600 });
  try {
    await pipeline(request, limit, out);
  } catch (error) {
    if (!out.closed) await once(out, 'close').catch(() => undefined);
    throw error;
  }
  if (size === 0) throw new IngestError(IngestErrorCode.INVALID_INPUT, 'The upload is empty: send the file as the request body or as a multipart "file" part');
  return { path, name, size };
}
