import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectContext } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { iamCredentialReportFileSource } from './iam-credential-report.file-source.js';

const samples = fileURLToPath(new URL('../../../../../shared/samples/aws-iam-credential-report/', import.meta.url));
const sample2023 = join(samples, 'AWS_testbench_credential_report_2023.csv');
const sample2025 = join(samples, 'cfech_credential-report_2025.csv');
const context: CollectContext = { signal: new AbortController().signal, now: new Date('2025-06-01T00:00:00Z') };

async function collect(path: string): Promise<CollectedRecord[]> {
  const out: CollectedRecord[] = [];
  for await (const record of iamCredentialReportFileSource.collectFile(path, context)) out.push(record);
  return out;
}

function account(source: string, line: number, arn: string, userName: string, lastLoginAt: string | null, createdAt: string): CollectedRecord {
  return {
    accepted: true,
    location: { source, line },
    observation: {
      kind: 'account',
      system: 'aws-iam',
      externalId: arn,
      userName,
      email: null,
      employeeNumber: null,
      createdAt: new Date(createdAt),
      status: 'ACTIVE',
      deactivatedAt: null,
      lastLoginAt: lastLoginAt ? new Date(lastLoginAt) : null,
    },
  };
}

interface KeyFacts {
  user: string;
  rotated: string;
  lastUsed: string | null;
  region: string | null;
  service: string | null;
  environment: 'UNKNOWN' | 'TEST';
}

function accessKey(source: string, line: number, { user, rotated, lastUsed, region, service, environment }: KeyFacts): CollectedRecord {
  return {
    accepted: true,
    location: { source, line },
    observation: {
      kind: 'credential',
      credentialKind: 'ACCESS_KEY',
      externalId: `278368863034/${user}/access_key_1`,
      name: `${user} access_key_1`,
      algorithm: null,
      environment,
      status: 'ACTIVE',
      createdAt: new Date(rotated),
      lastRotatedAt: new Date(rotated),
      expiresAt: null,
      deactivatedAt: null,
      lastUsedAt: lastUsed ? new Date(lastUsed) : null,
      useObserved: true,
      owner: user,
      ageFromFirstSeen: false,
      attributes: {
        accountId: '278368863034',
        arn: `arn:aws:iam::278368863034:user/${user}`,
        userName: user,
        rootAccount: false,
        slot: 'access_key_1',
        mfaActive: false,
        accessKeyId: null,
        lastUsedRegion: region,
        lastUsedService: service,
      },
    },
  };
}

describe('iam-credential-report file source', () => {
  it('reads the 2023 report (+00:00 timestamps, root password not_supported): five accounts and three active access keys', async () => {
    const s = sample2023;
    expect(await collect(s)).toEqual([
      account(s, 2, 'arn:aws:iam::278368863034:root', '<root_account>', '2022-12-21T16:19:23Z', '2022-03-08T16:02:25Z'),
      // no password: the last sign of life is the key's use
      account(s, 3, 'arn:aws:iam::278368863034:user/cloudgoat', 'cloudgoat', '2022-12-21T18:30:00Z', '2022-05-27T10:25:43Z'),
      accessKey(s, 3, { user: 'cloudgoat', rotated: '2022-05-27T10:25:44Z', lastUsed: '2022-12-21T18:30:00Z', region: 'us-east-1', service: 'rds', environment: 'UNKNOWN' }),
      // key used at 10:27, after the console sign-in at 09:38
      account(s, 4, 'arn:aws:iam::278368863034:user/jake', 'jake', '2023-01-03T10:27:00Z', '2022-05-18T09:05:12Z'),
      accessKey(s, 4, { user: 'jake', rotated: '2022-05-18T09:51:58Z', lastUsed: '2023-01-03T10:27:00Z', region: 'eu-central-1', service: 'ec2', environment: 'UNKNOWN' }),
      // password_last_used = no_information
      account(s, 5, 'arn:aws:iam::278368863034:user/test_account', 'test_account', null, '2022-12-19T09:17:32Z'),
      account(s, 6, 'arn:aws:iam::278368863034:user/test_key_account', 'test_key_account', null, '2022-12-19T09:22:23Z'),
      // never used (N/A); "test" in the user name
      accessKey(s, 6, { user: 'test_key_account', rotated: '2022-12-19T09:22:23Z', lastUsed: null, region: null, service: null, environment: 'TEST' }),
    ]);
  });

  it('reads the 2025 report (Z timestamps, root password enabled but never used): three accounts, no keys', async () => {
    const s = sample2025;
    expect(await collect(s)).toEqual([
      account(s, 2, 'arn:aws:iam::156041403698:root', '<root_account>', null, '2025-01-28T17:25:12Z'),
      account(s, 3, 'arn:aws:iam::156041403698:user/Ad', 'Ad', '2025-01-29T16:46:14Z', '2025-01-28T23:09:18Z'),
      account(s, 4, 'arn:aws:iam::156041403698:user/Regular', 'Regular', null, '2025-01-28T23:15:55Z'),
    ]);
  });

  describe('malformed reports', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'iam-report-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('rejects a report without the AWS columns once, naming them', async () => {
      const path = join(dir, 'wrong-header.csv');
      writeFileSync(path, 'user,arn,mfa_active\njake,arn:aws:iam::278368863034:user/jake,false\n');
      const records = await collect(path);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ accepted: false, location: { source: path, line: 1, field: 'user_creation_time' } });
      expect(records[0].accepted === false && records[0].reason).toMatch(/^header is missing required columns user_creation_time, password_enabled, .*cert_2_last_rotated \(found: user, arn, mfa_active\)$/);
    });

    it('keeps every complete row of a truncated report and rejects the cut row by line', async () => {
      const whole = readFileSync(sample2023, 'utf8');
      const path = join(dir, 'truncated.csv');
      writeFileSync(path, whole.slice(0, whole.indexOf('test_key_account') + 60));
      const records = await collect(path);
      expect(records.filter((r) => r.accepted)).toHaveLength(6);
      expect(records.at(-1)).toEqual({
        accepted: false,
        location: { source: path, line: 6 },
        reason: expect.stringMatching(/^expected 22 fields \(one per header column\), found \d+: the row is incomplete or the file is truncated$/),
      });
    });

    it('rejects only the access key whose date is bad, keeping the account and the other rows', async () => {
      const whole = readFileSync(sample2023, 'utf8');
      const path = join(dir, 'bad-date.csv');
      writeFileSync(path, whole.replace('2022-05-18T09:51:58+00:00', '18/05/2022 09:51'));
      const records = await collect(path);
      expect(records).toHaveLength(8);
      expect(records[4]).toEqual({
        accepted: false,
        location: { source: path, line: 4, field: 'access_key_1_last_rotated' },
        reason: 'access_key_1_last_rotated is not an ISO 8601 timestamp: "18/05/2022 09:51"',
      });
      expect(records.filter((r) => r.accepted)).toHaveLength(7);
    });
  });
});
