// Starts the real server (dist/apps/api/src/main.js) once for the whole browser suite. Plain ESM
// JavaScript because Jest loads global setup outside its module system.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import globalTeardown from './global-teardown.mjs';

const root = new URL('../../../../', import.meta.url).pathname;
const serverEntry = join(root, 'dist/apps/api/src/main.js');
const webRoot = join(root, 'dist/web');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function createDatabase(serverUrl) {
  const name = `pb_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

async function waitForReady(baseUrl, server, log, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}) before it was ready:\n${log.join('')}`);
    try {
      const response = await globalThis.fetch(`${baseUrl}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The server was not ready within ${timeoutMs / 1000}s:\n${log.join('')}`);
}

export default async function globalSetup() {
  // Point the suite at a server that is already running (e.g. `npm start`) instead of starting one.
  if (process.env.E2E_EXTERNAL_URL) {
    process.env.E2E_BASE_URL = process.env.E2E_EXTERNAL_URL.replace(/\/$/, '');
    return;
  }
  // The suite tests what `npm start` serves, so it builds once unless told the build is fresh.
  if (process.env.E2E_SKIP_BUILD !== '1') {
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  if (!existsSync(serverEntry) || !existsSync(join(webRoot, 'index.html'))) {
    throw new Error('No build found: run `npm run build` first (dist/apps/api and dist/web)');
  }

  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    POSTUREBOARD_WEB_ROOT: webRoot,
    POSTUREBOARD_SEED_DEMO: 'true',
    // The suite's own receivers (a webhook on 127.0.0.1) are private addresses the outbound gate refuses unless
    // named, as a private deployment names its internal hosts.
    POSTUREBOARD_OUTBOUND_ALLOW: '127.0.0.0/8,::1',
    POSTUREBOARD_ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL ?? 'admin@postureboard.test',
    POSTUREBOARD_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD ?? `e2e-${randomBytes(12).toString('hex')}`,
  };
  let database;
  let dataDir;
  if (process.env.DATABASE_URL) {
    database = await createDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = database.url;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'postureboard-e2e-'));
    env.POSTUREBOARD_DATA_DIR = dataDir;
    delete env.DATABASE_URL;
  }

  // The server's output goes to a git-ignored file beside the screenshots, for when a test fails.
  mkdirSync(join(root, 'apps/web-e2e/screenshots'), { recursive: true });
  const logFile = createWriteStream(join(root, 'apps/web-e2e/screenshots/server.log'));
  const log = [];
  const server = spawn(process.execPath, [serverEntry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [server.stdout, server.stderr]) {
    stream.on('data', (chunk) => {
      if (log.length < 200) log.push(chunk.toString());
      logFile.write(chunk);
    });
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  globalThis.__POSTUREBOARD_E2E__ = { server, database, dataDir, serverUrl: process.env.DATABASE_URL, log };
  try {
    await waitForReady(baseUrl, server, log, 180_000);
  } catch (error) {
    // Jest skips global teardown when setup fails: clean up here.
    await globalTeardown();
    throw error;
  }

  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_ADMIN_EMAIL = env.POSTUREBOARD_ADMIN_EMAIL;
  process.env.E2E_ADMIN_PASSWORD = env.POSTUREBOARD_ADMIN_PASSWORD;
}
