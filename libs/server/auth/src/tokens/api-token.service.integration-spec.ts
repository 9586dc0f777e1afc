import { jest } from '@jest/globals';
import { cliActor } from '../audit/audit-actor.js';
import { ApiTokenRepository } from '../repositories/api-token.repository.js';
import { Role } from '../roles/role.js';
import { createAuthTestContext, type AuthTestContext } from '../testing/auth-test-context.js';
import { UserService } from '../users/user.service.js';
import { ApiTokenService } from './api-token.service.js';

describe('ApiTokenService on PostgreSQL', () => {
  let ctx: AuthTestContext;
  let tokens: ApiTokenService;
  let acme: { id: string };

  beforeAll(async () => {
    ctx = await createAuthTestContext();
    acme = await ctx.createOrganization('acme');
    await ctx.createOrganization('globex');
    const users = ctx.get(UserService);
    await users.create({ email: 'analyst@acme.test', organizationSlug: 'acme', role: 'ANALYST', actor: cliActor() });
    await users.create({ email: 'ciso@acme.test', organizationSlug: 'acme', role: 'CISO', actor: cliActor() });
    tokens = ctx.get(ApiTokenService);
  });
  afterAll(() => ctx.close());

  it('shows the token once and stores only its SHA-256 digest, scoped to one organization and role', async () => {
    const issued = await tokens.issue({ email: 'analyst@acme.test', organizationSlug: 'acme', expiresIn: '30d', actor: cliActor() });
    expect(issued.token).toMatch(/^pbt_[A-Za-z0-9_-]{43}$/);
    const rows = await ctx.dataSource.query('SELECT * FROM api_token');
    expect(JSON.stringify(rows)).not.toContain(issued.token);
    expect(issued.record).toMatchObject({ organizationId: acme.id, role: Role.ANALYST });
    expect(issued.record.expiresAt.getTime() - issued.record.createdAt.getTime()).toBe(30 * 86_400_000);
    expect(await tokens.authenticate(issued.token)).toMatchObject({ kind: 'api-token', organizationId: acme.id, role: Role.ANALYST, email: 'analyst@acme.test' });
  });

  it('refuses a token without a sane expiry, for another organization, or with more power than its holder', async () => {
    const base = { email: 'analyst@acme.test', organizationSlug: 'acme', actor: cliActor() };
    await expect(tokens.issue({ ...base, expiresIn: 'forever' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(tokens.issue({ ...base, expiresIn: '366d' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(tokens.issue({ ...base, organizationSlug: 'globex', expiresIn: '1d' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(tokens.issue({ ...base, role: Role.ADMIN, expiresIn: '1d' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(tokens.issue({ ...base, role: Role.BOARD_VIEWER, expiresIn: '1d' })).resolves.toMatchObject({ record: { role: Role.BOARD_VIEWER } });
  });

  it('records a token\'s last use to the minute, writing at most once a minute however many requests', async () => {
    const issued = await tokens.issue({ email: 'analyst@acme.test', organizationSlug: 'acme', expiresIn: '1d', actor: cliActor() });
    const touch = jest.spyOn(ctx.get(ApiTokenRepository), 'touch');
    const lastUsed = async () =>
      ((await ctx.dataSource.query('SELECT last_used_at FROM api_token WHERE id = $1', [issued.record.id])) as { last_used_at: Date | null }[])[0]!.last_used_at;
    try {
      const first = ctx.clock.now();
      for (let i = 0; i < 5; i++) expect(await tokens.authenticate(issued.token)).not.toBeNull();
      expect(touch).toHaveBeenCalledTimes(1);
      expect((await lastUsed())?.getTime()).toBe(first.getTime());
      ctx.clock.advance(61_000);
      expect(await tokens.authenticate(issued.token)).not.toBeNull();
      expect(touch).toHaveBeenCalledTimes(2);
      expect((await lastUsed())?.getTime()).toBe(first.getTime() + 61_000);
    } finally {
      touch.mockRestore();
    }
  });

  it('stops accepting a token once it expires', async () => {
    const issued = await tokens.issue({ email: 'analyst@acme.test', organizationSlug: 'acme', expiresIn: '2h', actor: cliActor() });
    ctx.clock.advance(2 * 3_600_000 - 1000);
    expect(await tokens.authenticate(issued.token)).not.toBeNull();
    ctx.clock.advance(2000);
    expect(await tokens.authenticate(issued.token)).toBeNull();
  });

  it('disarms a token when its holder is demoted below its role', async () => {
    const issued = await tokens.issue({ email: 'ciso@acme.test', organizationSlug: 'acme', expiresIn: '7d', actor: cliActor() });
    await ctx.get(UserService).create({ email: 'ciso@acme.test', organizationSlug: 'acme', role: 'BOARD_VIEWER', actor: cliActor() });
    expect(await tokens.authenticate(issued.token)).toBeNull();
  });

  it('revokes a token by id, audits it, and refuses a second revocation', async () => {
    const issued = await tokens.issue({ email: 'analyst@acme.test', organizationSlug: 'acme', expiresIn: '7d', actor: cliActor() });
    await tokens.revoke({ id: issued.record.id, actor: cliActor() });
    expect(await tokens.authenticate(issued.token)).toBeNull();
    await expect(tokens.revoke({ id: issued.record.id, actor: cliActor() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const entries = await ctx.dataSource.query(`SELECT action, target FROM audit_log WHERE action LIKE 'api-token.%' AND target = $1 ORDER BY seq`, [issued.record.id]);
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['api-token.issued', 'api-token.revoked']);
  });

  it('ignores anything that is not a live token', async () => {
    expect(await tokens.authenticate('pbt_' + 'A'.repeat(43))).toBeNull();
    expect(await tokens.authenticate('not-a-token')).toBeNull();
  });
});
