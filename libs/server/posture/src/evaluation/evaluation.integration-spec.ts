import { FindingRepository, PostureInputRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { EvaluationService } from './evaluation.service.js';
import { NotificationOutbox } from '@postureboard/server-notifications';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 23));
/** Findings in a stable order: the database returns them in no particular one. */
const sorted = <T extends { fingerprint: string }>(findings: readonly T[] | null): T[] =>
  [...(findings ?? [])].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));

describe('incremental evaluation on PostgreSQL', () => {
  let db: TestDatabase;
  let org: string;
  const service = () => new EvaluationService(db.dataSource, new PostureInputRepository(db.dataSource), new FindingRepository(db.dataSource), NotificationOutbox.on(db.dataSource));
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
    for (const day of ['2026-11-01', '2026-11-02', '2026-11-03']) {
      await rollup(day, 'kim@acme.test', 'KR');
      await rollup(day, 'lee@acme.test', 'KR');
    }
  });
  afterAll(() => db.drop());

  it('after a new day of events reads that day only, and finds what a fresh evaluation finds', async () => {
    const evaluation = service();
    const first = await evaluation.evaluate(org, at(3));
    expect(first.work.activityDaysRead).toBe(3);
    expect(first.candidates.filter((c) => c.kind === 'OFFSHORE_ACCESS')).toEqual([]);

    await rollup('2026-11-04', 'lee@acme.test', 'BR'); // Lee, from an unapproved country
    const next = await evaluation.evaluate(org, at(4));
    expect(next.work.activityDaysRead).toBe(1);
    expect(next.candidates.filter((c) => c.kind === 'OFFSHORE_ACCESS').map((c) => c.subject.name)).toEqual(['Lee']);
    // Only the new finding is written; the others are found again.
    expect(next.work.findingsWritten).toBe(1);

    const fresh = await service().evaluate(org, at(4));
    expect(fresh.work.activityDaysRead).toBe(4);
    expect(next.input).toEqual(fresh.input);
    expect(next.candidates).toEqual(fresh.candidates);
    expect(sorted(next.findings)).toEqual(sorted(fresh.findings));
    expect(fresh.work.findingsWritten).toBe(0);
  });

  it('after an inventory change reads what changed, and finds what a fresh evaluation finds', async () => {
    const evaluation = service();
    await evaluation.evaluate(org, at(5));
    const quiet = await evaluation.evaluate(org, at(6));
    expect(quiet.work.inventoryRead).toEqual([]);
    expect(quiet.work.findingsRead).toBe(false);

    // Kim leaves, with a credential still active: a leaver finding.
    await db.dataSource.query(`UPDATE identity SET status = 'TERMINATED', termination_date = '2026-11-05' WHERE organization_id = $1 AND email = 'kim@acme.test'`, [org]);
    await db.dataSource.query(
      `INSERT INTO credential (organization_id, source, external_id, kind, name, status, created_at, first_seen_at, owner_identity_id)
       SELECT $1, 'iam', 'AKIAKIM', 'ACCESS_KEY', 'kim key', 'ACTIVE', '2026-01-01', '2026-01-01', id FROM identity WHERE organization_id = $1 AND email = 'kim@acme.test'`,
      [org],
    );
    const next = await evaluation.evaluate(org, at(7));
    expect([...next.work.inventoryRead].sort()).toEqual(['accessReviewDecisions', 'credentials', 'identities']);
    expect(next.candidates.filter((c) => c.kind === 'LEAVER_ACTIVE_ACCESS').map((c) => c.subject.name)).toEqual(['Kim']);

    const fresh = await service().evaluate(org, at(7));
    expect(next.input).toEqual(fresh.input);
    expect(next.candidates).toEqual(fresh.candidates);
    expect(sorted(next.findings)).toEqual(sorted(fresh.findings));
    expect(fresh.work.findingsWritten).toBe(0);
  });

  it('keeps the stored findings between evaluations, and reads them again after anyone else changed one', async () => {
    const evaluation = service();
    const findings = new FindingRepository(db.dataSource);
    await evaluation.evaluate(org, at(8));
    const kept = await evaluation.evaluate(org, at(9));
    expect(kept.work.findingsRead).toBe(false);
    expect(sorted(kept.findings)).toEqual(sorted(await findings.findAll(org)));

    // Someone acknowledges a finding (as FindingsService.changeStatus does): the kept findings are stale.
    const [target] = (await findings.findAll(org)).filter((f) => f.status === 'OPEN');
    const acknowledged = { ...target!, status: 'ACKNOWLEDGED' as const };
    await findings.save(org, [acknowledged], [
      { fingerprint: target!.fingerprint, from: 'OPEN', to: 'ACKNOWLEDGED', actor: { type: 'USER', id: 'ciso', name: 'ciso@acme.test' }, at: at(9), reason: 'on it', riskAcceptedUntil: null },
    ]);
    const next = await evaluation.evaluate(org, at(10));
    expect(next.work.findingsRead).toBe(true);
    expect(next.findings!.find((f) => f.fingerprint === target!.fingerprint)?.status).toBe('ACKNOWLEDGED');
    expect(sorted(next.findings)).toEqual(sorted(await findings.findAll(org)));

    const fresh = await service().evaluate(org, at(10));
    expect(sorted(next.findings)).toEqual(sorted(fresh.findings));
    expect(fresh.work.findingsWritten).toBe(0);
  });
});
