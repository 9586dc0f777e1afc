import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { ApiTokenService, cliActor, UserService } from '@postureboard/server-auth';
import { OrganizationRepository, PostureChangeFeed } from '@postureboard/server-database';
import type { TestDatabase } from '@postureboard/server-database/testing';
import { EvaluationService } from '@postureboard/server-posture';
import { type BootedApi, bootApi } from './testing/boot-api.js';

interface Answer {
  data?: { posture?: { evaluatedAt: string; overallScore: number | null } } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const CURRENT = 'query Current($org: String!) { posture(org: $org) { evaluatedAt overallScore } scoreHistory(org: $org) { asOf } }';
const AT = 'query At($org: String!, $asOf: DateTime!) { posture(org: $org, asOf: $asOf) { evaluatedAt overallScore } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The API keeps its answers to reads of the stored current posture (the overview's query) per caller, and
 * gives one again only while PostgreSQL has told of no change to that organisation. A change made with the
 * triggers off (`session_replication_role = replica`, which no product code uses) is one the API cannot hear
 * of: it shows whether an answer was kept.
 */
describe('the API keeps answers to current-posture reads until a change is committed', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  let api: BootedApi;
  let organizationId: string;
  const tokens: Record<string, { token: string; id: string }> = {};

  const ask = async (who: string, query = CURRENT, variables: Record<string, unknown> = { org: 'alpha' }): Promise<Answer> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]!.token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Answer;
  };
  const evaluatedAt = async (who: string): Promise<string | undefined> => (await ask(who)).data?.posture?.evaluatedAt;
  /** Changes the stored evaluation time without any trigger firing: nothing is notified. */
  const silently = async (at: string): Promise<void> => {
    await db.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE current_posture SET evaluated_at = $1 WHERE organization_id = $2`, [at, organizationId]);
    });
  };
  const until = async (what: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + 5_000;
    while (!(await what())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await sleep(25);
    }
  };

  beforeAll(async () => {
    api = await bootApi({
      env: {
        POSTUREBOARD_IN_PROCESS_WORKER: 'false',
        POSTUREBOARD_ADMIN_EMAIL: 'root@cache.test',
        POSTUREBOARD_ADMIN_PASSWORD: 'cache-admin-password-123',
      },
    });
    ({ app, base, db } = api);
    const organization = (await app.get(OrganizationRepository).insert({ slug: 'alpha', name: 'Alpha', approvedCountries: [], currency: 'USD' }))!;
    organizationId = organization.id;
    await app.get(EvaluationService).evaluateAndStore(organization as never, new Date());
    for (const [who, role] of [['admin', 'ADMIN'], ['viewer', 'BOARD_VIEWER']] as const) {
      await app.get(UserService).create({ email: `${who}@alpha.test`, organizationSlug: 'alpha', role, password: 'member-password-1234', actor: cliActor() });
      const issued = await app.get(ApiTokenService).issue({ email: `${who}@alpha.test`, organizationSlug: 'alpha', expiresIn: '1d', actor: cliActor() });
      tokens[who] = { token: issued.token, id: issued.record.id };
    }
    expect(await app.get(PostureChangeFeed).ready()).toBe(true);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('gives a caller its kept answer until a committed change is heard, then reads again', async () => {
    const first = await evaluatedAt('admin');
    expect(first).toBeDefined();
    await silently('2001-01-01T00:00:00Z');
    // Kept: the silent change is not seen by the caller who asked before it.
    expect(await evaluatedAt('admin')).toBe(first);
    // Another caller has no kept answer: it reads the table.
    expect(await evaluatedAt('viewer')).toBe('2001-01-01T00:00:00.000Z');
    // A committed change (triggers on) is heard, and the next answer is read afresh.
    await db.dataSource.query(`UPDATE current_posture SET duration_ms = duration_ms + 1 WHERE organization_id = $1`, [organizationId]);
    await until(async () => (await evaluatedAt('admin')) === '2001-01-01T00:00:00.000Z');
  });

  it('hears a new evaluation, a new snapshot, a change of a table evaluation reads and of the organisation', async () => {
    const changes = [
      () => app.get(EvaluationService).evaluateAndStore({ id: organizationId } as never, new Date()),
      () => db.dataSource.query(`INSERT INTO score_snapshot (organization_id, as_of, trigger, overall_score, overall_band, posture) SELECT organization_id, now(), 'ON_DEMAND', 50, 'FAIR', view FROM current_posture WHERE organization_id = $1`, [organizationId]),
      () => db.dataSource.query(`INSERT INTO team (organization_id, name) VALUES ($1, 'Payments')`, [organizationId]),
      () => db.dataSource.query(`UPDATE organization SET name = 'Alpha Corp' WHERE id = $1`, [organizationId]),
    ];
    for (const [i, change] of changes.entries()) {
      const before = await evaluatedAt('admin');
      const marker = new Date(Date.UTC(2010 + i, 0, 1)).toISOString();
      await silently(marker);
      expect(await evaluatedAt('admin')).toBe(before);
      await change();
      await silently(marker);
      await until(async () => (await evaluatedAt('admin')) === marker);
    }
  });

  it('keeps nothing while it cannot hear changes, and again once it can', async () => {
    await evaluatedAt('admin');
    await db.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'postureboard-listen' AND datname = current_database()`);
    await until(async () => app.get(PostureChangeFeed).epochOf(organizationId) === null);
    await silently('2003-03-03T00:00:00Z');
    expect(await evaluatedAt('admin')).toBe('2003-03-03T00:00:00.000Z');
    expect(await app.get(PostureChangeFeed).ready()).toBe(true);
    await evaluatedAt('admin');
    await silently('2004-04-04T00:00:00Z');
    expect(await evaluatedAt('admin')).toBe('2003-03-03T00:00:00.000Z');
  });

  it('authenticates every request: a revoked token gets no kept answer', async () => {
    await evaluatedAt('viewer');
    await app.get(ApiTokenService).revoke({ id: tokens['viewer']!.id, actor: cliActor() });
    const answer = await ask('viewer');
    expect(answer.data?.posture).toBeUndefined();
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('never keeps an evaluation at a given instant', async () => {
    const asOf = new Date(Date.now() - 86_400_000).toISOString();
    const first = await ask('admin', AT, { org: 'alpha', asOf });
    const second = await ask('admin', AT, { org: 'alpha', asOf });
    // evaluatedAt of an on-demand evaluation is when it ran: a kept answer would repeat it.
    expect(first.data?.posture?.evaluatedAt).toBeDefined();
    expect(second.data?.posture?.evaluatedAt).not.toBe(first.data?.posture?.evaluatedAt);
  });
});
