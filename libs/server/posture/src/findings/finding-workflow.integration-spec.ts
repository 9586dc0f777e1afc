import 'reflect-metadata';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiTokenService, cliActor, UserService } from '@postureboard/server-auth';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { IngestModule } from '@postureboard/server-ingest';
import { PostureModule } from '../posture.module.js';
import { graphqlTestModule } from '@postureboard/server-auth/testing';

interface GraphQLResponse {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many shapes; the assertions check them
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const DAY = 86_400_000;
/** The stored evaluation's instant: overdue and "still detected" are judged against it. */
const EVALUATED = new Date('2026-11-30T09:00:00Z');

/**
 * The findings workflow over HTTP, behind the real guard and audit interceptor: assignee, comments, false
 * positive, overdue, resolve's "still detected", bulk changes and the CSV export, with every refusal.
 */
describe('the findings workflow (GraphQL and HTTP on PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  let org = '';
  const tokens: Record<string, string> = {};
  const users: Record<string, string> = {};
  const teams: Record<string, string> = {};
  const findings: Record<string, string> = {};

  const gql = async (who: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse;
  };
  const ok = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const result = await gql(who, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const refused = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const result = await gql(who, query, variables);
    expect(result.errors).toBeDefined();
    return result.errors![0]!.extensions?.['code'];
  };
  const auditEntries = async (action: string) =>
    (await db.dataSource.query(`SELECT action, outcome, details FROM audit_log WHERE action = $1 AND outcome = 'SUCCESS' ORDER BY seq`, [action])) as { action: string; outcome: string; details: Record<string, unknown> }[];

  const insertFinding = async (name: string, teamId: string | null, dueAt: Date, lastDetectedAt: Date, severity = 'HIGH') => {
    const [{ id }] = (await db.dataSource.query(
      `INSERT INTO finding (organization_id, fingerprint, kind, title, domain, severity, status, subject_type, subject_external_id, subject_name,
         owner_team_id, first_detected_at, last_detected_at, due_at)
       VALUES ($1, $2, 'KEY_ROTATION_OVERDUE', $3, 'KEY_MANAGEMENT', $4, 'OPEN', 'CREDENTIAL', $2, $5, $6, $7, $8, $9) RETURNING id`,
      [org, `fp-${name}`, `Key ${name} is overdue`, severity, name, teamId, new Date(EVALUATED.getTime() - 40 * DAY), lastDetectedAt, dueAt],
    )) as { id: string }[];
    findings[name] = id;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await NestFactory.create(graphqlTestModule(db.url, [IngestModule.forRoot(), PostureModule], { poolSize: 4 }), { logger: false, abortOnError: false });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');

    [{ id: org }] = (await db.dataSource.query(`INSERT INTO organization (slug, name, currency) VALUES ('acme', 'Acme', 'KRW') RETURNING id`)) as { id: string }[];
    for (const team of ['payments', 'identity']) {
      [{ id: teams[team]! }] = (await db.dataSource.query(`INSERT INTO team (organization_id, name) VALUES ($1, $2) RETURNING id`, [org, team])) as { id: string }[];
    }
    const people = [
      ['ciso', 'CISO', []],
      ['analyst', 'ANALYST', []],
      ['auditor', 'AUDITOR', []],
      ['viewer', 'BOARD_VIEWER', []],
      ['paylead', 'ENGINEERING_LEAD', ['payments']],
      ['idlead', 'ENGINEERING_LEAD', ['identity']],
    ] as const;
    for (const [who, role, led] of people) {
      const email = `${who}@acme.test`;
      const created = await app.get(UserService).create({ email, organizationSlug: 'acme', role, teams: [...led], actor: cliActor() });
      users[who] = created.user.id;
      tokens[who] = (await app.get(ApiTokenService).issue({ email, organizationSlug: 'acme', expiresIn: '1d', actor: cliActor() })).token;
    }
    // 'pay-1' detected by the stored evaluation, 3½ days past due; 'pay-2' detected by an older one only; 'id-1' not due yet.
    await insertFinding('pay-1', teams['payments']!, new Date(EVALUATED.getTime() - 3.5 * DAY), EVALUATED, 'CRITICAL');
    await insertFinding('pay-2', teams['payments']!, new Date(EVALUATED.getTime() - 1 * DAY), new Date(EVALUATED.getTime() - 7 * DAY));
    await insertFinding('id-1', teams['identity']!, new Date(EVALUATED.getTime() + 5 * DAY), EVALUATED);
    await db.dataSource.query(
      `INSERT INTO current_posture (organization_id, as_of, evaluated_at, duration_ms, data_version, view) VALUES ($1, $2, $3, 1, 'v', '{}')`,
      [org, EVALUATED, new Date(EVALUATED.getTime() + 60_000)],
    );
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const FINDING = `query($id: ID!) { finding(org: "acme", id: $id) {
    id status overdue daysOverdue stillDetected falsePositiveUntil falsePositiveReason
    assignee { id email } comments { author text at }
    statusHistory { from to actor reason falsePositiveUntil }
  } }`;

  it('computes overdue and days overdue when read, from the due date and the stored evaluation’s as-of', async () => {
    expect((await ok('ciso', FINDING, { id: findings['pay-1'] }))['finding']).toMatchObject({ overdue: true, daysOverdue: 3 });
    expect((await ok('ciso', FINDING, { id: findings['pay-2'] }))['finding']).toMatchObject({ overdue: true, daysOverdue: 1 });
    expect((await ok('ciso', FINDING, { id: findings['id-1'] }))['finding']).toMatchObject({ overdue: false, daysOverdue: 0 });
  });

  it('answers "still detected" from the stored evaluation’s as-of, not the newest detection of any finding', async () => {
    // Before: max(last_detected_at) decided. After an evaluation that detected nothing, everything last seen by the
    // evaluation before it counted as still detected. Simulate it: the stored posture moves on, nothing is re-detected.
    expect((await ok('ciso', FINDING, { id: findings['pay-1'] }))['finding'].stillDetected).toBe(true);
    expect((await ok('ciso', FINDING, { id: findings['pay-2'] }))['finding'].stillDetected).toBe(false);
    await db.dataSource.query(`UPDATE current_posture SET as_of = $2 WHERE organization_id = $1`, [org, new Date(EVALUATED.getTime() + DAY)]);
    try {
      expect((await ok('ciso', FINDING, { id: findings['pay-1'] }))['finding'].stillDetected).toBe(false);
    } finally {
      await db.dataSource.query(`UPDATE current_posture SET as_of = $2 WHERE organization_id = $1`, [org, EVALUATED]);
    }
  });

  describe('assignee', () => {
    const ASSIGN = `mutation($id: ID!, $user: ID) { assignFinding(org: "acme", id: $id, assigneeUserId: $user) { id assigneeUserId assignee { email } } }`;
    const ASSIGNEES = `query($id: ID!) { findingAssignees(org: "acme", id: $id) { email } }`;

    it('offers only active members who can see the finding’s team', async () => {
      const emails = ((await ok('ciso', ASSIGNEES, { id: findings['pay-1'] }))['findingAssignees'] as { email: string }[]).map((u) => u.email);
      expect(emails).toEqual(['analyst@acme.test', 'auditor@acme.test', 'ciso@acme.test', 'paylead@acme.test']);
    });

    it('assigns to a member who can see the finding and clears it with null', async () => {
      const assigned = (await ok('paylead', ASSIGN, { id: findings['pay-1'], user: users['paylead'] }))['assignFinding'];
      expect(assigned).toMatchObject({ assigneeUserId: users['paylead'], assignee: { email: 'paylead@acme.test' } });
      expect((await ok('ciso', ASSIGN, { id: findings['pay-1'], user: null }))['assignFinding']).toMatchObject({ assigneeUserId: null, assignee: null });
      expect(await auditEntries('mutation.assignFinding')).toEqual([
        expect.objectContaining({ outcome: 'SUCCESS', details: expect.objectContaining({ id: findings['pay-1'], assigneeUserId: users['paylead'] }) }),
        expect.objectContaining({ outcome: 'SUCCESS' }),
      ]);
    });

    it('refuses an assignee who cannot see the finding: another team’s lead, a board viewer, a stranger', async () => {
      expect(await refused('ciso', ASSIGN, { id: findings['pay-1'], user: users['idlead'] })).toBe('BAD_USER_INPUT');
      expect(await refused('ciso', ASSIGN, { id: findings['pay-1'], user: users['viewer'] })).toBe('BAD_USER_INPUT');
      expect(await refused('ciso', ASSIGN, { id: findings['pay-1'], user: '00000000-0000-4000-8000-000000000000' })).toBe('BAD_USER_INPUT');
    });

    it('refuses callers outside the finding’s team or without a writing role', async () => {
      expect(await refused('idlead', ASSIGN, { id: findings['pay-1'], user: users['ciso'] })).toBe('FORBIDDEN');
      expect(await refused('viewer', ASSIGN, { id: findings['pay-1'], user: users['ciso'] })).toBe('FORBIDDEN');
      expect(await refused('auditor', ASSIGN, { id: findings['pay-1'], user: users['ciso'] })).toBe('FORBIDDEN');
      expect(await refused('idlead', ASSIGNEES, { id: findings['pay-1'] })).toBe('FORBIDDEN');
      expect(await refused('viewer', ASSIGNEES, { id: findings['pay-1'] })).toBe('FORBIDDEN');
    });
  });

  describe('comments', () => {
    const COMMENT = `mutation($id: ID!, $text: String!) { addFindingComment(org: "acme", id: $id, text: $text) { id author text at } }`;

    it('keeps who said what and when, oldest first, and audits the comment without its text', async () => {
      await ok('paylead', COMMENT, { id: findings['pay-2'], text: '  Rotation scheduled for Friday  ' });
      await ok('analyst', COMMENT, { id: findings['pay-2'], text: 'Checked: the key is still in use =1+1' });
      const comments = (await ok('auditor', FINDING, { id: findings['pay-2'] }))['finding'].comments as { author: string; text: string; at: string }[];
      expect(comments.map((c) => [c.author.split(' ')[0], c.text])).toEqual([
        ['paylead@acme.test', 'Rotation scheduled for Friday'],
        ['analyst@acme.test', 'Checked: the key is still in use =1+1'],
      ]);
      expect(Date.parse(comments[0]!.at)).toBeLessThanOrEqual(Date.parse(comments[1]!.at));
      const audited = await auditEntries('mutation.addFindingComment');
      expect(audited).toHaveLength(2);
      expect(JSON.stringify(audited)).not.toContain('Rotation scheduled');
    });

    it('is append-only: the database refuses to edit a comment', async () => {
      await expect(db.dataSource.query(`UPDATE finding_comment SET body = 'rewritten'`)).rejects.toThrow(/append-only/);
    });

    it('refuses an empty comment, another team’s lead, an auditor and a board viewer', async () => {
      expect(await refused('ciso', COMMENT, { id: findings['pay-2'], text: '   ' })).toBe('BAD_USER_INPUT');
      expect(await refused('idlead', COMMENT, { id: findings['pay-2'], text: 'hi' })).toBe('FORBIDDEN');
      expect(await refused('auditor', COMMENT, { id: findings['pay-2'], text: 'hi' })).toBe('FORBIDDEN');
      expect(await refused('viewer', COMMENT, { id: findings['pay-2'], text: 'hi' })).toBe('FORBIDDEN');
    });
  });

  describe('false positive', () => {
    const MARK = `mutation($id: ID!, $reason: String!, $expiresAt: DateTime!) {
      markFindingFalsePositive(org: "acme", id: $id, reason: $reason, expiresAt: $expiresAt) { id status falsePositiveUntil falsePositiveReason overdue }
    }`;
    const until = new Date(Date.now() + 30 * DAY).toISOString();

    it('needs a reason and an expiry in the future', async () => {
      expect(await refused('ciso', MARK, { id: findings['id-1'], reason: ' ', expiresAt: until })).toBe('BAD_USER_INPUT');
      expect(await refused('ciso', MARK, { id: findings['id-1'], reason: 'test key', expiresAt: new Date(Date.now() - DAY).toISOString() })).toBe('BAD_USER_INPUT');
    });

    it('refuses another team’s lead and the read-only roles', async () => {
      expect(await refused('paylead', MARK, { id: findings['id-1'], reason: 'test key', expiresAt: until })).toBe('FORBIDDEN');
      expect(await refused('viewer', MARK, { id: findings['id-1'], reason: 'test key', expiresAt: until })).toBe('FORBIDDEN');
      expect(await refused('auditor', MARK, { id: findings['id-1'], reason: 'test key', expiresAt: until })).toBe('FORBIDDEN');
    });

    it('records the judgement with its reason and expiry, in the history and the audit trail', async () => {
      const marked = (await ok('idlead', MARK, { id: findings['id-1'], reason: 'Test key in a sandbox account', expiresAt: until }))['markFindingFalsePositive'];
      expect(marked).toMatchObject({ status: 'FALSE_POSITIVE', falsePositiveUntil: until, falsePositiveReason: 'Test key in a sandbox account', overdue: false });
      const history = (await ok('ciso', FINDING, { id: findings['id-1'] }))['finding'].statusHistory;
      expect(history.at(-1)).toMatchObject({ from: 'OPEN', to: 'FALSE_POSITIVE', reason: 'Test key in a sandbox account', falsePositiveUntil: until });
      expect(await auditEntries('mutation.markFindingFalsePositive')).toContainEqual(expect.objectContaining({ outcome: 'SUCCESS', details: expect.objectContaining({ id: findings['id-1'] }) }));
    });
  });

  describe('bulk changes', () => {
    const BULK = `mutation($ids: [ID!]!, $action: BulkFindingAction!) {
      bulkUpdateFindings(org: "acme", ids: $ids, action: $action) { succeeded failed results { findingId ok errorCode finding { status assigneeUserId } } }
    }`;

    it('checks role, team and lifecycle per finding and answers for each', async () => {
      const missing = '00000000-0000-4000-8000-000000000001';
      const result = (await ok('paylead', BULK, { ids: [findings['pay-1'], findings['id-1'], missing], action: { status: 'ACKNOWLEDGED', assigneeUserId: users['paylead'] } }))[
        'bulkUpdateFindings'
      ];
      expect(result).toMatchObject({ succeeded: 1, failed: 2 });
      expect(result.results).toEqual([
        { findingId: findings['pay-1'], ok: true, errorCode: null, finding: { status: 'ACKNOWLEDGED', assigneeUserId: users['paylead'] } },
        { findingId: findings['id-1'], ok: false, errorCode: 'FORBIDDEN', finding: null },
        { findingId: missing, ok: false, errorCode: 'NOT_FOUND', finding: null },
      ]);
      // A refused one was left as it was.
      expect((await ok('ciso', FINDING, { id: findings['id-1'] }))['finding']).toMatchObject({ status: 'FALSE_POSITIVE', assignee: null });
    });

    it('resolves a selection, and refuses per finding what the lifecycle does not allow', async () => {
      const result = (await ok('ciso', BULK, { ids: [findings['pay-1'], findings['pay-2']], action: { status: 'RESOLVED', reason: 'rotated' } }))['bulkUpdateFindings'];
      expect(result).toMatchObject({ succeeded: 2, failed: 0 });
      const again = (await ok('ciso', BULK, { ids: [findings['pay-1']], action: { status: 'ACKNOWLEDGED' } }))['bulkUpdateFindings'];
      expect(again.results[0]).toMatchObject({ ok: false, errorCode: 'CONFLICT' });
      // Renewing a false-positive judgement needs its reason again.
      const noReason = (await ok('ciso', BULK, { ids: [findings['id-1']], action: { status: 'FALSE_POSITIVE', expiresAt: new Date(Date.now() + DAY).toISOString() } }))[
        'bulkUpdateFindings'
      ];
      expect(noReason.results[0]).toMatchObject({ ok: false, errorCode: 'BAD_USER_INPUT' });
    });

    it('assigns a selection, refusing per finding an assignee who cannot see it', async () => {
      const result = (await ok('ciso', BULK, { ids: [findings['pay-2'], findings['id-1']], action: { assigneeUserId: users['idlead'] } }))['bulkUpdateFindings'];
      expect(result.results.map((r: { ok: boolean; errorCode: string | null }) => [r.ok, r.errorCode])).toEqual([
        [false, 'BAD_USER_INPUT'],
        [true, null],
      ]);
    });

    it('refuses read-only roles, an empty selection and an empty action outright', async () => {
      expect(await refused('viewer', BULK, { ids: [findings['pay-1']], action: { status: 'RESOLVED' } })).toBe('FORBIDDEN');
      expect(await refused('auditor', BULK, { ids: [findings['pay-1']], action: { status: 'RESOLVED' } })).toBe('FORBIDDEN');
      expect(await refused('ciso', BULK, { ids: [], action: { status: 'RESOLVED' } })).toBe('BAD_USER_INPUT');
      expect(await refused('ciso', BULK, { ids: [findings['pay-1']], action: {} })).toBe('BAD_USER_INPUT');
    });
  });

  describe('CSV export', () => {
    const download = (who: string | null, query = '') =>
      fetch(`${base}/api/orgs/acme/findings.csv${query}`, { headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });
    const parse = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);

    it('exports the list as filtered, with the caller’s team scope, RFC 4180 quoting and formula-safe cells', async () => {
      await db.dataSource.query(`UPDATE finding SET subject_name = '=HYPERLINK("x","y")', title = 'Key, "quoted"' WHERE id = $1`, [findings['id-1']]);
      const res = await download('ciso', '?status=FALSE_POSITIVE');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="findings-acme-/);
      const lines = parse(await res.text());
      expect(lines[0]).toBe('id,title,severity,status,domain,kind,subject,ownerTeam,assignee,firstDetectedAt,lastDetectedAt,dueAt,overdue,daysOverdue,riskAcceptedUntil,falsePositiveUntil');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`${findings['id-1']},"Key, ""quoted""",HIGH,FALSE_POSITIVE,KEY_MANAGEMENT,KEY_ROTATION_OVERDUE,"'=HYPERLINK(""x"",""y"")",identity,idlead@acme.test,`);

      const lead = parse(await (await download('paylead', '?status=RESOLVED')).text());
      expect(lead.slice(1).map((l) => l.split(',')[0]).sort()).toEqual([findings['pay-1'], findings['pay-2']].sort());
      expect(parse(await (await download('idlead', '?status=RESOLVED')).text())).toHaveLength(1);
      expect(await auditEntries('findings.exported')).toContainEqual(expect.objectContaining({ details: expect.objectContaining({ rows: 2, status: 'RESOLVED' }) }));
    });

    it('names a bad filter and refuses board viewers and the signed-out', async () => {
      const bad = await download('ciso', '?severity=SEVERE');
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('severity');
      expect((await download('viewer')).status).toBe(403);
      expect((await download(null)).status).toBe(401);
    });
  });
});
