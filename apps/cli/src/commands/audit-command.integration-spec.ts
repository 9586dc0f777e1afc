import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import pg from 'pg';
import { createEmptyTestDatabase } from '@postureboard/server-database/testing';
import { closeContext } from '../cli-context.js';
import { runProgram } from '../program.js';

/** Runs `postureboard <args>` in-process (as main does, failures audited) against the test database. */
async function cli(...args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...values: unknown[]) => void lines.push(values.join(' ')));
  try {
    await runProgram(['node', 'postureboard', ...args]);
  } finally {
    log.mockRestore();
    await closeContext();
  }
  return lines.join('\n');
}

describe('postureboard audit checkpoint / verify --checkpoint, and CLI actions in the audit trail', () => {
  let drop: () => Promise<void>;
  let url: string;
  let dir: string;
  const saved = { url: process.env['DATABASE_URL'], key: process.env['POSTUREBOARD_SECRET_KEY'] };
  const sql = async (text: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };
  /** An attacker with the database: trigger off, newest entries gone, head moved back so the rest is consistent. */
  const truncateAfter = (seq: number) =>
    sql(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;
         DELETE FROM audit_log WHERE seq > ${seq};
         UPDATE audit_head SET seq = l.seq, hash = l.hash FROM audit_log l WHERE l.seq = ${seq};
         ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change;`);

  beforeAll(async () => {
    const db = await createEmptyTestDatabase();
    drop = db.drop;
    url = db.url;
    dir = mkdtempSync(join(tmpdir(), 'pb-audit-cli-'));
    process.env['DATABASE_URL'] = db.url;
    process.env['POSTUREBOARD_SECRET_KEY'] = Buffer.alloc(32, 21).toString('base64');
    await cli('migrate');
  });

  afterAll(async () => {
    for (const [name, value] of [
      ['DATABASE_URL', saved.url],
      ['POSTUREBOARD_SECRET_KEY', saved.key],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
    await drop();
  });

  it('records state-changing commands with actor CLI and the OS user, failures too, and not reads', async () => {
    await cli('org', 'create', '--slug', 'acme', '--name', 'Acme');
    await cli('team', 'create', '--org', 'acme', '--name', 'Payments');
    await cli('report-schedule', '--org', 'acme', '--enable');
    await cli('report-schedule', '--org', 'acme');
    await cli('team', 'list', '--org', 'acme');
    await expect(
      cli('budget', 'set', '--org', 'acme', '--fiscal-year', '2026', '--it-spend', '100', '--security-spend', '10', '--revenue', '1000', '--currency', 'XX'),
    ).rejects.toThrow();
    const rows = await sql(`SELECT actor_type, actor, action, target, outcome, organization_id IS NOT NULL AS in_org, details FROM audit_log WHERE action LIKE 'cli.%' ORDER BY seq`);
    const user = userInfo().username;
    expect(rows.map((r) => [r['action'], r['outcome'], r['target'], r['in_org']])).toEqual([
      ['cli.org.create', 'SUCCESS', 'acme', true],
      ['cli.team.create', 'SUCCESS', 'acme', true],
      ['cli.report-schedule', 'SUCCESS', 'acme', true],
      ['cli.budget.set', 'FAILURE', 'acme', true],
    ]);
    expect(new Set(rows.map((r) => `${r['actor_type']} ${r['actor']}`))).toEqual(new Set([`CLI cli:${user}`]));
    expect(rows[1]!['details']).toMatchObject({ 'option.name': 'Payments' });
    expect(rows[3]!['details']).toMatchObject({ 'option.currency': 'XX', error: expect.any(String) });
    expect(JSON.parse(await cli('audit', 'verify', '--json'))).toMatchObject({ valid: true });
  });

  it('never records a secret option value', async () => {
    await expect(cli('secrets', 'rotate-key', '--new-key', Buffer.alloc(32, 22).toString('base64'))).resolves.toMatch(/Re-encrypted/);
    process.env['POSTUREBOARD_SECRET_KEY'] = Buffer.alloc(32, 22).toString('base64');
    const [row] = await sql(`SELECT details FROM audit_log WHERE action = 'cli.secrets.rotate-key'`);
    expect(row!['details']).toMatchObject({ 'option.newKey': '[redacted]' });
    expect(JSON.stringify(await sql(`SELECT details FROM audit_log`))).not.toContain(Buffer.alloc(32, 22).toString('base64'));
    // The rotation entry vouches for the entries sealed under the old key.
    expect(JSON.parse(await cli('audit', 'verify', '--json'))).toMatchObject({ valid: true, problems: [] });
  });

  it('writes a signed checkpoint, and verify --checkpoint detects the newest entries deleted with the head moved', async () => {
    await cli('team', 'create', '--org', 'acme', '--name', 'Identity');
    await cli('team', 'create', '--org', 'acme', '--name', 'Data');
    const file = join(dir, 'checkpoint.json');
    const written = JSON.parse(await cli('audit', 'checkpoint', '--org', 'acme', '--out', file, '--json'));
    const checkpoint = JSON.parse(readFileSync(file, 'utf8'));
    expect(checkpoint).toEqual({ ...written, out: undefined, format: 'postureboard-audit-checkpoint/1', organization: 'acme', mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await cli('audit', 'verify', '--org', 'acme', '--checkpoint', file)).toMatch(/^Audit trail intact: \d+ entries verified, including entry \d+ of the checkpoint/);

    await truncateAfter(checkpoint.seq - 2);
    // Without the checkpoint the shortened trail is consistent; with it, the cut shows.
    expect(JSON.parse(await cli('audit', 'verify', '--json'))).toMatchObject({ valid: true });
    await expect(cli('audit', 'verify', '--checkpoint', file)).rejects.toThrow(/failed verification/);
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((...v: unknown[]) => void lines.push(v.join(' ')));
    await runProgram(['node', 'postureboard', 'audit', 'verify', '--checkpoint', file, '--json']).catch(() => undefined);
    log.mockRestore();
    await closeContext();
    expect(JSON.parse(lines.join('\n')).problems).toEqual([expect.objectContaining({ kind: 'TRUNCATED', seq: checkpoint.seq })]);
  });

  it('refuses an edited checkpoint, one for another organization, and a file that is not one', async () => {
    const file = join(dir, 'checkpoint-2.json');
    await cli('audit', 'checkpoint', '--org', 'acme', '--out', file);
    const checkpoint = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...checkpoint, seq: checkpoint.seq - 1 }));
    await expect(cli('audit', 'verify', '--checkpoint', file)).rejects.toThrow(/failed verification/);
    await expect(cli('audit', 'verify', '--org', 'beta', '--checkpoint', file)).rejects.toThrow(/was taken for acme, not beta/);
    writeFileSync(file, '{"format":"something else"}');
    await expect(cli('audit', 'verify', '--checkpoint', file)).rejects.toThrow(/checkpoint-2.json: not an audit checkpoint/);
  });
});
