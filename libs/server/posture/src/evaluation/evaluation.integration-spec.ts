import {
  AccessEventStoreRepository,
  type AccessEventRow,
  CurrentPostureRepository,
  FindingRepository,
  formatDataVersion,
  type OrganizationEntity,
  OrganizationRepository,
  PgClientRepository,
} from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { evaluationServiceOn } from '../testing/evaluation-service.factory.js';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 23));
/** Findings in a stable order: the database returns them in no particular one. */
const sorted = <T extends { fingerprint: string }>(findings: readonly T[] | null): T[] =>
  [...(findings ?? [])].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));

describe('incremental evaluation on PostgreSQL', () => {
  let db: TestDatabase;
  let org: string;
  let organization: OrganizationEntity;
  const service = () => evaluationServiceOn(db.dataSource);
  const rollup = (day: string, principal: string, country: string) =>
    db.dataSource.query(
      `INSERT INTO access_daily_rollup (organization_id, day, principal, credential_external_id, country, events, bytes, records, first_at, last_at)
       VALUES ($1, $2, $3, '', $4, 4, 400, 0, $2::date, $2::date)`,
      [org, day, principal, country],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    [{ id: org }] = (await db.dataSource.query(`INSERT INTO organization (slug, name, approved_countries) VALUES ('acme', 'Acme', '{KR}') RETURNING id`)) as {
      id: string;
    }[];
    await db.dataSource.query(
      `INSERT INTO identity (organization_id, email, display_name, employment_type, status, source)
       VALUES ($1, 'kim@acme.test', 'Kim', 'EMPLOYEE', 'ACTIVE', 'hr'), ($1, 'lee@acme.test', 'Lee', 'EMPLOYEE', 'ACTIVE', 'hr')`,
      [org],
    );
    [organization] = (await new OrganizationRepository(db.dataSource).findByIds([org])) as [OrganizationEntity];
    for (const day of ['2026-11-01', '2026-11-02', '2026-11-03']) {
      await rollup(day, 'kim@acme.test', 'KR');
      await rollup(day, 'lee@acme.test', 'KR');
    }
  });
  afterAll(() => db.drop());

  it('after a new day of events reads that day only, and finds what a fresh evaluation finds', async () => {
    const evaluation = service();
    const first = (await evaluation.evaluateAndStore(organization, at(3)))!;
    expect(first.work.activityDaysRead).toBe(3);
    expect(first.candidates.filter((c) => c.kind === 'OFFSHORE_ACCESS')).toEqual([]);

    await rollup('2026-11-04', 'lee@acme.test', 'BR'); // Lee, from an unapproved country
    const next = (await evaluation.evaluateAndStore(organization, at(4)))!;
    expect(next.work.activityDaysRead).toBe(1);
    expect(next.candidates.filter((c) => c.kind === 'OFFSHORE_ACCESS').map((c) => c.subject.name)).toEqual(['Lee']);
    // Only the new finding is written; the others are found again.
    expect(next.work.findingsWritten).toBe(1);

    const fresh = (await service().evaluateAndStore(organization, at(4)))!;
    expect(fresh.work.activityDaysRead).toBe(4);
    expect(next.input).toEqual(fresh.input);
    expect(next.candidates).toEqual(fresh.candidates);
    expect(sorted(next.findings)).toEqual(sorted(fresh.findings));
    expect(fresh.work.findingsWritten).toBe(0);
  });

  it('after an inventory change reads what changed, and finds what a fresh evaluation finds', async () => {
    const evaluation = service();
    await evaluation.evaluateAndStore(organization, at(5));
    const quiet = (await evaluation.evaluateAndStore(organization, at(6)))!;
    expect(quiet.work.inventoryRead).toEqual([]);
    expect(quiet.work.findingsRead).toBe(false);

    // Kim leaves, with a credential still active: a leaver finding.
    await db.dataSource.query(`UPDATE identity SET status = 'TERMINATED', termination_date = '2026-11-05' WHERE organization_id = $1 AND email = 'kim@acme.test'`, [org]);
    await db.dataSource.query(
      `INSERT INTO credential (organization_id, source, external_id, kind, name, status, created_at, first_seen_at, owner_identity_id)
       SELECT $1, 'iam', 'AKIAKIM', 'ACCESS_KEY', 'kim key', 'ACTIVE', '2026-01-01', '2026-01-01', id FROM identity WHERE organization_id = $1 AND email = 'kim@acme.test'`,
      [org],
    );
    const next = (await evaluation.evaluateAndStore(organization, at(7)))!;
    expect([...next.work.inventoryRead].sort()).toEqual(['accessReviewDecisions', 'credentials', 'identities']);
    expect(next.candidates.filter((c) => c.kind === 'LEAVER_ACTIVE_ACCESS').map((c) => c.subject.name)).toEqual(['Kim']);

    const fresh = (await service().evaluateAndStore(organization, at(7)))!;
    expect(next.input).toEqual(fresh.input);
    expect(next.candidates).toEqual(fresh.candidates);
    expect(sorted(next.findings)).toEqual(sorted(fresh.findings));
    expect(fresh.work.findingsWritten).toBe(0);
  });

  it('keeps the stored findings between evaluations, and reads them again after anyone else changed one', async () => {
    const evaluation = service();
    const findings = new FindingRepository(db.dataSource);
    await evaluation.evaluateAndStore(organization, at(8));
    const kept = (await evaluation.evaluateAndStore(organization, at(9)))!;
    expect(kept.work.findingsRead).toBe(false);
    expect(sorted(kept.findings)).toEqual(sorted(await findings.findAll(org)));

    // Someone acknowledges a finding (as FindingsService.changeStatus does): the kept findings are stale.
    const [target] = (await findings.findAll(org)).filter((f) => f.status === 'OPEN');
    const acknowledged = { ...target!, status: 'ACKNOWLEDGED' as const };
    await findings.save(org, [acknowledged], [
      { fingerprint: target!.fingerprint, from: 'OPEN', to: 'ACKNOWLEDGED', actor: { type: 'USER', id: 'ciso', name: 'ciso@acme.test' }, at: at(9), reason: 'on it', riskAcceptedUntil: null },
    ]);
    const next = (await evaluation.evaluateAndStore(organization, at(10)))!;
    expect(next.work.findingsRead).toBe(true);
    expect(next.findings!.find((f) => f.fingerprint === target!.fingerprint)?.status).toBe('ACKNOWLEDGED');
    expect(sorted(next.findings)).toEqual(sorted(await findings.findAll(org)));

    const fresh = (await service().evaluateAndStore(organization, at(10)))!;
    expect(sorted(next.findings)).toEqual(sorted(fresh.findings));
    expect(fresh.work.findingsWritten).toBe(0);
  });

  /** Every row of every table in the public schema, as text: a read must leave all of them as they were. */
  const everyRow = async (): Promise<Record<string, string[]>> => {
    const tables = (await db.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )) as { tablename: string }[];
    const rows: Record<string, string[]> = {};
    for (const { tablename } of tables) {
      rows[tablename] = ((await db.dataSource.query(`SELECT t::text AS row FROM "${tablename}" t ORDER BY 1`)) as { row: string }[]).map((r) => r.row);
    }
    return rows;
  };

  it('evaluating a past or a future instant changes no stored row, and later evaluations still store what they find', async () => {
    const evaluation = service();
    await evaluation.evaluateAndStore(organization, at(11));
    const before = await everyRow();
    const future = await evaluation.evaluateAt(org, new Date(Date.UTC(2027, 5, 1)));
    const past = await evaluation.evaluateAt(org, at(2));
    expect(future.candidates.length).toBeGreaterThan(0);
    expect(past.candidates.length).toBeGreaterThanOrEqual(0);
    expect(await everyRow()).toEqual(before);

    // The bug this guards against: a look at the future once made later evaluations store nothing new.
    await rollup('2026-11-12', 'lee@acme.test', 'VN');
    const next = (await evaluation.evaluateAndStore(organization, at(12)))!;
    expect(next.findings.filter((f) => f.kind === 'OFFSHORE_ACCESS' && f.status !== 'RESOLVED').map((f) => f.subject.name)).toEqual(['Lee']);
  });

  it('stores the current posture with the data version it read: out of date once anything it reads changes', async () => {
    const evaluation = service();
    const postures = new CurrentPostureRepository(db.dataSource);
    const stored = (await evaluation.evaluateAndStore(organization, at(13)))!;
    const read = await postures.read<{ overallScore: number | null }>(org);
    expect(read?.asOf).toEqual(at(13));
    expect(read?.view.overallScore).toBe(stored.posture.view.overallScore);
    expect(read?.topRiskIds.length).toBe(Math.min(50, stored.findings.filter((f) => f.status !== 'RESOLVED').length));
    expect(read?.dataVersion).toBe(formatDataVersion((await postures.dataVersion(org))!));
    expect(await postures.stale(at(13))).not.toContain(org);
    // A new day makes it out of date (SLA states move with the date) ...
    expect(await postures.stale(new Date(at(13).getTime() + 86_400_000))).toContain(org);
    // ... and so does any change to what it reads.
    await db.dataSource.query(`UPDATE identity SET display_name = 'Lee S.' WHERE organization_id = $1 AND email = 'lee@acme.test'`, [org]);
    expect(await postures.stale(at(13))).toContain(org);
  });

  it('rewrites no finding it merely detects again, and every reader sees it last detected at the stored posture\'s as-of', async () => {
    const evaluation = service();
    const findings = new FindingRepository(db.dataSource);
    const rowVersions = async () =>
      new Map(
        ((await db.dataSource.query(`SELECT fingerprint, xmin::text AS version FROM finding WHERE organization_id = $1`, [org])) as { fingerprint: string; version: string }[]).map(
          (r) => [r.fingerprint, r.version],
        ),
      );
    await evaluation.evaluateAndStore(organization, at(14));
    const before = await rowVersions();
    const next = (await evaluation.evaluateAndStore(organization, at(15)))!;
    const open = next.findings.filter((f) => f.status !== 'RESOLVED');
    expect(open.map((f) => f.kind).sort()).toEqual(['KEY_ROTATION_OVERDUE', 'LEAVER_ACTIVE_ACCESS', 'OFFSHORE_ACCESS']);
    expect(next.work).toMatchObject({ findingsWritten: 0, findingsRedetected: open.length });
    expect(await rowVersions()).toEqual(before);

    // What the evaluation returns, what it reads back, the list GraphQL and the CLI page through, one finding by id.
    for (const finding of open) expect(finding.lastDetectedAt).toEqual(at(15));
    const listed = await findings.list(org, {}, 100);
    expect(new Map(listed.findings.map((f) => [f.fingerprint, f.lastDetectedAt]))).toEqual(new Map(open.map((f) => [f.fingerprint, at(15)])));
    expect((await findings.findById(org, open[0]!.id))?.lastDetectedAt).toEqual(at(15));
    expect(sorted(await findings.findAll(org))).toEqual(sorted(next.findings));

    // A fresh evaluation of the same instant, reading every finding back: the same findings, nothing written.
    const fresh = (await service().evaluateAndStore(organization, at(15)))!;
    expect(fresh.work.findingsRead).toBe(true);
    expect(sorted(fresh.findings)).toEqual(sorted(next.findings));
    expect(fresh.work.findingsWritten).toBe(0);
  });

  it('never replaces a stored posture with one of an earlier instant', async () => {
    const evaluation = service();
    await evaluation.evaluateAndStore(organization, at(20));
    expect(await evaluation.evaluateAndStore(organization, at(19))).toBeNull();
    expect((await new CurrentPostureRepository(db.dataSource).read(org))?.asOf).toEqual(at(20));
  });

  it('folds the days an events run left pending before it reads them, again when late events come, and stores a current version', async () => {
    const pgClient = new PgClientRepository(db.dataSource);
    const store = new AccessEventStoreRepository(pgClient);
    const postures = new CurrentPostureRepository(db.dataSource);
    const event = (id: string, at: string): AccessEventRow => ({
      eventId: id,
      occurredAt: new Date(at),
      principal: 'kim@acme.test',
      credentialExternalId: null,
      sourceIp: null,
      country: 'JP',
      action: 's3:GetObject',
      resource: null,
      bytes: 10,
      records: null,
      success: true,
    });
    const ingest = (rows: AccessEventRow[]) =>
      pgClient.transaction(async (client) => {
        const events = store.openLoad(client, org, 'cloudtrail');
        for (const row of rows) await events.add(row);
        return events.finish();
      });
    const japan = (result: { input: { activity: { rollups: readonly { day: string; country: string | null; events: number }[] } } }) =>
      result.input.activity.rollups.filter((r) => r.country === 'JP').map((r) => [r.day, r.events]);
    const evaluation = service();
    await evaluation.evaluateAndStore(organization, at(21));

    await ingest([event('j1', '2026-11-21T10:00:00Z'), event('j2', '2026-11-21T11:00:00Z')]);
    // Nothing is rolled up yet, and the stored posture is out of date until the job has run.
    expect(await postures.stale(at(21))).toContain(org);
    const first = (await evaluation.evaluateAndStore(organization, at(21)))!;
    expect(first.work.activityDaysRead).toBe(1);
    expect(japan(first)).toEqual([['2026-11-21', 2]]);
    expect(await postures.stale(at(21))).not.toContain(org);

    // Late events of the same day: the refolded day is read again.
    await ingest([event('j3', '2026-11-21T12:00:00Z')]);
    const late = (await evaluation.evaluateAndStore(organization, at(21)))!;
    expect(late.work.activityDaysRead).toBe(1);
    expect(japan(late)).toEqual([['2026-11-21', 3]]);
    expect(late.input).toEqual((await service().evaluateAndStore(organization, at(21)))!.input);
  });
});
