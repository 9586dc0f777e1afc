import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createEmptyTestDatabase } from '@postureboard/server-database/testing';
import { runCli as cli } from '../run-cli.test-util.js';

const HR_HEADER = 'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email';

describe('postureboard alias add|list|remove', () => {
  let drop: () => Promise<void>;
  let db: pg.Client;
  const savedUrl = process.env['DATABASE_URL'];
  const dir = mkdtempSync(join(tmpdir(), 'pb-alias-'));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const owners = async () =>
    (await db.query<{ external_id: string; email: string | null }>(
      `SELECT c.external_id, i.email FROM credential c LEFT JOIN identity i ON i.id = c.owner_identity_id WHERE c.source = 'github-credentials' ORDER BY 1`,
    )).rows;

  beforeAll(async () => {
    const created = await createEmptyTestDatabase();
    drop = created.drop;
    process.env['DATABASE_URL'] = created.url;
    db = new pg.Client({ connectionString: created.url });
    await db.connect();
    await cli('migrate');
    await cli('org', 'create', '--slug', 'acme', '--name', 'Acme', '--approved-countries', 'KR');
    const roster = write('roster.csv', [HR_HEADER, 'E100,Min.Jun@Example.com,Min Jun,employee,terminated,2015-03-02,2025-01-20,KR,Platform,', 'E200,sara@example.com,Sara Lim,employee,active,2019-09-01,,KR,Payments,'].join('\n'));
    await cli('ingest', '--org', 'acme', '--source', 'hr-roster', '--path', roster);
    const credentials = write(
      'credential-authorizations.json',
      JSON.stringify([
        { login: 'MJun', credential_id: 7, credential_type: 'personal access token', credential_authorized_at: '2019-01-01T00:00:00Z', credential_accessed_at: '2025-05-30T00:00:00Z', authorized_credential_id: 81234, authorized_credential_expires_at: null },
      ]),
    );
    await cli('ingest', '--org', 'acme', '--source', 'github-credentials', '--path', credentials);
  });

  afterAll(async () => {
    await db.end();
    if (savedUrl === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = savedUrl;
    await drop();
  });

  it('links the GitHub login to the person, case-insensitively, including the token already ingested', async () => {
    expect(await owners()).toEqual([{ external_id: '81234', email: null }]);
    const added = JSON.parse(await cli('alias', 'add', '--org', 'acme', '--identity', 'MIN.JUN@example.com', '--alias', ' MJun ', '--system', 'GitHub', '--json'));
    expect(added).toMatchObject({ alias: 'mjun', system: 'github', outcome: 'added', links: { accounts: 0, credentials: 1 } });
    expect(await owners()).toEqual([{ external_id: '81234', email: 'min.jun@example.com' }]);
    // Again: nothing changes.
    expect(JSON.parse(await cli('alias', 'add', '--org', 'acme', '--identity', 'E100', '--alias', 'mjun', '--system', 'github', '--json'))).toMatchObject({ outcome: 'unchanged' });
    expect(JSON.parse(await cli('alias', 'list', '--org', 'acme', '--json'))).toEqual([
      { alias: 'mjun', system: 'github', identityId: added.identityId, identityEmail: 'min.jun@example.com', identityName: 'Min Jun', identityTeamId: expect.any(String), createdAt: expect.any(String) },
    ]);
  });

  it('links the GitHub account of that login on ingest, but not another system’s user of the same name', async () => {
    await cli('ingest', '--org', 'acme', '--source', 'github-members', '--path', write('members.json', JSON.stringify([{ login: 'MJun', id: 11, type: 'User' }])));
    const scim = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 's-1', userName: 'mjun', active: true };
    await cli('ingest', '--org', 'acme', '--source', 'scim-users', '--path', write('scim.json', JSON.stringify(scim)));
    const { rows } = await db.query<{ system: string; email: string | null }>(
      `SELECT a.system, i.email FROM account a LEFT JOIN identity i ON i.id = a.identity_id WHERE lower(a.user_name) = 'mjun' ORDER BY a.system`,
    );
    expect(rows).toEqual([
      { system: 'github', email: 'min.jun@example.com' },
      { system: 'scim', email: null },
    ]);
  });

  it('makes the leaver’s still-valid GitHub token a LEAVER_ACTIVE_ACCESS finding', async () => {
    const findings = JSON.parse(await cli('findings', '--org', 'acme', '--kind', 'LEAVER_ACTIVE_ACCESS', '--json')) as { kind: string; title: string }[];
    expect(findings.map((f) => f.kind)).toEqual(['LEAVER_ACTIVE_ACCESS']);
  });

  it('refuses an unknown person and an alias that already names someone else, naming them', async () => {
    await expect(cli('alias', 'add', '--org', 'acme', '--identity', 'nobody@example.com', '--alias', 'x')).rejects.toThrow('No person with e-mail or employee number "nobody@example.com" in acme');
    await expect(cli('alias', 'add', '--org', 'acme', '--identity', 'sara@example.com', '--alias', 'MJUN')).rejects.toThrow(/alias "mjun" already names another person/);
    await expect(cli('alias', 'add', '--org', 'acme', '--identity', 'sara@example.com', '--alias', 'slim', '--system', 'git hub')).rejects.toThrow(/not a system name/);
  });

  it('removes the alias and undoes only the links it made', async () => {
    const removed = JSON.parse(await cli('alias', 'remove', '--org', 'acme', '--alias', 'mjun', '--json'));
    expect(removed).toMatchObject({ alias: 'mjun', system: 'github', outcome: 'removed', links: { accounts: 1, credentials: 1 } });
    expect(await owners()).toEqual([{ external_id: '81234', email: null }]);
    expect(JSON.parse(await cli('alias', 'list', '--org', 'acme', '--json'))).toEqual([]);
    await expect(cli('alias', 'remove', '--org', 'acme', '--alias', 'mjun')).rejects.toThrow('No alias "mjun" in acme');
  });
});
