import type { SlaStatus } from '@postureboard/domain';
import { CredentialViewRepository, OrganizationRepository, RotationPolicyRepository, TeamRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { OrganizationService } from '@postureboard/server-organization';
import { RotationPolicyService } from '../settings/rotation-policy.service.js';
import { TeamService } from '../settings/team.service.js';
import { CredentialInventoryService, weekStartOf, type CredentialView } from './credential-inventory.service.js';
import { InventoryError } from './inventory.error.js';

const DAY = 86_400_000;
// A Friday; its week starts Monday 2026-11-16.
const asOf = new Date('2026-11-20T12:00:00Z');
const daysAgo = (n: number): Date => new Date(asOf.getTime() - n * DAY);

describe('credential inventory on PostgreSQL', () => {
  let db: TestDatabase;
  let inventory: CredentialInventoryService;
  let payments: string;
  let identityTeam: string;

  const all = async (filter = {}): Promise<CredentialView[]> =>
    (await inventory.credentials('acme', filter, 500, null, asOf)).edges.map((e) => e.credential);
  const byName = async (): Promise<Map<string, CredentialView>> => new Map((await all()).map((c) => [c.name, c]));

  beforeAll(async () => {
    db = await createTestDatabase();
    const ds = db.dataSource;
    const organizations = new OrganizationService(new OrganizationRepository(ds));
    const teams = new TeamService(organizations, new TeamRepository(ds));
    const policies = new RotationPolicyService(organizations, new RotationPolicyRepository(ds), teams);
    inventory = new CredentialInventoryService(organizations, policies, new CredentialViewRepository(ds));
    const org = await organizations.create({ slug: 'acme', name: 'Acme' });
    payments = (await teams.create('acme', { name: 'Payments' })).id;
    identityTeam = (await teams.create('acme', { name: 'Identity' })).id;
    // Payments rotates production access keys monthly: max 30, warning 7, no grace.
    await policies.set('acme', { kind: 'ACCESS_KEY', environment: 'PRODUCTION', maxAgeDays: 30, warningDays: 7, graceDays: 0, teamId: payments });
    const [owner] = (await ds.query(
      `INSERT INTO identity (organization_id, email, display_name, employment_type, status, team_id, source)
       VALUES ($1, 'dev@acme.test', 'Dana Dev', 'EMPLOYEE', 'ACTIVE', $2, 'hr') RETURNING id`,
      [org.id, identityTeam],
    )) as { id: string }[];
    const credential = (
      name: string,
      kind: string,
      environment: string,
      rotatedDaysAgo: number,
      extra: { teamId?: string; ownerId?: string; status?: string; deactivatedDaysAgo?: number; expiresDaysAgo?: number } = {},
    ) =>
      ds.query(
        `INSERT INTO credential (organization_id, source, external_id, kind, name, environment, status, created_at, last_rotated_at,
           first_seen_at, deactivated_at, expires_at, owner_identity_id, team_id, owner_ref)
         VALUES ($1, 'test', $2, $3, $2, $4, $5, $6, $6, $6, $7, $8, $9, $10, 'ops@acme.test')`,
        [
          org.id,
          name,
          kind,
          environment,
          extra.status ?? 'ACTIVE',
          daysAgo(rotatedDaysAgo),
          extra.deactivatedDaysAgo === undefined ? null : daysAgo(extra.deactivatedDaysAgo),
          extra.expiresDaysAgo === undefined ? null : daysAgo(extra.expiresDaysAgo),
          extra.ownerId ?? null,
          extra.teamId ?? null,
        ],
      );
    // Payments (its own team id), under its 30/7/0 override for production access keys.
    await credential('p1', 'ACCESS_KEY', 'PRODUCTION', 10, { teamId: payments }); // 10 < 30 - 7 = 23: WITHIN_POLICY
    await credential('p2', 'ACCESS_KEY', 'PRODUCTION', 25, { teamId: payments }); // 25 >= 23: DUE_SOON
    await credential('p3', 'ACCESS_KEY', 'PRODUCTION', 45, { teamId: payments }); // 45 > 30: OVERDUE by 45 - 30 = 15
    await credential('p4', 'SIGNING_KEY', 'PRODUCTION', 3650, { teamId: payments }); // default 365: OVERDUE by 3650 - 365 = 3285
    // Identity, through the owner's team; defaults: production access key 90/14/0, development 90/14/7.
    await credential('i1', 'ACCESS_KEY', 'PRODUCTION', 90, { ownerId: owner!.id }); // exactly 90: due, not overdue: DUE_SOON
    await credential('i2', 'ACCESS_KEY', 'DEVELOPMENT', 95, { ownerId: owner!.id }); // 95 <= 90 + 7 grace: DUE_SOON
    await credential('i3', 'ACCESS_KEY', 'DEVELOPMENT', 98, { ownerId: owner!.id }); // 98 > 97: OVERDUE by 98 - 90 = 8
    await credential('i4', 'SIGNING_KEY', 'PRODUCTION', 2000, { ownerId: owner!.id, status: 'INACTIVE', deactivatedDaysAgo: 10 }); // inactive
    // Nobody's: default API token 90/14/0, access key 90/14/0.
    await credential('u1', 'API_TOKEN', 'PRODUCTION', 100); // OVERDUE by 10
    await credential('u2', 'CERTIFICATE', 'PRODUCTION', 10, { expiresDaysAgo: 5 }); // expired: inactive
    await credential('w1', 'ACCESS_KEY', 'PRODUCTION', 76); // 76 >= 90 - 14: DUE_SOON (warning boundary)
    await credential('w2', 'ACCESS_KEY', 'PRODUCTION', 75); // 75 < 76: WITHIN_POLICY
  });

  afterAll(() => db.drop());

  it('counts active credentials per team by SLA status, with golden values', async () => {
    const rows = await inventory.rotationSla('acme', asOf);
    expect(rows).toEqual([
      { teamId: payments, withinPolicy: 1, dueSoon: 1, overdue: 2, maxDaysOverdue: 3285, oldestKeyAgeDays: 3650 },
      { teamId: identityTeam, withinPolicy: 0, dueSoon: 2, overdue: 1, maxDaysOverdue: 8, oldestKeyAgeDays: 98 },
      // Unowned keys last; the inactive i4 and the expired u2 count nowhere.
      { teamId: null, withinPolicy: 1, dueSoon: 1, overdue: 1, maxDaysOverdue: 10, oldestKeyAgeDays: 100 },
    ]);
  });

  it('shows each credential with the SLA the domain computes under its resolved policy', async () => {
    const credentials = await byName();
    expect(credentials.get('p3')).toMatchObject({
      slaStatus: 'OVERDUE',
      ageDays: 45,
      daysOverdue: 15,
      policyMaxAgeDays: 30,
      dueAt: new Date(daysAgo(45).getTime() + 30 * DAY),
      teamId: payments,
      owner: 'ops@acme.test',
    });
    expect(credentials.get('i1')).toMatchObject({ slaStatus: 'DUE_SOON', daysOverdue: 0, policyMaxAgeDays: 90, teamId: identityTeam, owner: 'Dana Dev' });
    expect(credentials.get('i4')).toMatchObject({ status: 'INACTIVE', slaStatus: null, dueAt: null, daysOverdue: null, ageDays: 2000 });
    expect(credentials.get('u2')).toMatchObject({ slaStatus: null, teamId: null });
  });

  it('derives the status shown from the validity interval at the instant asked, and says whether use is observed', async () => {
    // u2: a certificate valid from 10 days ago until 5 days ago, stored ACTIVE (no EXPIRED read from a clock).
    expect((await byName()).get('u2')).toMatchObject({ status: 'EXPIRED', useObserved: false });
    const earlier = (await inventory.credentials('acme', {}, 500, null, daysAgo(7))).edges.map((e) => e.credential);
    expect(earlier.find((c) => c.name === 'u2')).toMatchObject({ status: 'ACTIVE', slaStatus: 'WITHIN_POLICY' });
    // i4 was deactivated 10 days ago: ACTIVE on a day before that.
    expect(earlier.find((c) => c.name === 'i4')).toMatchObject({ status: 'INACTIVE' });
    const beforeDeactivation = (await inventory.credentials('acme', {}, 500, null, daysAgo(12))).edges.map((e) => e.credential);
    expect(beforeDeactivation.find((c) => c.name === 'i4')).toMatchObject({ status: 'ACTIVE', slaStatus: 'OVERDUE' });
  });

  /** The SQL classification (filters, counts, burn-down) must match the domain's, credential by credential. */
  const expectSqlToAgreeWithDomain = async (at: Date): Promise<void> => {
    const list = async (filter = {}) => (await inventory.credentials('acme', filter, 500, null, at)).edges.map((e) => e.credential);
    const credentials = await list();
    for (const status of ['WITHIN_POLICY', 'DUE_SOON', 'OVERDUE'] as SlaStatus[]) {
      const inSql = (await list({ slaStatus: status })).map((c) => c.name).sort();
      expect([status, inSql]).toEqual([status, credentials.filter((c) => c.slaStatus === status).map((c) => c.name).sort()]);
    }
  };

  it('filters by SLA status in SQL exactly as the domain classifies every credential', async () => {
    await expectSqlToAgreeWithDomain(asOf);
    expect((await all({ slaStatus: 'OVERDUE' })).map((c) => c.name)).toEqual(['p4', 'p3', 'u1', 'i3']); // most overdue first
  });

  it('agrees with the domain at a past instant too, seeing credentials as they were then', async () => {
    const instant = new Date(asOf.getTime() - 11.5 * DAY);
    await expectSqlToAgreeWithDomain(instant);
    const then = new Map((await inventory.credentials('acme', {}, 500, null, instant)).edges.map((e) => [e.credential.name, e.credential]));
    // i4 was deactivated 10 days before asOf, so 11.5 days before it was still active, and overdue.
    expect(then.get('i4')?.slaStatus).toBe('OVERDUE');
    // p1 was created 10 days before asOf: it did not exist yet.
    expect(then.get('p1')?.slaStatus).toBeNull();
  });

  it('filters by team (including keys owned through a team member), kind, environment and search', async () => {
    expect((await all({ teamId: identityTeam })).map((c) => c.name).sort()).toEqual(['i1', 'i2', 'i3', 'i4']);
    expect((await all({ kind: 'SIGNING_KEY' })).map((c) => c.name).sort()).toEqual(['i4', 'p4']);
    expect((await all({ environment: 'DEVELOPMENT' })).map((c) => c.name).sort()).toEqual(['i2', 'i3']);
    expect((await all({ search: 'dana' })).map((c) => c.name).sort()).toEqual(['i1', 'i2', 'i3', 'i4']);
    expect(await all({ search: '100%' })).toEqual([]);
  });

  it('pages with cursors through every credential once, inactive ones last', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<CredentialInventoryService['credentials']>> = await inventory.credentials('acme', {}, 5, after, asOf);
      expect(page.totalCount).toBe(12);
      seen.push(...page.edges.map((e) => e.credential.name));
      after = page.hasNextPage ? page.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(seen.slice(-2).sort()).toEqual(['i4', 'u2']);
  });

  it('rejects a forged cursor, a malformed team id and an oversized page', async () => {
    await expect(inventory.credentials('acme', {}, 10, 'not-a-cursor', asOf)).rejects.toThrow(InventoryError);
    await expect(inventory.credentials('acme', { teamId: 'payments' }, 10, null, asOf)).rejects.toThrow('is not a team id');
    await expect(inventory.credentials('acme', {}, 501, null, asOf)).rejects.toThrow('first must be from 1 to 500');
  });

  it('burns down from stored snapshots where a week has one, and recomputes the others', async () => {
    // Week of 11-02, judged at 11-08 23:59:59.999 (11.5 days before asOf): p3, p4 and the still-active i4.
    // Week of 11-16 (current), judged at asOf: p3, p4, i3, u1.
    expect(await inventory.rotationBurndown('acme', 3, asOf)).toEqual([
      { weekOf: new Date('2026-11-02T00:00:00Z'), overdue: 3 },
      // 11-15 23:59:59.999 (4.5 days before): p3, p4, u1 (i3 is 93 days old, inside its 7-day grace).
      { weekOf: new Date('2026-11-09T00:00:00Z'), overdue: 3 },
      { weekOf: new Date('2026-11-16T00:00:00Z'), overdue: 4 },
    ]);
    const [{ id }] = (await db.dataSource.query(`SELECT id FROM organization WHERE slug = 'acme'`)) as { id: string }[];
    await db.dataSource.query(`INSERT INTO score_snapshot (organization_id, as_of, trigger, posture) VALUES ($1, '2026-11-10T00:00:00Z', 'SEED', '{"overdueKeys": 42}')`, [id]);
    expect((await inventory.rotationBurndown('acme', 3, asOf)).map((p) => p.overdue)).toEqual([3, 42, 4]);
  });

  it('puts every instant in the week that starts on its Monday (UTC)', () => {
    expect(weekStartOf(new Date('2026-11-16T00:00:00Z'))).toEqual(new Date('2026-11-16T00:00:00Z'));
    expect(weekStartOf(new Date('2026-11-22T23:59:59.999Z'))).toEqual(new Date('2026-11-16T00:00:00Z'));
    expect(weekStartOf(new Date('2026-11-23T00:00:00Z'))).toEqual(new Date('2026-11-23T00:00:00Z'));
  });
});
