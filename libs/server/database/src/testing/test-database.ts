import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../data-source/data-source.js';

/**
 * A fresh, migrated database per test file, on the server the run uses: DATABASE_URL when set (CI's
 * PostgreSQL), else the embedded server the Jest global setup started. Dropped again in `drop()`.
 */
export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

export function testServerUrl(): string {
  const url = process.env['DATABASE_URL'] ?? process.env['POSTUREBOARD_TEST_SERVER_URL'];
  if (!url) throw new Error('No test database server: set DATABASE_URL or run through the Jest global setup');
  return url;
}

const withDatabase = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

export async function createEmptyTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = testServerUrl();
  const name = `pb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyTestDatabase();
  const dataSource = createDataSource(empty.url, { poolSize: 4 });
  await dataSource.initialize();
  await migrate(dataSource);
  return {
    url: empty.url,
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await empty.drop();
    },
  };
}
