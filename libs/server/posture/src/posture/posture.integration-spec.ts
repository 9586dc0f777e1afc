import { jest } from '@jest/globals';
import {
  CurrentPostureRepository,
  FindingRepository,
  type OrganizationEntity,
  OrganizationRepository,
  PgClientRepository,
  PostureInputRepository,
  ScoreSnapshotRepository,
} from '@postureboard/server-database';
import { WHOLE_ORGANIZATION } from '@postureboard/server-auth';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { DEFAULT_INGEST_OPTIONS, EVALUATION_QUEUE, IngestQueue } from '@postureboard/server-ingest';
import { OrganizationService } from '@postureboard/server-organization';
import type { EvaluationService } from '../evaluation/evaluation.service.js';
import { evaluationServiceOn } from '../testing/evaluation-service.factory.js';
import { FindingsService } from '../findings/findings.service.js';
import { PostureService } from './posture.service.js';

const DAY = 24 * 3600 * 1000;
const asOf = new Date('2026-11-20T12:00:00Z');
const daysBefore = (n: number, from = asOf) => new Date(from.getTime() - n * DAY);

describe('posture on PostgreSQL', () => {
  let db: TestDatabase;
  let posture: PostureService;
  let evaluation: EvaluationService;
  let findings: FindingsService;
  let queue: IngestQueue;
  let organization: OrganizationEntity;
  let organizationId: string;
  let snapshots: ScoreSnapshotRepository;
  /** The write side: what the evaluation job does. */
  const evaluate = async (at: Date) => (await evaluation.evaluateAndStore(organization, at))!;

  beforeAll(async () => {
    db = await createTestDatabase();
    const ds = db.dataSource;
    const organizations = new OrganizationService(new OrganizationRepository(ds));
    snapshots = new ScoreSnapshotRepository(ds);
    evaluation = evaluationServiceOn(ds);
    posture = new PostureService(organizations, evaluation, snapshots, new CurrentPostureRepository(ds), new FindingRepository(ds), new PostureInputRepository(ds));
    queue = new IngestQueue(new PgClientRepository(ds), { ...DEFAULT_INGEST_OPTIONS, shutdownGraceMs: 1_000 });
    findings = new FindingsService(new FindingRepository(ds), queue);
    organization = await organizations.create({ slug: 'acme', name: 'Acme', approvedCountries: ['KR'], currency: 'KRW' });
    organizationId = organization.id;
    const credential = (externalId: string, kind: string, environment: string, rotatedDaysAgo: number) =>
      ds.query(
        `INSERT INTO credential (organization_id, source, external_id, kind, name, environment, status, created_at, last_rotated_at, last_used_at, first_seen_at, owner_ref)
         VALUES ($1, 'test', $2, $3, $2, $4, 'ACTIVE', $5, $5, $6, $5, 'someone')`,
        [organizationId, externalId, kind, environment, daysBefore(rotatedDaysAgo), daysBefore(1)],
      );
    await credential('old-access-key', 'ACCESS_KEY', 'PRODUCTION', 1000);
    await credential('fresh-access-key', 'ACCESS_KEY', 'PRODUCTION', 20);
    await credential('decade-signing-key', 'SIGNING_KEY', 'PRODUCTION', 3650);
    await ds.query(
      `INSERT INTO budget (organization_id, fiscal_year, it_spend, security_spend, revenue, currency) VALUES ($1, 2026, 1000, 46, 23000, 'KRW')`,
      [organizationId],
    );
  });

  afterAll(async () => {
    await queue.stop();
    await db.drop();
  });

  it('before the first evaluation answers "not evaluated yet, pending", and evaluates nothing itself', async () => {
    const evaluations = jest.spyOn(evaluation, 'evaluateAndStore');
    try {
      const { view } = await posture.posture('acme');
      expect(view.evaluatedAt).toBeNull();
      expect(view.pending).toBe(true);
      expect(view.overallScore).toBeNull();
      expect(view.overallNotMeasuredReason).toMatch(/not evaluated yet/);
      expect(evaluations).not.toHaveBeenCalled();
      expect(await findings.list(organizationId, {}, 10)).toMatchObject({ totalCount: 0 });
    } finally {
      evaluations.mockRestore();
    }
  });

  it('persists findings for overdue keys and none for a key rotated last month', async () => {
    await evaluate(asOf);
    const { view } = await posture.posture('acme');
    expect(view.evaluatedAt).not.toBeNull();
    expect(view.asOf).toEqual(asOf);
    const page = await findings.list(organizationId, { kind: 'KEY_ROTATION_OVERDUE' }, 50);
    expect(page.findings.map((f) => f.subject.externalId).sort()).toEqual(['decade-signing-key', 'old-access-key']);
    expect(page.findings.every((f) => f.status === 'OPEN')).toBe(true);
    // The decade-old production signing key outranks the access key.
    expect(page.findings[0]!.subject.externalId).toBe('decade-signing-key');
    expect(page.findings[0]!.severity).toBe('CRITICAL');
    const keys = view.domains.find((d) => d.domain === 'KEY_MANAGEMENT')!;
    expect(keys.measured).toBe(true);
    expect(keys.score).toBeGreaterThanOrEqual(0);
    expect(keys.score).toBeLessThan(50);
    expect(keys.contributions.map((c) => c.findingId)).toEqual(expect.arrayContaining([page.findings[0]!.id]));
    // Budget sits beside the score: 46 / 1000 = 4.6 % of IT; 46 / 23000 = 0.2 % of revenue.
    expect(view.budget?.securityToItRatio).toBeCloseTo(0.046, 10);
    expect(view.budget?.securityToRevenueRatio).toBeCloseTo(0.002, 10);
    expect(view.budget?.itStatus).toBe('BELOW');
  });

  it('re-evaluating the same data changes nothing', async () => {
    const before = await findings.list(organizationId, {}, 100);
    await evaluate(asOf);
    const after = await findings.list(organizationId, {}, 100);
    expect(after.findings.map((f) => [f.id, f.status, f.severity])).toEqual(before.findings.map((f) => [f.id, f.status, f.severity]));
  });

  it('resolves a finding automatically when its condition clears, and records who and when', async () => {
    await db.dataSource.query(`UPDATE credential SET last_rotated_at = $2 WHERE organization_id = $1 AND external_id = 'old-access-key'`, [
      organizationId,
      daysBefore(1),
    ]);
    const later = new Date(asOf.getTime() + DAY);
    await evaluate(later);
    const resolved = await findings.list(organizationId, { kind: 'KEY_ROTATION_OVERDUE', status: 'RESOLVED' }, 10);
    expect(resolved.findings.map((f) => f.subject.externalId)).toEqual(['old-access-key']);
    const history = (await findings.historyByFinding([resolved.findings[0]!.id])).get(resolved.findings[0]!.id)!;
    expect(history.map((h) => [h.from, h.to, h.actor])).toEqual([
      [null, 'OPEN', 'Postureboard'],
      ['OPEN', 'RESOLVED', 'Postureboard'],
    ]);
  });

  it('keeps a risk acceptance until it expires, then reopens the finding', async () => {
    const [signing] = (await findings.list(organizationId, { kind: 'KEY_ROTATION_OVERDUE' }, 10)).findings;
    const at = new Date(asOf.getTime() + 2 * DAY);
    const accepted = await findings.changeStatus(
      organizationId,
      signing!.id,
      { to: 'RISK_ACCEPTED', reason: 'replacement key ships next sprint', riskAcceptedUntil: new Date(at.getTime() + 3 * DAY) },
      { type: 'USER', id: 'u1', name: 'ciso@acme.example' },
      at,
    );
    expect(accepted.status).toBe('RISK_ACCEPTED');
    await evaluate(new Date(at.getTime() + DAY));
    expect((await findings.get(organizationId, signing!.id)).status).toBe('RISK_ACCEPTED');
    await evaluate(new Date(at.getTime() + 4 * DAY));
    expect((await findings.get(organizationId, signing!.id)).status).toBe('OPEN');
  });

  it('refuses a risk acceptance without a reason', async () => {
    const [signing] = (await findings.list(organizationId, { kind: 'KEY_ROTATION_OVERDUE' }, 10)).findings;
    await expect(
      findings.changeStatus(organizationId, signing!.id, { to: 'RISK_ACCEPTED', reason: ' ', riskAcceptedUntil: new Date('2030-01-01') }, { type: 'USER', id: 'u', name: 'u' }, asOf),
    ).rejects.toThrow(/reason/);
  });

  it('a status change queues an evaluation of the organisation, and many changes coalesce into one waiting job', async () => {
    const [open] = (await findings.list(organizationId, { kind: 'KEY_ROTATION_OVERDUE' }, 10)).findings;
    await findings.changeStatus(organizationId, open!.id, { to: 'ACKNOWLEDGED', reason: 'on it' }, { type: 'USER', id: 'u', name: 'u' }, new Date(asOf.getTime() + 7 * DAY));
    await findings.changeStatus(organizationId, open!.id, { to: 'RESOLVED', reason: 'rotated' }, { type: 'USER', id: 'u', name: 'u' }, new Date(asOf.getTime() + 7 * DAY));
    const jobs = (await db.dataSource.query(`SELECT data FROM pgboss.job WHERE name = $1 AND state = 'created'`, [EVALUATION_QUEUE])) as { data: { organizationId: string } }[];
    expect(jobs.map((j) => j.data.organizationId)).toEqual([organizationId]);
    // Until the job runs, the stored posture answers and says a newer one is due.
    const now = new Date(asOf.getTime() + 7 * DAY);
    expect((await posture.current(organization, now)).view.pending).toBe(true);
    await evaluate(now);
    expect((await posture.current(organization, now)).view.pending).toBe(false);
    // A posture as of an earlier day is out of date too: SLA states move with the date.
    expect((await posture.current(organization, new Date(now.getTime() + DAY))).view.pending).toBe(true);
  });

  it('stores snapshots of the stored posture once, refuses to change them, and reads them back as history', async () => {
    await evaluate(new Date(asOf.getTime() + 10 * DAY));
    const first = await posture.snapshot('acme', 'ON_DEMAND');
    const again = await posture.snapshot('acme', 'ON_DEMAND');
    expect(again.id).toBe(first.id);
    expect(first.asOf).toEqual(new Date(asOf.getTime() + 10 * DAY));
    expect(first.overallScore).toBe((await posture.posture('acme')).view.overallScore);
    await expect(db.dataSource.query(`UPDATE score_snapshot SET overall_score = 100 WHERE id = $1`, [first.id])).rejects.toThrow(/immutable/);
    const history = await posture.history('acme', 4, new Date(asOf.getTime() + 11 * DAY));
    expect(history.map((h) => h.id)).toContain(first.id);
    expect(history[0]!.posture.domains).toHaveLength(4);
    // A trend: the scores as stored, in the stored order, without each finding's contribution.
    const stored = history.find((h) => h.id === first.id)!;
    expect(stored.posture).toEqual({
      domains: first.posture.domains.map((d) => ({ domain: d.domain, measured: d.measured, score: d.score })),
      overdueKeys: first.posture.overdueKeys,
    });
    expect(first.posture.domains.some((d) => d.contributions.length > 0)).toBe(true);
    // PostgreSQL keeps the trend point beside the snapshot, so a year of history never reads the contributions.
    const [{ trend }] = (await db.dataSource.query(`SELECT trend FROM score_snapshot WHERE id = $1`, [first.id])) as { trend: unknown }[];
    expect(trend).toEqual(stored.posture);
  });

  it('shows one point per day in the history, and measures "since last week" against a snapshot at least seven days older', async () => {
    const day = new Date(asOf.getTime() + 20 * DAY);
    await evaluate(day);
    const morning = await posture.snapshot('acme', 'ON_DEMAND');
    await evaluate(new Date(day.getTime() + 3600_000));
    const noon = await posture.snapshot('acme', 'ON_DEMAND');
    const history = await posture.history('acme', 1, new Date(day.getTime() + 2 * 3600_000));
    const sameDay = history.filter((h) => h.asOf.toISOString().slice(0, 10) === day.toISOString().slice(0, 10));
    expect(sameDay.map((h) => h.id)).toEqual([noon.id]);
    expect(morning.id).not.toBe(noon.id);
    // Six days later, "since last week" is still measured against the snapshot of 10 days after asOf (not those of today-6).
    const later = (await evaluate(new Date(day.getTime() + 6 * DAY))).posture.view;
    const tenDays = await snapshots.latestBefore<{ overallScore: number | null }>(organizationId, new Date(day.getTime() - DAY));
    expect(tenDays?.asOf).toEqual(new Date(asOf.getTime() + 10 * DAY));
    expect(later.overallChange).toBe(later.overallScore === null || tenDays?.posture.overallScore == null ? null : Math.round((later.overallScore - tenDays.posture.overallScore) * 10) / 10);
  });

  it('every measured score has an explanation whose terms add up to it', async () => {
    const { view } = await posture.posture('acme');
    const sum = (terms: { points: number }[]) => terms.reduce((total, t) => total + t.points, 0);
    expect(Math.abs(sum(view.explanation!.terms) - view.overallScore!)).toBeLessThanOrEqual(0.05);
    for (const domain of view.domains.filter((d) => d.measured)) {
      expect(Math.abs(sum(domain.explanation!.terms) - domain.score!)).toBeLessThanOrEqual(0.05);
      // The card counts the findings its explanation lists.
      expect(domain.findingCounts.total).toBe(domain.contributions.length + domain.omittedContributions.count);
    }
  });

  it('a read of the current posture never evaluates', async () => {
    const stored = jest.spyOn(evaluation, 'evaluateAndStore');
    const at = jest.spyOn(evaluation, 'evaluateAt');
    try {
      const { view, topRisks } = await posture.posture('acme');
      await topRisks(5, WHOLE_ORGANIZATION);
      await posture.history('acme', 4);
      expect(view.evaluatedAt).not.toBeNull();
      expect(stored).not.toHaveBeenCalled();
      expect(at).not.toHaveBeenCalled();
    } finally {
      stored.mockRestore();
      at.mockRestore();
    }
  });

  it('looks at the past without rewriting the present', async () => {
    const before = await findings.list(organizationId, { includeResolved: true }, 100);
    const current = await posture.posture('acme');
    const past = await posture.posture('acme', daysBefore(30));
    expect((await posture.posture('acme')).view).toEqual(current.view);
    expect(past.view.asOf.toISOString()).toBe(daysBefore(30).toISOString());
    const after = await findings.list(organizationId, { includeResolved: true }, 100);
    expect(after.findings.map((f) => [f.id, f.status, f.lastDetectedAt.getTime()])).toEqual(before.findings.map((f) => [f.id, f.status, f.lastDetectedAt.getTime()]));
  });
});
