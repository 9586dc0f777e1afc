import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createEmptyTestDatabase } from '@postureboard/server-database/testing';
import { runCli as cli } from './run-cli.test-util.js';

/**
 * Detection end to end through the command line, from files in each source's real export format (an HR roster
 * CSV, a SCIM 2.0 ListResponse, an Okta System Log page, OCSF 1.4 JSON lines of Authentication [3002] and API
 * Activity [6003]) into PostgreSQL, then `replay`, `findings` and `posture` as a user runs them:
 * (a) a leaver whose only events after leaving are refused sign-ins (Okta FAILURE, OCSF status_id 2) has no
 *     access once deprovisioned, and no use, volume or country access after leaving at any time;
 * (b) a service account steady at 50 GB a day from its first day never fires;
 * (c) a ×20 step over a stable baseline, measured by `http_response.length`, fires on its first day (0 days to detect).
 * The 40 days end yesterday, so the stored evaluation (now) sees them inside its windows.
 */

const DAY_MS = 86_400_000;
const TODAY = Math.floor(Date.now() / DAY_MS);
const DAY0 = TODAY - 40;
const DAYS = 40; // DAY0 .. yesterday
const day = (n: number): string => new Date((DAY0 + n) * DAY_MS).toISOString().slice(0, 10);
const at = (n: number, hour: number, minute = 0): number => (DAY0 + n) * DAY_MS + hour * 3_600_000 + minute * 60_000;
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const MB = 1e6;
const GB = 1e9;
const LEFT = 30; // Kim's last working day
const STEP = 35; // Ana's ×20 step begins


const HR_ROSTER = [
  'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email',
  'E1,ana@acme.test,Ana Choi,employee,active,2020-01-01,,KR,Sales,',
  `E2,kim@acme.test,Kim Min-jun,employee,terminated,2019-03-01,${day(LEFT)},KR,Engineering,`,
].join('\n');

