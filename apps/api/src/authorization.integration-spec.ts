import 'reflect-metadata';
import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ApiTokenService, cliActor, registeredResolverClasses, Role, rootFieldAccess, undeclaredRootFields, UserService } from '@postureboard/server-auth';
import { OrganizationRepository } from '@postureboard/server-database';
import { OrganizationService } from '@postureboard/server-organization';
import { EvaluationService } from '@postureboard/server-posture';
import type { TestDatabase } from '@postureboard/server-database/testing';
import { MembershipRepository, schemaProbes } from '@postureboard/server-auth/testing';
import { buildContractSchema, contractSchemaText } from './graphql/contract-schema.js';
import { type BootedApi, bootApi } from './testing/boot-api.js';

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
  let api: BootedApi;
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
    api = await bootApi({
      env: {
        POSTUREBOARD_ADMIN_EMAIL: ADMIN.email,
        POSTUREBOARD_ADMIN_PASSWORD: ADMIN.password,
      },
    });
    ({ app, base, db } = api);

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
    await api?.close();
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

  describe('team scope: an ENGINEERING_LEAD of Payments, through every query of the built schema', () => {
    // People and findings of another team carry "Other-" in their names; the lead's own carry "Payments-".
    const OTHER = 'Other-';
    beforeAll(async () => {
      const ds = db.dataSource;
      const [[{ id: org }]] = (await ds.query(`UPDATE organization SET approved_countries = '{KR}' WHERE slug = 'alpha' RETURNING id`)) as [{ id: string }[]];
      const teamId = async (name: string) => ((await ds.query(`INSERT INTO team (organization_id, name) VALUES ($1, $2) RETURNING id`, [org, name])) as { id: string }[])[0]!.id;
      const teams = { Payments: await teamId('Payments'), Ledger: await teamId('Ledger') };
      const person = async (name: string, team: keyof typeof teams, opts: { left?: boolean; workCountry?: string }) => {
        const [{ id }] = (await ds.query(
          `INSERT INTO identity (organization_id, email, display_name, employment_type, status, termination_date, work_country, team_id, source)
           VALUES ($1, $2, $3, 'EMPLOYEE', $4, $5, $6, $7, 'hr') RETURNING id`,
          [org, `${name.toLowerCase()}@alpha.test`, name, opts.left ? 'TERMINATED' : 'ACTIVE', opts.left ? '2026-06-01' : null, opts.workCountry ?? 'KR', teams[team]],
        )) as { id: string }[];
        const [{ id: account }] = (await ds.query(
          `INSERT INTO account (organization_id, system, external_id, user_name, identity_id, status) VALUES ($1, 'okta', $2, $2, $3, 'ACTIVE') RETURNING id`,
          [org, `${name.toLowerCase()}@alpha.test`, id],
        )) as { id: string }[];
        await ds.query(`INSERT INTO entitlement (organization_id, account_id, name, production) VALUES ($1, $2, 'prod-admin', true)`, [org, account]);
        await ds.query(`INSERT INTO identity_alias (organization_id, alias, identity_id) VALUES ($1, $2, $3)`, [org, `${name.toLowerCase()}-alias`, id]);
      };
      await person('Pat Payments-Leaver', 'Payments', { left: true });
      await person('Olga Other-Leaver', 'Ledger', { left: true });
      await person('Pia Payments-Offshore', 'Payments', { workCountry: 'VN' });
      await person('Omar Other-Offshore', 'Ledger', { workCountry: 'VN' });
      for (const [key, team] of [['AKIAPAYMENTSOLD', 'Payments'], ['AKIALEDGERONE', 'Ledger'], ['AKIALEDGERTWO', 'Ledger']] as const) {
        await ds.query(
          `INSERT INTO credential (organization_id, source, external_id, kind, name, status, created_at, first_seen_at, team_id)
           VALUES ($1, 'iam', $2, 'ACCESS_KEY', $2, 'ACTIVE', '2020-01-01', '2020-01-01', $3)`,
          [org, key, teams[team]],
        );
      }
      // The evaluation finds both leavers (each owned by their team) and stores the organisation's top risks.
      const organization = await app.get(OrganizationService).getBySlug('alpha');
      await app.get(EvaluationService).evaluateAndStore(organization, new Date());
      for (const [name, team] of [['Pat Payments-Extractor', 'Payments'], ['Oscar Other-Extractor', 'Ledger']] as const) {
        await ds.query(
          `INSERT INTO finding (organization_id, fingerprint, kind, title, domain, severity, status, subject_type, subject_external_id, subject_name, owner_team_id, first_detected_at, last_detected_at)
           VALUES ($1, $2, 'BULK_EXTRACTION', $3, 'DETECTION', 'HIGH', 'OPEN', 'PRINCIPAL', $2, $2, $4, now() - interval '2 days', now())`,
          [org, name, `Bulk extraction by ${name}`, teams[team]],
        );
      }
      await app.get(UserService).create({ email: 'lead@alpha.test', organizationSlug: 'alpha', role: 'ENGINEERING_LEAD', teams: ['Payments'], password: PASSWORD, actor: cliActor() });
      cookies['lead'] = cookieHeader(await signIn('lead@alpha.test', PASSWORD));
    });

    it('answers no query with another team\'s findings or people', async () => {
      for (const probe of schemaProbes(app.get(GraphQLSchemaHost).schema).filter((p) => p.operation === 'query')) {
        const text = JSON.stringify((await graphql(probe.document('alpha'), as('lead'))).data ?? {});
        expect({ field: probe.field, leaked: text.includes(OTHER) }).toEqual({ field: probe.field, leaked: false });
      }
    });

    it('still shows the lead their own team\'s top risks, leavers, offshore people, extractions and aliases', async () => {
      const response = await graphql(
        `{ posture(org: "alpha") { topRisks(limit: 10) { subject { name } } }
           leavers(org: "alpha") { name }
           crossBorderAccess(org: "alpha") { offshoreIdentities { name } bulkExtractions { principal } bulkExtractionTotals { count } }
           identityAliases(org: "alpha") { identityName } }`,
        as('lead'),
      );
      expect(response.errors).toBeUndefined();
      const data = response.data as {
        posture: { topRisks: { subject: { name: string } }[] };
        leavers: { name: string }[];
        crossBorderAccess: { offshoreIdentities: { name: string }[]; bulkExtractions: { principal: string }[]; bulkExtractionTotals: { count: number } };
        identityAliases: { identityName: string }[];
      };
      expect(data.posture.topRisks.map((f) => f.subject.name)).toEqual(expect.arrayContaining(['Pat Payments-Leaver']));
      expect(data.leavers.map((l) => l.name)).toEqual(['Pat Payments-Leaver']);
      expect(data.crossBorderAccess.offshoreIdentities.map((o) => o.name)).toEqual(['Pia Payments-Offshore']);
      expect(data.crossBorderAccess.bulkExtractions.map((b) => b.principal)).toEqual(['Pat Payments-Extractor']);
      expect(data.crossBorderAccess.bulkExtractionTotals.count).toBe(1);
      expect(data.identityAliases.map((a) => a.identityName)).toEqual(['Pat Payments-Leaver', 'Pia Payments-Offshore']);
    });

    it("counts on the lead's overview the findings their findings list holds; an organisation-wide role has the organisation's counts only", async () => {
      const lead = await graphql('{ posture(org: "alpha") { teamFindingCounts { total critical high } } findings(org: "alpha") { totalCount } }', as('lead'));
      expect(lead.errors).toBeUndefined();
      const { posture, findings } = lead.data as { posture: { teamFindingCounts: { total: number } }; findings: { totalCount: number } };
      expect(posture.teamFindingCounts.total).toBeGreaterThan(0);
      expect(posture.teamFindingCounts.total).toBe(findings.totalCount);
      const auditor = await graphql('{ posture(org: "alpha") { teamFindingCounts { total } findingCounts { total } } }', as('auditor'));
      expect(auditor.data?.['posture']).toEqual({ teamFindingCounts: null, findingCounts: { total: expect.any(Number) } });
    });

    it("draws the lead's rotation burn-down from their teams' credentials, the auditor's from the organisation's", async () => {
      const latest = async (who: string) => {
        const response = await graphql('{ rotationBurndown(org: "alpha", weeks: 2) { overdue } }', as(who));
        expect(response.errors).toBeUndefined();
        return (response.data?.['rotationBurndown'] as { overdue: number }[]).at(-1)!.overdue;
      };
      expect(await latest('lead')).toBe(1);
      expect(await latest('auditor')).toBe(3);
    });

    it("lists only the lead's teams' findings and refuses another team's finding by id", async () => {
      const list = await graphql('{ findings(org: "alpha", first: 100) { edges { node { title subject { name } } } } }', as('lead'));
      const titles = (list.data?.['findings'] as { edges: { node: { title: string } }[] }).edges.map((e) => e.node.title);
      expect(titles.length).toBeGreaterThan(0);
      expect(titles.filter((t) => t.includes(OTHER))).toEqual([]);
      const all = await graphql('{ findings(org: "alpha", first: 100) { edges { node { id title } } } }', as('auditor'));
      const other = (all.data?.['findings'] as { edges: { node: { id: string; title: string } }[] }).edges.find((e) => e.node.title.includes(OTHER))!.node.id;
      expect(code(await graphql(`{ finding(org: "alpha", id: "${other}") { title } }`, as('lead')))).toBe('FORBIDDEN');
    });

    it('leaves an organisation-wide role the whole organisation', async () => {
      const text = JSON.stringify((await graphql('{ leavers(org: "alpha") { name } crossBorderAccess(org: "alpha") { offshoreIdentities { name } } }', as('auditor'))).data);
      for (const name of ['Olga Other-Leaver', 'Pat Payments-Leaver', 'Omar Other-Offshore', 'Pia Payments-Offshore']) expect(text).toContain(name);
    });
  });

  describe('organizationAccess: the operations each role may use, from the same declarations the guard enforces', () => {
    const operationsOf = async (who: string): Promise<string[]> => {
      const response = await graphql('{ organizationAccess(org: "alpha") { role teamScoped operations } }', as(who));
      expect(response.errors).toBeUndefined();
      return (response.data?.['organizationAccess'] as { operations: string[] }).operations;
    };

    it('lists exactly the queries the guard serves to each role, and refuses the rest', async () => {
      for (const who of ['admin', 'viewer', 'auditor', 'lead']) {
        const allowed = new Set(await operationsOf(who));
        for (const probe of schemaProbes(app.get(GraphQLSchemaHost).schema).filter((p) => p.operation === 'query' && p.hasOrgArgument)) {
          const refused = code(await graphql(probe.document('alpha'), as(who))) === 'FORBIDDEN';
          expect({ who, field: probe.field, refused }).toEqual({ who, field: probe.field, refused: !allowed.has(probe.field) });
        }
      }
    });

    it('gives a board viewer the overview and reports but no writes, and an admin the upload route', async () => {
      const viewer = await operationsOf('viewer');
      expect(viewer).toEqual(expect.arrayContaining(['posture', 'scoreHistory', 'reports', 'organizationAccess']));
      expect(viewer).not.toEqual(expect.arrayContaining(['generateReport']));
      expect(viewer.filter((o) => ['findings', 'leavers', 'credentials', 'setBudget', 'generateReport', 'POST /api/orgs/:org/ingest/:source'].includes(o))).toEqual([]);
      expect(await operationsOf('admin')).toEqual(expect.arrayContaining(['generateReport', 'setMember', 'POST /api/orgs/:org/ingest/:source', 'GET /api/reports/:id.pdf']));
      const lead = await graphql('{ organizationAccess(org: "alpha") { role teamScoped teamIds } }', as('lead'));
      expect(lead.data?.['organizationAccess']).toEqual({ role: 'ENGINEERING_LEAD', teamScoped: true, teamIds: [expect.any(String)] });
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
  let base: string;
  let api: BootedApi;

  beforeAll(async () => {
    api = await bootApi({
      env: {
        NODE_ENV: 'production',
        POSTUREBOARD_ADMIN_EMAIL: ADMIN.email,
        POSTUREBOARD_ADMIN_PASSWORD: ADMIN.password,
      },
    });
    ({ base } = api);
  });
  afterAll(async () => {
    await api?.close();
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
