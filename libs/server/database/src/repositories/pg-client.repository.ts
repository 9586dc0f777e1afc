import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/** A connection inside a transaction (or any pg client): what the set-based stores write through. */
export type SqlClient = pg.ClientBase;

/** What a multi-row upsert did, counted by the database (`xmax = 0` marks an insert). */
export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface TransactionOptions {
  /** Bounds every statement of the transaction (a run's timeout); 0 or unset for none. */
  statementTimeoutMs?: number;
}

/**
 * Raw pg access on the application's pool for work TypeORM cannot express well: one transaction
 * spanning many set-based statements and COPY streams, and the job queue's SQL.
 */
@Injectable()
export class PgClientRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get pool(): pg.Pool {
    return (this.dataSource.driver as PostgresDriver).master as pg.Pool;
  }

  /** Runs `work` in one transaction on one connection; any error rolls everything back. */
  async transaction<T>(work: (client: SqlClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    // A connection lost while checked out emits 'error' on the client; unheard, that would crash the process.
    // The failing query rejects as well, which is what rolls the work back.
    const onError = (): void => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      if (options.statementTimeoutMs) {
        await client.query(`SELECT set_config('statement_timeout', $1, true)`, [String(Math.ceil(options.statementTimeoutMs))]);
      }
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        // The connection itself is gone (terminated, network): the server rolled back already.
        broken = true;
      }
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /** A statement outside any transaction (autocommit), e.g. run bookkeeping that must survive a rollback. */
  async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    const result = await this.pool.query<R>(text, values);
    return result.rows;
  }

  /** The pool in the shape pg-boss accepts as its `db`, so the queue shares the application's connections. */
  executeSql = (text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> => this.pool.query(text, values);
}
