import { jest } from '@jest/globals';
import {
  FindingRepository,
  OrganizationRepository,
  PostureInputRepository,
  ScoreSnapshotRepository,
} from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { OrganizationService } from '@postureboard/server-organization';
import { EvaluationService } from '../evaluation/evaluation.service.js';
import { FindingsService } from '../findings/findings.service.js';
import { PostureService } from './posture.service.js';
import { NotificationOutbox } from '@postureboard/server-notifications';

const DAY = 24 * 3600 * 1000;
const asOf = new Date('2026-11-20T12:00:00Z');
const daysBefore = (n: number, from = asOf) => new Date(from.getTime() - n * DAY);

describe('posture on PostgreSQL', () => {
  let db: TestDatabase;
  let posture: PostureService;
  let findings: FindingsService;
  let organizationId: string;
  let inputs: PostureInputRepository;
  let snapshots: ScoreSnapshotRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    const ds = db.dataSource;
    const organizations = new OrganizationService(new OrganizationRepository(ds));
    const evaluation = new EvaluationService(ds, new PostureInputRepository(ds), new FindingRepository(ds), NotificationOutbox.on(ds));
    inputs = new PostureInputRepository(ds);
    snapshots = new ScoreSnapshotRepository(ds);
    posture = new PostureService(organizations, evaluation, snapshots, inputs);
    findings = new FindingsService(new FindingRepository(ds));
    organizationId = (await organizations.create({ slug: 'acme', name: 'Acme', approvedCountries: ['KR'], currency: 'KRW' })).id;
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

  afterAll(() => db.drop());

  it('persists findings for overdue keys and none for a key rotated last month', async () => {
    const { view } = await posture.posture('acme', asOf);
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
    await posture.posture('acme', asOf);
    const after = await findings.list(organizationId, {}, 100);
    expect(after.findings.map((f) => [f.id, f.status, f.severity])).toEqual(before.findings.map((f) => [f.id, f.status, f.severity]));
  });

  it('resolves a finding automatically when its condition clears, and records who and when', async () => {
    await db.dataSource.query(`UPDATE credential SET last_rotated_at = $2 WHERE organization_id = $1 AND external_id = 'old-access-key'`, [
      organizationId,
      daysBefore(1),
    ]);
    const later = new Date(asOf.getTime() + DAY);
    await posture.posture('acme', later);
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
    await posture.posture('acme', new Date(at.getTime() + DAY));
    expect((await findings.get(organizationId, signing!.id)).status).toBe('RISK_ACCEPTED');
    await posture.posture('acme', new Date(at.getTime() + 4 * DAY));
    expect((await findings.get(organizationId, signing!.id)).status).toBe('OPEN');
  });

  it('refuses a risk acceptance without a reason', async () => {
    const [signing] = (await findings.list(organizationId, { kind: 'KEY_ROTATION_OVERDUE' }, 10)).findings;
    await expect(
      findings.changeStatus(organizationId, signing!.id, { to: 'RISK_ACCEPTED', reason: ' ', riskAcceptedUntil: new Date('2030-01-01') }, { type: 'USER', id: 'u', name: 'u' }, asOf),
    ).rejects.toThrow(/reason/);
  });

  it('stores snapshots once, refuses to change them, and reads them back as history', async () => {
    const first = await posture.snapshot('acme', new Date(asOf.getTime() + 10 * DAY), 'ON_DEMAND');
    const again = await posture.snapshot('acme', new Date(asOf.getTime() + 10 * DAY), 'ON_DEMAND');
    expect(again.id).toBe(first.id);
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

  it('shares one evaluation between callers asking for the same instant at once', async () => {
    const organization = { id: organizationId, slug: 'acme' } as Parameters<PostureService['postureOf']>[0];
    const at = new Date(asOf.getTime() + 10 * DAY + 1);
    const [a, b] = [posture.postureOf(organization, at), posture.postureOf(organization, at)];
    expect(a).toBe(b);
    await a;
    expect(posture.postureOf(organization, at)).not.toBe(a);
  });

  it('answers "now" from the last evaluation until something it read changes', async () => {
    const first = await posture.posture('acme');
    await new Promise((r) => setTimeout(r, 50)); // let the post-evaluation version settle
    const again = await posture.posture('acme');
    expect(again).toBe(first);
    const [open] = (await findings.list(organizationId, { kind: 'KEY_ROTATION_OVERDUE' }, 10)).findings;
    await findings.changeStatus(organizationId, open!.id, { to: 'ACKNOWLEDGED', reason: 'on it' }, { type: 'USER', id: 'u', name: 'u' }, new Date());
    const after = await posture.posture('acme');
    expect(after).not.toBe(first);
  });

  it('answers "now" afresh after any change to the organisation\'s settings, budgets or people', async () => {
    const ds = db.dataSource;
    let last = await posture.posture('acme');
    const changes = [
      () => ds.query(`UPDATE organization SET revenue_ratio_benchmark = 0.02 WHERE id = $1`, [organizationId]),
      () => ds.query(`UPDATE organization SET name = 'Acme Holdings' WHERE id = $1`, [organizationId]),
      () => ds.query(`INSERT INTO team (organization_id, name) VALUES ($1, 'platform')`, [organizationId]),
      () => ds.query(`DELETE FROM team WHERE organization_id = $1 AND name = 'platform'`, [organizationId]),
    ];
    for (const change of changes) {
      await new Promise((r) => setTimeout(r, 50)); // let the post-evaluation version settle
      expect(await posture.posture('acme')).toBe(last);
      await change();
      const next = await posture.posture('acme');
      expect(next).not.toBe(last);
      last = next;
    }
    expect(last.view.organization.name).toBe('Acme Holdings');
  });

  it('lets overview requests arriving together share one data-version check and one history read', async () => {
    await posture.posture('acme');
    await new Promise((r) => setTimeout(r, 50)); // let the post-evaluation version settle
    const versions = jest.spyOn(inputs, 'dataVersion');
    const history = jest.spyOn(snapshots, 'history');
    try {
      const answers = await Promise.all([posture.posture('acme'), posture.posture('acme'), posture.posture('acme')]);
      expect(new Set(answers).size).toBe(1);
      expect(versions).toHaveBeenCalledTimes(1);
      const trends = await Promise.all([posture.history('acme', 4), posture.history('acme', 4), posture.history('acme', 8)]);
      expect(trends[0]).toBe(trends[1]);
      expect(history).toHaveBeenCalledTimes(2); // 4 weeks once, 8 weeks once
      await posture.posture('acme');
      expect(versions).toHaveBeenCalledTimes(2); // shared while under way, not cached
    } finally {
      versions.mockRestore();
      history.mockRestore();
    }
  });

  it('past its TTL, answers with the last evaluation while a fresh one runs, then with the fresh one', async () => {
    const ds = db.dataSource;
    const quick = new PostureService(
      new OrganizationService(new OrganizationRepository(ds)),
      new EvaluationService(ds, new PostureInputRepository(ds), new FindingRepository(ds), NotificationOutbox.on(ds)),
      new ScoreSnapshotRepository(ds),
      new PostureInputRepository(ds),
      { liveTtlMs: 0 },
    );
    const first = await quick.posture('acme');
    await new Promise((r) => setTimeout(r, 50)); // let the post-evaluation version settle
    const stale = await quick.posture('acme'); // expired: starts a refresh, answers at once with the last one
    expect(stale).toBe(first);
    let fresh = stale;
    for (let attempt = 0; attempt < 100 && fresh === first; attempt++) {
      await new Promise((r) => setTimeout(r, 50));
      fresh = await quick.posture('acme');
    }
    expect(fresh).not.toBe(first);
    expect(fresh.view.asOf.getTime()).toBeGreaterThan(first.view.asOf.getTime());
  });

  it('re-evaluates for the passing of time no more often than ten times the evaluation\'s own duration', async () => {
    const ds = db.dataSource;
    const evaluation = new EvaluationService(ds, new PostureInputRepository(ds), new FindingRepository(ds), NotificationOutbox.on(ds));
    const evaluations = jest.spyOn(evaluation, 'evaluate');
    // A TTL of zero, and at most a millionth of the time for refreshing: any evaluation (≥ 1 ms) holds ≥ 1000 s.
    const patient = new PostureService(new OrganizationService(new OrganizationRepository(ds)), evaluation, new ScoreSnapshotRepository(ds), new PostureInputRepository(ds), {
      liveTtlMs: 0,
      liveRefreshShare: 1e-6,
    });
    const first = await patient.posture('acme');
    await new Promise((r) => setTimeout(r, 50)); // let the post-evaluation version settle
    for (let i = 0; i < 5; i++) {
      expect(await patient.posture('acme')).toBe(first);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(evaluations).toHaveBeenCalledTimes(1);
  });

  it('looks at the past without rewriting the present', async () => {
    const before = await findings.list(organizationId, { includeResolved: true }, 100);
    const past = await posture.posture('acme', daysBefore(30));
    expect(past.view.asOf.toISOString()).toBe(daysBefore(30).toISOString());
    const after = await findings.list(organizationId, { includeResolved: true }, 100);
    expect(after.findings.map((f) => [f.id, f.status, f.lastDetectedAt.getTime()])).toEqual(before.findings.map((f) => [f.id, f.status, f.lastDetectedAt.getTime()]));
  });
});
