import { Readable } from 'node:stream';
import pg from 'pg';
import { createEmptyTestDatabase } from '@postureboard/server-database/testing';
import { verifyWebhook } from '@postureboard/server-notifications';
import { HttpReceiver } from '@postureboard/server-notifications/testing';
import { runCli as cli } from '../run-cli.test-util.js';

const SIGNING_SECRET = 'cli-signing-secret-0123456789';

async function withStdin<T>(text: string, work: () => Promise<T>): Promise<T> {
  const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', { value: Readable.from([text]), configurable: true });
  try {
    return await work();
  } finally {
    Object.defineProperty(process, 'stdin', stdin);
  }
}

describe('postureboard notifications commands on PostgreSQL', () => {
  let drop: () => Promise<void>;
  let url: string;
  const receiver = new HttpReceiver();
  const savedUrl = process.env['DATABASE_URL'];
  const sql = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    const db = await createEmptyTestDatabase();
    drop = db.drop;
    url = db.url;
    process.env['DATABASE_URL'] = db.url;
    await receiver.start();
    await cli('migrate');
    await cli('org', 'create', '--slug', 'acme', '--name', 'Acme');
  });

  afterAll(async () => {
    await receiver.stop();
    if (savedUrl === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = savedUrl;
    await drop();
  });

  it('adds a webhook channel with its secret from standard input, and never shows or stores the secret in clear', async () => {
    const added = JSON.parse(
      await withStdin(`${SIGNING_SECRET}\n`, () => cli('notifications', 'channel', 'add', '--org', 'acme', '--type', 'webhook', '--name', 'siem', '--url', `${receiver.url}/hook`, '--secret-stdin', '--json')),
    ) as Record<string, unknown>;
    expect(added).toMatchObject({ name: 'siem', type: 'webhook', config: { url: `${receiver.url}/hook` }, secretFieldsSet: ['signingSecret'] });
    const listed = await cli('notifications', 'channel', 'list', '--org', 'acme', '--json');
    expect(JSON.parse(listed)).toHaveLength(1);
    expect(listed).not.toContain(SIGNING_SECRET);
    const [row] = await sql(`SELECT config::text, secret_sealed FROM notification_channel`);
    expect(JSON.stringify(row)).not.toContain(SIGNING_SECRET);
    expect(String(row!['secret_sealed'])).toMatch(/^v1\./);
  });

  it('sends a signed test message and prints the receiver’s answer', async () => {
    receiver.respond = () => ({ status: 202, body: 'queued by receiver' });
    const result = JSON.parse(await cli('notifications', 'channel', 'test', '--org', 'acme', '--name', 'siem', '--json')) as Record<string, unknown>;
    expect(result).toEqual({ ok: true, statusCode: 202, response: 'queued by receiver', error: null });
    const request = receiver.received.at(-1)!;
    expect(verifyWebhook(SIGNING_SECRET, request.body, String(request.headers['postureboard-signature']), new Date())).toBe(true);
    expect(JSON.parse(request.body)).toMatchObject({ type: 'test', organization: { slug: 'acme' } });
  });

  it('refuses a Slack channel without its webhook URL, naming what is missing', async () => {
    await expect(cli('notifications', 'channel', 'add', '--org', 'acme', '--type', 'slack', '--name', 'sec')).rejects.toThrow(/Slack webhook URL \(--url\): required/);
  });

  it('lists the default rules, and changes one', async () => {
    const rules = JSON.parse(await cli('notifications', 'rule', 'list', '--org', 'acme', '--json')) as { type: string; enabled: boolean; isDefault: boolean }[];
    expect(rules.map((r) => r.type)).toEqual(['finding.critical', 'finding.escalated', 'sla.due_soon', 'sla.overdue', 'digest.weekly', 'report.delivered', 'finding.resolved', 'finding.ticket_closed']);
    expect(rules.every((r) => r.enabled && r.isDefault)).toBe(true);
    const set = JSON.parse(await cli('notifications', 'rule', 'set', '--org', 'acme', '--event', 'digest.weekly', '--disable', '--json'));
    expect(set).toMatchObject({ type: 'digest.weekly', enabled: false, isDefault: false });
    await expect(cli('notifications', 'rule', 'set', '--org', 'acme', '--event', 'finding.critical', '--channels', 'nope')).rejects.toThrow('No channel named "nope"');
  });

  it('prints the delivery log filtered by status', async () => {
    const [{ id: org }] = (await sql(`SELECT id FROM organization WHERE slug = 'acme'`)) as { id: string }[];
    const [{ id: channel }] = (await sql(`SELECT id FROM notification_channel`)) as { id: string }[];
    await sql(`INSERT INTO notification_message (id, organization_id, type, dedupe_key, occurred_at, data) VALUES ('00000000-0000-4000-8000-000000000001', '${org}', 'finding.critical', 'k1', now(), '{}')`);
    await sql(`INSERT INTO notification_delivery (message_id, organization_id, channel_id, channel_name, channel_type, status, attempts, last_status_code, last_error)
               VALUES ('00000000-0000-4000-8000-000000000001', '${org}', '${channel}', 'siem', 'webhook', 'failed', 8, 500, 'the receiver answered HTTP 500')`);
    const failed = JSON.parse(await cli('notifications', 'list', '--org', 'acme', '--status', 'failed', '--json')) as Record<string, unknown>[];
    expect(failed).toEqual([expect.objectContaining({ type: 'finding.critical', channel: 'siem', status: 'failed', attempts: 8, lastStatusCode: 500 })]);
    expect(JSON.parse(await cli('notifications', 'list', '--org', 'acme', '--status', 'sent', '--json'))).toEqual([]);
  });
});
