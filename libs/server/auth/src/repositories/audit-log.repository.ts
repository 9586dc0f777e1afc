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
}

export interface AuditHead {
  seq: number;
  hash: string;
}

const COLUMNS = `seq::float8 AS seq, occurred_at AS "occurredAt", actor_type AS "actorType", actor_id AS "actorId", actor,
  organization_id AS "organizationId", action, target, outcome, details, prev_hash AS "prevHash", hash`;

/** Any number stays constant: it names the lock that keeps the chain a single line across replicas. */
const APPEND_LOCK = 7_160_002;

@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends one entry. `seal` receives the current head (null for the first entry) and returns the
   * complete record; the advisory lock keeps concurrent appends from forking the chain.
   */
  append(seal: (head: AuditHead | null) => AuditRecord): Promise<AuditRecord> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const head = await firstRow<AuditHead>(tx, 'SELECT seq::float8 AS seq, hash FROM audit_head');
      const record = seal(head);
      await tx.query(
        `INSERT INTO audit_log (seq, occurred_at, actor_type, actor_id, actor, organization_id, action, target, outcome, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)`,
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
        ],
      );
      await tx.query(`INSERT INTO audit_head (id, seq, hash) VALUES (true, $1, $2) ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`, [
        record.seq,
        record.hash,
      ]);
      return record;
    });
  }

  head(): Promise<AuditHead | null> {
    return firstRow<AuditHead>(this.dataSource, 'SELECT seq::float8 AS seq, hash FROM audit_head');
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
