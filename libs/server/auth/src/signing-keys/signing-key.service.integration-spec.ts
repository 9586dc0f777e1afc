import { createAuthTestContext, type AuthTestContext } from '../testing/auth-test-context.js';
import { SigningKeyService } from './signing-key.service.js';
import { VERIFY_OVERLAP_SECONDS } from './token-lifetimes.js';

const DAY = 86_400_000;

describe('SigningKeyService on PostgreSQL', () => {
  let ctx: AuthTestContext;
  let keys: SigningKeyService;

  beforeAll(async () => {
    ctx = await createAuthTestContext({ signingKeyRotationDays: 30 });
    await ctx.createOrganization('acme');
    await ctx.createOrganization('globex');
    keys = ctx.get(SigningKeyService);
  });
  afterAll(() => ctx.close());

  it('generates an ES256 key whose private half is stored only sealed with the master key', async () => {
    const first = await keys.ensureCurrentKey();
    expect(first.rotated).toBe(true);
    const [row] = await ctx.dataSource.query('SELECT algorithm, public_jwk, private_key_sealed FROM signing_key');
    expect(row.algorithm).toBe('ES256');
    expect(row.public_jwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: first.kid });
    expect(row.public_jwk.d).toBeUndefined();
    expect(row.private_key_sealed).toMatch(/^v1\./);
    expect(row.private_key_sealed).not.toContain('PRIVATE KEY');
    expect(await keys.ensureCurrentKey()).toEqual({ kid: first.kid, rotated: false });
  });

  it('lists its keys in every organization\'s credential inventory as production signing keys', async () => {
    const { kid } = await keys.ensureCurrentKey();
    const rows = await ctx.dataSource.query(
      `SELECT o.slug, c.kind, c.environment, c.status, c.algorithm, c.created_at, c.last_rotated_at
       FROM credential c JOIN organization o ON o.id = c.organization_id WHERE c.source = 'postureboard' AND c.external_id = $1 ORDER BY o.slug`,
      [kid],
    );
    expect(rows.map((r: { slug: string }) => r.slug)).toEqual(['acme', 'globex']);
    for (const r of rows) {
      expect(r).toMatchObject({ kind: 'SIGNING_KEY', environment: 'PRODUCTION', status: 'ACTIVE', algorithm: 'ES256' });
      expect(r.last_rotated_at).toEqual(ctx.clock.now());
    }
  });

  it('rotates when the key is due, and the old key verifies its tokens only through the overlap window', async () => {
    const before = await keys.ensureCurrentKey();
    ctx.clock.advance(30 * DAY - 60_000);
    // Signed a minute before rotation, and valid (by its own expiry) for an hour: longer than the overlap.
    const lastOld = await keys.sign({ sub: 'user-1' }, 3600);
    ctx.clock.advance(60_000);
    const after = await keys.ensureCurrentKey();
    expect(after.rotated).toBe(true);
    expect(after.kid).not.toBe(before.kid);
    await expect(keys.verify(lastOld.token)).resolves.toMatchObject({ sub: 'user-1' });
    const fresh = await keys.sign({ sub: 'user-2' }, 600);
    expect(JSON.parse(Buffer.from(fresh.token.split('.')[0]!, 'base64url').toString()).kid).toBe(after.kid);

    const statuses = await ctx.dataSource.query(
      `SELECT external_id, status FROM credential c JOIN organization o ON o.id = c.organization_id WHERE o.slug = 'acme' AND source = 'postureboard'`,
    );
    expect(Object.fromEntries(statuses.map((s: { external_id: string; status: string }) => [s.external_id, s.status]))).toEqual({
      [before.kid]: 'INACTIVE',
      [after.kid]: 'ACTIVE',
    });

    ctx.clock.advance(VERIFY_OVERLAP_SECONDS * 1000 + 1000);
    await keys.syncInventory();
    // Still inside its own expiry, but its key has stopped verifying.
    await expect(keys.verify(lastOld.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // No EXPIRED status read from the clock: the interval says it all (retired at rotation, verifying until expires_at).
    const [retired] = await ctx.dataSource.query(`SELECT status, deactivated_at, expires_at FROM credential WHERE external_id = $1 LIMIT 1`, [before.kid]);
    expect(retired.status).toBe('INACTIVE');
    expect(retired.deactivated_at.getTime()).toBeLessThan(ctx.clock.now().getTime());
    expect(retired.expires_at.getTime()).toBeLessThanOrEqual(ctx.clock.now().getTime());
    const audit = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'signing-key.rotated'`);
    expect(audit[0].n).toBe(2);
  });

  it('rejects a token whose signature does not match', async () => {
    const { token } = await keys.sign({ sub: 'user-1' }, 600);
    const [header, payload] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'admin' })).toString('base64url')}.${token.split('.')[2]}`;
    await expect(keys.verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
