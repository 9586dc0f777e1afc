import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAY_MS, evaluateFindings, isoDayOf, replay, type ReplayDetection } from '@postureboard/domain';
import { PostureInputRepository } from '@postureboard/server-database';
import { createIngestTestContext, type IngestTestContext } from './testing/ingest-test-context.js';

/**
 * Bulk extraction end to end: files in each source's real export format (OCSF 1.x JSON lines of classes 6003,
 * 6001 and 4002, a CloudTrail log file, an Okta System Log page, an HR roster) through the ingest path into
 * PostgreSQL, then the domain on what was stored: what must fire, on which day, and what must not.
 */

const DAY0 = Date.UTC(2026, 8, 1) / DAY_MS; // 2026-09-01
const DAYS = 40; // 2026-09-01 .. 2026-10-10
const at = (day: number, hour = 10): number => (DAY0 + day) * DAY_MS + hour * 3_600_000;
const iso = (day: number, hour = 10): string => new Date(at(day, hour)).toISOString().replace('.000', '');
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const MB = 1e6;

/** OCSF base fields every class shares (1.3.0 metadata). */
const ocsf = (classUid: number, className: string, uid: string, day: number, hour: number, extra: object) =>
  JSON.stringify({
    class_uid: classUid,
    class_name: className,
    category_uid: Math.floor(classUid / 1000),
    activity_id: 2,
    type_uid: classUid * 100 + 2,
    time: at(day, hour),
    severity_id: 1,
    status_id: 1,
    metadata: { uid, version: '1.3.0', product: { name: 'Acme SaaS', vendor_name: 'Acme' } },
    ...extra,
  });

/** Ana reads her SaaS through its API: 4 × 10 MB responses a day; on day 35 (2026-10-06) a 2 GB export. */
const anaApiActivity = (): string[] =>
  range(0, DAYS).flatMap((day) => [
    ...range(0, 4).map((n) =>
      ocsf(6003, 'API Activity', `ana-${day}-${n}`, day, 9 + n, {
        actor: { user: { email_addr: 'ana@acme.test', name: 'ana' } },
        api: { operation: 'files.download', service: { name: 'files' } },
        src_endpoint: { ip: '211.234.1.10', location: { country: 'KR' } },
        http_request: { http_method: 'GET', length: 800 },
        http_response: { code: 200, length: 10 * MB },
      }),
    ),
    ...(day === 35
      ? [
          ocsf(6003, 'API Activity', `ana-${day}-export`, day, 15, {
            actor: { user: { email_addr: 'ana@acme.test', name: 'ana' } },
            api: { operation: 'files.export' },
            src_endpoint: { ip: '211.234.1.10', location: { country: 'KR' } },
            http_response: { code: 200, length: 2000 * MB },
          }),
        ]
      : []),
  ]);

/** Kim (left 2026-09-30) exported 50 MB a day; from 2026-10-03, 1 GB a day from China through Web Resources Activity. */
const kimWebResources = (): string[] =>
  [...range(0, 30), ...range(32, DAYS)].map((day) =>
    ocsf(6001, 'Web Resources Activity', `kim-${day}`, day, 11, {
      activity_id: 7,
      actor: { user: { email_addr: 'kim@acme.test' } },
      web_resources: [{ uid: 'crm-accounts', type: 'report' }],
      src_endpoint: day < 30 ? { ip: '211.234.1.11', location: { country: 'KR' } } : { ip: '1.202.1.1', location: { country: 'CN' } },
      http_request: { http_method: 'GET', length: 600 },
      http_response: { code: 200, length: day < 30 ? 50 * MB : 1000 * MB },
    }),
  );

/**
 * Lee downloads 100 MB a day from the file server (inbound HTTP: the client outside, bytes_in is what it
 * received). On day 30 she UPLOADS 5 GB (bytes_out: data in, not out): nothing left. On day 37, 3 GB down.
 */
const leeHttpActivity = (): string[] =>
  range(0, DAYS).map((day) =>
    ocsf(4002, 'HTTP Activity', `lee-${day}`, day, 12, {
      activity_id: 3,
      actor: { user: { email_addr: 'lee@acme.test' } },
      connection_info: { direction_id: 1, protocol_name: 'tcp' },
      src_endpoint: { ip: '211.234.1.12', location: { country: 'KR' } },
      dst_endpoint: { ip: '10.20.0.5', hostname: 'files.acme.test' },
      http_request: { http_method: day === 30 ? 'PUT' : 'GET', url: { url_string: 'https://files.acme.test/share' } },
      http_response: { code: 200 },
      traffic: { bytes_in: day === 37 ? 3000 * MB : 100 * MB, bytes_out: day === 30 ? 5000 * MB : 1000 },
    }),
  );

