import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { graphql, type ExecutionResult } from 'graphql';
import { ApiTokenService, cliActor, UserService } from '@postureboard/server-auth';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { IngestModule } from '@postureboard/server-ingest';
import { PostureModule } from '../posture.module.js';
import { graphqlTestModule } from '@postureboard/server-auth/testing';

interface Page {
  findings: { totalCount: number; edges: { cursor: string; node: { id: string; title: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** The findings list as the web app asks for it: search, and paging by the cursors the list hands out. */
describe('the findings list over GraphQL', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let token = '';
  const ids: string[] = [];
  const run = (source: string, variableValues?: Record<string, unknown>): Promise<ExecutionResult> =>
    Promise.resolve(
      graphql({
        schema: app.get(GraphQLSchemaHost).schema,
        source,
        variableValues,
        contextValue: { req: { headers: { authorization: `Bearer ${token}` }, ip: '127.0.0.1' } },
      }),
    );
  const LIST = `query($filter: FindingFilter, $first: Int, $after: String) {
    findings(org: "acme", filter: $filter, first: $first, after: $after) {
      totalCount edges { cursor node { id title } } pageInfo { hasNextPage endCursor }
    }
  }`;
  const page = async (variables: Record<string, unknown>): Promise<Page['findings']> => {
    const result = await run(LIST, variables);
    expect(result.errors).toBeUndefined();
    return (result.data as unknown as Page).findings;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    // The posture's write side queues its evaluations on the ingest engine's queue.
    app = await NestFactory.create(graphqlTestModule(db.url, [IngestModule.forRoot(), PostureModule]), { logger: false, abortOnError: false });
    await app.init();
    const [{ id: org }] = (await db.dataSource.query(`INSERT INTO organization (slug, name, currency) VALUES ('acme', 'Acme', 'KRW') RETURNING id`)) as { id: string }[];
    await app.get(UserService).create({ email: 'ciso@acme.test', organizationSlug: 'acme', role: 'CISO', actor: cliActor() });
    token = (await app.get(ApiTokenService).issue({ email: 'ciso@acme.test', organizationSlug: 'acme', expiresIn: '1d', actor: cliActor() })).token;
    // Seven findings over two severities, so pages cross a severity boundary.
    const people = ['Kim Minjun', 'Lee Seoyeon', 'Park Jiho', 'Kim Dahye', 'Choi Yuna', 'Jung Hoon', 'nuri-auth signing key'];
    for (const [i, name] of people.entries()) {
      const [{ id }] = (await db.dataSource.query(
        `INSERT INTO finding (organization_id, fingerprint, kind, title, domain, severity, status, subject_type, subject_external_id, subject_name, first_detected_at, last_detected_at)
         VALUES ($1, $2, 'LEAVER_ACTIVE_ACCESS', $3, 'ACCESS_GOVERNANCE', $4, 'OPEN', 'IDENTITY', $2, $5, now() - ($6 || ' days')::interval, now())
         RETURNING id`,
        [org, `fp-${i}`, `Leaver still has access: ${name}`, i < 3 ? 'CRITICAL' : 'HIGH', name, String(30 - i)],
      )) as { id: string }[];
      ids.push(id);
    }
  });

  afterAll(async () => {
    await app?.close();
    await db.drop();
  });

  it('searches subject names and titles, case-insensitively, with % and _ taken literally', async () => {
    const titles = async (search: string) => (await page({ filter: { search }, first: 50 })).edges.map((e) => e.node.title).sort();
    expect(await titles('kim')).toEqual(['Leaver still has access: Kim Dahye', 'Leaver still has access: Kim Minjun']);
    expect(await titles('nuri-auth')).toEqual(['Leaver still has access: nuri-auth signing key']);
    expect(await titles('zzzz')).toEqual([]);
    expect(await titles('%')).toEqual([]);
    expect((await page({ filter: { search: 'Leaver' }, first: 50 })).totalCount).toBe(7);
  });

  it('continues after any edge cursor it handed out, and pages through every finding once', async () => {
    const all = await page({ first: 50 });
    expect(all.edges).toHaveLength(7);
    // After the third edge: the four behind it, in the same order.
    const rest = await page({ first: 50, after: all.edges[2]!.cursor });
    expect(rest.edges.map((e) => e.node.id)).toEqual(all.edges.slice(3).map((e) => e.node.id));

    const seen: string[] = [];
    let after: string | null = null;
    for (let n = 0; n < 10; n++) {
      const next: Page['findings'] = await page({ first: 2, after });
      seen.push(...next.edges.map((e) => e.node.id));
      if (!next.pageInfo.hasNextPage) break;
      after = next.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((e) => e.node.id));
    expect(new Set(seen).size).toBe(7);
  });

  it("tells whether the latest evaluation still detected a finding being resolved, so the web can say it will reopen", async () => {
    // The latest stored evaluation (the current posture, as of 2026-12-07) saw the first finding, not the second.
    await db.dataSource.query(`UPDATE finding SET last_detected_at = '2026-12-01T00:00:00Z'`);
    await db.dataSource.query(`UPDATE finding SET last_detected_at = '2026-12-07T00:00:00Z' WHERE id = $1`, [ids[0]]);
    await db.dataSource.query(
      `INSERT INTO current_posture (organization_id, as_of, evaluated_at, duration_ms, data_version, view)
       SELECT organization_id, '2026-12-07T00:00:00Z', '2026-12-07T00:01:00Z', 1, 'v', '{}' FROM finding WHERE id = $1`,
      [ids[0]],
    );
    const resolve = async (id: string) => {
      const result = await run(`mutation($id: ID!) { resolveFinding(org: "acme", id: $id, reason: "fixed") { status stillDetected } }`, { id });
      expect(result.errors).toBeUndefined();
      return (result.data as { resolveFinding: { status: string; stillDetected: boolean } }).resolveFinding;
    };
    expect(await resolve(ids[0]!)).toEqual({ status: 'RESOLVED', stillDetected: true });
    expect(await resolve(ids[1]!)).toEqual({ status: 'RESOLVED', stillDetected: false });
  });

  it('answers BAD_USER_INPUT, not an internal error, for an `after` that is a finding id or garbage', async () => {
    for (const after of [ids[0]!, 'not-a-cursor', Buffer.from('[9,"x","y"]').toString('base64url')]) {
      const result = await run(LIST, { first: 5, after });
      expect(result.errors?.map((e) => [e.extensions?.['code'], e.message])).toEqual([
        ['BAD_USER_INPUT', '`after` is not a cursor from this list: pass an edge `cursor` or `pageInfo.endCursor`'],
      ]);
    }
  });
  it("renders a finding's title and evidence in the language asked for, from its stored parameters and data; one stored before them keeps its title", async () => {
    const params = { credentialKind: 'SIGNING_KEY', name: 'nuri-auth-2015', dueOn: '2016-06-30' };
    const [{ id }] = (await db.dataSource.query(
      `INSERT INTO finding (organization_id, fingerprint, kind, title, params, evidence, domain, severity, status, subject_type, subject_external_id, subject_name,
              first_detected_at, last_detected_at)
       SELECT id, 'fp-key', 'KEY_ROTATION_OVERDUE', 'SIGNING_KEY nuri-auth-2015 has been overdue for rotation since 2016-06-30', $1, $2, 'KEY_MANAGEMENT', 'CRITICAL', 'OPEN',
              'CREDENTIAL', 'nuri-auth-2015', 'nuri-auth-2015', now(), now() FROM organization WHERE slug = 'acme'
       RETURNING id`,
      [
        JSON.stringify(params),
        JSON.stringify([
          { source: 'jwks', type: 'signed-tokens', summary: '3 active token(s) signed by this key', data: { activeTokens: 3 } },
          { source: 'jwks', type: 'jwk', summary: 'kid nuri-auth-2015', data: {} },
        ]),
      ],
    )) as { id: string }[];
    const titles = async (findingId: string) => {
      const result = await run(`query($id: ID!) { finding(org: "acme", id: $id) { en: title ko: title(lang: "ko") default: title(lang: "en") } }`, { id: findingId });
      expect(result.errors).toBeUndefined();
      return (result.data as { finding: Record<string, string> }).finding;
    };
    expect(await titles(id)).toEqual({
      en: 'Signing key nuri-auth-2015 has been overdue for rotation since Jun 30, 2016',
      ko: '서명 키 nuri-auth-2015: 2016. 6. 30.부터 교체 기한 초과',
      default: 'Signing key nuri-auth-2015 has been overdue for rotation since Jun 30, 2016',
    });
    const evidence = await run(`query($id: ID!) { finding(org: "acme", id: $id) { evidence { en: description ko: description(lang: "ko") } } }`, { id });
    expect(evidence.errors).toBeUndefined();
    expect((evidence.data as { finding: { evidence: unknown[] } }).finding.evidence).toEqual([
      { en: '3 active tokens signed by this key', ko: '이 키로 서명된 활성 토큰 3개' },
      { en: 'kid nuri-auth-2015', ko: 'kid nuri-auth-2015' },
    ]);
    expect(await titles(ids[3]!)).toEqual({ en: 'Leaver still has access: Kim Dahye', ko: 'Leaver still has access: Kim Dahye', default: 'Leaver still has access: Kim Dahye' });
    const wrong = await run(`query($id: ID!) { finding(org: "acme", id: $id) { title(lang: "fr") } }`, { id });
    expect(wrong.errors?.map((e) => [e.extensions?.['code'], e.message])).toEqual([['BAD_USER_INPUT', 'Language "fr" is not supported (en or ko)']]);
  });
});
