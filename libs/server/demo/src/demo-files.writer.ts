import { X509Certificate } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  DEMO_AWS_ACCOUNT,
  DEMO_CLEAN_LEAVER,
  DEMO_LEAVER,
  DEMO_PEOPLE,
  DEMO_SERVICE_USERS,
  EXTRACTION,
  emailOf,
  type DemoPerson,
  type KeyAge,
} from './demo-company.js';
import { DAY, iso, isoDay } from './demo-dates.util.js';
import { entraAppCredentials, entraSignIns, entraUsers } from './demo-entra-files.writer.js';
import { githubAuditLog, githubMembers, writeGitHubCredentials } from './demo-github-files.writer.js';
import { DemoRandom, stableId } from './demo-random.js';
import { LEGACY_TOKEN_SIGNING_CERT_PEM } from './legacy-token-signing-cert.js';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** The demo's source files, one per connector, in each source's real export format. */
export interface DemoFiles {
  hrRoster: string;
  scimUsers: string;
  iamCredentialReport: string;
  jwks: string;
  oktaSystemLog: string;
  cloudTrailDirectory: string;
  accessReviewDecisions: string;
  entraUsers: string;
  entraAppCredentials: string;
  entraSignIns: string;
  githubMembers: string;
  githubCredentialsDirectory: string;
  githubAuditLog: string;
}

const csvCell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const keyAgeDays = (age: KeyAge, random: DemoRandom): number | null =>
  age === 'fresh' ? random.int(8, 30) : age === 'due-soon' ? random.int(79, 86) : age === 'overdue' ? random.int(150, 420) : age === 'ancient' ? random.int(1100, 1500) : null;

export function writeDemoFiles(directory: string, now: Date): DemoFiles {
  mkdirSync(directory, { recursive: true });
  const daysAgo = (n: number): Date => new Date(now.getTime() - n * DAY);
  const files: DemoFiles = {
    hrRoster: join(directory, 'hr-roster.csv'),
    scimUsers: join(directory, 'scim-users.json'),
    iamCredentialReport: join(directory, 'iam-credential-report.csv'),
    jwks: join(directory, 'jwks.json'),
    oktaSystemLog: join(directory, 'okta-system-log.jsonl'),
    cloudTrailDirectory: join(directory, 'cloudtrail'),
    accessReviewDecisions: join(directory, 'access-review-decisions.csv'),
    entraUsers: join(directory, 'entra-users.json'),
    entraAppCredentials: join(directory, 'entra-applications.json'),
    entraSignIns: join(directory, 'entra-signins.json'),
    githubMembers: join(directory, 'github-members.json'),
    githubCredentialsDirectory: join(directory, 'github-credentials'),
    githubAuditLog: join(directory, 'github-audit-log.jsonl'),
  };

  // HR roster: the leaver is terminated in HR...
  const hr = ['employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email'];
  DEMO_PEOPLE.forEach((p, i) => {
    const lead = `${p.team === 'Offshore Delivery' ? 'minh.nguyen' : p.team === 'Identity Platform' ? 'jiwoo.park' : p.handle}`;
    hr.push(
      [
        `E${String(1001 + i)}`,
        emailOf(p.handle),
        p.name,
        p.type,
        p.leftDaysAgo ? 'terminated' : 'active',
        isoDay(daysAgo(p.startDaysAgo)),
        p.leftDaysAgo ? isoDay(daysAgo(p.leftDaysAgo)) : '',
        p.country,
        p.team,
        lead === p.handle ? '' : emailOf(lead),
      ]
        .map(csvCell)
        .join(','),
    );
  });
  writeFileSync(files.hrRoster, `${hr.join('\n')}\n`);

  // ...but the identity provider still shows him active; the clean leaver was deactivated.
  const scim = {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: DEMO_PEOPLE.length,
    startIndex: 1,
    itemsPerPage: DEMO_PEOPLE.length,
    Resources: DEMO_PEOPLE.map((p, i) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      id: stableId(`scim:${p.handle}`),
      userName: emailOf(p.handle),
      name: { formatted: p.name },
      displayName: p.name,
      active: !p.deprovisioned,
      emails: [{ value: emailOf(p.handle), type: 'work', primary: true }],
      userType: p.type === 'employee' ? 'Employee' : 'Contractor',
      addresses: [{ type: 'work', country: p.country, primary: true }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: `E${String(1001 + i)}`, department: p.team },
      meta: { resourceType: 'User', created: iso(daysAgo(p.startDaysAgo)), lastModified: iso(daysAgo(p.deprovisioned ? p.leftDaysAgo! : 30)) },
    })),
  };
  writeFileSync(files.scimUsers, JSON.stringify(scim, null, 2));

  writeFileSync(files.iamCredentialReport, credentialReport(now, daysAgo));
  writeFileSync(files.jwks, jwks());
  writeFileSync(files.oktaSystemLog, oktaSystemLog(now, daysAgo));
  writeCloudTrail(files.cloudTrailDirectory, now, daysAgo);
  writeFileSync(files.accessReviewDecisions, accessReviewDecisions(daysAgo));
  // The same story told by Microsoft Entra ID and GitHub.
  writeFileSync(files.entraUsers, entraUsers(now));
  writeFileSync(files.entraAppCredentials, entraAppCredentials(now));
  writeFileSync(files.entraSignIns, entraSignIns(now));
  writeFileSync(files.githubMembers, githubMembers());
  writeGitHubCredentials(files.githubCredentialsDirectory, now);
  writeFileSync(files.githubAuditLog, githubAuditLog(now));
  return files;
}

