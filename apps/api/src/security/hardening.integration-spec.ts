import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { AuditTrail, cliActor, hashEntry, UserService } from '@postureboard/server-auth';
import type { TestDatabase } from '@postureboard/server-database/testing';
import { type BootedApi, bootApi } from '../testing/boot-api.js';

/**
 * Reproductions of issue 18's items against the whole API listening on loopback (see README.md beside this file):
 * each attack as the issue describes it, answered as the fix says.
 */
const PASSWORD = 'member-password-1234';

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe('issue 18 reproduced against a running server', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  let api: BootedApi;
  const cookies: Record<string, string> = {};
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => db.dataSource.query(text, params) as Promise<T[]>;
  const graphql = async (who: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies[who]! }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GraphQLResponse;
  };
  const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.['code'];

  beforeAll(async () => {
    api = await bootApi({
      env: {
        POSTUREBOARD_IN_PROCESS_WORKER: 'false',
        POSTUREBOARD_ADMIN_EMAIL: 'root@postureboard.test',
        POSTUREBOARD_ADMIN_PASSWORD: 'security-admin-password-123',
      },
    });
    ({ app, base, db } = api);

    const [{ id: org }] = await sql<{ id: string }>(`INSERT INTO organization (slug, name) VALUES ('acme', 'Acme') RETURNING id`);
    const team = async (name: string) => (await sql<{ id: string }>(`INSERT INTO team (organization_id, name) VALUES ($1, $2) RETURNING id`, [org, name]))[0]!.id;
    const teams = { payments: await team('Payments'), identity: await team('Identity') };
    // Three people with a production entitlement: the lead of Payments, someone in Payments, someone in Identity.
    for (const [email, teamId] of [
      ['lead@acme.test', teams.payments],
      ['dev@acme.test', teams.payments],
      ['idp@acme.test', teams.identity],
    ] as const) {
      const [{ id }] = await sql<{ id: string }>(
        `INSERT INTO identity (organization_id, email, display_name, employment_type, status, source, team_id) VALUES ($1, $2, $2, 'EMPLOYEE', 'ACTIVE', 'hr', $3) RETURNING id`,
        [org, email, teamId],
      );
      const [{ id: account }] = await sql<{ id: string }>(
        `INSERT INTO account (organization_id, system, external_id, user_name, identity_id, status) VALUES ($1, 'aws', $2, $2, $3, 'ACTIVE') RETURNING id`,
        [org, email, id],
      );
      await sql(`INSERT INTO entitlement (organization_id, account_id, name, production) VALUES ($1, $2, 'prod-admin', true)`, [org, account]);
    }
    const users = app.get(UserService);
    for (const [who, role, leads] of [
      ['lead', 'ENGINEERING_LEAD', ['Payments']],
      ['ciso', 'CISO', []],
      ['auditor', 'AUDITOR', []],
    ] as const) {
      await users.create({ email: `${who}@acme.test`, organizationSlug: 'acme', role, teams: [...leads], password: PASSWORD, actor: cliActor() });
      const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `${who}@acme.test`, password: PASSWORD }) });
      cookies[who] = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('item 10: access-review decisions', () => {
    const decide = (who: string, campaignId: string, identityEmail: string) =>
      graphql(
        who,
        `mutation ($id: ID!, $email: String!) { recordReviewDecision(org: "acme", campaignId: $id, identityEmail: $email, entitlement: "prod-admin", decision: KEEP) { decided total } }`,
        { id: campaignId, email: identityEmail },
      );
    const create = async (name: string, scope: string) =>
      (await graphql('ciso', `mutation ($name: String!, $scope: String) { createAccessReviewCampaign(org: "acme", name: $name, dueAt: "2099-01-01T00:00:00Z", scope: $scope) { id total } }`, { name, scope }))
        .data!['createAccessReviewCampaign'] as { id: string; total: number };

    it('refuses self-review and items of teams the reviewer does not lead; accepts the lead on their team', async () => {
      const campaign = await create('Q4 production', 'production');
      expect(campaign.total).toBe(3);
      expect(codeOf(await decide('lead', campaign.id, 'lead@acme.test'))).toBe('FORBIDDEN');
      expect(codeOf(await decide('lead', campaign.id, 'idp@acme.test'))).toBe('FORBIDDEN');
      expect((await decide('lead', campaign.id, 'dev@acme.test')).data?.['recordReviewDecision']).toEqual({ decided: 1, total: 3 });
      expect((await decide('ciso', campaign.id, 'idp@acme.test')).data?.['recordReviewDecision']).toEqual({ decided: 2, total: 3 });
    });

    it('refuses every decision in a campaign with no items', async () => {
      const empty = await create('Nothing privileged', 'privileged');
      expect(empty.total).toBe(0);
      const refused = await decide('ciso', empty.id, 'dev@acme.test');
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toBe('Campaign "Nothing privileged" has no items to decide on');
    });
  });

  describe('item 7: the audit chain cannot be rewritten or cut back unnoticed', () => {
    const verify = async () => (await graphql('auditor', `{ verifyAuditChain(org: "acme") { valid problems { kind seq } } }`)).data!['verifyAuditChain'] as { valid: boolean; problems: { kind: string; seq: number }[] };
    const withTriggerOff = async (text: string, params: unknown[] = []) => {
      await sql('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
      try {
        await sql(text, params);
      } finally {
        await sql('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
      }
    };

    it('detects the newest entries deleted and audit_head moved, against a checkpoint kept outside the database', async () => {
      const checkpoint = await app.get(AuditTrail).checkpoint('acme');
      expect((await verify()).valid).toBe(true);
      await withTriggerOff(`DELETE FROM audit_log WHERE seq > $1`, [checkpoint.seq - 2]);
      await sql(`UPDATE audit_head SET seq = l.seq, hash = l.hash FROM audit_log l WHERE l.seq = $1`, [checkpoint.seq - 2]);
      expect((await verify()).valid).toBe(true);
      expect((await app.get(AuditTrail).verify({ checkpoint })).problems).toEqual([expect.objectContaining({ kind: 'TRUNCATED', seq: checkpoint.seq })]);
    });

    it('detects an entry edited and re-hashed with the product’s published hash, head moved', async () => {
      const [row] = await sql<Parameters<typeof hashEntry>[1] & { prevHash: string }>(
        `SELECT seq::float8 AS seq, occurred_at AS "occurredAt", actor_type AS "actorType", actor_id AS "actorId", actor, organization_id AS "organizationId",
                action, target, outcome, details, prev_hash AS "prevHash" FROM audit_log ORDER BY seq DESC LIMIT 1`,
      );
      const forged = { ...row!, target: 'nothing to see' };
      const hash = hashEntry(forged.prevHash, forged);
      await withTriggerOff(`UPDATE audit_log SET target = $2, hash = $3 WHERE seq = $1`, [row!.seq, forged.target, hash]);
      await sql(`UPDATE audit_head SET hash = $1`, [hash]);
      expect(await verify()).toEqual({ valid: false, problems: [{ kind: 'EDITED', seq: row!.seq }] });
    });
  });
});
