import { loadConfig } from '@postureboard/server-core';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { PasswordHasher } from '../passwords/password-hasher.js';
import { UserRepository } from '../repositories/user.repository.js';
import { SessionService } from '../sessions/session.service.js';
import { createAuthTestContext, type AuthTestContext } from '../testing/auth-test-context.js';
import { AdminBootstrap, DEFAULT_ADMIN_EMAIL } from './admin-bootstrap.service.js';
import { UserService } from './user.service.js';

describe('AdminBootstrap on PostgreSQL', () => {
  let ctx: AuthTestContext;
  let printed: string[];

  const bootstrap = (env: Record<string, string> = {}) =>
    new AdminBootstrap(
      ctx.get(UserRepository),
      ctx.get(PasswordHasher),
      ctx.get(AuditTrail),
      loadConfig({ ...env, POSTUREBOARD_DATA_DIR: ctx.config.POSTUREBOARD_DATA_DIR }),
      ctx.clock.now,
      (line) => printed.push(line),
    );
  const signIn = (email: string, password: string) => ctx.get(SessionService).signIn({ email, password }, { ip: null, userAgent: null });

  beforeEach(async () => {
    ctx = await createAuthTestContext();
    printed = [];
  });
  afterEach(() => ctx.close());

  it('creates admin@postureboard.local with a random password printed exactly once, on an empty database only', async () => {
    expect(await bootstrap().run()).toBe('created-with-generated-password');
    const password = /with the password (\S+)/.exec(printed.join('\n'))?.[1];
    expect(password).toHaveLength(24);
    await expect(signIn(DEFAULT_ADMIN_EMAIL, password!)).resolves.toMatchObject({ user: { email: DEFAULT_ADMIN_EMAIL } });
    printed = [];
    expect(await bootstrap().run()).toBe('unchanged');
    expect(printed).toEqual([]);
  });

  it('makes the configured admin a platform admin with the configured password, and restores that password on the next start', async () => {
    const env = { POSTUREBOARD_ADMIN_EMAIL: 'Ops@Example.test', POSTUREBOARD_ADMIN_PASSWORD: 'configured-password-1' };
    expect(await bootstrap(env).run()).toBe('created');
    expect(printed).toEqual([]);
    const admin = await ctx.get(UserService).findById((await signIn('ops@example.test', env.POSTUREBOARD_ADMIN_PASSWORD)).user.id);
    expect(admin).toMatchObject({ email: 'ops@example.test', platformAdmin: true });
    await ctx.get(UserRepository).setPassword(admin!.id, await ctx.get(PasswordHasher).hash('someone-changed-it'), new Date());
    expect(await bootstrap(env).run()).toBe('updated');
    await expect(signIn('ops@example.test', env.POSTUREBOARD_ADMIN_PASSWORD)).resolves.toBeDefined();
  });

  it('never brings a deactivated configured admin back', async () => {
    const env = { POSTUREBOARD_ADMIN_EMAIL: 'ops@example.test', POSTUREBOARD_ADMIN_PASSWORD: 'configured-password-1' };
    await bootstrap(env).run();
    await ctx.get(UserService).deactivate({ email: 'ops@example.test', actor: { type: 'CLI', id: null, label: 'cli:test' } });
    expect(await bootstrap(env).run()).toBe('unchanged');
    await expect(signIn('ops@example.test', env.POSTUREBOARD_ADMIN_PASSWORD)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });
});
