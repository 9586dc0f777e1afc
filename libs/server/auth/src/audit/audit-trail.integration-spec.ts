import { createAuthTestContext, type AuthTestContext } from '../testing/auth-test-context.js';
import { cliActor, SYSTEM_ACTOR } from './audit-actor.js';
import { AuditTrail } from './audit-trail.service.js';

describe('AuditTrail on PostgreSQL', () => {
  let ctx: AuthTestContext;
  let audit: AuditTrail;

  /** Tampering needs the table owner to switch the append-only trigger off first, as an attacker with the database would. */
  const tamper = async (sql: string, params: unknown[] = []) => {
    await ctx.dataSource.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
    try {
      await ctx.dataSource.query(sql, params);
    } finally {
      await ctx.dataSource.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
    }
  };

  beforeEach(async () => {
    ctx = await createAuthTestContext();
    audit = ctx.get(AuditTrail);
    const org = await ctx.createOrganization('acme');
    for (let i = 1; i <= 5; i++) {
      await audit.append({ actor: cliActor(), action: 'report.exported', organizationId: org.id, target: `report-${i}`, details: { format: 'pdf', pages: i } });
      ctx.clock.advance(1000);
    }
  });
  afterEach(() => ctx.close());

  it('verifies an untouched trail', async () => {
    expect(await audit.verify()).toEqual({ valid: true, entries: 5, problems: [] });
  });

  it('refuses UPDATE and DELETE outright (append-only)', async () => {
    await expect(ctx.dataSource.query(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 2`)).rejects.toThrow(/append-only/);
    await expect(ctx.dataSource.query(`DELETE FROM audit_log WHERE seq = 2`)).rejects.toThrow(/append-only/);
  });

  it('detects an edited entry', async () => {
    await tamper(`UPDATE audit_log SET target = 'nothing to see' WHERE seq = 3`);
    const result = await audit.verify();
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'EDITED', seq: 3 })]);
  });

  it('detects an edited entry whose own hash was recomputed, through the link to the next one', async () => {
    await tamper(`UPDATE audit_log SET hash = repeat('a', 64) WHERE seq = 2`);
    const result = await audit.verify();
    expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([
      ['EDITED', 2],
      ['BROKEN_LINK', 3],
    ]);
  });

  it('detects a deleted entry in the middle', async () => {
    await tamper(`DELETE FROM audit_log WHERE seq = 2`);
    const result = await audit.verify();
    expect(result.valid).toBe(false);
    expect(result.problems[0]).toMatchObject({ kind: 'MISSING', seq: 2 });
  });

  it('detects deleted entries at the end of the trail', async () => {
    await tamper(`DELETE FROM audit_log WHERE seq >= 4`);
    const result = await audit.verify();
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'TAIL_MISSING', seq: 4 })]);
  });

  it('keeps one unbroken chain when entries are appended concurrently', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit.append({ actor: SYSTEM_ACTOR, action: 'test.parallel', target: String(i) })));
    expect(await audit.verify()).toMatchObject({ valid: true, entries: 25 });
  });

  it('redacts secrets a caller passes by mistake', async () => {
    await audit.append({ actor: SYSTEM_ACTOR, action: 'connector.changed', details: { password: 'hunter2-hunter2', note: 'pbt_' + 'x'.repeat(43) } });
    const [row] = await ctx.dataSource.query(`SELECT details FROM audit_log WHERE action = 'connector.changed'`);
    expect(row.details).toEqual({ password: '[redacted]', note: '[redacted]' });
    expect((await audit.verify()).valid).toBe(true);
  });
});
