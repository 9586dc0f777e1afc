import { mkdtempSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord, Observation } from '../core/observation.js';

/** Everything a connector or file source yields, in order. */
export async function collectAll(iterable: AsyncIterable<CollectedRecord>): Promise<CollectedRecord[]> {
  const out: CollectedRecord[] = [];
  for await (const record of iterable) out.push(record);
  return out;
}

/** Everything a file source yields for one path. */
export const collectFile = (source: Pick<FileSource, 'collectFile'>, path: string, context: CollectContext): Promise<CollectedRecord[]> =>
  collectAll(source.collectFile(path, context));

export const observationsOf = (records: readonly CollectedRecord[]): Observation[] => records.flatMap((record) => (record.accepted ? [record.observation] : []));

/** Each rejection as `line/record field reason` (`-` for what the location lacks), for exact expectations. */
export const rejectionsOf = (records: readonly CollectedRecord[]): string[] =>
  records.flatMap((record) => (record.accepted ? [] : [`${record.location.line ?? '-'}/${record.location.record ?? '-'} ${record.location.field ?? '-'} ${record.reason}`]));

/** Writes `text` as `name` in a fresh temporary folder and returns the file's path. */
export function writeTempFile(name: string, text: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pb-connector-')), name);
  writeFileSync(path, text);
  return path;
}

/** Writes each of `files` (name → content) into one fresh temporary folder and returns the folder's path. */
export function writeTempFolder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pb-connector-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A request's `application/x-www-form-urlencoded` body (token endpoints). */
export const formBody = (request: IncomingMessage): Promise<URLSearchParams> =>
  new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => resolve(new URLSearchParams(text)));
    request.on('error', reject);
  });
