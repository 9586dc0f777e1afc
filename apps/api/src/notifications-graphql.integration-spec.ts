import 'reflect-metadata';
import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { cliActor, UserService } from '@postureboard/server-auth';
import { OrganizationRepository } from '@postureboard/server-database';
import { HttpReceiver } from '@postureboard/server-notifications/testing';
import { type BootedApi, bootApi } from './testing/boot-api.js';

const PASSWORD = 'member-password-1234';
const SIGNING_SECRET = 'graphql-signing-secret-0123456789';
const SLACK_URL_TOKEN = 'T0AAA/B0BBB/slackurlsecret987';

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe('notification channels over GraphQL', () => {
  let app: INestApplication;
  let base: string;
  let api: BootedApi;
  const receiver = new HttpReceiver();
  const cookies: Record<string, string> = {};
  const written: string[] = [];

  const graphql = async (query: string, who: string): Promise<GraphQLResponse> => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies[who]! }, body: JSON.stringify({ query }) });
    return (await res.json()) as GraphQLResponse;
  };

  beforeAll(async () => {
    // Everything the process writes, to prove no secret is logged.
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
        written.push(String(chunk));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write);
    }
    await receiver.start();
    api = await bootApi({
      env: {
        LOG_LEVEL: 'debug',
        POSTUREBOARD_ADMIN_EMAIL: 'root@postureboard.test',
        POSTUREBOARD_ADMIN_PASSWORD: 'e2e-admin-password-123',
      },
      logger: ['error', 'warn', 'log', 'debug'],
    });
    ({ app, base } = api);
    await app.get(OrganizationRepository).insert({ slug: 'alpha', name: 'Alpha Corp', approvedCountries: [], currency: 'USD' });
    const users = app.get(UserService);
    for (const [who, role] of [['admin', 'ADMIN'], ['ciso', 'CISO'], ['auditor', 'AUDITOR']] as const) {
      await users.create({ email: `${who}@alpha.test`, organizationSlug: 'alpha', role, password: PASSWORD, actor: cliActor() });
      const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `${who}@alpha.test`, password: PASSWORD }) });
      cookies[who] = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    }
  });

  afterAll(async () => {
    await api?.close();
    await receiver.stop();
    jest.restoreAllMocks();
  });

  it('lets an admin add channels and test them, and never answers, logs or audits a secret', async () => {
    const added = await graphql(
      `mutation { configureNotificationChannel(org: "alpha", type: "webhook", name: "siem", url: "${receiver.url}/hook", secret: "${SIGNING_SECRET}") { name type config secretFieldsSet } }`,
      'admin',
    );
    expect(added.data?.['configureNotificationChannel']).toEqual({ name: 'siem', type: 'webhook', config: JSON.stringify({ url: `${receiver.url}/hook` }), secretFieldsSet: ['signingSecret'] });
    const slack = await graphql(
      `mutation { configureNotificationChannel(org: "alpha", type: "slack", name: "sec", secret: "${receiver.url}/services/${SLACK_URL_TOKEN}") { name config secretFieldsSet } }`,
      'admin',
    );
    expect(slack.data?.['configureNotificationChannel']).toEqual({ name: 'sec', config: '{}', secretFieldsSet: ['webhookUrl'] });
    receiver.respond = (r) => ({ status: 400, body: `invalid_payload at ${r.url}` });
    const tested = await graphql(`mutation { testNotificationChannel(org: "alpha", name: "sec") { ok statusCode response error } }`, 'admin');
    expect(tested.data?.['testNotificationChannel']).toMatchObject({ ok: false, statusCode: 400, error: 'the receiver answered HTTP 400' });
    expect((tested.data?.['testNotificationChannel'] as { response: string }).response).toContain('invalid_payload');
    const bad = await graphql(`mutation { configureNotificationChannel(org: "alpha", type: "webhook", name: "weak", url: "${receiver.url}", secret: "short") { name } }`, 'admin');
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('the signing secret (--secret-stdin): the signing secret needs at least 16 characters');

    const answers = JSON.stringify([
      await graphql(`{ notificationChannels(org: "alpha") { name config secretFieldsSet } }`, 'admin'),
      tested,
      bad,
      await graphql(`{ auditLog(org: "alpha", limit: 50) { action details target } }`, 'auditor'),
    ]);
    expect(answers).toContain('configureNotificationChannel');
    for (const secret of [SIGNING_SECRET, SLACK_URL_TOKEN, 'short']) expect(answers).not.toContain(secret);
    for (const secret of [SIGNING_SECRET, SLACK_URL_TOKEN]) expect(written.join('')).not.toContain(secret);
  });

  it('keeps channels and the delivery log from anyone but an admin', async () => {
    for (const query of [`{ notificationChannels(org: "alpha") { name } }`, `{ notificationDeliveries(org: "alpha") { id } }`, `mutation { removeNotificationChannel(org: "alpha", name: "siem") }`]) {
      expect((await graphql(query, 'ciso')).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    expect((await graphql(`{ notificationDeliveries(org: "alpha", status: "failed") { id } }`, 'admin')).data).toEqual({ notificationDeliveries: [] });
  });
});
