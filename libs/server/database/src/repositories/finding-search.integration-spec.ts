import { reconcileFindings, type FindingCandidate, type FindingKind, type FindingParamsByKind } from '@postureboard/domain';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { FindingRepository } from './finding.repository.js';

const AT = new Date(Date.UTC(2026, 10, 20, 9));

const candidate = <K extends FindingKind>(fingerprint: string, kind: K, params: FindingParamsByKind[K], subject: string): FindingCandidate => ({
  kind,
  domain: 'KEY_MANAGEMENT',
  severity: 'HIGH',
  subject: { type: 'CREDENTIAL', id: fingerprint, externalId: fingerprint, name: subject },
  qualifier: null,
  fingerprint,
  ownerTeamId: null,
  params,
  // What the evaluation stores as the English title; the search must not depend on it alone.
  title: `stored title ${fingerprint}`,
  evidence: [],
  detectedAt: AT,
  dueAt: AT,
} as FindingCandidate);

/**
 * The findings list's search on PostgreSQL: titles are rendered from parameters in the reader's language, so a
 * search looks through the title in every language (stored with the finding when it is written), the subject
 * and the owning team, in SQL, paged and counted like any other filter.
 */
describe('searching findings by title in either language', () => {
  let db: TestDatabase;
  let repository: FindingRepository;
  let org: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    repository = new FindingRepository(db.dataSource);
    [{ id: org }] = (await db.dataSource.query(`INSERT INTO organization (slug, name) VALUES ('acme', 'Acme') RETURNING id`)) as { id: string }[];
    const [{ id: team }] = (await db.dataSource.query(`INSERT INTO team (organization_id, name) VALUES ($1, '결제 플랫폼') RETURNING id`, [org])) as { id: string }[];
    const candidates = [
      // en "Signing key nuri-auth-2015 has been overdue for rotation since …", ko "서명 키 nuri-auth-2015: …부터 교체 기한 초과"
      candidate('rotation', 'KEY_ROTATION_OVERDUE', { credentialKind: 'SIGNING_KEY', name: 'nuri-auth-2015', dueOn: '2016-06-30' }, 'nuri-auth-2015'),
      // en "Access key legacy-batch has no owner", ko "액세스 키 legacy-batch: 소유자 없음"
      { ...candidate('owner', 'KEY_NO_OWNER', { credentialKind: 'ACCESS_KEY', name: 'legacy-batch' }, 'legacy-batch'), ownerTeamId: team },
      // en "… is 50% complete", ko "접근 권한 검토 "Q3 production": … 기한, 50% 완료"
      candidate('review', 'ACCESS_REVIEW_OVERDUE', { campaign: 'Q3 production', dueOn: '2026-09-30', completion: 0.5 }, 'Q3 production'),
    ];
    const result = reconcileFindings([], candidates, AT);
    await repository.save(org, result.findings, result.history);
  });
  afterAll(() => db.drop());

  const found = async (search: string) => (await repository.list(org, { search }, 50)).findings.map((f) => f.fingerprint).sort();

  it('finds a finding by a Korean word of its title, and by an English one', async () => {
    expect(await found('교체 기한')).toEqual(['rotation']);
    expect(await found('소유자')).toEqual(['owner']);
    expect(await found('overdue for ROTATION')).toEqual(['rotation']);
    expect(await found('has no owner')).toEqual(['owner']);
  });

  it('finds by subject name and by the owning team, and nothing for an unrelated word', async () => {
    expect(await found('nuri-auth')).toEqual(['rotation']);
    expect(await found('결제')).toEqual(['owner']);
    expect(await found('zzzz')).toEqual([]);
    expect(await found('stored title')).toEqual([]);
  });

  it('takes LIKE metacharacters literally', async () => {
    expect(await found('50%')).toEqual(['review']);
    expect(await found('%')).toEqual(['review']);
    expect(await found('legacy_batch')).toEqual([]);
    expect(await found('_')).toEqual([]);
    expect(await found('\\')).toEqual([]);
  });

  it('counts every match and pages through them', async () => {
    // "기한" is in the rotation title (교체 기한 초과) and the review's (… 기한, 50% 완료), not the owner's.
    const first = await repository.list(org, { search: '기한' }, 1);
    expect(first).toMatchObject({ totalCount: 2, hasNextPage: true });
    const second = await repository.list(org, { search: '기한' }, 1, first.endCursor);
    expect(second).toMatchObject({ totalCount: 2, hasNextPage: false });
    expect([...first.findings, ...second.findings].map((f) => f.fingerprint).sort()).toEqual(['review', 'rotation']);
  });

  it('writes the search text of findings stored without it at the next save, reading their stored title meanwhile', async () => {
    await db.dataSource.query(
      `INSERT INTO finding (organization_id, fingerprint, kind, title, params, domain, severity, status, subject_type, subject_external_id, subject_name,
              first_detected_at, last_detected_at)
       VALUES ($1, 'before', 'KEY_NO_OWNER', 'Access key old-export has no owner', $2, 'KEY_MANAGEMENT', 'HIGH', 'OPEN', 'CREDENTIAL', 'k', 'k', now(), now())`,
      [org, { credentialKind: 'ACCESS_KEY', name: 'old-export' }],
    );
    expect(await found('old-export has no owner')).toEqual(['before']);
    expect(await found('소유자')).toEqual(['owner']);

    // Any write of the organisation's findings (an evaluation, a status change) fills it.
    await repository.save(org, [], []);
    expect(await found('old-export: 소유자')).toEqual(['before']);
  });
});
