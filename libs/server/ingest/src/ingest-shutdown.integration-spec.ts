import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createIngestTestContext } from './testing/ingest-test-context.js';

const HR_HEADER = 'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email';

describe('shutting down during a file ingest', () => {
  it('gives an inline run the grace period, then aborts it: the run is FAILED and close() returns within the bound', async () => {
    const ctx = await createIngestTestContext({ shutdownGraceMs: 500 });
    try {
      const file = join(ctx.dir, 'roster.csv');
      const rows = Array.from({ length: 400 }, (_, n) => `E${n},p${n}@example.com,Person ${n},employee,active,2020-01-06,,KR,Platform,`);
      writeFileSync(file, [HR_HEADER, ...rows].join('\n'));
      let read = 0;
      // 400 records at 50 ms each: 20 s, far past the grace period.
      const running = ctx.ingest.ingestFile(ctx.organization.slug, 'hr-roster', file, {
        onRecord: async () => {
          read += 1;
          await sleep(50);
        },
      });
      while (read === 0) await sleep(10);
      const started = Date.now();
      await ctx.app.close();
      const closeMs = Date.now() - started;
      const run = await running;
      expect(closeMs).toBeLessThan(5_000);
      expect(run.status).toBe('FAILED');
      expect(run.errorMessage).toMatch(/^the server shut down before the run finished \(after a grace period of 1 s\)/);
      const [stored] = await ctx.db.dataSource.query(`SELECT count(*)::int AS identities FROM identity WHERE organization_id = $1`, [ctx.organization.id]);
      expect(stored).toEqual({ identities: 0 });
    } finally {
      await ctx.db.drop();
    }
  });
});
