import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';

describe('the application pool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('names itself and compiles no query (JIT off: the leaver evidence query spent most of its time compiling)', async () => {
    const [row] = (await db.dataSource.query(`SELECT current_setting('jit') AS jit, current_setting('application_name') AS name`)) as { jit: string; name: string }[];
    expect(row).toEqual({ jit: 'off', name: 'postureboard' });
  });
});
