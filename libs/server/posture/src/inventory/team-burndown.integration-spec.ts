import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { graphql, type ExecutionResult } from 'graphql';
import { defaultTargetDay, formatTargetDay } from '@postureboard/domain';
import { ApiTokenService, cliActor, UserService } from '@postureboard/server-auth';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { SettingsModule } from '../settings/settings.module.js';
import { weekStartOf } from './credential-inventory.service.js';
import { InventoryModule } from './inventory.module.js';
import { graphqlTestModule } from '@postureboard/server-auth/testing';

type Caller = 'ciso' | 'auditor' | 'board' | 'lead';
interface Burndown {
  team: { name: string };
  targetDate: string;
  targetIsDefault: boolean;
  keysBehindTarget: number;
  points: { weekOf: string; overdue: number; target: number }[];
}
const BURNDOWNS = `{ teamBurndowns(org: "acme", weeks: 4) { team { name } targetDate targetIsDefault keysBehindTarget points { weekOf overdue target } } }`;
const WEEK_MS = 7 * 86_400_000;

/** The per-team burn-down over GraphQL, with the global auth guard and team scope, on real PostgreSQL. */
describe('per-team SLA burn-down with a target line', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const tokens: Record<Caller, string> = { ciso: '', auditor: '', board: '', lead: '' };
  const teamIds: Record<string, string> = {};
  const run = (source: string, as: Caller = 'ciso'): Promise<ExecutionResult> =>
    graphql({ schema: app.get(GraphQLSchemaHost).schema, source, contextValue: { req: { headers: { authorization: `Bearer ${tokens[as]}` }, ip: '127.0.0.1' } } });
  const data = async <T>(source: string, as: Caller = 'ciso'): Promise<T> => {
    const result = await run(source, as);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  };
  const codes = async (source: string, as: Caller) => (await run(source, as)).errors?.map((e) => e.extensions['code']);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await NestFactory.create(graphqlTestModule(db.url, [InventoryModule, SettingsModule]), { logger: false, abortOnError: false });
    await app.init();
    const [{ id: org }] = (await db.dataSource.query(`INSERT INTO organization (slug, name, currency) VALUES ('acme', 'Acme', 'KRW') RETURNING id`)) as { id: string }[];
    for (const [key, role] of [['ciso', 'CISO'], ['auditor', 'AUDITOR'], ['board', 'BOARD_VIEWER']] as const) {
      const email = `${key}@acme.test`;
      await app.get(UserService).create({ email, organizationSlug: 'acme', role, actor: cliActor() });
      tokens[key] = (await app.get(ApiTokenService).issue({ email, organizationSlug: 'acme', expiresIn: '1d', actor: cliActor() })).token;
    }
    for (const name of ['Payments', 'Identity', 'Quiet']) {
      teamIds[name] = (await data<{ createTeam: { id: string } }>(`mutation { createTeam(org: "acme", name: "${name}") { id } }`)).createTeam.id;
    }
    // Payments: 3 access keys a year old (overdue all window long); Identity: 1. Quiet owns nothing.
    const keys: [string, string][] = [['P1', 'Payments'], ['P2', 'Payments'], ['P3', 'Payments'], ['I1', 'Identity']];
    for (const [externalId, team] of keys) {
      await db.dataSource.query(
        `INSERT INTO credential (organization_id, source, external_id, kind, name, environment, status, created_at, first_seen_at, team_id)
         VALUES ($1, 'iam', $2, 'ACCESS_KEY', $2, 'PRODUCTION', 'ACTIVE', now() - interval '365 days', now() - interval '365 days', $3)`,
        [org, externalId, teamIds[team]],
      );
    }
    await app.get(UserService).create({ email: 'lead@acme.test', organizationSlug: 'acme', role: 'ENGINEERING_LEAD', teams: ['Payments'], actor: cliActor() });
    tokens.lead = (await app.get(ApiTokenService).issue({ email: 'lead@acme.test', organizationSlug: 'acme', expiresIn: '1d', actor: cliActor() })).token;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("gives the organisation view each team's weekly overdue count, most overdue first, teams owning no key left out", async () => {
    const { teamBurndowns } = await data<{ teamBurndowns: Burndown[] }>(BURNDOWNS);
    expect(teamBurndowns.map((b) => [b.team.name, b.points.map((p) => p.overdue)])).toEqual([
      ['Payments', [3, 3, 3, 3]],
      ['Identity', [1, 1, 1, 1]],
    ]);
    const thisWeek = weekStartOf(new Date()).getTime();
    expect(teamBurndowns[0]!.points.map((p) => new Date(p.weekOf).getTime())).toEqual([3, 2, 1, 0].map((n) => thisWeek - n * WEEK_MS));
  });

  it("draws the default target (zero by the quarter's last day) from the first week's count down", async () => {
    const { teamBurndowns } = await data<{ teamBurndowns: Burndown[] }>(BURNDOWNS);
    const payments = teamBurndowns.find((b) => b.team.name === 'Payments')!;
    expect(payments).toMatchObject({ targetIsDefault: true, targetDate: formatTargetDay(defaultTargetDay(new Date())) });
    expect(payments.points[0]!.target).toBe(3);
    const targets = payments.points.map((p) => p.target);
    expect([...targets].sort((a, b) => b - a)).toEqual(targets);
  });

  it('keeps a target a team sets, and draws its line to zero on that day; clearing it brings the default back', async () => {
    const firstWeek = weekStartOf(new Date()).getTime() - 3 * WEEK_MS;
    // Two weeks after the first week: 3 → 1.5 → 0 → 0.
    const target = formatTargetDay(new Date(firstWeek + 2 * WEEK_MS));
    const set = await data<{ setTeamRotationTarget: { name: string; rotationTargetDate: string } }>(
      `mutation { setTeamRotationTarget(org: "acme", teamId: "${teamIds['Payments']}", targetDate: "${target}") { name rotationTargetDate } }`,
      'lead',
    );
    expect(set.setTeamRotationTarget).toEqual({ name: 'Payments', rotationTargetDate: target });
    const payments = (await data<{ teamBurndowns: Burndown[] }>(BURNDOWNS)).teamBurndowns.find((b) => b.team.name === 'Payments')!;
    expect(payments).toMatchObject({ targetDate: target, targetIsDefault: false });
    expect(payments.points.map((p) => p.target)).toEqual([3, 1.5, 0, 0]);
    // 3 overdue this week against a line already at 0.
    expect(payments.keysBehindTarget).toBe(3);

    await data(`mutation { setTeamRotationTarget(org: "acme", teamId: "${teamIds['Payments']}", targetDate: null) { id } }`);
    const cleared = (await data<{ teamBurndowns: Burndown[] }>(BURNDOWNS)).teamBurndowns.find((b) => b.team.name === 'Payments')!;
    expect(cleared).toMatchObject({ targetIsDefault: true, targetDate: formatTargetDay(defaultTargetDay(new Date())) });
  });

  it('lists a team that set a target even while it owns no key', async () => {
    await data(`mutation { setTeamRotationTarget(org: "acme", teamId: "${teamIds['Quiet']}", targetDate: "2027-03-31") { id } }`);
    const { teamBurndowns } = await data<{ teamBurndowns: Burndown[] }>(BURNDOWNS);
    expect(teamBurndowns.map((b) => b.team.name)).toEqual(['Payments', 'Identity', 'Quiet']);
    expect(teamBurndowns[2]!.points.map((p) => [p.overdue, p.target])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it("limits an engineering lead to the teams they lead, for reading and for setting targets", async () => {
    const { teamBurndowns } = await data<{ teamBurndowns: Burndown[] }>(BURNDOWNS, 'lead');
    expect(teamBurndowns.map((b) => b.team.name)).toEqual(['Payments']);
    expect(await codes(`mutation { setTeamRotationTarget(org: "acme", teamId: "${teamIds['Identity']}", targetDate: "2027-01-31") { id } }`, 'lead')).toEqual(['FORBIDDEN']);
  });

  it('lets auditors read but not set, keeps the board out, and refuses what is not a calendar day', async () => {
    expect(await codes(BURNDOWNS, 'auditor')).toBeUndefined();
    expect(await codes(`mutation { setTeamRotationTarget(org: "acme", teamId: "${teamIds['Identity']}", targetDate: "2027-01-31") { id } }`, 'auditor')).toEqual(['FORBIDDEN']);
    expect(await codes(BURNDOWNS, 'board')).toEqual(['FORBIDDEN']);
    for (const day of ['2027-02-30', '31/01/2027', 'soon']) {
      expect(await codes(`mutation { setTeamRotationTarget(org: "acme", teamId: "${teamIds['Identity']}", targetDate: "${day}") { id } }`, 'ciso')).toEqual(['BAD_USER_INPUT']);
    }
    expect(await codes(`{ teamBurndowns(org: "acme", weeks: 0) { targetDate } }`, 'ciso')).toEqual(['BAD_USER_INPUT']);
    expect(await codes(`mutation { setTeamRotationTarget(org: "acme", teamId: "00000000-0000-0000-0000-000000000000", targetDate: null) { id } }`, 'ciso')).toEqual(['NOT_FOUND']);
  });
});
