import { jest } from '@jest/globals';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { graphql, type ExecutionResult } from 'graphql';
import { ApiTokenService, cliActor, UserService } from '@postureboard/server-auth';
import { TeamRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { BudgetModule } from '../budget/budget.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { InventoryModule } from './inventory.module.js';
import { graphqlTestModule } from '@postureboard/server-auth/testing';

/** The three modules behind GraphQL with the global auth guard, as the API mounts them; callers use API tokens. */
describe('inventory, settings and budget over GraphQL', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const tokens: Record<'ciso' | 'auditor' | 'board', string> = { ciso: '', auditor: '', board: '' };
  const run = async (source: string, variableValues?: Record<string, unknown>, as: keyof typeof tokens = 'ciso'): Promise<ExecutionResult> =>
    graphql({
      schema: app.get(GraphQLSchemaHost).schema,
      source,
      variableValues,
      // A fresh context per request, as Apollo makes one: the DataLoaders live in it.
      contextValue: { req: { headers: { authorization: `Bearer ${tokens[as]}` }, ip: '127.0.0.1' } },
    });
  const data = async <T>(source: string, variableValues?: Record<string, unknown>): Promise<T> => {
    const result = await run(source, variableValues);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await NestFactory.create(graphqlTestModule(db.url, [InventoryModule, SettingsModule, BudgetModule]), { logger: false, abortOnError: false });
    await app.init();
    await db.dataSource.query(`INSERT INTO organization (slug, name, currency) VALUES ('acme', 'Acme', 'KRW')`);
    for (const [key, role] of [['ciso', 'CISO'], ['auditor', 'AUDITOR'], ['board', 'BOARD_VIEWER']] as const) {
      const email = `${key}@acme.test`;
      await app.get(UserService).create({ email, organizationSlug: 'acme', role, actor: cliActor() });
      tokens[key] = (await app.get(ApiTokenService).issue({ email, organizationSlug: 'acme', expiresIn: '1d', actor: cliActor() })).token;
    }
  });

  afterAll(async () => {
    await app?.close();
    await db.drop();
  });

  it('creates teams, then lists credentials with their teams in one team query (DataLoader)', async () => {
    const created = await data<{ a: { id: string }; b: { id: string } }>(
      `mutation { a: createTeam(org: "acme", name: "Payments", leadEmail: "pay@acme.test") { id } b: createTeam(org: "acme", name: "Identity") { id } }`,
    );
    const [{ id: org }] = (await db.dataSource.query(`SELECT id FROM organization WHERE slug = 'acme'`)) as { id: string }[];
    for (let i = 0; i < 10; i++) {
      await db.dataSource.query(
        `INSERT INTO credential (organization_id, source, external_id, kind, name, environment, status, created_at, first_seen_at, team_id)
         VALUES ($1, 'iam', $2, 'ACCESS_KEY', $2, 'PRODUCTION', 'ACTIVE', now() - interval '100 days', now() - interval '100 days', $3)`,
        [org, `AKIA${i}`, i % 2 ? created.a.id : created.b.id],
      );
    }
    const teams = jest.spyOn(TeamRepository.prototype, 'findByIds');
    const result = await data<{ credentials: { totalCount: number; edges: { node: { slaStatus: string; team: { name: string } } }[] } }>(
      `{ credentials(org: "acme", first: 10) { totalCount edges { cursor node { externalId slaStatus daysOverdue team { name } } } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(result.credentials.totalCount).toBe(10);
    expect(new Set(result.credentials.edges.map((e) => e.node.team.name))).toEqual(new Set(['Payments', 'Identity']));
    expect(result.credentials.edges.every((e) => e.node.slaStatus === 'OVERDUE')).toBe(true);
    expect(teams).toHaveBeenCalledTimes(1);
    teams.mockRestore();
  });

  it('answers the rotation board, burn-down, leavers and cross-border queries', async () => {
    const result = await data<{ rotationSla: { team: { name: string } | null; overdue: number }[]; rotationBurndown: unknown[]; leavers: unknown[]; crossBorderAccess: { byCountry: unknown[] } }>(
      `{ rotationSla(org: "acme") { team { name } withinPolicy dueSoon overdue maxDaysOverdue oldestKeyAgeDays }
         rotationBurndown(org: "acme", weeks: 4) { weekOf overdue }
         leavers(org: "acme") { identityId name terminatedOn activeAccess usesAfterTermination findingId }
         crossBorderAccess(org: "acme") { byCountry { country approved } daily { day } offshoreIdentities { name } bulkExtractions { findingId series { day bytes baseline } } } }`,
    );
    expect(result.rotationSla.map((r) => [r.team?.name, r.overdue]).sort()).toEqual([
      ['Identity', 5],
      ['Payments', 5],
    ]);
    expect(result.rotationBurndown).toHaveLength(4);
    expect(result.leavers).toEqual([]);
    expect(result.crossBorderAccess.byCountry).toEqual([]);
  });

  it("limits an engineering lead to the credentials and SLA rows of the teams they lead", async () => {
    await app.get(UserService).create({ email: 'lead@acme.test', organizationSlug: 'acme', role: 'ENGINEERING_LEAD', teams: ['Payments'], actor: cliActor() });
    const lead = (await app.get(ApiTokenService).issue({ email: 'lead@acme.test', organizationSlug: 'acme', expiresIn: '1d', actor: cliActor() })).token;
    const asLead = (source: string) =>
      graphql({ schema: app.get(GraphQLSchemaHost).schema, source, contextValue: { req: { headers: { authorization: `Bearer ${lead}` }, ip: '127.0.0.1' } } });
    const result = await asLead(`{ credentials(org: "acme", first: 50) { totalCount edges { node { team { name } } } } rotationSla(org: "acme") { team { name } overdue } }`);
    expect(result.errors).toBeUndefined();
    const data = result.data as { credentials: { totalCount: number; edges: { node: { team: { name: string } } }[] }; rotationSla: { team: { name: string } }[] };
    // 10 credentials, half of them Payments'
    expect(data.credentials.totalCount).toBe(5);
    expect(new Set(data.credentials.edges.map((e) => e.node.team.name))).toEqual(new Set(['Payments']));
    expect(data.rotationSla.map((r) => r.team.name)).toEqual(['Payments']);
  });

  it('sets and lists rotation policies, budgets and approved countries', async () => {
    const policy = await data<{ setRotationPolicy: { id: string; isDefault: boolean; team: null } }>(
      `mutation { setRotationPolicy(org: "acme", input: { credentialKind: SIGNING_KEY, environment: PRODUCTION, maxAgeDays: 180, warningDays: 30, graceDays: 0 }) { id isDefault team { name } } }`,
    );
    expect(policy.setRotationPolicy).toMatchObject({ isDefault: false, team: null });
    const policies = await data<{ rotationPolicies: { credentialKind: string; environment: string; maxAgeDays: number; source: string }[] }>(
      `{ rotationPolicies(org: "acme") { credentialKind environment maxAgeDays isDefault source team { id } } }`,
    );
    expect(policies.rotationPolicies.find((p) => p.credentialKind === 'SIGNING_KEY' && p.environment === 'PRODUCTION')?.maxAgeDays).toBe(180);
    const budget = await data<{ setBudget: { securityToItRatio: number } }>(
      `mutation { setBudget(org: "acme", input: { fiscalYear: 2026, itSpend: 1000, securitySpend: 46, revenue: 23000, currency: "KRW" }) { securityToItRatio securityToRevenueRatio } }`,
    );
    expect(budget.setBudget.securityToItRatio).toBeCloseTo(0.046, 12);
    expect(await data(`{ budgets(org: "acme") { fiscalYear currency } }`)).toEqual({ budgets: [{ fiscalYear: 2026, currency: 'KRW' }] });
    expect(await data(`mutation { setApprovedCountries(org: "acme", countries: ["us", "KR"]) { approvedCountries } }`)).toEqual({
      setApprovedCountries: { approvedCountries: ['KR', 'US'] },
    });
  });

  it('lets readers read, keeps the board out of key lists and auditors out of every mutation', async () => {
    const codes = async (source: string, as: 'auditor' | 'board') => (await run(source, undefined, as)).errors?.map((e) => e.extensions['code']);
    expect(await codes(`{ rotationSla(org: "acme") { overdue } }`, 'auditor')).toBeUndefined();
    expect(await codes(`{ budgets(org: "acme") { fiscalYear } }`, 'board')).toBeUndefined();
    expect(await codes(`{ credentials(org: "acme") { totalCount } }`, 'board')).toEqual(['FORBIDDEN']);
    expect(await codes(`mutation { createTeam(org: "acme", name: "Audit") { id } }`, 'auditor')).toEqual(['FORBIDDEN']);
    expect(await codes(`mutation { setBudget(org: "acme", input: { fiscalYear: 2026, itSpend: 1, securitySpend: 1, revenue: 1, currency: "KRW" }) { fiscalYear } }`, 'auditor')).toEqual(['FORBIDDEN']);
  });

  it('maps module errors to GraphQL error codes', async () => {
    const codes = async (source: string) => (await run(source)).errors?.map((e) => e.extensions['code']);
    expect(await codes(`{ credentials(org: "acme", after: "nope") { totalCount } }`)).toEqual(['BAD_USER_INPUT']);
    expect(await codes(`mutation { createTeam(org: "acme", name: "Platform") { id } }`)).toBeUndefined();
    expect(await codes(`mutation { createTeam(org: "acme", name: "platform") { id } }`)).toEqual(['CONFLICT']);
    expect(await codes(`mutation { setBudget(org: "acme", input: { fiscalYear: 2026, itSpend: -1, securitySpend: 0, revenue: 0, currency: "KRW" }) { fiscalYear } }`)).toEqual([
      'BAD_USER_INPUT',
    ]);
    // An organization the caller is not in looks the same whether it exists or not.
    expect(await codes(`{ teams(org: "nobody") { id } }`)).toEqual(['FORBIDDEN']);
  });
});