/** The IdP's users (RFC 7644 §3.4.2 ListResponse): Kim deprovisioned (`active: false`). */
const scimUsers = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: 2,
  startIndex: 1,
  itemsPerPage: 2,
  Resources: [
    { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u-ana', userName: 'ana@acme.test', name: { givenName: 'Ana', familyName: 'Choi' }, emails: [{ value: 'ana@acme.test', primary: true }], active: true },
    { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u-kim', userName: 'kim@acme.test', name: { givenName: 'Min-jun', familyName: 'Kim' }, emails: [{ value: 'kim@acme.test', primary: true }], active: false },
  ],
};

/** Okta System Log: Kim signs in from Seoul 8 times a day while employed; after leaving, 40 refused sign-ins a day from Beijing. */
const oktaSystemLog = (): object[] => [
  ...range(0, LEFT).flatMap((n) => range(0, 8).map((i) => oktaSignIn(`kim-ok-${n}-${i}`, at(n, 9, i), 'SUCCESS', null, { ip: '211.234.1.11', country: 'South Korea', city: 'Seoul' }))),
  ...range(LEFT + 1, DAYS).flatMap((n) =>
    range(0, 40).map((i) => oktaSignIn(`kim-refused-${n}-${i}`, at(n, 2, i), 'FAILURE', 'INVALID_CREDENTIALS', { ip: '1.202.1.1', country: 'China', city: 'Beijing' })),
  ),
];

const oktaSignIn = (uuid: string, time: number, result: string, reason: string | null, from: { ip: string; country: string; city: string }) => ({
  uuid,
  published: new Date(time).toISOString(),
  eventType: 'user.session.start',
  version: '0',
  severity: result === 'SUCCESS' ? 'INFO' : 'WARN',
  displayMessage: 'User login to Okta',
  actor: { id: '00u1kim', type: 'User', alternateId: 'kim@acme.test', displayName: 'Kim Min-jun' },
  client: { ipAddress: from.ip, geographicalContext: { country: from.country, city: from.city }, userAgent: { rawUserAgent: 'Mozilla/5.0' } },
  authenticationContext: { authenticationStep: 0, externalSessionId: `s-${uuid}` },
  outcome: { result, reason },
  target: [],
  transaction: { type: 'WEB', id: `t-${uuid}`, detail: {} },
});

/** OCSF base fields every class shares (1.4.0: `http_response` is part of API Activity from 1.4). */
const ocsf = (classUid: number, className: string, uid: string, time: number, activityId: number, statusId: number, extra: object) =>
  JSON.stringify({
    class_uid: classUid,
    class_name: className,
    category_uid: Math.floor(classUid / 1000),
    activity_id: activityId,
    type_uid: classUid * 100 + activityId,
    time,
    severity_id: 1,
    status_id: statusId,
    status: statusId === 1 ? 'Success' : 'Failure',
    metadata: { uid, version: '1.4.0', product: { name: 'Acme SaaS', vendor_name: 'Acme' } },
    ...extra,
  });

const apiRead = (uid: string, time: number, user: object, ip: string, country: string, length: number) =>
  ocsf(6003, 'API Activity', uid, time, 2, 1, {
    actor: { user },
    api: { operation: 'files.download', service: { name: 'files' } },
    src_endpoint: { ip, location: { country } },
    http_request: { http_method: 'GET', length: 700 },
    http_response: { code: 200, length },
  });

const ocsfEvents = (): string[] => [
  // (c) Ana reads 4 × 25 MB a day; from day 35, 4 × 500 MB (×20 her median of 100 MB).
  ...range(0, DAYS).flatMap((n) =>
    range(0, 4).map((i) => apiRead(`ana-${n}-${i}`, at(n, 10 + i), { email_addr: 'ana@acme.test', name: 'ana' }, '211.234.1.10', 'KR', n >= STEP ? 500 * MB : 25 * MB)),
  ),
  // (b) The ETL service account moves 5 × 10 GB every day from its first day.
  ...range(0, DAYS).flatMap((n) => range(0, 5).map((i) => apiRead(`etl-${n}-${i}`, at(n, 1 + i), { uid: 'svc-etl', name: 'svc-etl', type: 'System', type_id: 3 }, '10.20.0.9', 'KR', 10 * GB))),
  // (a) After leaving, Kim's sign-ins to the SaaS are refused too (status_id 2 Failure), 30 a day from Beijing.
  ...range(LEFT + 1, DAYS).flatMap((n) =>
    range(0, 30).map((i) =>
      ocsf(3002, 'Authentication', `kim-auth-${n}-${i}`, at(n, 3, i), 1, 2, {
        user: { email_addr: 'kim@acme.test', name: 'kim' },
        auth_protocol: 'SAML',
        src_endpoint: { ip: '1.202.1.1', location: { country: 'CN' } },
        status_detail: 'Account disabled',
      }),
    ),
  ),
];

interface Finding {
  kind: string;
  severity: string;
  subject: { name: string };
  evidence: { type: string; data: Record<string, unknown> }[];
}

interface Detection {
  kind: string;
  severity: string;
  subject: { name: string; externalId: string };
  activityStartedOn: string | null;
  firstDetectedOn: string;
  daysToDetect: number | null;
}

describe('detection scenarios through the CLI, from files in real formats', () => {
  let drop: () => Promise<void>;
  let url: string;
  let dir: string;
  let detections: Detection[];
  const savedUrl = process.env['DATABASE_URL'];

  beforeAll(async () => {
    const db = await createEmptyTestDatabase();
    drop = db.drop;
    url = db.url;
    process.env['DATABASE_URL'] = db.url;
    dir = mkdtempSync(join(tmpdir(), 'detection-scenarios-'));
    await cli('migrate', '--json');
    await cli('org', 'create', '--slug', 'acme', '--name', 'Acme', '--approved-countries', 'KR');
    const files: [string, string, string][] = [
      ['hr-roster', 'roster.csv', HR_ROSTER],
      ['scim-users', 'users.json', JSON.stringify(scimUsers)],
      ['okta-system-log', 'okta-logs.json', JSON.stringify(oktaSystemLog())],
      ['ocsf', 'saas.ocsf.jsonl', ocsfEvents().join('\n')],
    ];
    for (const [source, name, content] of files) {
      writeFileSync(join(dir, name), content);
      const run = JSON.parse(await cli('ingest', '--org', 'acme', '--source', source, '--path', join(dir, name), '--json', '--no-evaluate')) as { status: string; rejected: number };
      expect({ name, status: run.status, rejected: run.rejected }).toEqual({ name, status: 'SUCCEEDED', rejected: 0 });
    }
    await cli('evaluate', '--org', 'acme', '--json');
    detections = JSON.parse(await cli('replay', '--org', 'acme', '--from', day(0), '--to', day(DAYS - 1), '--json')) as Detection[];
  }, 300_000);

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (savedUrl === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = savedUrl;
    await drop();
  });

  it('(c) fires on the first day of a ×20 step in http_response.length over a stable baseline: 0 days to detect', () => {
    expect(detections.filter((d) => d.kind === 'BULK_EXTRACTION').map((d) => [d.subject.name, d.activityStartedOn, d.firstDetectedOn, d.daysToDetect])).toEqual([
      ['Ana Choi', day(STEP), day(STEP), 0],
    ]);
  });

  it('(b) never fires on the service account steady at 50 GB a day from its first day', () => {
    expect(detections.filter((d) => /svc-etl/.test(`${d.subject.name} ${d.subject.externalId}`))).toEqual([]);
  });

  it('(a) finds no access and no activity for a deprovisioned leaver whose only events after leaving are refused sign-ins', async () => {
    // Now that the IdP says her account is deprovisioned: nothing about Kim.
    const findings = JSON.parse(await cli('findings', '--org', 'acme', '--json')) as Finding[];
    expect(findings.filter((f) => /kim/i.test(f.subject.name))).toEqual([]);
    // Before that was known (the SCIM file carries no deactivation date: it is known from its ingest, today), her
    // account counted as active from her departure: a MEDIUM leaver finding, never a use (CRITICAL), never an
    // extraction (1,140 refused attempts after leaving, far above the leaver floor of 50 a day) nor access from China.
    expect(detections.filter((d) => /kim/i.test(`${d.subject.name} ${d.subject.externalId}`)).map((d) => [d.kind, d.severity, d.firstDetectedOn])).toEqual([
      ['LEAVER_ACTIVE_ACCESS', 'MEDIUM', day(LEFT)],
    ]);
    const yesterday = JSON.parse(await cli('findings', '--org', 'acme', '--as-of', day(DAYS - 1), '--json')) as Finding[];
    const kim = yesterday.filter((f) => /kim/i.test(f.subject.name));
    expect(kim.map((f) => [f.kind, f.severity])).toEqual([['LEAVER_ACTIVE_ACCESS', 'MEDIUM']]);
    expect(kim[0]?.evidence[0]?.data).toMatchObject({ daysWithUseAfterDeparture: 0, eventsAfterDeparture: 0 });
    // The refused attempts are evidence that someone tried the account.
    expect(kim[0]?.evidence.filter((e) => e.type === 'refused-attempt').length).toBeGreaterThan(0);
    expect(kim[0]?.evidence.some((e) => e.type === 'event' || e.type === 'use-after-departure')).toBe(false);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The refused attempts are kept as events (evidence); none of them is in the rollups (activity).
      const events = await client.query<{ source: string; success: boolean; count: number }>(
        `SELECT source, success, count(*)::int AS count FROM access_event WHERE principal = 'kim@acme.test' AND occurred_at >= $1 GROUP BY 1, 2 ORDER BY 1, 2`,
        [new Date(at(LEFT + 1, 0))],
      );
      expect(events.rows).toEqual([
        { source: 'ocsf', success: false, count: 9 * 30 },
        { source: 'okta-system-log', success: false, count: 9 * 40 },
      ]);
      const rollups = await client.query<{ day: string }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM access_daily_rollup WHERE principal = 'kim@acme.test' AND day > $1::date`, [day(LEFT)]);
      expect(rollups.rows).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('shows the median days to detect on the detection domain of the stored posture: from the first day of the step to the evaluation that first found it', async () => {
    const posture = JSON.parse(await cli('posture', '--org', 'acme', '--json')) as { domains: { domain: string; daysToDetect?: unknown }[] };
    // The files arrived today: the product first told anyone about Ana's step today, 40 − 35 = 5 days after it began.
    expect(posture.domains.find((d) => d.domain === 'DETECTION')?.daysToDetect).toEqual({
      from: new Date((TODAY - 89) * DAY_MS).toISOString().slice(0, 10),
      to: new Date(TODAY * DAY_MS).toISOString().slice(0, 10),
      medianDays: 5,
      detected: 1,
      notDetectedYet: 0,
    });
  });
});
