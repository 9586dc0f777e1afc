import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The first directory on the way to `path` (itself included, when it is one) that a user who is neither its
 * owner nor in its group cannot enter: no execute bit for others. PostgreSQL refuses to run as root, so when
 * Postureboard runs as root the embedded server runs as the `postgres` user, which must reach its binaries
 * (in node_modules) and its data directory. Null when every directory on the way can be entered.
 */
export function firstUnenterableDirectory(path: string): string | null {
  const chain: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    chain.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const directory of chain) {
    let mode: number;
    try {
      const stats = statSync(directory);
      if (!stats.isDirectory()) continue;
      mode = stats.mode;
    } catch {
      return null; // not created yet: created below an enterable parent, with our own mode
    }
    if ((mode & 0o001) === 0) return directory;
  }
  return null;
}

/** Throws a one-line explanation and its fix when the embedded server could not reach `paths` as `postgres`. */
export function assertReachableByPostgres(paths: readonly string[], isRoot: boolean): void {
  if (!isRoot) return;
  for (const path of paths) {
    const blocked = firstUnenterableDirectory(path);
    if (blocked !== null) {
      throw new Error(
        `the embedded PostgreSQL runs as the "postgres" user when Postureboard runs as root, and cannot enter ${blocked} ` +
          `(no execute permission for others). Run as a normal user, or allow it in (chmod o+x ${blocked}), or set DATABASE_URL to your own PostgreSQL.`,
      );
    }
  }
}
