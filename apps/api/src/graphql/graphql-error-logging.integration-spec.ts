import 'reflect-metadata';
import { jest } from '@jest/globals';
import { cliActor, UserService } from '@postureboard/server-auth';
import { OrganizationRepository } from '@postureboard/server-database';
import { type BootedApi, bootApi, signIn } from '../testing/boot-api.js';

/**
 * The server's error log is for the server's faults. A refused, unauthenticated or invalid call is answered to its
 * caller and leaves the log alone; a fault (a query PostgreSQL fails) is still logged.
 */
describe('GraphQL errors in the server log', () => {
  let api: BootedApi;
  let cookie: string;
  let adminCookie: string;
  const written: string[] = [];

  const graphql = async (query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${api.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  };
  const errorLines = () => written.filter((line) => /\bERROR\b/.test(line));

  beforeAll(async () => {
    api = await bootApi({ env: { POSTUREBOARD_IN_PROCESS_WORKER: 'false' } });
    await api.app.get(OrganizationRepository).insert({ slug: 'alpha', name: 'Alpha', approvedCountries: [], currency: 'USD' });
    await api.app.get(OrganizationRepository).insert({ slug: 'bravo', name: 'Bravo', approvedCountries: [], currency: 'USD' });
    await api.app.get(UserService).create({ email: 'viewer@alpha.test', organizationSlug: 'alpha', role: 'BOARD_VIEWER', password: 'viewer-password-1234', actor: cliActor() });
    cookie = (await signIn(api.base, 'viewer@alpha.test', 'viewer-password-1234')).cookie;
    await api.app.get(UserService).create({ email: 'admin@alpha.test', organizationSlug: 'alpha', role: 'ADMIN', password: 'admin-password-1234', actor: cliActor() });
    adminCookie = (await signIn(api.base, 'admin@alpha.test', 'admin-password-1234')).cookie;
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
        written.push(String(chunk));
        return write(chunk, ...rest);
      }) as typeof stream.write);
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await api?.close();
  });
  beforeEach(() => {
    written.length = 0;
  });

  it('answers refused, unauthenticated and invalid calls without logging them as errors', async () => {
    expect((await graphql('{ posture(org: "alpha") { overallScore } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await graphql('{ posture(org: "bravo") { overallScore } }', { cookie })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await graphql('{ members(org: "alpha") { email } }', { cookie })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A date that is not one is the caller's mistake, named as such (it reached PostgreSQL as a server fault before).
    const literal = await graphql('{ posture(org: "alpha", asOf: "not a date") { overallScore } }', { cookie });
    expect(literal.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, message: expect.stringMatching(/DateTime must be an ISO 8601 date-time/) });
    const variable = await graphql('query ($at: DateTime) { posture(org: "alpha", asOf: $at) { overallScore } }', { cookie }, { at: '2026-02-30' });
    expect(variable.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/got "2026-02-30"/) });
    // Refused by a resolver (not a guard): Nest's default handler logged these at ERROR with a stack.
    const weak = await graphql('mutation { configureNotificationChannel(org: "alpha", type: "webhook", name: "weak", url: "https://hooks.example.com/x", secret: "short") { name } }', { cookie: adminCookie });
    expect(weak.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errorLines()).toEqual([]);
  });

  it('still logs a fault of the server', async () => {
    await api.db.dataSource.query(`ALTER TABLE current_posture RENAME TO current_posture_gone`);
    try {
      const answer = await graphql('{ posture(org: "alpha") { overallScore } }', { cookie });
      expect(answer.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(errorLines().join('\n')).toMatch(/current_posture/);
    } finally {
      await api.db.dataSource.query(`ALTER TABLE current_posture_gone RENAME TO current_posture`);
    }
  });
});
