import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { AuthModule } from '@postureboard/server-auth';
import { CoreModule, loadConfig } from '@postureboard/server-core';
import { DatabaseModule, FindingRepository } from '@postureboard/server-database';
import { IdentityAliasService, IngestModule } from '@postureboard/server-ingest';
import { createEmptyTestDatabase } from '@postureboard/server-database/testing';
import { OrganizationModule, OrganizationService } from '@postureboard/server-organization';
import { PostureModule, PostureService } from '@postureboard/server-posture';
import { PostureReportDataSource, ReportsModule, ReportsService } from '@postureboard/server-reports';
import { pdfText } from '@postureboard/server-reports/testing';
import { DEMO_CLEAN_LEAVER, DEMO_ENTRA_APPS, DEMO_LEAVER, ENTRA_NEVER_EXPIRES, EXTRACTION, LEAVER_GITHUB, emailOf } from './demo-company.js';
import { DemoModule } from './demo.module.js';
import { type DemoSeedResult, DemoSeeder } from './demo.seeder.js';

const DAY = 24 * 3600 * 1000;
const now = new Date('2026-11-21T09:00:00Z');
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

describe('the demo company', () => {
  let app: INestApplicationContext;
  let drop: () => Promise<void>;
  let seeder: DemoSeeder;
  let organizationId: string;
  let seeded: DemoSeedResult;

  beforeAll(async () => {
    const db = await createEmptyTestDatabase();
    drop = db.drop;
    const config = loadConfig({ DATABASE_URL: db.url, POSTUREBOARD_DATA_DIR: `/tmp/pb-demo-test-${process.pid}` });
    @Module({ imports: [CoreModule.forRoot(config), DatabaseModule.forRoot({ migrate: true, poolSize: 4 }), AuthModule.forRoot(), IngestModule.forRoot(), DemoModule, ReportsModule.forRoot({ imports: [PostureModule, OrganizationModule], dataSource: PostureReportDataSource })] })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: ['error'], abortOnError: false });
    seeder = app.get(DemoSeeder);
    seeded = await seeder.seed(now);
    expect(seeded.created).toBe(true);
    expect(seeded.ingestRuns.every((r) => r.status === 'SUCCEEDED')).toBe(true);
    organizationId = (await app.get(OrganizationService).getBySlug('demo')).id;
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const findingsFor = async (subjectContains: string) =>
    (await app.get(FindingRepository).findAll(organizationId)).filter(
      (f) => f.status !== 'RESOLVED' && (f.subject.name.includes(subjectContains) || f.subject.externalId.includes(subjectContains)),
    );

  it('tells the story: the departed developer has live access, offshore access and bulk extraction', async () => {
    const kinds = new Set((await findingsFor(emailOf(DEMO_LEAVER))).map((f) => f.kind));
    const byName = new Set((await findingsFor('Kim Min-jun')).map((f) => f.kind));
    const all = new Set([...kinds, ...byName]);
    for (const kind of ['LEAVER_ACTIVE_ACCESS', 'OFFSHORE_ACCESS', 'BULK_EXTRACTION']) expect([...all]).toContain(kind);
  });

  it('ingests every demo file through its real connector with no record rejected', () => {
    expect(seeded.ingestRuns.map((r) => r.source).sort()).toEqual(
      [
        'access-review-decisions',
        'cloudtrail',
        'entra-app-credentials',
        'entra-signins',
        'entra-users',
        'github-audit-log',
        'github-credentials',
        'github-members',
        'hr-roster',
        'iam-credential-report',
        'jwks',
        'okta-system-log',
        'scim-users',
      ].sort(),
    );
    for (const run of seeded.ingestRuns) {
      expect({ source: run.source, status: run.status, rejected: run.rejected }).toEqual({ source: run.source, status: 'SUCCEEDED', rejected: 0 });
      expect(run.accepted).toBeGreaterThan(0);
    }
  });

  it("tells it through GitHub too: the leaver's login is linked to him, and his never-expiring token is live leaver access used from abroad", async () => {
    const aliases = await app.get(IdentityAliasService).list('demo');
    expect(aliases.find((a) => a.alias === LEAVER_GITHUB.login)).toMatchObject({ system: 'github', identityEmail: emailOf(DEMO_LEAVER) });
    const leaver = (await findingsFor('Kim Min-jun')).find((f) => f.kind === 'LEAVER_ACTIVE_ACCESS');
    expect(leaver?.severity).toBe('CRITICAL');
    const evidence = leaver!.evidence;
    const token = evidence.find((e) => e.type === 'active-credential' && e.data['externalId'] === String(LEAVER_GITHUB.tokenId));
    expect(token).toMatchObject({ source: 'github-credentials', data: { kind: 'API_TOKEN' } });
    expect(evidence.some((e) => e.type === 'active-account' && e.source === 'github' && e.data['userName'] === LEAVER_GITHUB.login)).toBe(true);
    // His Entra account was disabled on his leave date (the only identity provider to say so): not among the live ones.
    expect(evidence.some((e) => e.type === 'active-account' && e.source === 'entra')).toBe(false);
    const departure = evidence.find((e) => e.type === 'departure')!;
    expect(departure.data).toMatchObject({ via: 'HR,IDENTITY_PROVIDER', departedAt: `${isoDay(new Date(now.getTime() - EXTRACTION.leftDaysAgo * DAY))}T00:00:00.000Z` });
    // The token's clones after he left are his use after departure, from abroad.
    expect(evidence.some((e) => e.type === 'event' && e.source === 'github-audit-log' && e.data['action'] === 'git.clone' && e.data['country'] === 'CN')).toBe(true);
    // The token itself: a classic PAT authorised years ago and never rotated.
    const overdue = (await findingsFor(String(LEAVER_GITHUB.tokenId))).find((f) => f.kind === 'KEY_ROTATION_OVERDUE');
    expect(overdue?.evidence[0]?.data).toMatchObject({ kind: 'API_TOKEN', noExpiry: true });
  });

  it('flags the Entra app secret that never expires, owned by a current engineer, and not the six-month one', async () => {
    const [neverExpiring, shortLived] = DEMO_ENTRA_APPS;
    const secret = (await findingsFor(neverExpiring!.name)).filter((f) => f.kind === 'KEY_ROTATION_OVERDUE');
    expect(secret).toHaveLength(1);
    expect(secret[0]!.severity).toBe('HIGH');
    expect(secret[0]!.evidence[0]).toMatchObject({ source: 'entra-app-credentials', data: { kind: 'SECRET', environment: 'PRODUCTION', expiresAt: new Date(ENTRA_NEVER_EXPIRES).toISOString() } });
    // Its owner answers for it: not an ownerless key, and used every night, so not an unused one.
    expect((await findingsFor(neverExpiring!.name)).map((f) => f.kind).sort()).toEqual(['KEY_ROTATION_OVERDUE']);
    expect(await findingsFor(shortLived!.name)).toEqual([]);
  });

  it('finds nothing of the kind for the colleague who was fully deprovisioned', async () => {
    const found = [...(await findingsFor(emailOf(DEMO_CLEAN_LEAVER))), ...(await findingsFor('Lee Seo-yeon'))];
    const kinds = found.map((f) => f.kind);
    for (const kind of ['LEAVER_ACTIVE_ACCESS', 'OFFSHORE_ACCESS', 'BULK_EXTRACTION']) expect(kinds).not.toContain(kind);
  });

  it('flags the decade-old token-signing key as a critical overdue rotation', async () => {
    const signing = (await findingsFor('nuri-auth-2015')).find((f) => f.kind === 'KEY_ROTATION_OVERDUE');
    expect(signing?.severity).toBe('CRITICAL');
  });

  it('keeps a year of weekly history and spends 4.6% of IT and 0.2% of revenue on security', async () => {
    const posture = app.get(PostureService);
    const history = await posture.history('demo', 52, now);
    expect(history).toHaveLength(52);
    const { view } = await posture.posture('demo', now);
    expect(view.budget?.securityToItRatio).toBeCloseTo(0.046, 6);
    expect(view.budget?.securityToRevenueRatio).toBeCloseTo(0.002, 6);
    expect(view.domains.every((d) => d.measured)).toBe(true);
  });

  it('replay detects the bulk extraction within two days of its start', async () => {
    const start = new Date(now.getTime() - EXTRACTION.startDaysAgo * DAY);
    const detections = await app.get(PostureService).replay('demo', new Date(start.getTime() - 10 * DAY), new Date(start.getTime() + 20 * DAY));
    const bulk = detections.filter((d) => d.kind === 'BULK_EXTRACTION' && (d.subject.name.includes('Kim Min-jun') || d.subject.externalId.includes(DEMO_LEAVER)));
    expect(bulk.length).toBeGreaterThan(0);
    const first = bulk.map((d) => d.firstDetectedOn).sort()[0]!;
    const lagDays = (new Date(`${first}T00:00:00Z`).getTime() - new Date(`${isoDay(start)}T00:00:00Z`).getTime()) / DAY;
    expect(lagDays).toBeGreaterThanOrEqual(0);
    expect(lagDays).toBeLessThanOrEqual(2);
  });

  it("prints in the board report the same numbers as the posture for the same as-of", async () => {
    const { view } = await app.get(PostureService).posture('demo', now);
    const { content } = await app.get(ReportsService).generate({ orgSlug: 'demo', asOf: now, lang: 'en', generatedBy: 'test' });
    const { text, pageCount } = await pdfText(content);
    expect(pageCount).toBeGreaterThan(3);
    const one = (n: number) => n.toFixed(1);
    expect(text).toContain(one(view.overallScore!));
    for (const domain of view.domains) expect(text).toContain(one(domain.score!));
    // 81.88 / 1780 = 4.6 %; 81.88 / 40940 = 0.2 %
    expect(text).toContain('4.6%');
    expect(text).toMatch(/0\.20?%/);
    expect(text).toContain('nuri-auth-2015');
  });

  it('does not count the colleague who left cleanly as a leaver before the day she left', async () => {
    // She left 90 days before `now`; the identity provider gives no deactivation time of its own.
    const before = await app.get(PostureService).posture('demo', new Date(now.getTime() - 120 * DAY));
    const names = before.view.domains.flatMap((d) => d.contributions.map((c) => c.subjectName));
    expect(names).not.toContain('Lee Seo-yeon');
  });

  it('seeding again changes nothing', async () => {
    const before = await app.get(FindingRepository).findAll(organizationId);
    expect((await seeder.seed(now)).created).toBe(false);
    expect((await app.get(FindingRepository).findAll(organizationId)).length).toBe(before.length);
  });
});
