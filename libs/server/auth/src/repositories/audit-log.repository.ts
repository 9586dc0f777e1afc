import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { firstRow, rows } from './sql.js';

export type AuditActorType = 'USER' | 'API_TOKEN' | 'CLI' | 'SYSTEM' | 'ANONYMOUS';
export type AuditOutcome = 'SUCCESS' | 'FAILURE';

export interface AuditRecord {
  seq: number;
  occurredAt: Date;
  actorType: AuditActorType;
  actorId: string | null;
  actor: string;
  organizationId: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
  /** How the entry is sealed: 1 SHA-256 (before the keyed chain), 2 HMAC-SHA256 (see audit-chain.ts). */
  chainVersion: 1 | 2;
  /** The id of the master key a keyed entry was sealed under; null for version 1. */
  keyId: string | null;
}

export interface AuditHead {
  seq: number;
  hash: string;
  /** The newest entry's chain version (null when audit_head names an entry that is gone). */
  chainVersion: 1 | 2 | null;
}

/** Reads stored entries in chain order inside the append's transaction (a key rotation digests them all). */
export type AuditBatchReader = (afterSeq: number, limit: number) => Promise<AuditRecord[]>;

const COLUMNS = `seq::float8 AS seq, occurred_at AS "occurredAt", actor_type AS "actorType", actor_id AS "actorId", actor,
  organization_id AS "organizationId", action, target, outcome, details, prev_hash AS "prevHash", hash,
  chain_version AS "chainVersion", key_id AS "keyId"`;

const HEAD = `SELECT h.seq::float8 AS seq, h.hash, l.chain_version AS "chainVersion" FROM audit_head h LEFT JOIN audit_log l ON l.seq = h.seq`;

/** Any number stays constant: it names the lock that keeps the chain a single line across replicas. */
const APPEND_LOCK = 7_160_002;

@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends entries. `seal` receives the current head (null for the first entry) and returns the complete
   * records to append, each linked to the one before; the advisory lock keeps concurrent appends from forking
   * the chain, and `read` sees the chain as it is under that lock.
   */
  append(seal: (head: AuditHead | null, read: AuditBatchReader) => AuditRecord[] | Promise<AuditRecord[]>): Promise<AuditRecord[]> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const head = await firstRow<AuditHead>(tx, HEAD);
      const records = await seal(head, (afterSeq, limit) => rows<AuditRecord>(tx, `SELECT ${COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit]));
      for (const record of records) {
        await tx.query(
          `INSERT INTO audit_log (seq, occurred_at, actor_type, actor_id, actor, organization_id, action, target, outcome, details, prev_hash, hash, chain_version, key_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14)`,
          [
            record.seq,
            record.occurredAt,
            record.actorType,
            record.actorId,
            record.actor,
            record.organizationId,
            record.action,
            record.target,
            record.outcome,
            JSON.stringify(record.details),
            record.prevHash,
            record.hash,
            record.chainVersion,
            record.keyId,
          ],
        );
      }
      const last = records.at(-1);
      if (last) {
        await tx.query(`INSERT INTO audit_head (id, seq, hash) VALUES (true, $1, $2) ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`, [
          last.seq,
          last.hash,
        ]);
      }
      return records;
    });
  }

  head(): Promise<AuditHead | null> {
    return firstRow<AuditHead>(this.dataSource, HEAD);
  }

  /** The stored entry of one sequence number (a checkpoint names one). */
  entryAt(seq: number): Promise<AuditRecord | null> {
    return firstRow<AuditRecord>(this.dataSource, `SELECT ${COLUMNS} FROM audit_log WHERE seq = $1`, [seq]);
  }

  /** Entries after `afterSeq` in chain order, a batch at a time (verification reads the whole chain). */
  batchAfter(afterSeq: number, limit: number): Promise<AuditRecord[]> {
    return rows<AuditRecord>(this.dataSource, `SELECT ${COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit]);
  }

  /** Newest first. */
  list(filter: { organizationId: string | null; beforeSeq: number | null; limit: number; actionPrefix?: string | null; outcome?: AuditOutcome | null }): Promise<AuditRecord[]> {
    return rows<AuditRecord>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM audit_log
       WHERE ($1::uuid IS NULL OR organization_id = $1) AND ($2::bigint IS NULL OR seq < $2)
         AND ($4::text IS NULL OR starts_with(action, $4)) AND ($5::text IS NULL OR outcome = $5)
       ORDER BY seq DESC LIMIT $3`,
      [filter.organizationId, filter.beforeSeq, filter.limit, filter.actionPrefix ?? null, filter.outcome ?? null],
    );
  }
}
