import { jest } from '@jest/globals';
import { AuthErrorCode } from '../auth.error.js';
import { cliActor } from '../audit/audit-actor.js';
import { createAuthTestContext, type AuthTestContext } from '../testing/auth-test-context.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { UserService } from '../users/user.service.js';
import { SessionService } from './session.service.js';

const client = { ip: '203.0.113.7', userAgent: 'jest' };
const PASSWORD = 'correct horse battery staple';

describe('SessionService on PostgreSQL', () => {
  let ctx: AuthTestContext;
  let sessions: SessionService;

  beforeAll(async () => {
    ctx = await createAuthTestContext();
    await ctx.createOrganization('acme');
    await ctx.get(UserService).create({ email: 'ciso@acme.test', organizationSlug: 'acme', role: 'CISO', password: PASSWORD, actor: cliActor() });
    await ctx.get(UserService).create({ email: 'lock@acme.test', organizationSlug: 'acme', role: 'ANALYST', password: PASSWORD, actor: cliActor() });
    await ctx.get(UserService).create({ email: 'parallel@acme.test', organizationSlug: 'acme', role: 'ANALYST', password: PASSWORD, actor: cliActor() });
    sessions = ctx.get(SessionService);
  });
  afterAll(() => ctx.close());

  it('signs in with the right password and issues an access token that resolves to the live session', async () => {
    const tokens = await sessions.signIn({ email: ' CISO@acme.test ', password: PASSWORD }, client);
    expect(tokens.refreshToken).toMatch(/^pbr_/);
    const caller = await sessions.authenticate(tokens.accessToken);
    expect(caller).toMatchObject({ kind: 'session', email: 'ciso@acme.test', platformAdmin: false });
  });

  it('answers a wrong password and an unknown account with the same error', async () => {
    const wrong = sessions.signIn({ email: 'ciso@acme.test', password: 'not the password' }, client);
    await expect(wrong).rejects.toMatchObject({ code: AuthErrorCode.INVALID_CREDENTIALS, message: 'Invalid e-mail or password' });
    const unknown = sessions.signIn({ email: 'nobody@acme.test', password: 'whatever-long-enough' }, client);
    await expect(unknown).rejects.toMatchObject({ code: AuthErrorCode.INVALID_CREDENTIALS, message: 'Invalid e-mail or password' });
  });

  it('locks an account after five failures in a row, even for the right password, and doubles the lock on the next failure', async () => {
    for (let i = 0; i < 5; i++) {
      await expect(sessions.signIn({ email: 'lock@acme.test', password: `wrong-${i}-password` }, client)).rejects.toMatchObject({ code: AuthErrorCode.INVALID_CREDENTIALS });
    }
    await expect(sessions.signIn({ email: 'lock@acme.test', password: PASSWORD }, client)).rejects.toMatchObject({ code: AuthErrorCode.LOCKED, retryAfterSeconds: 60 });
    ctx.clock.advance(61_000);
    await expect(sessions.signIn({ email: 'lock@acme.test', password: 'wrong-again-password' }, client)).rejects.toMatchObject({ code: AuthErrorCode.INVALID_CREDENTIALS });
    await expect(sessions.signIn({ email: 'lock@acme.test', password: PASSWORD }, client)).rejects.toMatchObject({ code: AuthErrorCode.LOCKED, retryAfterSeconds: 120 });
    ctx.clock.advance(121_000);
    await expect(sessions.signIn({ email: 'lock@acme.test', password: PASSWORD }, client)).resolves.toMatchObject({ user: { email: 'lock@acme.test' } });
  });

  it('counts 200 parallel guesses like sequential ones: a handful verified, the rest refused as locked', async () => {
    const hasher = ctx.get(PasswordHasher);
    const verify = jest.spyOn(hasher, 'verify');
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 200 }, (_, i) => sessions.signIn({ email: 'parallel@acme.test', password: `guess-${i}-password` }, client)),
      );
      const codes = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code: string }).code : 'SIGNED_IN'));
      expect(codes.filter((c) => c === AuthErrorCode.INVALID_CREDENTIALS)).toHaveLength(5);
      expect(codes.filter((c) => c === AuthErrorCode.LOCKED)).toHaveLength(195);
      expect(verify).toHaveBeenCalledTimes(5);
      const [account] = await ctx.dataSource.query(`SELECT failed_sign_ins, locked_until IS NOT NULL AS locked FROM app_user WHERE email = 'parallel@acme.test'`);
      expect(account).toEqual({ failed_sign_ins: 5, locked: true });
    } finally {
      verify.mockRestore();
    }
  });

  it('rotates the refresh token on every use', async () => {
    const first = await sessions.signIn({ email: 'ciso@acme.test', password: PASSWORD }, client);
    const second = await sessions.refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = await sessions.refresh(second.refreshToken);
    expect(await sessions.authenticate(third.accessToken)).toMatchObject({ email: 'ciso@acme.test' });
  });

  it('revokes the whole session when a rotated refresh token is presented again', async () => {
    const first = await sessions.signIn({ email: 'ciso@acme.test', password: PASSWORD }, client);
    const second = await sessions.refresh(first.refreshToken);
    await expect(sessions.refresh(first.refreshToken)).rejects.toMatchObject({ code: AuthErrorCode.UNAUTHENTICATED });
    // The thief's replay killed the family: the legitimate holder's newer tokens are dead too.
    await expect(sessions.refresh(second.refreshToken)).rejects.toMatchObject({ code: AuthErrorCode.UNAUTHENTICATED });
    expect(await sessions.authenticate(second.accessToken)).toBeNull();
  });

  it('ends the session on sign-out: the access token stops working at once', async () => {
    const tokens = await sessions.signIn({ email: 'ciso@acme.test', password: PASSWORD }, client);
    const caller = await sessions.authenticate(tokens.accessToken);
    await sessions.signOut(caller && caller.kind === 'session' ? caller : null, undefined);
    expect(await sessions.authenticate(tokens.accessToken)).toBeNull();
    await expect(sessions.refresh(tokens.refreshToken)).rejects.toMatchObject({ code: AuthErrorCode.UNAUTHENTICATED });
  });

  it('stores refresh tokens only as hashes and records sign-ins (successful and failed) in the audit trail', async () => {
    const tokens = await sessions.signIn({ email: 'ciso@acme.test', password: PASSWORD }, client);
    const stored = await ctx.dataSource.query(`SELECT token_hash FROM refresh_token`);
    expect(JSON.stringify(stored)).not.toContain(tokens.refreshToken);
    const audit = await ctx.dataSource.query(`SELECT action, outcome, details::text AS details FROM audit_log WHERE action = 'auth.sign-in'`);
    expect(audit.some((a: { outcome: string }) => a.outcome === 'FAILURE')).toBe(true);
    expect(audit.some((a: { outcome: string }) => a.outcome === 'SUCCESS')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });
});
