import { AccessReviewRepository, FindingRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { AccessReviewService } from './access-review.service.js';

describe('access-review campaigns on PostgreSQL', () => {
  let db: TestDatabase;
  let reviews: AccessReviewService;
  let org: string;
  let payments: string;
  let identityTeam: string;
  const now = new Date('2026-11-20T09:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    reviews = new AccessReviewService(new AccessReviewRepository(db.dataSource), new FindingRepository(db.dataSource));
    const q = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);
    [{ id: org }] = await q(`INSERT INTO organization (slug, name) VALUES ('acme', 'Acme') RETURNING id`);
    [{ id: payments }] = await q(`INSERT INTO team (organization_id, name, lead_email) VALUES ($1, 'Payments', 'boss@acme.test') RETURNING id`, [org]);
    [{ id: identityTeam }] = await q(`INSERT INTO team (organization_id, name) VALUES ($1, 'Identity') RETURNING id`, [org]);
    const person = async (email: string, status: string, manager: string | null, entitlements: [string, boolean][], team: string | null = null) => {
      const [{ id }] = await q(
        `INSERT INTO identity (organization_id, email, display_name, employment_type, status, manager_email, source, team_id) VALUES ($1, $2, $2, 'EMPLOYEE', $3, $4, 'hr-roster', $5) RETURNING id`,
        [org, email, status, manager, team],
      );
      const [{ id: account }] = await q(
        `INSERT INTO account (organization_id, system, external_id, user_name, identity_id, status) VALUES ($1, 'aws', $2, $2, $3, 'ACTIVE') RETURNING id`,
        [org, email, id],
      );
      for (const [name, production] of entitlements) {
        await q(`INSERT INTO entitlement (organization_id, account_id, name, production) VALUES ($1, $2, $3, $4)`, [org, account, name, production]);
      }
    };
    await person('ana@acme.test', 'ACTIVE', 'boss@acme.test', [['prod-admin', true], ['wiki', false]], payments);
    await person('bo@acme.test', 'ACTIVE', null, [['prod-readonly', true]], identityTeam);
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
      { identityEmail: 'ana@acme.test', entitlement: 'prod-admin', decision: 'revoke', reason: ' ', reviewerEmail: 'boss@acme.test', reviewerTeamIds: null },
      now,
    );
    expect(revoked).toMatchObject({ total: 2, decided: 1 });
    const after = await reviews.decide(
      org,
      campaign!.id,
      { identityEmail: 'ANA@acme.test', entitlement: 'prod-admin', decision: 'keep', reason: null, reviewerEmail: 'boss@acme.test', reviewerTeamIds: null },
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

  describe('who may decide (organisation-wide roles: every team; an engineering lead: the teams they lead; nobody: themselves)', () => {
    const decision = (campaignId: string, over: Partial<Parameters<AccessReviewService['decide']>[2]>) =>
      reviews.decide(
        org,
        campaignId,
        { identityEmail: 'ana@acme.test', entitlement: 'prod-admin', decision: 'KEEP', reason: null, reviewerEmail: 'ciso@acme.test', reviewerTeamIds: null, ...over },
        now,
      );
    const decidedBy = async (campaignId: string, identity: string) =>
      (
        (await db.dataSource.query(`SELECT reviewer_email, decision FROM access_review_decision WHERE campaign_id = $1 AND identity_email = $2`, [
          campaignId,
          identity,
        ])) as { reviewer_email: string; decision: string | null }[]
      )[0];
    let campaignId: string;

    beforeAll(async () => {
      campaignId = (await reviews.create(org, 'Who decides', new Date('2026-12-31T00:00:00Z'), 'production', now)).id;
    });

    it('refuses a decision on one’s own entitlement, even for an organisation-wide role, and records nothing', async () => {
      await expect(decision(campaignId, { reviewerEmail: 'Ana@Acme.test' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'You may not decide on your own entitlements' });
      await expect(decision(campaignId, { reviewerEmail: 'ana@acme.test', reviewerTeamIds: [payments] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await decidedBy(campaignId, 'ana@acme.test')).toEqual({ reviewer_email: 'boss@acme.test', decision: null });
    });

    it('refuses an engineering lead an item of a team they do not lead, and of a person in no team', async () => {
      await expect(decision(campaignId, { identityEmail: 'bo@acme.test', entitlement: 'prod-readonly', reviewerEmail: 'boss@acme.test', reviewerTeamIds: [payments] })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'bo@acme.test is not in a team you lead',
      });
      await expect(decision(campaignId, { reviewerEmail: 'lead@acme.test', reviewerTeamIds: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await decidedBy(campaignId, 'bo@acme.test')).toEqual({ reviewer_email: 'unassigned', decision: null });
    });

    it('lets an engineering lead decide on their team’s items and an organisation-wide role on any team’s', async () => {
      await expect(decision(campaignId, { reviewerEmail: 'boss@acme.test', reviewerTeamIds: [payments], decision: 'REVOKE' })).resolves.toMatchObject({ decided: 1 });
      expect(await decidedBy(campaignId, 'ana@acme.test')).toEqual({ reviewer_email: 'boss@acme.test', decision: 'REVOKE' });
      await expect(decision(campaignId, { identityEmail: 'bo@acme.test', entitlement: 'prod-readonly' })).resolves.toMatchObject({ decided: 2 });
    });

    it('refuses an item the campaign does not list instead of creating it', async () => {
      await expect(decision(campaignId, { entitlement: 'wiki' })).rejects.toThrow('Campaign "Who decides" has no item for ana@acme.test / wiki');
      const [{ count }] = (await db.dataSource.query(`SELECT count(*)::int AS count FROM access_review_decision WHERE campaign_id = $1`, [campaignId])) as { count: number }[];
      expect(count).toBe(2);
    });

    it('refuses every decision in a campaign with no items', async () => {
      const empty = await reviews.create(org, 'Nothing privileged', new Date('2026-12-31T00:00:00Z'), 'privileged', now);
      expect(empty.total).toBe(0);
      await expect(decision(empty.id, {})).rejects.toThrow('Campaign "Nothing privileged" has no items to decide on');
      const [{ count }] = (await db.dataSource.query(`SELECT count(*)::int AS count FROM access_review_decision WHERE campaign_id = $1`, [empty.id])) as { count: number }[];
      expect(count).toBe(0);
    });
  });
});
