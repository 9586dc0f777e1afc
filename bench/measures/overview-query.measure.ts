import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Measure } from '../output/bench-result.js';
import { median, ratio, round } from '../output/bench-stats.util.js';

/**
 * The API replica's Node options as docker/compose.yaml deploys it (its `NODE_OPTIONS`, `${API_HEAP_MB:-N}` at
 * its default): the bench measures the API as it runs in production, and fails rather than measure another one.
 */
export function deployedApiNodeOptions(repoRoot: string): string[] {
  const compose = readFileSync(join(repoRoot, 'docker/compose.yaml'), 'utf8');
  const line = /NODE_OPTIONS: (.*\$\{API_HEAP_MB:-\d+\}.*)/.exec(compose);
  if (!line) throw new Error('docker/compose.yaml sets no API_HEAP_MB for the api service; the bench measures the API as it is deployed');
  return line[1]!.trim().replace(/\$\{API_HEAP_MB:-(\d+)\}/, '$1').split(/\s+/);
}

/** The web app's overview document, read from its source so the benchmark always sends what the page sends. */
export function overviewDocument(root: string): string {
  const source = readFileSync(join(root, 'apps/web/src/features/overview/overview.documents.ts'), 'utf8');
  const document = /OVERVIEW_QUERY = gql<[^>]*>\(`([\s\S]*?)`\)/.exec(source)?.[1];
  if (!document) throw new Error('OVERVIEW_QUERY not found in overview.documents.ts');
  // Fragments are interpolated from constants of the same file.
  return document.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const fragment = new RegExp(`const ${name} = (?:/\\* GraphQL \\*/ )?\`([\\s\\S]*?)\``).exec(source)?.[1];
    if (fragment === undefined) throw new Error(`${name} not found in overview.documents.ts`);
    return fragment;
  });
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ApiServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<{ peakRssMb: number | null }>;
}

/**
 * The real server (`dist/…/apps/api/src/main.js`) on a free loopback port, against the bench database; its
 * output (warnings and errors) goes to `logFile`, kept beside the results.
 */
