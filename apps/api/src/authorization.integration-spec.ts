import 'reflect-metadata';
import { jest } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ApiTokenService, cliActor, registeredResolverClasses, Role, rootFieldAccess, undeclaredRootFields, UserService } from '@postureboard/server-auth';
import { loadConfig } from '@postureboard/server-core';
import { OrganizationRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { MembershipRepository, schemaProbes } from '@postureboard/server-auth/testing';
import { AppModule } from './app.module.js';
import { buildContractSchema, contractSchemaText } from './graphql/contract-schema.js';

const ADMIN = { email: 'admin@postureboard.test', password: 'e2e-admin-password-123' };
const PASSWORD = 'member-password-1234';

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe('the API, booted for real: authentication, authorization and hardening', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  let bravo: { id: string; slug: string; name: string };
  const cookies: Record<string, string> = {};

  const signIn = async (email: string, password: string): Promise<Response> =>
    fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

  const cookieHeader = (res: Response): string =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');

  const graphql = async (query: string, headers: Record<string, string> = {}): Promise<GraphQLResponse> => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    return (await res.json()) as GraphQLResponse;
  };
  const as = (who: string) => ({ cookie: cookies[who]! });
  const code = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.['code'];

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({
      DATABASE_URL: db.url,
      NODE_ENV: 'test',
      POSTUREBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'pb-api-')),
      POSTUREBOARD_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
      POSTUREBOARD_SEED_DEMO: 'false',
      POSTUREBOARD_ADMIN_EMAIL: ADMIN.email,
      POSTUREBOARD_ADMIN_PASSWORD: ADMIN.password,
    });
    app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error'], abortOnError: false });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');

    const organizations = app.get(OrganizationRepository);
    await organizations.insert({ slug: 'alpha', name: 'Alpha Corp', approvedCountries: [], currency: 'USD' });
    const b = await organizations.insert({ slug: 'bravo-secret', name: 'Bravo Hidden Name', approvedCountries: [], currency: 'USD' });
    bravo = { id: b!.id, slug: b!.slug, name: b!.name };
    const users = app.get(UserService);
    for (const [who, role] of [['admin', 'ADMIN'], ['viewer', 'BOARD_VIEWER'], ['auditor', 'AUDITOR']] as const) {
      await users.create({ email: `${who}@alpha.test`, organizationSlug: 'alpha', role, password: PASSWORD, actor: cliActor() });
      cookies[who] = cookieHeader(await signIn(`${who}@alpha.test`, PASSWORD));
    }
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('every query and mutation of the built schema', () => {
    it('declares who may call it (@Roles, @SignedIn, @PlatformAdmin or @Public)', () => {
      const fields = rootFieldAccess(registeredResolverClasses(app));
      const schema = app.get(GraphQLSchemaHost).schema;
      const inSchema = [...Object.keys(schema.getQueryType()?.getFields() ?? {}), ...Object.keys(schema.getMutationType()?.getFields() ?? {})];
      expect(fields.map((f) => f.field).sort()).toEqual(inSchema.sort());
      expect(undeclaredRootFields(fields).map((f) => `${f.resolver}.${f.method}`)).toEqual([]);
    });

    it('is the contract the web app is generated from: schema.graphql, as built without a database', async () => {
      expect(contractSchemaText(app.get(GraphQLSchemaHost).schema)).toBe(contractSchemaText(await buildContractSchema()));
    });

    it('gives an unauthenticated caller nothing', async () => {
      const publicFields = new Set(rootFieldAccess(registeredResolverClasses(app)).filter((f) => f.declared?.kind === 'public').map((f) => f.field));
      for (const probe of schemaProbes(app.get(GraphQLSchemaHost).schema).filter((p) => !publicFields.has(p.field))) {
        const response = await graphql(probe.document('alpha'));
        expect({ field: probe.field, code: code(response), data: response.data?.[probe.field] ?? null }).toEqual({ field: probe.field, code: 'UNAUTHENTICATED', data: null });
      }
    });

    it('gives an ADMIN of organization A nothing of organization B, asking for B or for A', async () => {
      const leaks = (response: GraphQLResponse) => [bravo.id, bravo.slug, bravo.name].filter((s) => JSON.stringify(response.data ?? {}).includes(s));
      for (const probe of schemaProbes(app.get(GraphQLSchemaHost).schema)) {
        const askingForB = await graphql(probe.document(bravo.slug), as('admin'));
        expect({ field: probe.field, leaked: leaks(askingForB) }).toEqual({ field: probe.field, leaked: [] });
        if (probe.hasOrgArgument) expect({ field: probe.field, code: code(askingForB) }).toEqual({ field: probe.field, code: 'FORBIDDEN' });
        // Allowed in A, a query must still confine itself to A (mutations are not replayed: they would change A).
        if (probe.operation === 'query') expect({ field: probe.field, leaked: leaks(await graphql(probe.document('alpha'), as('admin'))) }).toEqual({ field: probe.field, leaked: [] });
      }
    });

    it('looks the caller\'s access up once per organization and request, however many root fields name it', async () => {
      const find = jest.spyOn(app.get(MembershipRepository), 'findBySlug');
      const threeFields = '{ a: teams(org: "alpha") { id } b: teams(org: "alpha") { id } c: teams(org: "alpha") { id } }';
      try {
        const response = await graphql(threeFields, as('admin'));
        expect(response.errors).toBeUndefined();
        expect(find).toHaveBeenCalledTimes(1);
        // An API token's standing in its own organisation is read with the token: no second look-up.
        const { token } = await app.get(ApiTokenService).issue({ email: 'admin@alpha.test', organizationSlug: 'alpha', role: Role.ANALYST, expiresIn: '1d', actor: cliActor() });
        expect((await graphql(threeFields, { authorization: `Bearer ${token}` })).errors).toBeUndefined();
        expect(find).toHaveBeenCalledTimes(1);
      } finally {
        find.mockRestore();
      }
    });

    it('lets neither a BOARD_VIEWER nor an AUDITOR mutate anything of an organization', async () => {
      // Their own account's settings are theirs to change (a board member opts out of the digest, picks Korean).
      const ownAccount = new Set(['setMyNotificationPreferences']);
      for (const probe of schemaProbes(app.get(GraphQLSchemaHost).schema).filter((p) => p.operation === 'mutation' && !ownAccount.has(p.field))) {
        for (const who of ['viewer', 'auditor']) {
          const response = await graphql(probe.document('alpha'), as(who));
          expect({ who, field: probe.field, code: code(response), data: response.data?.[probe.field] ?? null }).toEqual({ who, field: probe.field, code: 'FORBIDDEN', data: null });
        }
      }
    });
  });

  describe('sign-in', () => {
    it('signs the configured admin in with httpOnly SameSite=Strict cookies; the admin is ADMIN of every organization', async () => {
      const res = await signIn(ADMIN.email, ADMIN.password);
      expect(res.status).toBe(200);
      const setCookies = res.headers.getSetCookie();
      expect(setCookies).toHaveLength(2);
      for (const c of setCookies) {
        expect(c).toMatch(/HttpOnly/i);
        expect(c).toMatch(/SameSite=Strict/i);
      }
      const me = await graphql('{ me { email platformAdmin memberships { organizationSlug role } } }', { cookie: cookieHeader(res) });
      expect(me.data?.['me']).toEqual({
        email: ADMIN.email,
        platformAdmin: true,
        memberships: [
          { organizationSlug: 'alpha', role: 'ADMIN' },
          { organizationSlug: 'bravo-secret', role: 'ADMIN' },
        ],
      });
    });

    it('refreshes with the refresh cookie and signs out, after which the access cookie is worthless', async () => {
      const login = await signIn('admin@alpha.test', PASSWORD);
      const session = cookieHeader(login);
      const refreshed = await fetch(`${base}/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: session }, body: '{}' });
      expect(refreshed.status).toBe(200);
      const renewed = cookieHeader(refreshed);
      const out = await fetch(`${base}/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: renewed }, body: '{}' });
      expect(out.status).toBe(204);
      expect(code(await graphql('{ me { email } }', { cookie: renewed }))).toBe('UNAUTHENTICATED');
    });

    it('answers a wrong password with 401 and refuses a sign-in that is not JSON (no cross-site form posts)', async () => {
      expect((await signIn('admin@alpha.test', 'wrong-password-xx')).status).toBe(401);
      const form = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a&password=b' });
      expect(form.status).toBe(400);
    });
  });

  describe('API tokens', () => {
    it('authenticate with Authorization: Bearer and reach only their organization', async () => {
      const { token } = await app.get(ApiTokenService).issue({ email: 'admin@alpha.test', organizationSlug: 'alpha', role: Role.ANALYST, expiresIn: '1d', actor: cliActor() });
      const bearer = { authorization: `Bearer ${token}` };
      expect((await graphql('{ me { email authenticatedBy memberships { organizationSlug role } } }', bearer)).data?.['me']).toEqual({
        email: 'admin@alpha.test',
        authenticatedBy: 'API_TOKEN',
        memberships: [{ organizationSlug: 'alpha', role: 'ANALYST' }],
      });
      expect(code(await graphql('{ auditLog(org: "alpha") { seq } }', bearer))).toBe('FORBIDDEN');
      expect(code(await graphql(`{ apiTokens(org: "${bravo.slug}") { id } }`, bearer))).toBe('FORBIDDEN');
      expect(code(await graphql('{ me { email } }', { authorization: 'Bearer pbt_not-a-real-token' }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('audit trail', () => {
    it('records every mutation with its actor and organization, viewable by an AUDITOR but not a BOARD_VIEWER', async () => {
      const issued = await graphql('mutation { issueApiToken(org: "alpha", input: { name: "ci", expiresInDays: 7 }) { token apiToken { id } } }', as('admin'));
      const id = (issued.data?.['issueApiToken'] as { apiToken: { id: string } }).apiToken.id;
      const log = await graphql('{ auditLog(org: "alpha", limit: 10) { actor action outcome target details } }', as('auditor'));
      if (!log.data) throw new Error(JSON.stringify(log));
      const entries = log.data?.['auditLog'] as { actor: string; action: string; outcome: string; details: string }[];
      expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'admin@alpha.test', action: 'mutation.issueApiToken', outcome: 'SUCCESS' })]));
      expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'api-token.issued', target: id })]));
      expect(JSON.stringify(log)).not.toContain((issued.data?.['issueApiToken'] as { token: string }).token);
      expect(code(await graphql('{ auditLog(org: "alpha") { seq } }', as('viewer')))).toBe('FORBIDDEN');
    });
  });

  describe('GraphQL hardening', () => {
    it('refuses a query whose cost is over the limit', async () => {
      // Each alias loads the caller and (an assumed 10) memberships: 2,000 × (1 + 10 × 1) = 22,000 > 20,000.
      const aliases = Array.from({ length: 2000 }, (_, i) => `m${i}:me{memberships{role}}`).join(' ');
      const response = await graphql(`{ ${aliases} }`, as('admin'));
      expect(code(response)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.errors?.[0]?.message).toMatch(/cost/);
    });

    it('refuses request bodies over 100 kB', async () => {
      const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...as('admin') }, body: JSON.stringify({ query: `{ me { email } } #${'x'.repeat(200_000)}` }) });
      expect(res.status).toBe(413);
    });

    it('blocks a request a cross-site page could send without a preflight (CSRF prevention)', async () => {
      const res = await fetch(`${base}/graphql?query=${encodeURIComponent('{ me { email } }')}`, { headers: as('admin') });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
    });

    it('answers a database failure with "Internal error" and a correlation id, never the SQL', async () => {
      await db.dataSource.query('ALTER TABLE api_token RENAME TO api_token_away');
      try {
        const response = await graphql('{ apiTokens(org: "alpha") { id } }', as('admin'));
        expect(response.errors?.[0]).toEqual({
          message: 'Internal error',
          path: ['apiTokens'],
          locations: expect.any(Array),
          extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
        });
        expect(JSON.stringify(response)).not.toMatch(/api_token|relation "|SELECT/i);
      } finally {
        await db.dataSource.query('ALTER TABLE api_token_away RENAME TO api_token');
      }
    });

    it('rejects bad input with a clear message rather than a database error', async () => {
      const response = await graphql('{ auditLog(org: "alpha", beforeSeq: 1e300) { seq } }', as('admin'));
      expect(response.errors?.[0]).toMatchObject({ message: 'beforeSeq must be a positive whole number', extensions: { code: 'BAD_USER_INPUT' } });
    });
  });

  it('answers the health checks without sign-in', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  // Last in this app: it leaves 127.0.0.1 blocked from signing in for a minute.
  it('stops a client after ten failed sign-ins a minute, whichever accounts it tries', async () => {
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await signIn(`guess-${i}@alpha.test`, 'password-guess-123')).status);
    expect(new Set(statuses)).toEqual(new Set(statuses.includes(429) ? [401, 429] : [401]));
    const blocked = await signIn('admin@alpha.test', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the API in production mode', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({
      DATABASE_URL: db.url,
      NODE_ENV: 'production',
      POSTUREBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'pb-api-prod-')),
      POSTUREBOARD_SECRET_KEY: Buffer.alloc(32, 6).toString('base64'),
      POSTUREBOARD_SEED_DEMO: 'false',
      POSTUREBOARD_ADMIN_EMAIL: ADMIN.email,
      POSTUREBOARD_ADMIN_PASSWORD: ADMIN.password,
    });
    app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error'], abortOnError: false });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('turns introspection off and marks the session cookies Secure', async () => {
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const setCookies = login.headers.getSetCookie();
    expect(setCookies.every((c) => /;\s*Secure/i.test(c))).toBe(true);
    const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query: '{ __schema { types { name } } }' }) });
    const body = (await res.json()) as GraphQLResponse;
    expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
  });
});
