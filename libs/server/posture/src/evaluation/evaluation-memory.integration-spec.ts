import { AccessRollupFoldRepository, CurrentPostureRepository, FindingRepository, type OrganizationEntity, OrganizationRepository, PostureInputRepository, ScoreSnapshotRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { NotificationOutbox } from '@postureboard/server-notifications';
import { OrganizationService } from '@postureboard/server-organization';
import { ACTIVITY_WINDOW_DAYS } from '@postureboard/domain';
import { PostureError, PostureErrorCode, toGraphQLError } from '../common/posture.error.js';
import { BYTES_PER_ACTIVITY_ROW, type EvaluationMemory } from './evaluation-memory.js';
import { EvaluationService } from './evaluation.service.js';

const DAY = 24 * 3600 * 1000;
const asOf = new Date('2026-11-20T12:00:00Z');

describe('an evaluation at an instant and the memory it needs', () => {
  let db: TestDatabase;
  let organization: OrganizationEntity;
  const withSpare = (spareBytes: number) => {
    const ds = db.dataSource;
    const memory: EvaluationMemory = { spareBytes: () => spareBytes };
    return new EvaluationService(ds, new PostureInputRepository(ds), new FindingRepository(ds), new CurrentPostureRepository(ds), new ScoreSnapshotRepository(ds), NotificationOutbox.on(ds), new AccessRollupFoldRepository(ds), memory);
  };
  const IN_WINDOW = 30;

  beforeAll(async () => {
    db = await createTestDatabase();
    organization = await new OrganizationService(new OrganizationRepository(db.dataSource)).create({ slug: 'acme', name: 'Acme', approvedCountries: ['KR'], currency: 'KRW' });
    // 30 rollups inside the activity window and 5 older than it (never read, so never counted).
    for (let i = 0; i < IN_WINDOW + 5; i++) {
      const daysBefore = i < IN_WINDOW ? i : ACTIVITY_WINDOW_DAYS + 10 + i;
      await db.dataSource.query(
        `INSERT INTO access_daily_rollup (organization_id, day, principal, credential_external_id, country, events, bytes, records, first_at, last_at)
         VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC')::date, $3, '', 'KR', 3, 1000, 0, $2, $2)`,
        [organization.id, new Date(asOf.getTime() - daysBefore * DAY), `user-${i}`],
      );
    }
  });

  afterAll(() => db.drop());

  it('counts the rollups of the window it would read, and only those', async () => {
    expect(await new PostureInputRepository(db.dataSource).activityRowsAt(organization.id, asOf)).toBe(IN_WINDOW);
  });

  it('refuses with a clear error, before reading, when the window would not fit the heap left; evaluates when it would', async () => {
    const needed = IN_WINDOW * BYTES_PER_ACTIVITY_ROW;
    const refused = await withSpare(needed - 1).evaluateAt(organization.id, asOf).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PostureError);
    expect((refused as PostureError).code).toBe(PostureErrorCode.EVALUATION_TOO_LARGE);
    expect((refused as PostureError).message).toMatch(/30 daily activity rollups/);
    expect((refused as PostureError).message).toMatch(/API_HEAP_MB/);
    expect((toGraphQLError(refused) as { extensions: { code: string } }).extensions.code).toBe('SERVICE_UNAVAILABLE');

    const evaluated = await withSpare(needed).evaluateAt(organization.id, asOf);
    expect(evaluated.asOf).toEqual(asOf);
    expect(evaluated.input.activity.rollups).toHaveLength(IN_WINDOW);
  });
});
