import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstUnenterableDirectory } from './postgres-reach.util.js';

describe('reaching the embedded PostgreSQL as the postgres user', () => {
  const root = mkdtempSync(join(tmpdir(), 'pb-reach-'));
  afterAll(() => {
    chmodSync(join(root, 'home'), 0o755);
    rmSync(root, { recursive: true, force: true });
  });

  it('names the first directory on the way that others cannot enter (a checkout under a 0700 home)', () => {
    chmodSync(root, 0o755);
    const checkout = join(root, 'home', 'ops', 'postureboard', 'node_modules');
    mkdirSync(checkout, { recursive: true });
    for (const dir of [join(root, 'home', 'ops'), join(root, 'home', 'ops', 'postureboard'), checkout]) chmodSync(dir, 0o755);
    expect(firstUnenterableDirectory(checkout)).toBeNull();
    chmodSync(join(root, 'home'), 0o700);
    expect(firstUnenterableDirectory(checkout)).toBe(join(root, 'home'));
    // A data directory not created yet is created below an enterable parent: no objection of its own.
    chmodSync(join(root, 'home'), 0o711);
    expect(firstUnenterableDirectory(join(checkout, 'not-yet', 'pg'))).toBeNull();
  });
});
