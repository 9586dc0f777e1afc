import { applyStatusChange, DAY_MS, isoDayOf, statusOf, type ScorableFinding } from '@postureboard/domain';
import { FindingRepository, type OrganizationEntity, OrganizationRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { evaluationServiceOn } from '../testing/evaluation-service.factory.js';

/**
 * "A level that persists becomes the new normal after review": a person accepts the risk of a bulk extraction
 * (RISK_ACCEPTED, as the findings API records it) and the next evaluations take the level under way that day as
 * the subject's baseline. Ana and Bo step from 100 MB to 2 GB a day on the same day; only Ana's is accepted.
 */
const DAY0 = Date.UTC(2026, 9, 1) / DAY_MS; // 2026-10-01
const STEP = 30;
const endOf = (n: number) => new Date((DAY0 + n + 1) * DAY_MS - 1);

describe('a bulk extraction accepted after review, on PostgreSQL', () => {
  let db: TestDatabase;
  let organization: OrganizationEntity;

  beforeAll(async () => {
    db = await createTestDatabase();
    const [{ id }] = (await db.dataSource.query(`INSERT INTO organization (slug, name, approved_countries) VALUES ('acme', 'Acme', '{KR}') RETURNING id`)) as { id: string }[];
    await db.dataSource.query(
      `INSERT INTO identity (organization_id, email, display_name, employment_type, status, source)
       VALUES ($1, 'ana@acme.test', 'Ana', 'EMPLOYEE', 'ACTIVE', 'hr'), ($1, 'bo@acme.test', 'Bo', 'EMPLOYEE', 'ACTIVE', 'hr')`,
      [id],
    );
    for (let n = 0; n < 40; n++) {
      for (const principal of ['ana@acme.test', 'bo@acme.test']) {
        await db.dataSource.query(
          `INSERT INTO access_daily_rollup (organization_id, day, principal, credential_external_id, country, events, bytes, records, first_at, last_at)
           VALUES ($1, $2, $3, '', 'KR', 20, $4, 0, $2::date, $2::date)`,
          [id, isoDayOf(DAY0 + n), principal, n >= STEP ? 2e9 : 1e8],
        );
      }
    }
    [organization] = (await new OrganizationRepository(db.dataSource).findByIds([id])) as [OrganizationEntity];
  });
  afterAll(() => db.drop());

  /** Tracked findings or fresh candidates: the flagged days in the lookback of the subject's open finding. */
  const flaggedDays = (findings: readonly ScorableFinding[], name: string): unknown =>
    findings.find((f) => f.kind === 'BULK_EXTRACTION' && f.subject.name === name && statusOf(f) !== 'RESOLVED')?.evidence[0]?.data['flaggedDays'];

  it('stops counting the accepted level as anomalous from the day after the acceptance; the level not reviewed keeps firing', async () => {
    const evaluation = evaluationServiceOn(db.dataSource);
    const first = (await evaluation.evaluateAndStore(organization, endOf(STEP + 2)))!;
    expect([flaggedDays(first.findings, 'Ana'), flaggedDays(first.findings, 'Bo')]).toEqual([3, 3]);

    // A person accepts Ana's risk on the third day of her new level, as the findings API does it.
    const ana = first.findings.find((f) => f.kind === 'BULK_EXTRACTION' && f.subject.name === 'Ana')!;
    const accepted = applyStatusChange(
      ana,
      { to: 'RISK_ACCEPTED', reason: 'new nightly export agreed with the data owner', riskAcceptedUntil: new Date((DAY0 + 90) * DAY_MS) },
      { type: 'USER', id: 'u-1', name: 'Security lead' },
      new Date((DAY0 + STEP + 2) * DAY_MS + 15 * 3_600_000),
    );
    await new FindingRepository(db.dataSource).save(organization.id, [accepted.finding], [accepted.history]);

    // The same evaluation service (its kept activity and flags) a week later: Ana's level is her baseline now.
    const later = (await evaluation.evaluateAndStore(organization, endOf(STEP + 9)))!;
    expect(later.findings.find((f) => f.fingerprint === ana.fingerprint)).toMatchObject({ status: 'RISK_ACCEPTED' });
    expect([flaggedDays(later.findings, 'Ana'), flaggedDays(later.findings, 'Bo')]).toEqual([3, 10]);
    // A fresh evaluation (nothing kept) says the same.
    const fresh = (await evaluationServiceOn(db.dataSource).evaluateAt(organization.id, endOf(STEP + 9))).candidates;
    expect([flaggedDays(fresh, 'Ana'), flaggedDays(fresh, 'Bo')]).toEqual([3, 10]);
  });
});
