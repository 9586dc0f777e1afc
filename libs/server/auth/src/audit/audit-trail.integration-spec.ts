import { createAuthTestContext, type AuthTestContext } from '../testing/auth-test-context.js';
import { cliActor, SYSTEM_ACTOR } from './audit-actor.js';
import { AuditTrail } from './audit-trail.service.js';
import { hashEntry } from './audit-chain.js';
import { parseCheckpoint } from './audit-checkpoint.js';

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
  /** What an attacker with the database can do: re-seal rows from `fromSeq` on with the product's published (unkeyed) hash, and move the head. */
  const rehashFrom = async (fromSeq: number, asVersion: 1 | 2, throughSeq = Infinity) => {
    const rows = (await ctx.dataSource.query(
      `SELECT seq::float8 AS seq, occurred_at AS "occurredAt", actor_type AS "actorType", actor_id AS "actorId", actor, organization_id AS "organizationId",
              action, target, outcome, details, prev_hash AS "prevHash", hash, key_id AS "keyId" FROM audit_log ORDER BY seq`,
    )) as (Parameters<typeof hashEntry>[1] & { prevHash: string; hash: string; keyId: string | null })[];
    let prevHash = rows.find((r) => r.seq === fromSeq - 1)?.hash ?? '0'.repeat(64);
    for (const row of rows.filter((r) => r.seq >= fromSeq && r.seq <= throughSeq)) {
      const hash = hashEntry(prevHash, row);
      await tamper(`UPDATE audit_log SET prev_hash = $2, hash = $3, chain_version = $4, key_id = $5 WHERE seq = $1`, [row.seq, prevHash, hash, asVersion, asVersion === 1 ? null : row.keyId]);
      prevHash = hash;
    }
    if (throughSeq >= rows.length) await ctx.dataSource.query(`UPDATE audit_head SET hash = $1`, [prevHash]);
  };
  /** Deletes the newest entries and moves the head back, so what remains is a consistent chain. */
  const truncateAfter = async (seq: number) => {
    await tamper(`DELETE FROM audit_log WHERE seq > $1`, [seq]);
    await ctx.dataSource.query(`UPDATE audit_head SET seq = l.seq, hash = l.hash FROM audit_log l WHERE l.seq = $1`, [seq]);
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

  describe('keyed chain (HMAC under a key derived from POSTUREBOARD_SECRET_KEY) and signed checkpoints', () => {
    it('seals every new entry with the keyed chain and a key id, and no key column holds a key', async () => {
      const rows = (await ctx.dataSource.query(`SELECT chain_version, key_id FROM audit_log ORDER BY seq`)) as { chain_version: number; key_id: string }[];
      expect(new Set(rows.map((r) => r.chain_version))).toEqual(new Set([2]));
      expect(rows[0]!.key_id).toMatch(/^[0-9a-f]{16}$/);
    });

    it('detects an edited entry re-hashed with the product’s own hash and the head moved (the attack that passed before)', async () => {
      await tamper(`UPDATE audit_log SET target = 'nothing to see' WHERE seq = 3`);
      await rehashFrom(3, 2);
      const keyedKept = await audit.verify();
      expect(keyedKept.valid).toBe(false);
      expect(keyedKept.problems.map((p) => [p.kind, p.seq])).toEqual([
        ['EDITED', 3],
        ['EDITED', 4],
        ['EDITED', 5],
      ]);
      await rehashFrom(3, 1);
      expect((await audit.verify()).problems.map((p) => p.kind)).toEqual(['UNKEYED', 'UNKEYED', 'UNKEYED', 'UNKEYED_HEAD']);
    });

    it('detects the newest entries deleted and the head moved, against a checkpoint taken before', async () => {
      const checkpoint = parseCheckpoint(JSON.stringify(await audit.checkpoint('acme')), 'checkpoint.json');
      expect(checkpoint).toMatchObject({ organization: 'acme', seq: 5 });
      await truncateAfter(3);
      // The remaining chain is consistent: only the checkpoint kept outside the database tells.
      expect(await audit.verify()).toEqual({ valid: true, entries: 3, problems: [] });
      const result = await audit.verify({ checkpoint });
      expect(result.valid).toBe(false);
      expect(result.problems).toEqual([expect.objectContaining({ kind: 'TRUNCATED', seq: 5 })]);
    });

    it('detects a truncated trail grown back past the checkpoint, and a checkpoint edited to fit', async () => {
      const checkpoint = await audit.checkpoint('acme');
      await truncateAfter(3);
      for (let i = 0; i < 3; i++) await audit.append({ actor: SYSTEM_ACTOR, action: 'test.after', target: String(i) });
      expect((await audit.verify({ checkpoint })).problems).toEqual([expect.objectContaining({ kind: 'REWRITTEN', seq: 5 })]);
      expect((await audit.verify({ checkpoint: { ...checkpoint, seq: 3 } })).problems).toEqual([expect.objectContaining({ kind: 'CHECKPOINT_INVALID' })]);
      const fresh = await audit.checkpoint(null);
      expect(await audit.verify({ checkpoint: fresh })).toMatchObject({ valid: true, entries: 6 });
    });

    it('upgrades a trail written before the keyed chain: the unkeyed entries keep verifying, a cut-over entry seals them', async () => {
      // The trail as the previous release left it: version-1 (SHA-256) entries only.
      await rehashFrom(1, 1);
      expect((await audit.verify()).problems.map((p) => p.kind)).toEqual(['UNKEYED_HEAD']);
      await audit.sealUnkeyedHead();
      await audit.sealUnkeyedHead();
      const rows = (await ctx.dataSource.query(`SELECT seq::int, action, chain_version FROM audit_log WHERE seq > 4 ORDER BY seq`)) as object[];
      expect(rows).toEqual([
        { seq: 5, action: 'report.exported', chain_version: 1 },
        { seq: 6, action: 'audit.chain-keyed', chain_version: 2 },
      ]);
      expect(await audit.verify()).toEqual({ valid: true, entries: 6, problems: [] });
      await tamper(`UPDATE audit_log SET target = 'nothing to see' WHERE seq = 2`);
      await rehashFrom(2, 1, 5);
      expect((await audit.verify()).problems.map((p) => [p.kind, p.seq])).toEqual([['BROKEN_LINK', 6]]);
      await rehashFrom(2, 1);
      expect((await audit.verify()).problems.map((p) => [p.kind, p.seq])).toEqual([['UNKEYED_HEAD', 6]]);
    });

    it('keeps the trail verifiable across a rotation of the master key', async () => {
      await audit.recordKeyRotation(Buffer.alloc(32, 42), cliActor());
      await audit.append({ actor: SYSTEM_ACTOR, action: 'test.after-rotation' });
      expect(await audit.verify()).toEqual({ valid: true, entries: 7, problems: [] });
      await tamper(`UPDATE audit_log SET target = 'nothing to see' WHERE seq = 2`);
      expect((await audit.verify()).problems.map((p) => [p.kind, p.seq])).toEqual([
        ['EDITED', 6],
        ['UNKNOWN_KEY', 1],
      ]);
    });
  });
});
