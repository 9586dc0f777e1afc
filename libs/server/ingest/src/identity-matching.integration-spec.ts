import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIngestTestContext, type IngestTestContext } from './testing/ingest-test-context.js';

const HR_HEADER = 'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email';
const IAM_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

const scimUser = (id: string, userName: string, active: boolean, employeeNumber: string | null, department = 'Directory Dept') => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  id,
  userName,
  active,
  name: { formatted: userName },
  emails: [{ value: userName, primary: true }],
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': employeeNumber ? { employeeNumber, department } : { department },
});

describe('matching people across sources', () => {
  let ctx: IngestTestContext;

  const write = (name: string, text: string): string => {
    const path = join(ctx.dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    ctx = await createIngestTestContext();
    const roster = write(
      'roster.csv',
      [
        HR_HEADER,
        'E100,Min.Jun@Example.com,Min Jun,employee,terminated,2015-03-02,2025-06-20,KR,Platform,lead@example.com',
        'E200,sara@example.com,Sara Lim,employee,active,2019-09-01,,KR,Payments,lead@example.com',
      ].join('\n'),
    );
    expect((await ctx.ingest.ingestFile(ctx.organization.slug, 'hr-roster', roster)).status).toBe('SUCCEEDED');
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('merges an IdP user into the HR identity by e-mail or employee number, without overriding what HR says', async () => {
    const list = write(
      'users.json',
      JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: 3,
        Resources: [
          // Still active in the IdP although HR says he left: the breach's situation.
          scimUser('u-1', 'min.jun@example.com', true, null),
          // Another e-mail in the IdP, the same employee number.
          scimUser('u-2', 's.lim@corp.example.com', true, 'E200'),
          scimUser('u-3', 'new.hire@example.com', true, null),
        ],
      }),
    );
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'scim-users', list);
    expect(run.status).toBe('SUCCEEDED');
    const people = await ctx.query<{ email: string; employee_number: string | null; status: string; source: string; department: string }>(
      `SELECT email, employee_number, status, source, department FROM identity WHERE organization_id = $1 ORDER BY email`,
      [ctx.organization.id],
    );
    expect(people).toEqual([
      { email: 'min.jun@example.com', employee_number: 'E100', status: 'TERMINATED', source: 'hr-roster', department: 'Platform' },
      { email: 'new.hire@example.com', employee_number: null, status: 'ACTIVE', source: 'scim-users', department: 'Directory Dept' },
      { email: 'sara@example.com', employee_number: 'E200', status: 'ACTIVE', source: 'hr-roster', department: 'Payments' },
    ]);
    const accounts = await ctx.query<{ external_id: string; status: string; email: string }>(
      `SELECT a.external_id, a.status, i.email FROM account a JOIN identity i ON i.id = a.identity_id WHERE a.organization_id = $1 ORDER BY a.external_id`,
      [ctx.organization.id],
    );
    expect(accounts).toEqual([
      { external_id: 'u-1', status: 'ACTIVE', email: 'min.jun@example.com' },
      { external_id: 'u-2', status: 'ACTIVE', email: 'sara@example.com' },
      { external_id: 'u-3', status: 'ACTIVE', email: 'new.hire@example.com' },
    ]);
  });

  it('records when an IdP account is first seen deactivated', async () => {
    const list = write(
      'users-2.json',
      JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], Resources: [scimUser('u-1', 'min.jun@example.com', false, null)] }),
    );
    const before = new Date();
    await ctx.ingest.ingestFile(ctx.organization.slug, 'scim-users', list);
    const [account] = await ctx.query<{ status: string; deactivated_at: Date }>(`SELECT status, deactivated_at FROM account WHERE external_id = 'u-1'`);
    expect(account!.status).toBe('DEACTIVATED');
    expect(account!.deactivated_at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
  });

  it('gives a credential its owner (by alias) and the owner team, and keeps credentials other sources stop reporting', async () => {
    const [minJun] = await ctx.query<{ id: string; team_id: string }>(`SELECT id, team_id FROM identity WHERE email = 'min.jun@example.com'`);
    await ctx.query(`INSERT INTO identity_alias (organization_id, alias, identity_id) VALUES ($1, 'mjun', $2)`, [ctx.organization.id, minJun!.id]);
    const report = write(
      'report.csv',
      [
        IAM_HEADER,
        `mjun,arn:aws:iam::111122223333:user/mjun,2016-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2016-01-01T00:00:00+00:00,2025-11-01T00:00:00+00:00,ap-northeast-2,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
      ].join('\n'),
    );
    await ctx.ingest.ingestFile(ctx.organization.slug, 'iam-credential-report', report);
    const [key] = await ctx.query<{ owner_identity_id: string; team_id: string; kind: string }>(
      `SELECT owner_identity_id, team_id, kind FROM credential WHERE source = 'iam-credential-report' AND kind = 'ACCESS_KEY'`,
    );
    expect(key).toMatchObject({ owner_identity_id: minJun!.id, team_id: minJun!.team_id });
    expect(minJun!.team_id).not.toBeNull();

    // A JWKS file that knows nothing of the access key: the key stays.
    await ctx.ingest.ingestFile(ctx.organization.slug, 'jwks', '/work/shared/samples/jwks-x509/rfc7517_A1_example_public_keys.json');
    const [{ count }] = await ctx.query<{ count: number }>(`SELECT count(*)::int AS count FROM credential WHERE source = 'iam-credential-report' AND kind = 'ACCESS_KEY'`);
    expect(count).toBe(1);
  });

  it('lets a later HR roster correct what a lower-ranked source created', async () => {
    const roster = write('roster-2.csv', [HR_HEADER, 'E300,new.hire@example.com,New Hire,contractor,active,2026-01-05,,IN,Payments,sara@example.com'].join('\n'));
    const run = await ctx.ingest.ingestFile(ctx.organization.slug, 'hr-roster', roster);
    expect(run).toMatchObject({ status: 'SUCCEEDED', updated: 1, inserted: 0 });
    const [person] = await ctx.query<{ employee_number: string; employment_type: string; work_country: string; source: string; department: string }>(
      `SELECT employee_number, employment_type, work_country, source, department FROM identity WHERE email = 'new.hire@example.com'`,
    );
    expect(person).toEqual({ employee_number: 'E300', employment_type: 'CONTRACTOR', work_country: 'IN', source: 'hr-roster', department: 'Payments' });
  });
});
