import { rmSync } from 'node:fs';
import pg from 'pg';

const stopped = (server) =>
  new Promise((resolve) => {
    if (server.exitCode !== null) return resolve();
    const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
    server.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    server.kill('SIGTERM');
  });

export default async function globalTeardown() {
  const state = globalThis.__POSTUREBOARD_E2E__;
  if (!state) return;
  await stopped(state.server);
  if (state.database) {
    const admin = new pg.Client({ connectionString: state.serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${state.database.name} WITH (FORCE)`);
    await admin.end();
  }
  if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
}
