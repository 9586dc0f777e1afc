import { Readable } from 'node:stream';
import { verify } from 'argon2';
import pg from 'pg';
import { createEmptyTestDatabase } from '@postureboard/server-database/testing';
import { runCli as cli } from '../run-cli.test-util.js';

describe('postureboard user, token and audit commands on PostgreSQL', () => {
  let drop: () => Promise<void>;
  let url: string;
  const savedUrl = process.env['DATABASE_URL'];
  const sql = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    const db = await createEmptyTestDatabase();
    drop = db.drop;
    url = db.url;
    process.env['DATABASE_URL'] = db.url;
    await cli('migrate');
    await cli('org', 'create', '--slug', 'acme', '--name', 'Acme');
  });

  afterAll(async () => {
    if (savedUrl === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = savedUrl;
    await drop();
  });

  it('creates a user with a role and prints a generated password once', async () => {
    const created = JSON.parse(await cli('user', 'create', '--email', 'Lead@Acme.test', '--org', 'acme', '--role', 'analyst', '--json'));
    expect(created).toEqual({ email: 'lead@acme.test', org: 'acme', role: 'ANALYST', created: true, password: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
    const again = JSON.parse(await cli('user', 'create', '--email', 'lead@acme.test', '--org', 'acme', '--role', 'CISO', '--json'));
    expect(again).toEqual({ email: 'lead@acme.test', org: 'acme', role: 'CISO', created: false });
  });

  it('reads the password from standard input with --password-stdin, keeping only its argon2id hash', async () => {
    const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
    Object.defineProperty(process, 'stdin', { value: Readable.from(['  a passphrase with spaces \n']), configurable: true });
    try {
      const created = JSON.parse(await cli('user', 'create', '--email', 'viewer@acme.test', '--org', 'acme', '--role', 'BOARD_VIEWER', '--password-stdin', '--json'));
      expect(created).toEqual({ email: 'viewer@acme.test', org: 'acme', role: 'BOARD_VIEWER', created: true });
    } finally {
      Object.defineProperty(process, 'stdin', stdin);
    }
    const [user] = await sql(`SELECT password_hash FROM app_user WHERE email = 'viewer@acme.test'`);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verify(user.password_hash, '  a passphrase with spaces ')).toBe(true);
  });

  it('rejects an unknown role and an unknown organization with a clear error', async () => {
    await expect(cli('user', 'create', '--email', 'x@acme.test', '--org', 'acme', '--role', 'GOD')).rejects.toThrow(/Role must be one of/);
    await expect(cli('user', 'create', '--email', 'x@acme.test', '--org', 'nope', '--role', 'ANALYST')).rejects.toThrow(/No organization with slug "nope"/);
  });

  it('sets a user’s notification preferences: e-mail language and the weekly digest, each kept when not given', async () => {
    await cli('user', 'create', '--email', 'kim@acme.test', '--org', 'acme', '--role', 'CISO');
    expect(JSON.parse(await cli('user', 'preferences', '--email', 'Kim@Acme.test', '--lang', 'ko', '--json'))).toEqual({ email: 'kim@acme.test', language: 'ko', digestOptOut: false });
    expect(await cli('user', 'preferences', '--email', 'kim@acme.test', '--digest', 'off')).toBe('kim@acme.test: e-mail in ko, weekly digest off.');
    expect(await sql(`SELECT notification_lang, digest_opt_out FROM app_user WHERE email = 'kim@acme.test'`)).toEqual([{ notification_lang: 'ko', digest_opt_out: true }]);
    expect(await cli('user', 'preferences', '--email', 'kim@acme.test', '--lang', 'channel')).toBe("kim@acme.test: e-mail in each channel's language, weekly digest off.");
    await expect(cli('user', 'preferences', '--email', 'kim@acme.test', '--lang', 'fr')).rejects.toThrow(/expected en, ko or channel/);
    await expect(cli('user', 'preferences', '--email', 'nobody@acme.test', '--lang', 'en')).rejects.toThrow(/No user nobody@acme.test/);
    expect(await sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.notification-preferences-set' AND target = 'kim@acme.test'`)).toEqual([{ n: 3 }]);
  });

  it('issues a token printed once and stored only hashed, then revokes it by id', async () => {
    const issued = JSON.parse(await cli('token', 'create', '--email', 'lead@acme.test', '--org', 'acme', '--expires-in', '30d', '--json'));
    expect(issued).toMatchObject({ token: expect.stringMatching(/^pbt_/), role: 'CISO', org: 'acme' });
    expect(JSON.stringify(await sql('SELECT * FROM api_token'))).not.toContain(issued.token);
    expect(await cli('token', 'revoke', '--id', issued.id)).toMatch(/Revoked API token/);
    await expect(cli('token', 'create', '--email', 'lead@acme.test', '--org', 'acme', '--expires-in', 'never')).rejects.toThrow(/not a duration/);
  });

  it('deactivates a user, revoking their tokens at once', async () => {
    await cli('token', 'create', '--email', 'lead@acme.test', '--org', 'acme', '--expires-in', '7d');
    const result = JSON.parse(await cli('user', 'deactivate', '--email', 'lead@acme.test', '--json'));
    expect(result.revoked).toEqual({ sessions: 0, refreshTokens: 0, apiTokens: 1 });
  });

  it('verifies the audit trail, lists it, and fails once an entry is edited', async () => {
    expect(JSON.parse(await cli('audit', 'verify', '--json'))).toMatchObject({ valid: true, problems: [] });
    const entries = JSON.parse(await cli('audit', 'list', '--org', 'acme', '--json'));
    expect(entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['membership.set', 'api-token.issued', 'api-token.revoked']));
    expect(entries.every((e: { actor: string }) => e.actor.startsWith('cli:'))).toBe(true);
    await sql(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;
               UPDATE audit_log SET target = 'someone-else@acme.test' WHERE action = 'user.deactivated';
               ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change;`);
    await expect(cli('audit', 'verify')).rejects.toThrow(/failed verification/);
  });
});
