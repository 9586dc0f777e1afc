import { FindingRepository, PostureInputRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { EvaluationService } from './evaluation.service.js';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 23));

describe('incremental evaluation on PostgreSQL', () => {
  let db: TestDatabase;
  let org: string;
  const service = () => new EvaluationService(db.dataSource, new PostureInputRepository(db.dataSource), new FindingRepository(db.dataSource));
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
    expect(next.findings).toEqual(fresh.findings);
    expect(fresh.work.findingsWritten).toBe(0);
  });
});
