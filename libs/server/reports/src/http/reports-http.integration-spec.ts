import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Global, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApiTokenService, AuditTrail, AuthModule, cliActor, parseCheckpoint, UserService } from '@postureboard/server-auth';
import { API_SCHEMA_OPTIONS, CoreModule, loadConfig } from '@postureboard/server-core';
import { DatabaseModule, OrganizationRepository } from '@postureboard/server-database';
import { reportLinkSigner, signedReportLink } from '@postureboard/server-notifications';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { REPORT_DATA_SOURCE } from '../data/report-data-source.js';
import { REPORTS_CLOCK } from '../reports.clock.js';
import { ReportsModule } from '../reports.module.js';
import { DEMO_AS_OF, DemoReportDataSource } from '../testing/demo-report-data-source.js';
import { pdfText } from '../testing/pdf-text.js';

const NOW = new Date(DEMO_AS_OF.getTime() + 9 * 3_600_000);

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Stands in for the posture library, which provides the data source in the real application. */
@Global()
@Module({ providers: [{ provide: REPORT_DATA_SOURCE, useValue: new DemoReportDataSource() }, { provide: REPORTS_CLOCK, useValue: () => NOW }], exports: [REPORT_DATA_SOURCE, REPORTS_CLOCK] })
class DemoPostureModule {}