export async function startApi(mainJs: string, databaseUrl: string, logFile: string, nodeOptions: readonly string[]): Promise<ApiServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'postureboard-bench-api-'));
  const output = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeOptions, mainJs], {
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      POSTUREBOARD_DATA_DIR: dataDir,
      POSTUREBOARD_SECRET_KEY: randomBytes(32).toString('base64'),
      POSTUREBOARD_SEED_DEMO: 'false',
      // The API only reads: evaluations belong to workers (here, the bench process), and so does their memory.
      POSTUREBOARD_IN_PROCESS_WORKER: 'false',
      // One token hammering the API from 10 connections is the load, not an abuse to throttle: measure the work.
      POSTUREBOARD_GRAPHQL_COST_PER_MINUTE: String(1e12),
      POSTUREBOARD_ADMIN_EMAIL: 'admin@bench-corp.example',
      POSTUREBOARD_ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', output, output],
  });
  closeSync(output);
  const url = `http://127.0.0.1:${port}`;
  let stopped: Promise<{ peakRssMb: number | null }> | null = null;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode} while starting`);
    if (Date.now() > deadline) throw new Error('the API did not become ready within 180 s');
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok).catch(() => false);
    if (ready) break;
    await sleep(500);
  }
  return {
    url,
    process: child,
    stop: () => (stopped ??= stop()),
  };

  async function stop(): Promise<{ peakRssMb: number | null }> {
      // VmHWM: the peak resident set of the server process over its life.
      const status = child.pid && child.exitCode === null ? readFileSync(`/proc/${child.pid}/status`, 'utf8') : '';
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      return { peakRssMb: hwm ? Math.round(Number(hwm[1]) / 1024) : null };
  }
}

interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  completed: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, token: string, body: string, seconds: number): Promise<LoadFigures> {
  const result = await autocannon({
    url: `${url}/graphql`,
    connections: 10,
    duration: seconds,
    timeout: 120,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  return {
    requestsPerSecond: round(result['2xx'] / result.duration, 1)!,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    completed: result['2xx'],
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * One GraphQL POST, timed. A connection the server closed while it sat idle in the client's pool (the server's
 * keep-alive timeout ran out while this process was busy, say ingesting, and never read the close) fails before
 * any byte is answered: that request is sent once more on a new connection, as a browser does. Anything else
 * fails the measure.
 */
export async function post(url: string, token: string, body: string): Promise<{ ms: number; json: { data?: unknown; errors?: { message: string }[] } }> {
  const start = performance.now();
  const send = () => fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  const response = await send().catch((error: unknown) => {
    if (!isStaleConnection(error)) throw error;
    return send();
  });
  const json = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
  return { ms: performance.now() - start, json };
}

/** undici's "fetch failed" caused by the peer having closed a pooled connection (no response was read). */
function isStaleConnection(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return (cause?.code === 'UND_ERR_SOCKET' || cause?.code === 'ECONNRESET' || cause?.code === 'EPIPE' || /other side closed/.test(cause?.message ?? ''));
}

/**
 * Waits until requests abandoned by a finished load run have drained (autocannon closes its connections,
 * the server finishes what it started): no query of the API's left running in PostgreSQL and the trivial
 * query quick again, three checks in a row.
 */
async function settle(url: string, token: string, trivial: string, databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + 900_000;
    let quiet = 0;
    while (quiet < 3 && Date.now() < deadline) {
      const { rows } = await client.query<{ busy: number }>(
        `SELECT count(*)::int AS busy FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() AND application_name = 'postureboard'`,
      );
      const { ms } = await post(url, token, trivial);
      quiet = rows[0]!.busy === 0 && ms < 100 ? quiet + 1 : 0;
      await sleep(quiet ? 300 : 2000);
    }
  } finally {
    await client.end();
  }
}

/**
 * The overview page's query (posture + scoreHistory) under load, 10 connections on loopback for `seconds`,
 * against `{ __typename }` on the same server; three alternating runs of each, after a warm-up.
 */
export async function measureOverviewQuery(
  api: ApiServer,
  token: string,
  query: { document: string; org: string; databaseUrl: string },
  seconds: number,
  log: (line: string) => void,
): Promise<Measure> {
  const overview = JSON.stringify({ operationName: 'OverviewPage', query: query.document, variables: { org: query.org } });
  const trivial = JSON.stringify({ query: '{ __typename }' });
  const single: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { ms, json } = await post(api.url, token, overview);
    if (json.errors?.length) throw new Error(`the overview query failed: ${json.errors.map((e) => e.message).join('; ')}`);
    // The first request warms the server (JIT, pool, fonts): reported, not in the median.
    single.push(ms);
  }
  const ours: LoadFigures[] = [];
  const base: LoadFigures[] = [];
  const singleMs = median(single.slice(1));
  // Ten connections each waiting for one answer slower than the whole run: nothing can complete, and the
  // abandoned evaluations would only pile up in the server. Recorded as zero, not run.
  const hopeless = singleMs > seconds * 1000;
  for (let trial = 1; trial <= 3; trial++) {
    base.push(await load(api.url, token, trivial, seconds));
    await settle(api.url, token, trivial, query.databaseUrl);
    if (hopeless) {
      ours.push({ requestsPerSecond: 0, p50Ms: singleMs, p99Ms: singleMs, completed: 0, errors: 0, non2xx: 0 });
    } else {
      ours.push(await load(api.url, token, overview, seconds));
      await settle(api.url, token, trivial, query.databaseUrl);
    }
    log(`  trial ${trial}: overview ${ours.at(-1)!.requestsPerSecond} req/s p99 ${ours.at(-1)!.p99Ms} ms; { __typename } ${base.at(-1)!.requestsPerSecond} req/s p99 ${base.at(-1)!.p99Ms} ms`);
  }
  // A run in which nothing completed has no latency figure: its p99 is at least the run itself, not 0.
  const latency = (run: LoadFigures, value: number) => (run.completed > 0 ? value : Math.max(seconds * 1000, singleMs));
  const pick = (runs: LoadFigures[]) => ({
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    p99Ms: median(runs.map((r) => latency(r, r.p99Ms))),
    p50Ms: median(runs.map((r) => latency(r, r.p50Ms))),
    runs,
  });
  const o = pick(ours);
  const b = pick(base);
  const r = ratio(o.requestsPerSecond, b.requestsPerSecond);
  const anyCompleted = ours.some((run) => run.completed > 0);
  return {
    ours: {
      ...o,
      singleRequestMs: round(singleMs, 1),
      loadRunSkipped: hopeless ? `one overview request takes ${Math.round(singleMs)} ms, longer than a ${seconds} s run` : undefined,
      firstRequestMs: round(single[0]!, 1),
      connections: 10,
      durationSeconds: seconds,
    },
    baseline: { ...b, query: '{ __typename }' },
    ratio: r,
    ratioOf: 'requestsPerSecond',
    targets: [
      {
        goal: 'overview ≥ 50% of the trivial query’s throughput',
        met: r === null ? null : r >= 0.5,
        note:
          r !== null && r < 0.5
            ? 'a kept answer still costs what the trivial query does not: the token is looked up in PostgreSQL, the operation is measured for its cost, and 24 KB of JSON is written per request; the baseline authenticates nothing and reads nothing, on the same 2 cores as the load generator'
            : undefined,
      },
      {
        goal: 'overview p99 ≤ 20 ms at 10 connections',
        met: o.p99Ms <= 20,
        note: !anyCompleted
          ? `no overview request completed within a ${seconds} s run (one request alone: ${Math.round(singleMs)} ms)`
          : o.p99Ms > 20
            ? `the trivial query's own p99 on this machine in the same run: ${b.p99Ms} ms (load generator and server share 2 cores)`
            : undefined,
      },
    ],
  };
}
