import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDatabase } from '@postureboard/server-database/testing';
import { type BootedApi, bootApi } from './testing/boot-api.js';

const ADMIN = { email: 'admin@postureboard.test', password: 'e2e-admin-password-123' };

/** The API wired as `main.ts` wires it: hardening first, then the web build, then Nest's routes. */
describe('HTTP hardening: same-origin state changes and security headers on every page', () => {
  let db: TestDatabase;
  let base: string;
  let api: BootedApi;
  let cookie: string;
  const webRoot = mkdtempSync(join(tmpdir(), 'pb-web-'));

  beforeAll(async () => {
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Postureboard</title>');
    api = await bootApi({
      env: {
        POSTUREBOARD_ADMIN_EMAIL: ADMIN.email,
        POSTUREBOARD_ADMIN_PASSWORD: ADMIN.password,
        POSTUREBOARD_PUBLIC_URL: 'https://postureboard.example.com',
      },
      webRoot,
    });
    ({ base, db } = api);
    await db.dataSource.query(`INSERT INTO organization (slug, name) VALUES ('acme', 'Acme') ON CONFLICT DO NOTHING`);
    const signIn = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify(ADMIN) });
    expect(signIn.status).toBe(200);
    cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  });

  afterAll(async () => {
    await api?.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const upload = (headers: Record<string, string>): Promise<Response> =>
    fetch(`${base}/api/orgs/acme/ingest/hr-roster?filename=roster.csv`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/octet-stream', ...headers },
      body: 'employee_id,email\n',
    });

  it('refuses an upload carrying the session cookie from another origin, by Origin or by Referer, and stores no run', async () => {
    const byOrigin = await upload({ origin: 'https://evil.example' });
    expect(byOrigin.status).toBe(403);
    expect(((await byOrigin.json()) as { error: string }).error).toBe('CROSS_ORIGIN_REQUEST');
    expect((await upload({ referer: 'https://evil.example/page' })).status).toBe(403);
    expect((await upload({ origin: 'null' })).status).toBe(403);
    const [{ count }] = await db.dataSource.query<{ count: string }[]>(`SELECT count(*) FROM ingest_run`);
    expect(Number(count)).toBe(0);
  });

  it('accepts the same upload from this server\'s own origin, the configured public URL, or a client that names none', async () => {
    const allowed: Record<string, string>[] = [{ origin: base }, { origin: 'https://postureboard.example.com' }, { referer: `${base}/sources` }, {}];
    for (const headers of allowed) {
      expect((await upload(headers)).status).toBe(200);
    }
  });

  it('refuses cross-origin sign-in and GraphQL mutations too', async () => {
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify(ADMIN) });
    expect(login.status).toBe(403);
    const graphql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ query: 'mutation { logout }' }),
    });
    expect(graphql.status).toBe(403);
  });

  it('sends CSP with frame-ancestors, nosniff and X-Frame-Options on pages, API answers and errors', async () => {
    for (const path of ['/', '/findings', '/healthz', '/api/orgs/acme/ingest/nonsense']) {
      const response = await fetch(`${base}${path}`, { headers: { cookie } });
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  describe('GraphQL cost', () => {
    const graphql = async (query: string, variables: Record<string, unknown> = {}): Promise<{ data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }> => {
      const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: base }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    };
    const postures = (count: number): string =>
      `{${Array.from({ length: count }, (_, n) => `p${n}:posture(org:"acme",asOf:"2025-0${1 + (n % 9)}-01"){overallScore}`).join(' ')}}`;

    it('prices on-demand evaluations so that 1,500 aliases of posture(asOf:) are refused before any runs', async () => {
      const answer = await graphql(postures(1500));
      expect(answer.errors?.[0]?.message).toMatch(/^Query would cost 1500000; the limit is 20000/);
      expect(answer.data).toBeUndefined();
    });

    it('counts the page size passed as a variable', async () => {
      const query = 'query($first: Int!) { findings(org: "acme", first: $first) { totalCount edges { node { id title } } } }';
      expect((await graphql(query, { first: 5 })).errors).toBeUndefined();
      expect((await graphql(query, { first: 100_000 })).errors?.[0]?.message).toMatch(/^Query would cost \d+; the limit is 20000/);
    });

    it('refuses a caller who spends the per-minute budget (300,000), with RATE_LIMITED', async () => {
      const codes: (string | undefined)[] = [];
      // 19 evaluations cost 19,000 a request: the sixteenth would bring the minute to 304,000.
      for (let n = 0; n < 16; n += 1) codes.push((await graphql(postures(19))).errors?.[0]?.extensions?.code);
      expect(codes.slice(0, 15)).toEqual(new Array(15).fill(undefined));
      expect(codes[15]).toBe('RATE_LIMITED');
    });
  });
});
