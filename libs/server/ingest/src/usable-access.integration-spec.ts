import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateFindings, type FindingCandidate } from '@postureboard/domain';
import { PostureInputRepository } from '@postureboard/server-database';
import { createIngestTestContext, type IngestTestContext } from './testing/ingest-test-context.js';

const HR_HEADER = 'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email';
const IAM_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const NO_KEY = 'false,N/A,N/A,N/A,N/A';
const NO_CERTS = 'false,N/A,false,N/A';
/** An IAM credential report row (AWS IAM User Guide, "Getting credential reports"), 22 columns. */
const iamRow = (user: string, created: string, password: 'true' | 'false', passwordLastUsed: string, key1: string, key2 = NO_KEY, certs = NO_CERTS): string =>
  `${user},arn:aws:iam::111122223333:user/${user},${created},${password},${passwordLastUsed},N/A,N/A,false,${key1},${key2},${certs}`;

/**
 * Through the real connectors, the ingest pipeline and PostgreSQL, then the domain's evaluation: what must fire
 * for leavers and what must not (deprovisioned leavers, unusable IAM users, rehires, e-mail case variance).
 */
describe('usable access, end to end from HR roster and IAM credential report', () => {
  let ctx: IngestTestContext;
  const asOf = new Date('2025-07-01T00:00:00Z');
  const write = (name: string, text: string): string => {
    const path = join(ctx.dir, name);
    writeFileSync(path, text);
    return path;
  };
  const findingsAt = async (at: Date): Promise<FindingCandidate[]> => evaluateFindings(await new PostureInputRepository(ctx.db.dataSource).load(ctx.organization.id, at), at);
  const byKind = (findings: FindingCandidate[], kind: FindingCandidate['kind']): string[] =>
    findings
      .filter((finding) => finding.kind === kind)
      .map((finding) => finding.subject.externalId)
      .sort();

  beforeAll(async () => {
    ctx = await createIngestTestContext();
    const roster = write(
      'roster.csv',
      [
        HR_HEADER,
        // left 2025-06-01, key still active and used after: the breach's pattern
        'E1,kim@example.com,Kim,employee,terminated,2015-03-02,2025-06-01,KR,Auth,',
        // left 2025-05-01; IAM user left with no password, its key deactivated (last used 2025-04-20)
        'E2,han@example.com,Han,employee,terminated,2018-01-01,2025-05-01,KR,Auth,',
        // employment history spread over the file: left 2023-03-31, back 2024-06-01
        'E3,park@example.com,Park,employee,active,2024-06-01,,KR,Payments,',
        // a rehire row: termination before start
        'E4,choi@example.com,Choi,contractor,active,2024-09-01,2024-01-31,KR,Payments,',
        // e-mail written with capitals in HR, lower case as the IAM user name
        'E5,Lee.Case@Example.COM,Lee,employee,terminated,2019-01-01,2025-06-10,KR,Ops,',
        // fully deprovisioned: the IAM user was deleted (not in the report)
        'E6,yoon@example.com,Yoon,employee,terminated,2019-01-01,2025-04-01,KR,Ops,',
        'E3,park@example.com,Park,employee,terminated,2018-03-01,2023-03-31,KR,Payments,',
      ].join('\n'),
    );
    expect(await ctx.ingest.ingestFile(ctx.organization.slug, 'hr-roster', roster)).toMatchObject({ status: 'SUCCEEDED', rejected: 0 });
    const report = write(
      'credential-report.csv',
      [
        IAM_HEADER,
        iamRow('kim@example.com', '2016-01-01T00:00:00+00:00', 'false', 'N/A', 'true,2016-01-01T00:00:00+00:00,2025-06-24T03:00:00+00:00,ap-northeast-2,s3'),
        iamRow('han@example.com', '2018-01-02T00:00:00+00:00', 'false', '2025-03-01T00:00:00+00:00', 'false,2018-01-02T00:00:00+00:00,2025-04-20T00:00:00+00:00,ap-northeast-2,s3'),
        iamRow('park@example.com', '2024-06-01T00:00:00+00:00', 'true', '2025-06-30T00:00:00+00:00', NO_KEY),
        iamRow('choi@example.com', '2024-09-01T00:00:00+00:00', 'false', 'N/A', 'true,2024-09-01T00:00:00+00:00,2025-06-30T00:00:00+00:00,ap-northeast-2,ec2'),
        iamRow('lee.case@example.com', '2019-01-01T00:00:00+00:00', 'true', '2025-05-01T00:00:00+00:00', NO_KEY),
      ].join('\n'),
    );
    expect(await ctx.ingest.ingestFile(ctx.organization.slug, 'iam-credential-report', report)).toMatchObject({ status: 'SUCCEEDED', rejected: 0 });
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('stores an IAM user nobody can use as SUSPENDED, dated by its last use, and its key as inactive from then', async () => {
    const [account] = await ctx.query<{ status: string; deactivated_at: Date }>(`SELECT status, deactivated_at FROM account WHERE user_name = 'han@example.com'`);
    expect(account).toEqual({ status: 'SUSPENDED', deactivated_at: new Date('2025-04-20T00:00:00Z') });
    const [key] = await ctx.query<{ status: string; deactivated_at: Date; use_observed: boolean }>(
      `SELECT status, deactivated_at, use_observed FROM credential WHERE owner_ref = 'han@example.com'`,
    );
    expect(key).toEqual({ status: 'INACTIVE', deactivated_at: new Date('2025-04-20T00:00:00Z'), use_observed: true });
  });

  it('changes nothing when the same files are ingested again', async () => {
    const again = await ctx.ingest.ingestFile(ctx.organization.slug, 'iam-credential-report', join(ctx.dir, 'credential-report.csv'));
    expect(again).toMatchObject({ status: 'SUCCEEDED', inserted: 0, updated: 0 });
    expect(await ctx.ingest.ingestFile(ctx.organization.slug, 'hr-roster', join(ctx.dir, 'roster.csv'))).toMatchObject({ status: 'SUCCEEDED', inserted: 0, updated: 0 });
  });

  it('fires on leavers with usable access only, and a LOW hygiene finding for the unusable IAM user', async () => {
    const findings = await findingsAt(asOf);
    // Kim: active key used after leaving; Lee: console password, matched across e-mail case.
    expect(byKind(findings, 'LEAVER_ACTIVE_ACCESS')).toEqual(['kim@example.com', 'lee.case@example.com']);
    // Kim's key was last used on 2025-06-24, after the departure: the report's own last-used date proves it.
    const kim = findings.find((finding) => finding.subject.externalId === 'kim@example.com' && finding.kind === 'LEAVER_ACTIVE_ACCESS');
    expect(kim?.severity).toBe('CRITICAL');
    expect(kim?.evidence.find((record) => record.type === 'last-use-after-departure')).toMatchObject({ data: { lastUsedAt: '2025-06-24T03:00:00.000Z' } });
    // Han: exists, cannot be used → LOW, not access. Park (back since 2024-06-01), Choi (rehire row), Yoon (deleted): nothing.
    expect(findings.filter((finding) => finding.kind === 'LEAVER_RESIDUAL_ACCOUNT').map((finding) => [finding.subject.externalId, finding.severity])).toEqual([
      ['han@example.com', 'LOW'],
    ]);
    const subjects = new Set(findings.filter((finding) => finding.kind.startsWith('LEAVER_')).map((finding) => finding.subject.externalId));
    for (const quiet of ['park@example.com', 'choi@example.com', 'yoon@example.com']) expect(subjects.has(quiet)).toBe(false);
  });

  it('replays the past as it was: each leaver from the day of departure, an account only once it existed', async () => {
    // 2025-06-15: Kim has left (06-01) with a usable key, not yet used since (first use 06-24): HIGH, not CRITICAL.
    // Lee left 06-10 with a console password only, 5 days ago: MEDIUM.
    const june15 = await findingsAt(new Date('2025-06-15T00:00:00Z'));
    expect(june15.filter((f) => f.kind === 'LEAVER_ACTIVE_ACCESS').map((f) => [f.subject.externalId, f.severity])).toEqual([
      ['kim@example.com', 'HIGH'],
      ['lee.case@example.com', 'MEDIUM'],
    ]);
    // 2025-06-25: Kim's key was used after departure (06-24, per the report): CRITICAL.
    const june25 = await findingsAt(new Date('2025-06-25T00:00:00Z'));
    expect(june25.find((f) => f.kind === 'LEAVER_ACTIVE_ACCESS' && f.subject.externalId === 'kim@example.com')?.severity).toBe('CRITICAL');
    // Park between leaving (2023-03-31) and coming back (2024-06-01): a leaver, but the IAM user only exists from
    // 2024-06-01, so there was nothing of Park's to use then.
    const inTheGap = await findingsAt(new Date('2024-01-15T00:00:00Z'));
    expect(inTheGap.filter((f) => f.kind.startsWith('LEAVER_'))).toEqual([]);
  });

  it('never dates a change before a run that saw the account or key still usable', async () => {
    // Run 1: usable (password, active key). Run 2: no password, key inactive; the report's last uses are older than run 1.
    const first = write('report-1.csv', [IAM_HEADER, iamRow('seo@example.com', '2020-01-01T00:00:00+00:00', 'true', '2024-01-01T00:00:00+00:00', 'true,2020-01-01T00:00:00+00:00,2024-02-01T00:00:00+00:00,ap-northeast-2,s3')].join('\n'));
    await ctx.ingest.ingestFile(ctx.organization.slug, 'iam-credential-report', first);
    const [seen] = await ctx.query<{ updated_at: Date }>(`SELECT updated_at FROM account WHERE user_name = 'seo@example.com'`);
    const second = write('report-2.csv', [IAM_HEADER, iamRow('seo@example.com', '2020-01-01T00:00:00+00:00', 'false', '2024-01-01T00:00:00+00:00', 'false,2020-01-01T00:00:00+00:00,2024-02-01T00:00:00+00:00,ap-northeast-2,s3')].join('\n'));
    await ctx.ingest.ingestFile(ctx.organization.slug, 'iam-credential-report', second);
    const [account] = await ctx.query<{ status: string; deactivated_at: Date }>(`SELECT status, deactivated_at FROM account WHERE user_name = 'seo@example.com'`);
    expect(account!.status).toBe('SUSPENDED');
    expect(account!.deactivated_at.getTime()).toBeGreaterThanOrEqual(seen!.updated_at.getTime());
    const [key] = await ctx.query<{ status: string; deactivated_at: Date }>(`SELECT status, deactivated_at FROM credential WHERE owner_ref = 'seo@example.com'`);
    expect(key!.status).toBe('INACTIVE');
    expect(key!.deactivated_at.getTime()).toBeGreaterThanOrEqual(seen!.updated_at.getTime());
  });

  it('stores JWKS keys by their RFC 7517 purpose and never says KEY_UNUSED of them (use not observed)', async () => {
    const jwks = write(
      'jwks.json',
      JSON.stringify({
        keys: [
          // RFC 7517 appendix A.1: an encryption key and an RS256 key
          { kty: 'EC', crv: 'P-256', x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4', y: '4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM', use: 'enc', kid: '1' },
          { kty: 'EC', crv: 'P-256', x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4', y: '4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM', key_ops: ['unwrapKey'], kid: 'wrap' },
          { kty: 'EC', crv: 'P-256', x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4', y: '4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM', key_ops: ['verify'], kid: 'sig' },
        ],
      }),
    );
    expect(await ctx.ingest.ingestFile(ctx.organization.slug, 'jwks', jwks)).toMatchObject({ status: 'SUCCEEDED' });
    const kinds = await ctx.query<{ external_id: string; kind: string; use_observed: boolean }>(
      `SELECT external_id, kind, use_observed FROM credential WHERE source = 'jwks' ORDER BY external_id`,
    );
    expect(kinds).toEqual([
      { external_id: '1', kind: 'ENCRYPTION_KEY', use_observed: false },
      { external_id: 'sig', kind: 'SIGNING_KEY', use_observed: false },
      { external_id: 'wrap', kind: 'ENCRYPTION_KEY', use_observed: false },
    ]);
    // A year after first sight: still no use can be claimed for the JWKS keys.
    const later = new Date(Date.now() + 400 * 86_400_000);
    const unused = byKind(await findingsAt(later), 'KEY_UNUSED');
    expect(unused.filter((id) => ['1', 'sig', 'wrap'].includes(id))).toEqual([]);
  });
});