const IAM_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

function credentialReport(now: Date, daysAgo: (n: number) => Date): string {
  const random = new DemoRandom('iam');
  const rows = [IAM_HEADER];
  rows.push(
    `<root_account>,arn:aws:iam::${DEMO_AWS_ACCOUNT}:root,${iso(daysAgo(3400))},not_supported,${iso(daysAgo(40))},not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  );
  const row = (user: string, created: Date, keyAge: number | null, active: boolean, lastUsed: Date | null, console: boolean): string => {
    const rotated = keyAge === null ? 'N/A' : iso(new Date(now.getTime() - keyAge * DAY));
    const used = lastUsed ? iso(lastUsed) : 'N/A';
    return [
      user,
      `arn:aws:iam::${DEMO_AWS_ACCOUNT}:user/${user}`,
      iso(created),
      console ? 'true' : 'false',
      console ? iso(new Date(now.getTime() - 2 * DAY)) : 'N/A',
      console ? iso(new Date(now.getTime() - 60 * DAY)) : 'N/A',
      'N/A',
      console ? 'true' : 'false',
      keyAge === null ? 'false' : String(active),
      rotated,
      keyAge === null ? 'N/A' : used,
      keyAge === null || !lastUsed ? 'N/A' : 'ap-northeast-2',
      keyAge === null || !lastUsed ? 'N/A' : 's3',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'false',
      'N/A',
    ].join(',');
  };
  for (const p of DEMO_PEOPLE) {
    const age = keyAgeDays(p.key, random);
    // The clean leaver's IAM user was deleted when she left; the other leaver's user and key kept working.
    if (p.handle === DEMO_CLEAN_LEAVER) continue;
    const lastUsed = p.handle === DEMO_LEAVER ? daysAgo(EXTRACTION.endDaysAgo) : p.leftDaysAgo ? daysAgo(p.leftDaysAgo + 1) : daysAgo(1);
    rows.push(row(emailOf(p.handle), daysAgo(Math.min(p.startDaysAgo, (age ?? 0) + 5)), age, true, lastUsed, true));
  }
  for (const s of DEMO_SERVICE_USERS) {
    const age = keyAgeDays(s.key, random) ?? 30;
    rows.push(row(s.user, daysAgo(age + 3), age, true, s.unusedDays ? daysAgo(s.unusedDays) : daysAgo(1), false));
  }
  return `${rows.join('\n')}\n`;
}

/** A current signing key without a certificate: its age is tracked from first sight. (Public key only.) */
const MOBILE_SIGNING_KEY = { kty: 'EC', crv: 'P-256', x: 'fCZV7-Y2-gt5RDTX2cyBFwV-u1CmdbB9ldkYhuW4xnA', y: 'cm_DRyR81Oh7fRoypHClBiZkUYr3G2W9T7aZboECJeQ' };

function jwks(): string {
  const pem = LEGACY_TOKEN_SIGNING_CERT_PEM;
  const certificate = new X509Certificate(pem);
  const legacy = certificate.publicKey.export({ format: 'jwk' });
  const x5c = pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  return JSON.stringify(
    {
      keys: [
        { ...legacy, kid: 'nuri-auth-2015', use: 'sig', alg: 'RS256', x5c: [x5c] },
        { ...MOBILE_SIGNING_KEY, kid: 'nuri-auth-mobile-2026', use: 'sig', alg: 'ES256' },
      ],
    },
    null,
    2,
  );
}

const COUNTRY_NAMES: Record<string, string> = { KR: 'South Korea', US: 'United States', VN: 'Vietnam', IN: 'India', CN: 'China' };

function oktaSystemLog(now: Date, daysAgo: (n: number) => Date): string {
  const lines: string[] = [];
  const random = new DemoRandom('okta');
  const event = (p: DemoPerson, type: string, at: Date, ip: string, country: string, target?: object) => ({
    uuid: stableId(`okta:${p.handle}:${type}:${at.toISOString()}`),
    published: at.toISOString(),
    eventType: type,
    version: '0',
    severity: 'INFO',
    displayMessage: type === 'user.session.start' ? 'User login to Okta' : 'Deactivate Okta user',
    actor: { id: stableId(`okta-user:${p.handle}`), type: 'User', alternateId: emailOf(p.handle), displayName: p.name },
    client: { ipAddress: ip, geographicalContext: { country: COUNTRY_NAMES[country] ?? country, city: null } },
    outcome: { result: 'SUCCESS' },
    target: target ? [target] : [],
  });
  for (const p of DEMO_PEOPLE) {
    const until = p.leftDaysAgo ?? 0;
    for (let d = 90; d >= until; d -= 7) {
      const at = new Date(daysAgo(d).getTime() + random.int(8, 10) * 3600 * 1000);
      lines.push(JSON.stringify(event(p, 'user.session.start', at, p.ip, p.country)));
    }
    if (p.deprovisioned && p.leftDaysAgo) {
      const admin = DEMO_PEOPLE[0]!;
      lines.push(
        JSON.stringify({
          ...event(admin, 'user.lifecycle.deactivate', daysAgo(p.leftDaysAgo), admin.ip, admin.country),
          target: [{ id: stableId(`okta-user:${p.handle}`), type: 'User', alternateId: emailOf(p.handle), displayName: p.name }],
        }),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** CloudTrail as AWS writes it to S3: one gzipped `{"Records":[...]}` per day in the real key layout. */
function writeCloudTrail(root: string, now: Date, daysAgo: (n: number) => Date): void {
  const random = new DemoRandom('cloudtrail');
  for (let d = 364; d >= 1; d--) {
    const day = daysAgo(d);
    const records: object[] = [];
    const push = (user: string, ip: string, hour: number, action: string, bytes: number | null, key: string) => {
      const at = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, random.int(0, 59), random.int(0, 59)));
      records.push({
        eventVersion: '1.09',
        userIdentity: {
          type: 'IAMUser',
          principalId: `AIDA${stableId(user).replace(/-/g, '').slice(0, 17).toUpperCase()}`,
          arn: `arn:aws:iam::${DEMO_AWS_ACCOUNT}:user/${user}`,
          accountId: DEMO_AWS_ACCOUNT,
          accessKeyId: key,
          userName: user,
        },
        eventTime: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        eventSource: action === 'GetObject' ? 's3.amazonaws.com' : 'dynamodb.amazonaws.com',
        eventName: action,
        awsRegion: 'ap-northeast-2',
        sourceIPAddress: ip,
        userAgent: '[aws-cli/2.15.0]',
        requestParameters: action === 'GetObject' ? { bucketName: 'nuri-customer-data', key: `exports/${random.int(1000, 9999)}.parquet` } : { tableName: 'orders' },
        responseElements: null,
        additionalEventData: bytes === null ? undefined : { bytesTransferredIn: 0, bytesTransferredOut: bytes },
        requestID: stableId(`req:${user}:${at.toISOString()}:${records.length}`),
        eventID: stableId(`ct:${user}:${isoDay(day)}:${records.length}`),
        readOnly: true,
        eventType: 'AwsApiCall',
        recipientAccountId: DEMO_AWS_ACCOUNT,
      });
    };
    for (const p of DEMO_PEOPLE) {
      if (p.startDaysAgo < d || p.key === 'none') continue;
      const key = accessKeyId(p.handle);
      if (p.handle === DEMO_LEAVER) {
        if (d > EXTRACTION.leftDaysAgo) push(emailOf(p.handle), `${p.ip}`, 2, 'GetObject', random.int(20, 60) * MB, key);
        // Ten days after leaving, his still-valid key starts pulling gigabytes a day from abroad.
        if (d <= EXTRACTION.startDaysAgo && d >= EXTRACTION.endDaysAgo) {
          const total = random.between(EXTRACTION.minGb, EXTRACTION.maxGb) * GB;
          for (let i = 0; i < 12; i++) push(emailOf(p.handle), `${EXTRACTION.sourceIp}${random.int(2, 250)}`, 16 + (i % 6), 'GetObject', Math.round(total / 12), key);
        }
        continue;
      }
      if (p.leftDaysAgo !== undefined && d <= p.leftDaysAgo) continue;
      if (random.next() < 0.25) continue; // not everyone works every day
      push(emailOf(p.handle), p.ip, 1 + random.int(0, 8), 'GetObject', random.int(5, 80) * MB, key);
      push(emailOf(p.handle), p.ip, 1 + random.int(0, 8), 'Query', null, key);
    }
    for (const s of DEMO_SERVICE_USERS) {
      if (s.unusedDays && d < s.unusedDays) continue;
      push(s.user, '10.20.30.40', 3, 'GetObject', random.int(100, 300) * MB, accessKeyId(s.user));
    }
    const dir = join(root, 'AWSLogs', DEMO_AWS_ACCOUNT, 'CloudTrail', 'ap-northeast-2', String(day.getUTCFullYear()), String(day.getUTCMonth() + 1).padStart(2, '0'), String(day.getUTCDate()).padStart(2, '0'));
    mkdirSync(dir, { recursive: true });
    const stamp = `${isoDay(day).replace(/-/g, '')}T2355Z`;
    writeFileSync(join(dir, `${DEMO_AWS_ACCOUNT}_CloudTrail_ap-northeast-2_${stamp}_demo.json.gz`), gzipSync(JSON.stringify({ Records: records })));
  }
  void now;
}

/** An AWS-shaped access key id, stable per user. */
export const accessKeyId = (user: string): string => `AKIA${stableId(`key:${user}`).replace(/-/g, '').slice(0, 16).toUpperCase()}`;

function accessReviewDecisions(daysAgo: (n: number) => Date): string {
  const rows = ['campaign,reviewer_email,identity_email,entitlement,decision,decided_at,reason'];
  // Q2: one reviewer approved every item within a minute — a rubber stamp.
  const q2 = daysAgo(120);
  DEMO_PEOPLE.filter((p) => p.production).forEach((p, i) => {
    rows.push(['Q2 privileged access review', emailOf('hyejin.choi'), emailOf(p.handle), 'aws-production-admin', 'keep', new Date(q2.getTime() + i * 3000).toISOString(), ''].map(csvCell).join(','));
  });
  // Q3: overdue and incomplete; the decisions made were thoughtful.
  const q3 = daysAgo(25);
  DEMO_PEOPLE.filter((p) => p.production).slice(0, 5).forEach((p, i) => {
    const decision = p.handle === DEMO_LEAVER ? 'revoke' : 'keep';
    rows.push(
      ['Q3 production access review', emailOf('jiwoo.park'), emailOf(p.handle), 'aws-production-readonly', decision, new Date(q3.getTime() + i * 3600_000).toISOString(), decision === 'revoke' ? 'left the company' : 'needed for on-call']
        .map(csvCell)
        .join(','),
    );
  });
  return `${rows.join('\n')}\n`;
}
