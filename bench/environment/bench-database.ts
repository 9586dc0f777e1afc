import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from '@postureboard/server-database';

export interface BenchDatabase {
  url: string;
  /** `DATABASE_URL` or `embedded`. */
  server: string;
  postgresVersion: string;
  /** Drops the database (or stops the embedded server and deletes its data) unless asked to keep it. */
  dispose(keep: boolean): Promise<void>;
}

const withDatabase = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

/**
 * A fresh database for one run: a new database on the DATABASE_URL server when one is set, else an embedded
 * PostgreSQL in a temporary data directory. Never an existing database: the figures must not depend on its past.
 */
export async function createBenchDatabase(scale: string): Promise<BenchDatabase> {
  const configured = process.env['DATABASE_URL'];
  let serverUrl: string;
  let stopServer = async (): Promise<void> => undefined;
  let dataDir: string | null = null;
  if (configured) {
    serverUrl = configured;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'postureboard-bench-'));
    chmodSync(dataDir, 0o711);
    const embedded = await startEmbeddedDatabase(dataDir);
    serverUrl = embedded.url;
    stopServer = () => embedded.stop();
  }
  const name = `pb_bench_${scale}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    server: configured ? 'DATABASE_URL' : `embedded (${dataDir})`,
    postgresVersion: rows[0]!.server_version,
    dispose: async (keep) => {
      if (keep) return;
      if (configured) {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
        return;
      }
      await stopServer();
      rmSync(dataDir!, { recursive: true, force: true });
    },
  };
}