describe('board reports over GraphQL and HTTP, behind the real authorization guard', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  let config: ReturnType<typeof loadConfig>;
  const tokens: Record<string, string> = {};

  const graphql = async (who: string, query: string): Promise<GraphQLResponse> => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as GraphQLResponse;
  };
  const download = (path: string, who?: string) => fetch(`${base}${path}`, { headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });

  beforeAll(async () => {
    db = await createTestDatabase();
    config = loadConfig({
      DATABASE_URL: db.url,
      NODE_ENV: 'test',
      POSTUREBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'pb-reports-')),
      POSTUREBOARD_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
    });
    @Module({
      imports: [
        CoreModule.forRoot(config),
        DatabaseModule.forRoot({ migrate: false, poolSize: 4 }),
        GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, path: '/graphql', autoSchemaFile: true, sortSchema: true, buildSchemaOptions: API_SCHEMA_OPTIONS }),
        AuthModule.forRoot({ clock: () => NOW }),
        DemoPostureModule,
        ReportsModule.forRoot(),
      ],
    })
    class TestAppModule {}
    app = await NestFactory.create(TestAppModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');

    const organizations = app.get(OrganizationRepository);
    for (const slug of ['demo', 'other']) await organizations.insert({ slug, name: slug, approvedCountries: [], currency: 'KRW' });
    const users = app.get(UserService);
    const apiTokens = app.get(ApiTokenService);
    const people = [
      ['ciso', 'demo', 'CISO'],
      ['viewer', 'demo', 'BOARD_VIEWER'],
      ['lead', 'demo', 'ENGINEERING_LEAD'],
      ['outsider', 'other', 'CISO'],
    ] as const;
    for (const [who, org, role] of people) {
      const email = `${who}@${org}.test`;
      await users.create({ email, organizationSlug: org, role, actor: cliActor() });
      tokens[who] = (await apiTokens.issue({ email, organizationSlug: org, expiresIn: '1d', actor: cliActor() })).token;
    }
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('generates, lists and serves a report to a board viewer of its organization, byte for byte', async () => {
    const generated = await graphql('ciso', `mutation { generateReport(org: "demo", lang: "ko") { id asOf lang generatedAt generatedBy checksum sizeBytes downloadUrl } }`);
    expect(generated.errors).toBeUndefined();
    const report = generated.data!['generateReport'] as Record<string, string | number>;
    // No as-of: the live posture's own instant (the demo source's posture of now is as of DEMO_AS_OF).
    expect(report).toMatchObject({ lang: 'ko', asOf: DEMO_AS_OF.toISOString(), downloadUrl: `/api/reports/${report['id']}.pdf` });
    expect(report['generatedBy']).toMatch(/^ciso@demo\.test \(API token /);

    const listed = await graphql('viewer', `{ reports(org: "demo") { id checksum } }`);
    expect(listed.data!['reports']).toEqual([{ id: report['id'], checksum: report['checksum'] }]);

    const res = await download(String(report['downloadUrl']), 'viewer');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-report-sha256')).toBe(report['checksum']);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBe(report['sizeBytes']);
    expect(createHash('sha256').update(body).digest('hex')).toBe(report['checksum']);
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');

    const [exported] = (await db.dataSource.query(`SELECT actor, target FROM audit_log WHERE action = 'report.exported'`)) as { actor: string; target: string }[];
    expect(exported).toEqual({ actor: 'viewer@demo.test', target: report['id'] });
  });

  it('prints the audit trail’s signed head in the appendix, a checkpoint that detects the trail cut back later', async () => {
    const generated = await graphql('ciso', `mutation { generateReport(org: "demo", lang: "en") { downloadUrl } }`);
    const url = String((generated.data!['generateReport'] as Record<string, string>)['downloadUrl']);
    const { text } = await pdfText(Buffer.from(await (await download(url, 'ciso')).arrayBuffer()));
    expect(text).toMatch(/Audit trail checkpoint[\s\S]*Audit trail head: entry \d+, signed/);
    expect(text).toContain('postureboard audit verify --org demo --checkpoint FILE');
    const printed = /\{\s*"format": "postureboard-audit-checkpoint\/1"[\s\S]*?\}/.exec(text)?.[0];
    const checkpoint = parseCheckpoint(printed ?? '', 'the report');
    expect(checkpoint.organization).toBe('demo');
    const audit = app.get(AuditTrail);
    expect(await audit.verify({ checkpoint })).toMatchObject({ valid: true });

    await db.dataSource.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`);
    await db.dataSource.query(`DELETE FROM audit_log WHERE seq >= $1`, [checkpoint.seq]);
    await db.dataSource.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`);
    await db.dataSource.query(`UPDATE audit_head SET seq = l.seq, hash = l.hash FROM audit_log l WHERE l.seq = $1`, [checkpoint.seq - 1]);
    expect((await audit.verify()).valid).toBe(true);
    expect((await audit.verify({ checkpoint })).problems).toEqual([expect.objectContaining({ kind: 'TRUNCATED' })]);
  });

  it('keeps reports from anyone outside the organization and from roles without report access', async () => {
    const [{ id }] = (await db.dataSource.query(`SELECT id FROM report LIMIT 1`)) as { id: string }[];
    expect((await download(`/api/reports/${id}.pdf`)).status).toBe(401);
    expect((await download(`/api/reports/${id}.pdf`, 'outsider')).status).toBe(404);
    expect((await download(`/api/reports/${id}.pdf`, 'lead')).status).toBe(404);
    expect((await download(`/api/reports/00000000-0000-4000-8000-000000000000.pdf`, 'ciso')).status).toBe(404);

    const foreign = await graphql('outsider', `{ reports(org: "demo") { id } }`);
    expect(foreign.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const viewerWrites = await graphql('viewer', `mutation { generateReport(org: "demo") { id } }`);
    expect(viewerWrites.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const unknownLanguage = await graphql('ciso', `mutation { generateReport(org: "demo", lang: "fr") { id } }`);
    expect(unknownLanguage.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('serves a report without a session on a signed link until it expires, refusing an altered link (403) and an expired one (410), all audited', async () => {
    const [{ id, checksum }] = (await db.dataSource.query(`SELECT id, checksum FROM report LIMIT 1`)) as { id: string; checksum: string }[];
    const signer = reportLinkSigner(config);
    const link = signedReportLink(signer, base, id, new Date(Date.now() + 7 * 86_400_000));
    expect(link.url).toMatch(new RegExp(`^${base}/api/reports/${id}/download\\?expires=\\d+&signature=[0-9a-f]{64}$`));
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(checksum);

    const url = new URL(link.url);
    const expires = Number(url.searchParams.get('expires'));
    const tampered = new URL(link.url);
    tampered.searchParams.set('expires', String(expires + 86_400));
    const altered = await fetch(tampered);
    expect(altered.status).toBe(403);
    expect(((await altered.json()) as { message: string }).message).toMatch(/not valid/);
    const otherReport = link.url.replace(id, '00000000-0000-4000-8000-000000000000');
    expect((await fetch(otherReport)).status).toBe(403);
    expect((await fetch(`${base}/api/reports/${id}/download`)).status).toBe(403);

    const stale = signedReportLink(signer, base, id, new Date(Date.now() - 60_000));
    const gone = await fetch(stale.url);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { message: string }).message).toMatch(/expired at \d{4}-\d\d-\d\dT/);
    // A link signed under another master key is not ours.
    const foreign = signedReportLink(reportLinkSigner({ ...config, POSTUREBOARD_SECRET_KEY: Buffer.alloc(32, 1).toString('base64') }), base, id, new Date(Date.now() + 60_000));
    expect((await fetch(foreign.url)).status).toBe(403);

    const audited = (await db.dataSource.query(
      `SELECT action, actor, target, outcome, details FROM audit_log WHERE actor = 'signed report link' ORDER BY seq`,
    )) as { action: string; target: string; outcome: string; details: Record<string, unknown> }[];
    expect(audited.map((a) => [a.action, a.outcome, a.details['reason'] ?? a.details['via']])).toEqual([
      ['report.exported', 'SUCCESS', 'signed link'],
      ['report.link_refused', 'FAILURE', 'invalid'],
      ['report.link_refused', 'FAILURE', 'invalid'],
      ['report.link_refused', 'FAILURE', 'invalid'],
      ['report.link_refused', 'FAILURE', 'expired'],
      ['report.link_refused', 'FAILURE', 'invalid'],
    ]);
    expect(JSON.stringify(audited)).not.toContain(url.searchParams.get('signature'));
  });
});
