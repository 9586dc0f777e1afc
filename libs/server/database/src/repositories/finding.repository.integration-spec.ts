import { applyStatusChange, reconcileFindings, type FindingCandidate, type Severity } from '@postureboard/domain';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { FindingRepository, sameJson } from './finding.repository.js';

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9));

const candidate = (fingerprint: string, severity: Severity, at: Date, bytes: number): FindingCandidate => ({
  kind: 'BULK_EXTRACTION',
  domain: 'DETECTION',
  severity,
  subject: { type: 'IDENTITY', id: `id-${fingerprint}`, externalId: `${fingerprint}@acme.test`, name: fingerprint },
  qualifier: null,
  fingerprint,
  ownerTeamId: null,
  params: { name: fingerprint, measure: 'bytes', value: bytes, peakOn: '2026-11-01', baselineDays: 28, ratio: null, baselineMedian: null },
  title: `Bulk extraction by ${fingerprint}`,
  // Keys deliberately not in jsonb's order (jsonb sorts them by length, then bytes).
  evidence: [{ summary: 'many bytes', type: 'rollup', source: 'cloudtrail', data: { zeta: 1, bytes, a: 'x' } }],
  detectedAt: at,
  dueAt: new Date(at.getTime() + 7 * 86_400_000),
});

describe('saving reconciled findings on PostgreSQL', () => {
  let db: TestDatabase;
  let repository: FindingRepository;
  let org: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    repository = new FindingRepository(db.dataSource);
    [{ id: org }] = (await db.dataSource.query(`INSERT INTO organization (slug, name) VALUES ('acme', 'Acme') RETURNING id`)) as { id: string }[];
  });
  afterAll(() => db.drop());

  /**
   * As the evaluation job does: reconciles the stored findings with `candidates` at `at`, saves the result against
   * what was stored (read under the stored posture's as-of), then stores the posture of `at`.
   */
  const evaluate = async (candidates: FindingCandidate[], at: Date) => {
    const [posture] = (await db.dataSource.query(`SELECT as_of FROM current_posture WHERE organization_id = $1`, [org])) as { as_of: Date }[];
    const stored = await repository.findAll(org);
    const result = reconcileFindings(stored, candidates, at);
    const saved = await repository.save(org, result.findings, result.history, undefined, stored, { asOf: at, storedAsOf: posture?.as_of ?? null });
    await db.dataSource.query(
      `INSERT INTO current_posture (organization_id, as_of, evaluated_at, duration_ms, data_version, view) VALUES ($1, $2, now(), 0, '', '{}')
       ON CONFLICT (organization_id) DO UPDATE SET as_of = EXCLUDED.as_of`,
      [org, at],
    );
    return saved;
  };
  /** Each finding's last detection as readers see it. */
  const lastDetected = async () => new Map((await repository.findAll(org)).map((f) => [f.fingerprint, f.lastDetectedAt]));
  const rows = async () =>
    new Map(
      (
        (await db.dataSource.query(`SELECT fingerprint, xmin::text AS version, severity, status, last_detected_at FROM finding WHERE organization_id = $1`, [
          org,
        ])) as { fingerprint: string; version: string; severity: string; status: string; last_detected_at: Date }[]
      ).map((r) => [r.fingerprint, r]),
    );

  it('writes what changed, not what was found again (its last detection is the stored posture\'s), and leaves the rest untouched', async () => {
    expect(await evaluate([candidate('kim', 'HIGH', day(1), 100), candidate('lee', 'MEDIUM', day(1), 5)], day(1))).toMatchObject({ written: 2, redetected: 0 });
    const first = await rows();

    // Kim found again exactly as before: not rewritten, yet read as last detected on day 2. Lee's finding got worse.
    expect(await evaluate([candidate('kim', 'HIGH', day(2), 100), candidate('lee', 'HIGH', day(2), 9)], day(2))).toMatchObject({ written: 1, redetected: 1 });
    let now = await rows();
    expect(now.get('kim')).toMatchObject({ severity: 'HIGH', status: 'OPEN', version: first.get('kim')!.version });
    expect(now.get('lee')).toMatchObject({ severity: 'HIGH' });
    expect(await lastDetected()).toEqual(new Map([['kim', day(2)], ['lee', day(2)]]));

    // Kim no longer detected: resolved (a change, with its history), last detected on day 2 for good. Lee found again.
    expect(await evaluate([candidate('lee', 'HIGH', day(3), 9)], day(3))).toMatchObject({ written: 1, redetected: 1 });
    const resolved = (await rows()).get('kim')!;
    expect(resolved).toMatchObject({ status: 'RESOLVED', last_detected_at: day(2) });

    // The resolved finding is not rewritten by later evaluations; Lee is not either.
    const lee = (await rows()).get('lee')!;
    expect(await evaluate([candidate('lee', 'HIGH', day(4), 9)], day(4))).toMatchObject({ written: 0, redetected: 1 });
    now = await rows();
    expect(now.get('kim')!.version).toBe(resolved.version);
    expect(now.get('lee')!.version).toBe(lee.version);
    expect(await lastDetected()).toEqual(new Map([['kim', day(2)], ['lee', day(4)]]));

    const history = (await db.dataSource.query(
      `SELECT f.fingerprint, c.to_status FROM finding_status_change c JOIN finding f ON f.id = c.finding_id ORDER BY c.id`,
    )) as { fingerprint: string; to_status: string }[];
    expect(history).toEqual([
      { fingerprint: 'kim', to_status: 'OPEN' },
      { fingerprint: 'lee', to_status: 'OPEN' },
      { fingerprint: 'kim', to_status: 'RESOLVED' },
    ]);
  });

  it('returns the ids of what it wrote and which findings were unchanged', async () => {
    const stored = await repository.findAll(org);
    const result = reconcileFindings(stored, [candidate('lee', 'HIGH', day(5), 9), candidate('park', 'LOW', day(5), 1)], day(5));
    const saved = await repository.save(org, result.findings, result.history, undefined, stored, { asOf: day(5), storedAsOf: day(4) });
    const ids = new Map((await repository.findAll(org)).map((f) => [f.fingerprint, f.id]));
    expect(saved.ids).toEqual(new Map([['park', ids.get('park')]]));
    expect([...saved.unchanged].sort()).toEqual(['kim', 'lee']);
  });

  it('stores a false-positive judgement, keeps it while it lasts, and the evaluation after its expiry reopens the finding', async () => {
    const analyst = { type: 'USER' as const, id: 'u-1', name: 'analyst@acme.test' };
    await evaluate([candidate('choi', 'HIGH', day(10), 1)], day(10));
    const stored = (await repository.findAll(org)).find((f) => f.fingerprint === 'choi')!;
    const marked = applyStatusChange(stored, { to: 'FALSE_POSITIVE', reason: 'test account', falsePositiveUntil: day(12) }, analyst, day(10));
    await repository.save(org, [marked.finding], [marked.history]);
    const statusOf = async () => (await repository.findAll(org)).find((f) => f.fingerprint === 'choi')!;
    expect(await statusOf()).toMatchObject({ status: 'FALSE_POSITIVE', falsePositiveUntil: day(12), falsePositiveReason: 'test account', assigneeUserId: null });

    await evaluate([candidate('choi', 'HIGH', day(11), 1)], day(11));
    expect((await statusOf()).status).toBe('FALSE_POSITIVE');
    await evaluate([candidate('choi', 'HIGH', day(12), 1)], day(12));
    expect(await statusOf()).toMatchObject({ status: 'OPEN', falsePositiveUntil: null, falsePositiveReason: null });
    const history = await repository.historyFor([stored.id]);
    expect(history.map((h) => [h.from, h.to, h.actor, h.falsePositiveUntil])).toEqual([
      [null, 'OPEN', 'Postureboard', null],
      ['OPEN', 'FALSE_POSITIVE', 'analyst@acme.test', day(12)],
      ['FALSE_POSITIVE', 'OPEN', 'Postureboard', null],
    ]);
  });

  it('refuses a false positive without its reason and expiry (a database check, beside the domain rule)', async () => {
    await expect(db.dataSource.query(`UPDATE finding SET status = 'FALSE_POSITIVE' WHERE organization_id = $1`, [org])).rejects.toThrow(/finding_false_positive_check/);
  });

  it('keeps the last detection through a person\'s status change (only an evaluation moves it)', async () => {
    await evaluate([candidate('yoon', 'HIGH', day(20), 9)], day(20));
    await evaluate([candidate('yoon', 'HIGH', day(21), 9)], day(21));
    const stored = (await repository.findAll(org)).find((f) => f.fingerprint === 'yoon')!;
    expect(stored.lastDetectedAt).toEqual(day(21));
    const acknowledged = applyStatusChange(stored, { to: 'ACKNOWLEDGED' }, { type: 'USER', id: 'u-1', name: 'analyst@acme.test' }, day(21));
    await repository.save(org, [acknowledged.finding], [acknowledged.history]);
    expect((await repository.findById(org, stored.id))!).toMatchObject({ status: 'ACKNOWLEDGED', lastDetectedAt: day(21) });
    // Detected again by the next evaluation: last detected then, still acknowledged.
    await evaluate([candidate('yoon', 'HIGH', day(22), 9)], day(22));
    expect((await repository.findById(org, stored.id))!).toMatchObject({ status: 'ACKNOWLEDGED', lastDetectedAt: day(22) });
    // Not detected by the one after: resolved, last detected on day 22 for good.
    await evaluate([], day(23));
    expect((await repository.findById(org, stored.id))!).toMatchObject({ status: 'RESOLVED', lastDetectedAt: day(22) });
  });

  it('bumps the findings version on any change to them, by any writer', async () => {
    const version = () => db.dataSource.transaction((m) => repository.version(org, m));
    const before = await version();
    expect(before).not.toBeNull();
    await db.dataSource.query(`UPDATE finding SET status = 'ACKNOWLEDGED' WHERE organization_id = $1 AND fingerprint = 'lee'`, [org]);
    const after = await version();
    expect(after).not.toEqual(before);
    await db.dataSource.query(`UPDATE finding SET status = 'OPEN' WHERE organization_id = $1 AND fingerprint = 'nobody'`, [org]);
    expect(await version()).toEqual(after);
  });
});

describe('sameJson', () => {
  it('compares as jsonb does: key order and undefined keys ignored, dates as ISO strings', () => {
    expect(sameJson({ a: 1, b: [{ x: 'y', z: null }] }, { b: [{ z: null, x: 'y' }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1, u: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ at: new Date('2026-11-01T00:00:00Z') }, { at: '2026-11-01T00:00:00.000Z' })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: null }, {})).toBe(false);
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
  });

  it('compares two dates by their instant, whichever objects hold it', () => {
    const at = '2026-11-01T00:00:00.000Z';
    expect(sameJson({ due: new Date(at) }, { due: new Date(Date.parse(at)) })).toBe(true);
    expect(sameJson({ due: new Date(at) }, { due: new Date(Date.parse(at) + 1) })).toBe(false);
    expect(sameJson({ due: new Date(at) }, { due: '2026-11-01T00:00:00.001Z' })).toBe(false);
    expect(sameJson({ due: new Date(at) }, { due: null })).toBe(false);
  });
});
