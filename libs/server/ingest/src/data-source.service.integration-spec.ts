import { randomBytes } from 'node:crypto';
import { SecretBox } from '@postureboard/server-core';
import { createIngestTestContext, type IngestTestContext } from './testing/ingest-test-context.js';

const TOKEN = 'scim-bearer-token-do-not-leak-7f3a';

describe('DataSourceService', () => {
  let ctx: IngestTestContext;

  beforeAll(async () => {
    ctx = await createIngestTestContext();
  });

  afterAll(async () => {
    await ctx.close();
  });

  const configureScim = (config: Record<string, unknown>, schedule: string | null = '0 * * * *') =>
    ctx.dataSources.configure(ctx.organization.slug, { type: 'scim-users', name: 'Corporate directory', config: JSON.stringify(config), schedule });

  it('validates the configuration with the connector schema and stores the secret sealed, naming only the field', async () => {
    const view = await configureScim({ baseUrl: 'https://idp.example.com/scim/v2', token: TOKEN });
    expect(view).toMatchObject({ type: 'scim-users', name: 'Corporate directory', schedule: '0 * * * *', secretFieldsSet: ['token'], freshness: 'NEVER' });
    expect(view.config).toEqual({ baseUrl: 'https://idp.example.com/scim/v2', system: 'scim', pageSize: 100, timeoutMs: 30_000 });
    expect(JSON.stringify(view)).not.toContain(TOKEN);

    const [row] = await ctx.query<{ config: unknown; secret_ciphertext: string }>(`SELECT config, secret_ciphertext FROM data_source WHERE name = 'Corporate directory'`);
    expect(JSON.stringify(row!.config)).not.toContain(TOKEN);
    expect(row!.secret_ciphertext).toMatch(/^v1\./);
    expect(row!.secret_ciphertext).not.toContain(TOKEN);
    const box = new SecretBox(Buffer.from(ctx.secretKey, 'base64'));
    expect(JSON.parse(box.openText(row!.secret_ciphertext, `data-source:${ctx.organization.id}:Corporate directory`))).toEqual({ token: TOKEN });
  });

  it('keeps a stored secret when a reconfiguration leaves it out', async () => {
    const view = await configureScim({ baseUrl: 'https://idp2.example.com/scim/v2', pageSize: 50 });
    expect(view.secretFieldsSet).toEqual(['token']);
    expect(view.config).toMatchObject({ baseUrl: 'https://idp2.example.com/scim/v2', pageSize: 50 });
    const [row] = await ctx.query<{ secret_ciphertext: string }>(`SELECT secret_ciphertext FROM data_source WHERE name = 'Corporate directory'`);
    const box = new SecretBox(Buffer.from(ctx.secretKey, 'base64'));
    expect(JSON.parse(box.openText(row!.secret_ciphertext, `data-source:${ctx.organization.id}:Corporate directory`))).toEqual({ token: TOKEN });
  });

  it('rejects an invalid configuration naming the fields, without echoing values', async () => {
    await expect(
      ctx.dataSources.configure(ctx.organization.slug, { type: 'scim-users', name: 'Other', config: JSON.stringify({ baseUrl: 'ftp://x', token: '' }) }),
    ).rejects.toThrow(/Invalid scim-users configuration: .*baseUrl: .*token: /);
    await expect(
      ctx.dataSources.configure(ctx.organization.slug, { type: 'scim-users', name: 'Other', config: `{"token": "${TOKEN}", oops}` }),
    ).rejects.toThrow(/^config is not valid JSON$/);
  });

  it('rejects a bad cron schedule and a type no connector pulls', async () => {
    await expect(configureScim({ baseUrl: 'https://idp.example.com/scim/v2', token: TOKEN }, 'every hour')).rejects.toThrow(/schedule: .*five-field/);
    await expect(ctx.dataSources.configure(ctx.organization.slug, { type: 'hr-roster', name: 'HR', config: '{}' })).rejects.toThrow(
      /No connector pulls "hr-roster"/,
    );
  });

  it('re-seals every secret under a new key in one transaction', async () => {
    const newKey = randomBytes(32);
    const count = await ctx.dataSources.resealAll(new SecretBox(newKey));
    expect(count).toBe(1);
    const [row] = await ctx.query<{ secret_ciphertext: string }>(`SELECT secret_ciphertext FROM data_source WHERE name = 'Corporate directory'`);
    const scope = `data-source:${ctx.organization.id}:Corporate directory`;
    expect(JSON.parse(new SecretBox(newKey).openText(row!.secret_ciphertext, scope))).toEqual({ token: TOKEN });
    expect(() => new SecretBox(Buffer.from(ctx.secretKey, 'base64')).openText(row!.secret_ciphertext, scope)).toThrow(/cannot decrypt/);
  });

  it('lists sources with freshness from the last successful run', async () => {
    await ctx.ingest.ingestFile(ctx.organization.slug, 'jwks', '/work/shared/samples/jwks-x509/rfc7517_A1_example_public_keys.json');
    const sources = await ctx.dataSources.list(ctx.organization.slug);
    const jwks = sources.find((s) => s.type === 'jwks')!;
    expect(jwks).toMatchObject({ name: 'jwks', category: 'CREDENTIALS', freshness: 'FRESH', secretFieldsSet: [] });
    expect(jwks.lastRun).toMatchObject({ status: 'SUCCEEDED', trigger: 'FILE' });
    const later = new Date(Date.now() + 49 * 3_600_000);
    expect((await ctx.dataSources.list(ctx.organization.slug, later)).find((s) => s.type === 'jwks')!.freshness).toBe('STALE');
  });
});
