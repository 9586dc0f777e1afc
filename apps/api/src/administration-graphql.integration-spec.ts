import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { cliActor, UserService } from '@postureboard/server-auth';
import { OrganizationRepository } from '@postureboard/server-database';
import { DataSource } from 'typeorm';
import { type BootedApi, bootApi, signIn } from './testing/boot-api.js';

const PASSWORD = 'member-password-1234';

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe('members and the audit chain over GraphQL (the web admin pages)', () => {
  let app: INestApplication;
  let base: string;
  let api: BootedApi;
  const cookies: Record<string, string> = {};

  const graphql = async (query: string, who: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies[who]! }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GraphQLResponse;
  };
  const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.['code'];

  beforeAll(async () => {
    api = await bootApi({
      env: {
        POSTUREBOARD_ADMIN_EMAIL: 'root@postureboard.test',
        POSTUREBOARD_ADMIN_PASSWORD: 'e2e-admin-password-123',
      },
    });
    ({ app, base } = api);
    for (const slug of ['alpha', 'beta']) await app.get(OrganizationRepository).insert({ slug, name: slug, approvedCountries: [], currency: 'USD' });
    const users = app.get(UserService);
    for (const [who, role] of [['admin', 'ADMIN'], ['ciso', 'CISO'], ['auditor', 'AUDITOR']] as const) {
      await users.create({ email: `${who}@alpha.test`, organizationSlug: 'alpha', role, password: PASSWORD, actor: cliActor() });
      cookies[who] = (await signIn(base, `${who}@alpha.test`, PASSWORD)).cookie;
    }
    await users.create({ email: 'other@beta.test', organizationSlug: 'beta', role: 'ADMIN', password: PASSWORD, actor: cliActor() });
  });

  afterAll(async () => {
    await api?.close();
  });

  it("lists an organization's members to its admin only, never another organization's", async () => {
    const listed = await graphql('query { members(org: "alpha") { email role status } }', 'admin');
    expect(listed.data?.['members']).toEqual([
      { email: 'admin@alpha.test', role: 'ADMIN', status: 'ACTIVE' },
      { email: 'auditor@alpha.test', role: 'AUDITOR', status: 'ACTIVE' },
      { email: 'ciso@alpha.test', role: 'CISO', status: 'ACTIVE' },
    ]);
    expect(codeOf(await graphql('query { members(org: "alpha") { email } }', 'ciso'))).toBe('FORBIDDEN');
    expect(codeOf(await graphql('query { members(org: "beta") { email } }', 'admin'))).toBe('FORBIDDEN');
  });

  it('adds a new member with a first password shown once, who can then sign in with that role', async () => {
    const added = await graphql(
      'mutation($email: String!) { setMember(org: "alpha", email: $email, role: ANALYST) { generatedPassword member { email role } } }',
      'admin',
      { email: 'new.analyst@alpha.test' },
    );
    const change = added.data?.['setMember'] as { generatedPassword: string; member: { email: string; role: string } };
    expect(change.member).toEqual({ email: 'new.analyst@alpha.test', role: 'ANALYST' });
    expect(change.generatedPassword.length).toBeGreaterThanOrEqual(16);
    const session = await signIn(base, 'new.analyst@alpha.test', change.generatedPassword);
    expect(session.status).toBeLessThan(300);
    cookies['analyst'] = session.cookie;
    const me = await graphql('query { me { memberships { organizationSlug role } } }', 'analyst');
    expect(me.data?.['me']).toEqual({ memberships: [{ organizationSlug: 'alpha', role: 'ANALYST' }] });

    // Changing the role of an existing user creates nothing and shows no password.
    const promoted = await graphql('mutation { setMember(org: "alpha", email: "new.analyst@alpha.test", role: CISO) { generatedPassword member { role } } }', 'admin');
    expect(promoted.data?.['setMember']).toEqual({ generatedPassword: null, member: { role: 'CISO' } });
  });

  it('refuses a non-admin changing roles and an admin demoting themselves', async () => {
    const byCiso = await graphql('mutation { setMember(org: "alpha", email: "ciso@alpha.test", role: ADMIN) { member { role } } }', 'ciso');
    expect(codeOf(byCiso)).toBe('FORBIDDEN');
    const selfDemotion = await graphql('mutation { setMember(org: "alpha", email: "ADMIN@alpha.test", role: ANALYST) { member { role } } }', 'admin');
    expect(selfDemotion.errors?.[0]?.message).toMatch(/own role/);
    const listed = await graphql('query { members(org: "alpha") { email role } }', 'admin');
    expect(listed.data?.['members']).toEqual(expect.arrayContaining([{ email: 'admin@alpha.test', role: 'ADMIN' }, { email: 'ciso@alpha.test', role: 'CISO' }]));
  });

  it('filters the audit log by action prefix and outcome', async () => {
    const memberships = await graphql('query { auditLog(org: "alpha", action: "membership.") { action target outcome } }', 'auditor');
    const entries = memberships.data?.['auditLog'] as { action: string; target: string }[];
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(new Set(entries.map((e) => e.action))).toEqual(new Set(['membership.set']));
    expect(entries.map((e) => e.target)).toContain('new.analyst@alpha.test');
    const failures = await graphql('query { auditLog(org: "alpha", outcome: "FAILURE") { outcome } }', 'admin');
    expect((failures.data?.['auditLog'] as { outcome: string }[]).every((e) => e.outcome === 'FAILURE')).toBe(true);
    expect(codeOf(await graphql('query { auditLog(org: "alpha", outcome: "MAYBE") { seq } }', 'admin'))).toBe('BAD_USER_INPUT');
  });

  it('lets every user set their own notification preferences, and no one else’s', async () => {
    const mine = 'query { myNotificationPreferences { language digestOptOut } }';
    expect((await graphql(mine, 'ciso')).data?.['myNotificationPreferences']).toEqual({ language: null, digestOptOut: false });
    const set = 'mutation Set($language: String, $digestOptOut: Boolean) { setMyNotificationPreferences(language: $language, digestOptOut: $digestOptOut) { language digestOptOut } }';
    expect((await graphql(set, 'ciso', { language: 'ko', digestOptOut: true })).data?.['setMyNotificationPreferences']).toEqual({ language: 'ko', digestOptOut: true });
    // Omitted: unchanged; null: back to each channel's language.
    expect((await graphql(set, 'ciso', { digestOptOut: false })).data?.['setMyNotificationPreferences']).toEqual({ language: 'ko', digestOptOut: false });
    expect((await graphql(set, 'auditor', { language: null })).data?.['setMyNotificationPreferences']).toEqual({ language: null, digestOptOut: false });
    expect(codeOf(await graphql(set, 'ciso', { language: 'fr' }))).toBe('BAD_USER_INPUT');
    // Each caller's own row only.
    expect((await graphql(mine, 'admin')).data?.['myNotificationPreferences']).toEqual({ language: null, digestOptOut: false });
    expect(await app.get(DataSource).query(`SELECT email, notification_lang FROM app_user WHERE notification_lang IS NOT NULL`)).toEqual([{ email: 'ciso@alpha.test', notification_lang: 'ko' }]);
  });

  it('tells admins how far back the delivery log goes', async () => {
    expect((await graphql('query { notificationRetentionDays(org: "alpha") }', 'admin')).data?.['notificationRetentionDays']).toBe(90);
    expect(codeOf(await graphql('query { notificationRetentionDays(org: "alpha") }', 'ciso'))).toBe('FORBIDDEN');
    expect(codeOf(await graphql('query { notificationRetentionDays(org: "beta") }', 'admin'))).toBe('FORBIDDEN');
  });

  it('verifies the chain for admins and auditors, and reports an entry edited in the database', async () => {
    const query = 'query { verifyAuditChain(org: "alpha") { valid entries problems { kind seq } } }';
    const intact = (await graphql(query, 'auditor')).data?.['verifyAuditChain'] as { valid: boolean; entries: number };
    expect(intact.valid).toBe(true);
    expect(intact.entries).toBeGreaterThan(5);
    expect(codeOf(await graphql(query, 'ciso'))).toBe('FORBIDDEN');

    const dataSource = app.get(DataSource);
    await dataSource.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
    await dataSource.query(`UPDATE audit_log SET target = 'nothing to see' WHERE seq = 3`);
    await dataSource.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
    const tampered = (await graphql(query, 'admin')).data?.['verifyAuditChain'] as { valid: boolean; problems: { kind: string; seq: number }[] };
    expect(tampered.valid).toBe(false);
    expect(tampered.problems).toContainEqual({ kind: 'EDITED', seq: 3 });
  });
});
