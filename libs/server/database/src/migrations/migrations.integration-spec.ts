import { createDataSource, hasPendingMigrations, migrate } from '../data-source/data-source.js';
import { createEmptyTestDatabase } from '../testing/test-database.js';
import { migrations } from './index.js';

describe('migrations', () => {
  it('apply on an empty database, leave nothing pending, and are idempotent', async () => {
    const db = await createEmptyTestDatabase();
    const dataSource = createDataSource(db.url);
    await dataSource.initialize();
    try {
      expect(await hasPendingMigrations(dataSource)).toBe(true);
      const first = await migrate(dataSource);
      expect(first).toEqual(migrations.map((m) => m.name));
      expect(await hasPendingMigrations(dataSource)).toBe(false);
      expect(await migrate(dataSource)).toEqual([]);
      const tables = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(
        expect.arrayContaining(['organization', 'credential', 'finding', 'score_snapshot', 'access_event', 'ingest_run']),
      );
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('revert cleanly with down(), newest first, leaving no table behind', async () => {
    const db = await createEmptyTestDatabase();
    const dataSource = createDataSource(db.url);
    await dataSource.initialize();
    try {
      await migrate(dataSource);
      for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'all' });
      const [{ count }] = await dataSource.query(
        `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migration'`,
      );
      expect(count).toBe(0);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});
