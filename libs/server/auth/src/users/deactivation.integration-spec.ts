import { cliActor } from '../audit/audit-actor.js';
import { SessionService } from '../sessions/session.service.js';
import { createAuthTestContext, type AuthTestContext } from '../testing/auth-test-context.js';
import { ApiTokenService } from '../tokens/api-token.service.js';
import { UserService } from './user.service.js';

const PASSWORD = 'a leaver keeps nothing';
const client = { ip: null, userAgent: null };

describe('deactivating a user on PostgreSQL', () => {
  let ctx: AuthTestContext;

  beforeAll(async () => {
    ctx = await createAuthTestContext();
    await ctx.createOrganization('acme');
    await ctx.createOrganization('globex');
  });
  afterAll(() => ctx.close());

  it('ends every session and refresh token of a user whose password is reset, and only theirs', async () => {
    const users = ctx.get(UserService);
    const sessions = ctx.get(SessionService);
    await users.create({ email: 'reset@acme.test', organizationSlug: 'acme', role: 'ANALYST', password: PASSWORD, actor: cliActor() });
    await users.create({ email: 'bystander@acme.test', organizationSlug: 'acme', role: 'ANALYST', password: PASSWORD, actor: cliActor() });
    const old = await sessions.signIn({ email: 'reset@acme.test', password: PASSWORD }, client);
    const bystander = await sessions.signIn({ email: 'bystander@acme.test', password: PASSWORD }, client);

    // `postureboard user create … --password-stdin` on an existing user: an administrator's reset.
    await users.create({ email: 'reset@acme.test', organizationSlug: 'acme', role: 'ANALYST', password: 'a brand new passphrase', actor: cliActor() });

    expect(await sessions.authenticate(old.accessToken)).toBeNull();
    await expect(sessions.refresh(old.refreshToken)).rejects.toThrow();
    expect(await sessions.authenticate(bystander.accessToken)).toMatchObject({ email: 'bystander@acme.test' });
    const fresh = await sessions.signIn({ email: 'reset@acme.test', password: 'a brand new passphrase' }, client);
    expect(await sessions.authenticate(fresh.accessToken)).toMatchObject({ email: 'reset@acme.test' });
  });

  it('revokes every session, refresh token and API token at once, in every organization', async () => {
    const users = ctx.get(UserService);
    const sessions = ctx.get(SessionService);
    const tokens = ctx.get(ApiTokenService);
    await users.create({ email: 'dev@acme.test', organizationSlug: 'acme', role: 'ANALYST', password: PASSWORD, actor: cliActor() });
    await users.create({ email: 'dev@acme.test', organizationSlug: 'globex', role: 'ADMIN', actor: cliActor() });
    await users.create({ email: 'stays@acme.test', organizationSlug: 'acme', role: 'ANALYST', password: PASSWORD, actor: cliActor() });

    const laptop = await sessions.signIn({ email: 'dev@acme.test', password: PASSWORD }, client);
    const phone = await sessions.signIn({ email: 'dev@acme.test', password: PASSWORD }, client);
    const rotated = await sessions.refresh(phone.refreshToken);
    const acmeToken = await tokens.issue({ email: 'dev@acme.test', organizationSlug: 'acme', expiresIn: '30d', actor: cliActor() });
    const globexToken = await tokens.issue({ email: 'dev@acme.test', organizationSlug: 'globex', expiresIn: '365d', actor: cliActor() });
    const colleague = await sessions.signIn({ email: 'stays@acme.test', password: PASSWORD }, client);
    expect(await tokens.authenticate(globexToken.token)).not.toBeNull();

    const revoked = await users.deactivate({ email: 'dev@acme.test', actor: cliActor() });

    expect(revoked).toEqual({ sessions: 2, refreshTokens: 2, apiTokens: 2 });
    expect(await sessions.authenticate(laptop.accessToken)).toBeNull();
    expect(await sessions.authenticate(rotated.accessToken)).toBeNull();
    await expect(sessions.refresh(laptop.refreshToken)).rejects.toThrow();
    await expect(sessions.refresh(rotated.refreshToken)).rejects.toThrow();
    expect(await tokens.authenticate(acmeToken.token)).toBeNull();
    expect(await tokens.authenticate(globexToken.token)).toBeNull();
    await expect(sessions.signIn({ email: 'dev@acme.test', password: PASSWORD }, client)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });

    const [live] = await ctx.dataSource.query(
      `SELECT (SELECT count(*)::int FROM auth_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = $1 AND s.revoked_at IS NULL) AS sessions,
              (SELECT count(*)::int FROM refresh_token r JOIN auth_session s ON s.id = r.session_id JOIN app_user u ON u.id = s.user_id
                 WHERE u.email = $1 AND r.revoked_at IS NULL AND r.used_at IS NULL) AS refresh_tokens,
              (SELECT count(*)::int FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE u.email = $1 AND t.revoked_at IS NULL) AS api_tokens`,
      ['dev@acme.test'],
    );
    expect(live).toEqual({ sessions: 0, refresh_tokens: 0, api_tokens: 0 });
    // Nobody else is touched.
    expect(await sessions.authenticate(colleague.accessToken)).toMatchObject({ email: 'stays@acme.test' });
    const [entry] = await ctx.dataSource.query(`SELECT actor_type, target, details FROM audit_log WHERE action = 'user.deactivated'`);
    expect(entry).toEqual({ actor_type: 'CLI', target: 'dev@acme.test', details: { sessions: 2, refreshTokens: 2, apiTokens: 2 } });
  });

  it('refuses to deactivate twice', async () => {
    await expect(ctx.get(UserService).deactivate({ email: 'dev@acme.test', actor: cliActor() })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
