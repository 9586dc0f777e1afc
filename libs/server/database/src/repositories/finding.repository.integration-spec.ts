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

  /** Reconciles the stored findings with `candidates` at `at` and saves the result against what was stored. */
  const evaluate = async (candidates: FindingCandidate[], at: Date) => {
    const stored = await repository.findAll(org);
    const result = reconcileFindings(stored, candidates, at);
    return repository.save(org, result.findings, result.history, undefined, stored);
  };
  const rows = async () =>
    new Map(
      (
        (await db.dataSource.query(`SELECT fingerprint, xmin::text AS version, severity, status, last_detected_at FROM finding WHERE organization_id = $1`, [
          org,
        ])) as { fingerprint: string; version: string; severity: string; status: string; last_detected_at: Date }[]
      ).map((r) => [r.fingerprint, r]),
    );

  it('writes what changed, only moves the detection time of what was found again, and leaves the rest untouched', async () => {
    expect(await evaluate([candidate('kim', 'HIGH', day(1), 100), candidate('lee', 'MEDIUM', day(1), 5)], day(1))).toMatchObject({ written: 2, redetected: 0 });

    // Kim found again exactly as before; Lee's finding got worse.
    expect(await evaluate([candidate('kim', 'HIGH', day(2), 100), candidate('lee', 'HIGH', day(2), 9)], day(2))).toMatchObject({ written: 1, redetected: 1 });
    let now = await rows();
    expect(now.get('kim')).toMatchObject({ severity: 'HIGH', status: 'OPEN', last_detected_at: day(2) });
    expect(now.get('lee')).toMatchObject({ severity: 'HIGH', last_detected_at: day(2) });

    // Kim no longer detected: resolved (a change, with its history). Lee found again.
    expect(await evaluate([candidate('lee', 'HIGH', day(3), 9)], day(3))).toMatchObject({ written: 1, redetected: 1 });
    const resolved = (await rows()).get('kim')!;
    expect(resolved.status).toBe('RESOLVED');

    // The resolved finding is not rewritten by later evaluations.
    expect(await evaluate([candidate('lee', 'HIGH', day(4), 9)], day(4))).toMatchObject({ written: 0, redetected: 1 });
    now = await rows();
    expect(now.get('kim')!.version).toBe(resolved.version);
    expect(now.get('lee')!.last_detected_at).toEqual(day(4));
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
    const saved = await repository.save(org, result.findings, result.history, undefined, stored);
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
});
