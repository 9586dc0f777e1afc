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
