import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where uploads wait while they are ingested: `<tmp>/pb-upload-<pid>-<random>/`, one directory per request,
 * removed when the request ends. A process killed mid-upload (kill -9, the OOM killer) leaves its directory
 * behind — 437 MB of them were found — so each process also removes what dead processes left at start, and
 * its own on every way out (orderly shutdown, an uncaught error, `process.exit`).
 */
export const UPLOAD_PREFIX = 'pb-upload-';
/** Directories from before the pid was in the name are removed once nobody has touched them for this long. */
const LEGACY_AFTER_MS = 60 * 60_000;

const ownPrefix = (pid: number): string => `${UPLOAD_PREFIX}${pid}-`;

/** A fresh directory for one upload. */
export function makeUploadDirectory(root = tmpdir()): Promise<string> {
  return mkdtemp(join(root, ownPrefix(process.pid)));
}

/** Where multer writes multipart parts before the request handler moves them: this process's own. */
export function multipartDirectory(root = tmpdir()): string {
  const directory = join(root, `${ownPrefix(process.pid)}parts`);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  return directory;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes upload directories no live process owns: those of dead pids, this pid's (a previous process
 * that had the same pid, as every container's first process does — this one has no upload yet), and old
 * ones from before pids were in the name. Returns what it removed.
 */
export function removeOrphanUploads(root = tmpdir(), isAlive: (pid: number) => boolean = isProcessAlive, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(UPLOAD_PREFIX)) continue;
    const path = join(root, name);
    const pid = /^pb-upload-(\d+)-/.exec(name)?.[1];
    let orphan: boolean;
    if (pid !== undefined) {
      orphan = Number(pid) === process.pid || !isAlive(Number(pid));
    } else {
      const modified = safeMtime(path);
      orphan = modified !== null && now - modified > LEGACY_AFTER_MS;
    }
    if (!orphan) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Removes this process's upload directories, synchronously: it runs in the 'exit' event. */
export function removeOwnUploads(root = tmpdir()): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith(ownPrefix(process.pid))) rmSync(join(root, name), { recursive: true, force: true });
}

let exitHookInstalled = false;

/** Once per process: whatever ends it (short of SIGKILL), its upload directories go with it. */
export function removeOwnUploadsOnExit(root = tmpdir()): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => removeOwnUploads(root));
}

function safeMtime(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}