const trailRecord = (id: string, day: number, hour: number, user: string, key: string, additionalEventData: unknown) => ({
  eventVersion: '1.09',
  userIdentity: { type: 'IAMUser', principalId: `AIDA${user.toUpperCase()}`, arn: `arn:aws:iam::111122223333:user/${user}`, accountId: '111122223333', accessKeyId: key, userName: user },
  eventTime: iso(day, hour),
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'ap-northeast-2',
  sourceIPAddress: '10.30.0.9',
  userAgent: '[aws-cli/2.15.0]',
  requestParameters: { bucketName: 'data-lake', key: `part-${id}.parquet` },
  responseElements: null,
  additionalEventData,
  requestID: id,
  eventID: id,
  readOnly: true,
  resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::data-lake/part-${id}.parquet` }],
  eventType: 'AwsApiCall',
  managementEvent: false,
  recipientAccountId: '111122223333',
  eventCategory: 'Data',
});

/**
 * svc-etl moves 40 GB every day from its first day (a steady heavy user: must never fire). dev reads 100 MB a
 * day through its key and 4 GB on day 37, written as CloudTrail Lake writes it (additionalEventData a JSON string).
 */
const cloudTrail = (): object => ({
  Records: range(0, DAYS).flatMap((day) => [
    trailRecord(`svc-${day}-a`, day, 1, 'svc-etl', 'AKIASVCETL', { bytesTransferredIn: 0.0, bytesTransferredOut: 20_000_000_000.0 }),
    trailRecord(`svc-${day}-b`, day, 2, 'svc-etl', 'AKIASVCETL', { bytesTransferredIn: 0.0, bytesTransferredOut: 20_000_000_000.0 }),
    trailRecord(`dev-${day}`, day, 3, 'dev', 'AKIADEV', day === 37 ? JSON.stringify({ bytesTransferredOut: '4000000000' }) : { bytesTransferredOut: 100 * MB }),
  ]),
});

const oktaEvent = (uuid: string, day: number, minute: number) => ({
  uuid,
  published: new Date(at(day, 8) + minute * 1000).toISOString(),
  eventType: 'app.generic.unauth_app_access_attempt',
  version: '0',
  severity: 'INFO',
  displayMessage: 'API call',
  actor: { id: '00u1park', type: 'User', alternateId: 'park@acme.test', displayName: 'Park' },
  client: { ipAddress: '211.234.1.13', geographicalContext: { country: 'South Korea', city: 'Seoul' } },
  outcome: { result: 'SUCCESS' },
  target: [{ id: '0oa1crm', type: 'AppInstance', alternateId: 'CRM', displayName: 'CRM' }],
  transaction: { type: 'WEB', id: `t-${uuid}`, detail: {} },
});

/** Park's activity in Okta (no volume: counts only): 20 requests a day from day 10; on day 36, 600. */
const oktaSystemLog = (): object[] => range(10, DAYS).flatMap((day) => range(0, day === 36 ? 600 : 20).map((n) => oktaEvent(`park-${day}-${n}`, day, n)));

const HR_ROSTER = [
  'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email',
  'E1,ana@acme.test,Ana Choi,employee,active,2020-01-01,,KR,Sales,',
  'E2,kim@acme.test,Kim Min-jun,employee,terminated,2019-03-01,2026-09-30,KR,Engineering,',
  'E3,lee@acme.test,Lee Seo-yeon,employee,active,2021-05-01,,KR,Design,',
  'E4,park@acme.test,Park Ji-hoon,employee,active,2022-02-01,,KR,Support,',
].join('\n');

describe('bulk extraction through every source, end to end', () => {
  let ctx: IngestTestContext;
  let detections: ReplayDetection[];
  const asOf = new Date(at(DAYS - 1, 23));

  beforeAll(async () => {
    ctx = await createIngestTestContext();
    await ctx.query(`UPDATE organization SET approved_countries = '{KR}' WHERE id = $1`, [ctx.organization.id]);
    const files: [string, string, string][] = [
      ['hr-roster', 'roster.csv', HR_ROSTER],
      ['ocsf', 'saas-api.ocsf.jsonl', anaApiActivity().join('\n')],
      ['ocsf', 'saas-web.ocsf.jsonl', kimWebResources().join('\n')],
      ['ocsf', 'proxy-http.ocsf.jsonl', leeHttpActivity().join('\n')],
      ['cloudtrail', '111122223333_CloudTrail_ap-northeast-2_20261010T0000Z_x.json', JSON.stringify(cloudTrail())],
      ['okta-system-log', 'okta-logs.json', JSON.stringify(oktaSystemLog())],
    ];
    for (const [source, name, content] of files) {
      const path = join(ctx.dir, name);
      writeFileSync(path, content);
      const run = await ctx.ingest.ingestFile(ctx.organization.slug, source, path);
      expect({ name, status: run.status, rejected: run.rejected }).toEqual({ name, status: 'SUCCEEDED', rejected: 0 });
    }
    // What the evaluation job does first: the runs' days get their rollups.
    await ctx.foldRollups();
    const input = await new PostureInputRepository(ctx.db.dataSource).load(ctx.organization.id, asOf);
    detections = replay(input, new Date(DAY0 * DAY_MS), asOf, { kinds: ['BULK_EXTRACTION'] });
  }, 120_000);

  afterAll(async () => {
    await ctx.close();
  });

  it('fires once per incident, on the first day of the anomaly, for every source', () => {
    expect(detections.map((detection) => [detection.subject.type, detection.subject.name, detection.firstDetectedOn, detection.severity])).toEqual([
      // 6001 Web Resources: 1 GB/day (20x her 50 MB median) after her departure, from China
      ['IDENTITY', 'Kim Min-jun', isoDayOf(DAY0 + 32), 'CRITICAL'],
      // 6003 API Activity: http_response.length 2.04 GB against a 40 MB median
      ['IDENTITY', 'Ana Choi', isoDayOf(DAY0 + 35), 'HIGH'],
      // Okta: 600 requests against a median of 20 (no volume: counts)
      ['IDENTITY', 'Park Ji-hoon', isoDayOf(DAY0 + 36), 'HIGH'],
      // CloudTrail: dev's key with no owner, one finding for the principal and the key together
      ['CREDENTIAL', 'AKIADEV', isoDayOf(DAY0 + 37), 'HIGH'],
      // 4002 HTTP inbound: bytes_in 3 GB against 100 MB
      ['IDENTITY', 'Lee Seo-yeon', isoDayOf(DAY0 + 37), 'HIGH'],
    ]);
  });

  it('gives each incident its days to detect: the anomaly began the day it fired', () => {
    expect(detections.map((detection) => [detection.subject.name, detection.activityStartedOn, detection.daysToDetect])).toEqual([
      ['Kim Min-jun', isoDayOf(DAY0 + 32), 0],
      ['Ana Choi', isoDayOf(DAY0 + 35), 0],
      ['Park Ji-hoon', isoDayOf(DAY0 + 36), 0],
      ['AKIADEV', isoDayOf(DAY0 + 37), 0],
      ['Lee Seo-yeon', isoDayOf(DAY0 + 37), 0],
    ]);
  });

  it('never fires on the steady heavy service account (40 GB every day from its first day), nor on an upload', () => {
    expect(detections.filter((detection) => /svc-etl|AKIASVCETL/.test(`${detection.subject.name} ${detection.subject.externalId}`))).toEqual([]);
    // Lee's 5 GB upload on day 30 was data coming in: her first detection is day 37
    expect(detections.find((detection) => detection.subject.name === 'Lee Seo-yeon')?.firstDetectedOn).toBe(isoDayOf(DAY0 + 37));
  });

  it('stores what left the organisation: the OCSF response length and the inbound HTTP bytes_in, not the upload', async () => {
    const rows = await ctx.query<{ principal: string; day: string; bytes: string }>(
      `SELECT principal, to_char(day, 'YYYY-MM-DD') AS day, sum(bytes)::text AS bytes FROM access_daily_rollup
       WHERE organization_id = $1 AND day IN ($2::date, $3::date) AND principal IN ('ana@acme.test', 'lee@acme.test') GROUP BY 1, 2 ORDER BY 1, 2`,
      [ctx.organization.id, isoDayOf(DAY0 + 30), isoDayOf(DAY0 + 35)],
    );
    expect(rows.map((row) => [row.principal, row.day, Number(row.bytes)])).toEqual([
      ['ana@acme.test', isoDayOf(DAY0 + 30), 40 * MB],
      ['ana@acme.test', isoDayOf(DAY0 + 35), 2040 * MB],
      ['lee@acme.test', isoDayOf(DAY0 + 30), 100 * MB],
      ['lee@acme.test', isoDayOf(DAY0 + 35), 100 * MB],
    ]);
  });

  it('lists the leaver’s volume after departure and the credential behind an incident in the finding’s evidence', async () => {
    const input = await new PostureInputRepository(ctx.db.dataSource).load(ctx.organization.id, asOf);
    const findings = evaluateFindings(input, asOf, undefined, { kinds: ['BULK_EXTRACTION'] });
    const kim = findings.find((finding) => finding.subject.name === 'Kim Min-jun');
    expect(kim?.evidence[0]).toMatchObject({ type: 'bulk-summary', data: { afterDeparture: true, offshore: true, peakBytes: 1000 * MB, baselineMedianBytes: 50 * MB } });
    const dev = findings.find((finding) => finding.subject.name === 'AKIADEV');
    expect(dev?.evidence[0]).toMatchObject({ data: { peakBytes: 4000 * MB, credentials: 'AKIADEV' } });
  });
});
