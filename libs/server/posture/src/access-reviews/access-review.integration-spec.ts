import { AccessReviewRepository, FindingRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { AccessReviewService } from './access-review.service.js';

describe('access-review campaigns on PostgreSQL', () => {
  let db: TestDatabase;
  let reviews: AccessReviewService;
  let org: string;
  const now = new Date('2026-11-20T09:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    reviews = new AccessReviewService(new AccessReviewRepository(db.dataSource), new FindingRepository(db.dataSource));
    const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
    [{ id: org }] = await q(`INSERT INTO organization (slug, name) VALUES ('acme', 'Acme') RETURNING id`);
    const person = async (email: string, status: string, manager: string | null, entitlements: [string, boolean][]) => {
      const [{ id }] = await q(
        `INSERT INTO identity (organization_id, email, display_name, employment_type, status, manager_email, source) VALUES ($1, $2, $2, 'EMPLOYEE', $3, $4, 'hr-roster') RETURNING id`,
        [org, email, status, manager],
      );
      const [{ id: account }] = await q(
        `INSERT INTO account (organization_id, system, external_id, user_name, identity_id, status) VALUES ($1, 'aws', $2, $2, $3, 'ACTIVE') RETURNING id`,
        [org, email, id],
      );
      for (const [name, production] of entitlements) {
        await q(`INSERT INTO entitlement (organization_id, account_id, name, production) VALUES ($1, $2, $3, $4)`, [org, account, name, production]);
      }
    };
    await person('ana@acme.test', 'ACTIVE', 'boss@acme.test', [['prod-admin', true], ['wiki', false]]);
    await person('bo@acme.test', 'ACTIVE', null, [['prod-readonly', true]]);
    await person('gone@acme.test', 'TERMINATED', 'boss@acme.test', [['prod-admin', true]]);
  });

  afterAll(() => db.drop());

  it('creates one item per production entitlement of current staff, reviewed by the manager by default', async () => {
    const campaign = await reviews.create(org, 'Q4 production review', new Date('2026-12-15T00:00:00Z'), 'production', now);
    // ana: prod-admin, bo: prod-readonly; wiki is not production and gone@ has left
    expect(campaign).toMatchObject({ total: 2, decided: 0, overdue: false, scope: 'production' });
    const reviewers = (await db.dataSource.query(`SELECT identity_email, reviewer_email FROM access_review_decision ORDER BY identity_email`)) as object[];
    expect(reviewers).toEqual([
      { identity_email: 'ana@acme.test', reviewer_email: 'boss@acme.test' },
      { identity_email: 'bo@acme.test', reviewer_email: 'unassigned' },
    ]);
  });

  it('records decisions, a revoke without a reason too, and reports overdue campaigns', async () => {
    const [campaign] = await reviews.list(org, now);
    const revoked = await reviews.decide(
      org,
      campaign!.id,
      { identityEmail: 'ana@acme.test', entitlement: 'prod-admin', decision: 'revoke', reason: ' ', reviewerEmail: 'boss@acme.test' },
      now,
    );
    expect(revoked).toMatchObject({ total: 2, decided: 1 });
    const after = await reviews.decide(
      org,
      campaign!.id,
      { identityEmail: 'ANA@acme.test', entitlement: 'prod-admin', decision: 'keep', reason: null, reviewerEmail: 'boss@acme.test' },
      now,
    );
    expect(after).toMatchObject({ total: 2, decided: 1 });
    // past the due date with one item undecided
    const [late] = await reviews.list(org, new Date('2026-12-16T00:00:00Z'));
    expect(late!.overdue).toBe(true);
  });

  it('refuses a duplicate name, an unknown scope and a due date in the past', async () => {
    await expect(reviews.create(org, 'Q4 production review', new Date('2027-01-01'), 'production', now)).rejects.toThrow(/already exists/);
    await expect(reviews.create(org, 'Other', new Date('2027-01-01'), 'everything', now)).rejects.toThrow(/Scope must be one of/);
    await expect(reviews.create(org, 'Late', new Date('2026-01-01'), null, now)).rejects.toThrow(/in the future/);
  });
});
