import { type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface WalkOptions {
  signal?: AbortSignal;
  /** Directory names not entered (e.g. CloudTrail's `CloudTrail-Digest`). */
  skipDirectory?: (name: string) => boolean;
}

/**
 * The files under a path, depth first in byte order of their names: runs over the same tree read it in
 * the same order, and CloudTrail's `Y/M/D` layout comes out in time order. A file path yields itself.
 * Hidden entries (`.DS_Store`, `.git`) are not data and are passed over.
 */
export async function* walkFiles(path: string, options: WalkOptions = {}): AsyncGenerator<string> {
  const info = await stat(path);
  if (!info.isDirectory()) {
    yield path;
    return;
  }
  yield* walkDirectory(path, options);
}

async function* walkDirectory(directory: string, options: WalkOptions): AsyncGenerator<string> {
  options.signal?.throwIfAborted();
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    const kind = await entryKind(entry, path);
    if (kind === 'directory') {
      if (!options.skipDirectory?.(entry.name)) yield* walkDirectory(path, options);
    } else if (kind === 'file') {
      yield path;
    }
  }
}

/** Symbolic links to files are followed; links to directories are not, so a link cycle cannot loop forever. */
async function entryKind(entry: Dirent, path: string): Promise<'file' | 'directory' | 'other'> {
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (entry.isSymbolicLink()) {
    const target = await stat(path).catch(() => null);
    return target?.isFile() ? 'file' : 'other';
  }
  return 'other';
}
