import { Injectable } from '@nestjs/common';
import { from as copyFrom } from 'pg-copy-streams';
import { PgClientRepository, type SqlClient } from './pg-client.repository.js';
import { lockOrganizationForRollups } from './rollup-writer-lock.util.js';

export interface AccessEventRow {
  eventId: string;
  occurredAt: Date;
  principal: string;
  credentialExternalId: string | null;
  sourceIp: string | null;
  country: string | null;
  action: string;
  resource: string | null;
  bytes: number | null;
  records: number | null;
  success: boolean;
}

export interface AccessEventMergeResult {
  /** Rows loaded in this run (duplicates included). */
  staged: number;
  /** Rows new to access_event; the rest were already stored (same source and event id) or repeated in the run. */
  inserted: number;
}

/** Chunk sizes and buffers of a load; tests shrink them to exercise several chunks with few rows. */
export interface AccessEventLoadLimits {
  /**
   * Rows per merge at first; later chunks grow with the run (an eighth of what came before). A chunk ends at
   * the first change of day past that, or at maxChunkRows whatever the day.
   */
  minChunkRows: number;
  maxChunkRows: number;
  /** COPY text held in memory while a merge runs; past it, the load makes the caller wait. */
  maxBufferedBytes: number;
}

const DEFAULT_LIMITS: AccessEventLoadLimits = { minChunkRows: 10_000, maxChunkRows: 500_000, maxBufferedBytes: 8 << 20 };

const STAGING = 'access_event_staging';
const DEFAULT_PARTITION = 'access_event_default';
/** Hand COPY text to the socket in pieces about this size. */
const COPY_PIECE_BYTES = 256 << 10;
const EVENT_COLUMNS = 'event_id, occurred_at, principal, credential_external_id, source_ip, country, action, resource, bytes, records, success';

/**
 * Columns spelled out rather than `LIKE access_event`: LIKE would lock access_event for the whole run. And
 * enough work_mem (for this transaction only) that a chunk's GROUP BY and joins stay in memory.
 */
const STAGING_DDL = `CREATE TEMP TABLE IF NOT EXISTS ${STAGING} (
    event_id text NOT NULL, occurred_at timestamptz NOT NULL, principal text NOT NULL, credential_external_id text,
    source_ip text, country text, action text NOT NULL, resource text, bytes bigint, records bigint, success boolean NOT NULL
  ) ON COMMIT DROP;
  SELECT set_config('work_mem', '64MB', true)`;

const partitionName = (month: string): string => `access_event_y${month.slice(0, 4)}m${month.slice(5, 7)}`;

/**
 * Access events at volume. A run opens one {@link AccessEventLoad}: rows stream by COPY into a per-transaction
 * staging table while the source is still being read, and every chunk of rows is merged into the partitioned
 * table while the next chunk is parsed; the days it inserted events on are recorded for the rollup fold
 * (AccessRollupFoldRepository), which the evaluation job runs. Re-ingesting the same events inserts nothing and
 * records no day.
 */
@Injectable()
export class AccessEventStoreRepository {
  constructor(private readonly pg: PgClientRepository) {}

  /** Starts loading events in the transaction of `client`; the run holds its organization's ingest lock. */
  openLoad(client: SqlClient, organizationId: string, source: string, limits: Partial<AccessEventLoadLimits> = {}): AccessEventLoad {
    return new AccessEventLoad(client, this, organizationId, source, { ...DEFAULT_LIMITS, ...limits });
  }

  /**
   * Monthly partitions for the given months (UTC, `YYYY-MM`), each in its own short transaction on another
   * connection so the DDL lock is held for milliseconds. The table is created on its own and then attached,
   * which needs only SHARE UPDATE EXCLUSIVE on access_event: it does not wait for runs that are writing to it
   * (the one asking included), only for those holding the default partition. A month whose rows already sit
   * in the default partition keeps them there (PostgreSQL refuses the partition otherwise), and a partition
   * that cannot get its locks in time is skipped: rows then land in the default partition, which is correct,
   * only slower. Returns the months that have a partition.
   */
  async ensureMonthlyPartitions(months: Iterable<string>): Promise<string[]> {
    const present: string[] = [];
    for (const month of [...new Set(months)].sort()) {
      if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`Not a month: ${month}`);
      const { from, to } = monthBounds(month);
      const name = partitionName(month);
      const exists = await this.pg.query(`SELECT 1 FROM pg_class WHERE relname = $1 AND relkind = 'r'`, [name]);
      if (exists.length > 0) {
        present.push(month);
        continue;
      }
      try {
        const attached = await this.pg.transaction(async (client) => {
          await client.query(`SET LOCAL lock_timeout = '5s'`);
          const stragglers = await client.query(`SELECT 1 FROM ${DEFAULT_PARTITION} WHERE occurred_at >= $1 AND occurred_at < $2 LIMIT 1`, [from, to]);
          if (stragglers.rows.length > 0) return false;
          await client.query(`CREATE TABLE ${name} (LIKE access_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
          await client.query(`ALTER TABLE access_event ATTACH PARTITION ${name} FOR VALUES FROM ('${from}') TO ('${to}')`);
          return true;
        });
        if (attached) present.push(month);
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        // 55P03 lock_not_available, 23514 default partition holds rows of the range.
        if (code === '55P03' || code === '23514') continue;
        // 42P07: another run created it meanwhile; whether it is attached yet, the catalog says.
        if (code === '42P07' && (await this.pg.query(`SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass($1)`, [name])).length > 0) {
          present.push(month);
          continue;
        }
        if (code !== '42P07') throw error;
      }
    }
    return present;
  }
}

interface Chunk {
  rows: number;
  months: Set<string>;
  /** Earliest and latest event (epoch ms): the days whose rollups the chunk may touch. */
  first: number;
  last: number;
}

const emptyChunk = (): Chunk => ({ rows: 0, months: new Set(), first: Infinity, last: -Infinity });

/**
 * COPY text encoded into buffers as lines come (no long strings for the garbage collector to copy around):
 * `[start, used)` of `buf` after the `sealed` pieces are what has not been taken yet.
 */
class CopyBuffer {
  private buf = Buffer.allocUnsafe(COPY_PIECE_BYTES);
  private start = 0;
  private used = 0;
  private sealed: Buffer[] = [];
  bytes = 0;

  append(line: string): void {
    const most = line.length * 3;
    if (this.used + most > this.buf.length) {
      this.seal();
      this.buf = Buffer.allocUnsafe(Math.max(COPY_PIECE_BYTES, most));
      this.start = this.used = 0;
    }
    const bytes = this.buf.write(line, this.used);
    this.used += bytes;
    this.bytes += bytes;
  }

  /** Everything appended so far; the rest of the current buffer stays for the next lines. */
  take(): Buffer[] {
    this.seal();
    const pieces = this.sealed;
    this.sealed = [];
    this.bytes = 0;
    return pieces;
  }

  private seal(): void {
    if (this.used === this.start) return;
    this.sealed.push(this.buf.subarray(this.start, this.used));
    this.start = this.used;
  }
}

/** One COPY statement into the staging table; a chunk may take several (other statements run in between). */
interface CopySegment {
  stream: ReturnType<typeof copyFrom>;
  failed: boolean;
  ended: boolean;
}

/** Resolves on `event`, or as soon as the COPY fails or closes: never waits on a stream that will not move. */
function until(copy: CopySegment, event: 'drain' | 'finish'): Promise<void> | undefined {
  if (copy.failed) return undefined;
  return new Promise<void>((resolve) => {
    const done = (): void => {
      copy.stream.off(event, done);
      copy.stream.off('error', done);
      copy.stream.off('close', done);
      resolve();
    };
    copy.stream.on(event, done);
    copy.stream.on('error', done);
    copy.stream.on('close', done);
  });
}

/**
 * One run's events. `add` formats a COPY line and hands it on; it returns a promise only when the caller must
 * wait (the socket is full, or a merge is running and enough text is buffered). The database thus works on one
 * chunk (COPY, then merge) while Node parses the next: the two overlap on two cores instead of alternating.
 *
 * A chunk's merge is one plain INSERT … SELECT into access_event under a savepoint: when no event of the chunk
 * is already stored or repeated, that is all. A unique violation rolls back to the savepoint and the chunk takes
 * the careful path (drop in-chunk repeats, then rows already stored, earlier chunks of this run included). Only
 * a chunk that inserted rows records its days as pending a rollup fold. The org's ingest lock keeps other runs
 * from adding its events meanwhile.
 */
export class AccessEventLoad {
  private copy: CopySegment | null = null;
  /** Lines added but not yet written to the COPY stream. */
  private readonly pending = new CopyBuffer();
  private chunk: Chunk = emptyChunk();
  private merging: Promise<void> | null = null;
  private failure: { error: unknown } | null = null;
  private stagingReady = false;
  private added = 0;
  private inserted = 0;
  private fastPath = true;
  private lastDay = '';
  /** Months whose partition this transaction has locked (so it routes to it), or that go to the default one. */
  private readonly routed = new Set<string>();
  private holdsDefault = false;
  /** Whether this run holds its organization's row `FOR KEY SHARE` (what keeps a fold from missing its days). */
  private organizationHeld = false;

  constructor(
    private readonly client: SqlClient,
    private readonly store: AccessEventStoreRepository,
    private readonly organizationId: string,
    private readonly source: string,
    private readonly limits: AccessEventLoadLimits,
  ) {}

  add(row: AccessEventRow): Promise<void> | undefined {
    this.rethrow();
    const at = row.occurredAt.toISOString();
    // A chunk ends where a day does (when the source is in time order, as logs are): its days pending a rollup
    // fold are then one or two, recorded without reading the rows again.
    const day = at.slice(0, 10);
    const rows = this.chunk.rows;
    if (!this.merging && rows >= this.chunkTarget() && (day !== this.lastDay || rows >= this.limits.maxChunkRows)) this.startMerge();
    this.lastDay = day;
    // Almost no value needs escaping: one test over all of them instead of one per field.
    const plain = !special(
      `${row.eventId}${row.principal}${row.credentialExternalId ?? ''}${row.sourceIp ?? ''}${row.country ?? ''}${row.action}${row.resource ?? ''}`,
    );
    this.pending.append(plain ? plainLine(row, at) : escapedLine(row, at));
    this.added += 1;
    const chunk = this.chunk;
    chunk.rows += 1;
    chunk.months.add(at.slice(0, 7));
    const time = row.occurredAt.getTime();
    if (time < chunk.first) chunk.first = time;
    if (time > chunk.last) chunk.last = time;
    if (this.merging) {
      // Only until this merge ends: the rows buffered meanwhile then go to the database, and parsing goes on.
      return this.pending.bytes >= this.limits.maxBufferedBytes ? this.merging.then(() => this.rethrow()) : undefined;
    }
    if (this.pending.bytes >= COPY_PIECE_BYTES) return this.write();
    return undefined;
  }

  /** Ends the current COPY (the chunk stays staged) so other statements can use the connection. */
  async pause(): Promise<void> {
    await this.settle();
    await this.write();
    await this.endCopy();
    this.rethrow();
  }

  /** Merges whatever is left and returns the run's totals. */
  async finish(): Promise<AccessEventMergeResult> {
    await this.settle();
    while (this.chunk.rows > 0) {
      this.startMerge();
      await this.settle();
    }
    return { staged: this.added, inserted: this.inserted };
  }

  /** After a failure elsewhere: cancels an open COPY (so the connection can roll back) and waits for a merge. */
  async abort(): Promise<void> {
    this.fail(new Error('the ingest run was aborted'));
    const copy = this.copy;
    this.copy = null;
    if (copy && !copy.failed && !copy.ended) {
      const closed = new Promise<void>((resolve) => {
        copy.stream.once('close', resolve);
        copy.stream.once('error', () => resolve());
      });
      copy.stream.destroy(new Error('the ingest run failed'));
      await closed;
    }
    while (this.merging) await this.merging;
  }

  /** Waits until no merge runs (one may start another for rows buffered meanwhile). */
  private async settle(): Promise<void> {
    while (this.merging) await this.merging;
    this.rethrow();
  }

  private rethrow(): void {
    if (this.failure) throw this.failure.error;
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
  }

  /**
   * Small chunks first so the pipeline fills quickly and the last merge (which nothing overlaps) stays short;
   * larger ones later keep the number of savepoints (subtransactions) of a long run low.
   */
  private chunkTarget(): number {
    return Math.min(this.limits.maxChunkRows, Math.max(this.limits.minChunkRows, Math.floor((this.added - this.chunk.rows) / 8)));
  }

  private openCopy(): CopySegment {
    if (!this.stagingReady) {
      // Queued on the connection ahead of the COPY: no need to wait for it here.
      this.stagingReady = true;
      this.client.query(STAGING_DDL).catch((error: unknown) => this.fail(error));
    }
    const stream = this.client.query(copyFrom(`COPY ${STAGING} (${EVENT_COLUMNS}) FROM STDIN`, { highWaterMark: 1 << 20 }));
    const copy: CopySegment = { stream, failed: false, ended: false };
    // pg-copy-streams reports a failed COPY (or a lost connection) by emitting 'error' without closing the stream.
    stream.on('error', (error) => {
      copy.failed = true;
      this.fail(error);
    });
    this.copy = copy;
    return copy;
  }

  /**
   * Writes the pending text. Returns a promise only when the stream asks the caller to wait; it resolves when
   * the socket drains or the COPY fails (the failure is then thrown by the next call).
   */
  private write(): Promise<void> | undefined {
    if (this.failure || this.pending.bytes === 0) return undefined;
    const copy = this.copy ?? this.openCopy();
    const pieces = this.pending.take();
    let ok = true;
    try {
      for (const piece of pieces) ok = copy.stream.write(piece);
    } catch (error) {
      this.fail(error);
      return undefined;
    }
    return ok ? undefined : until(copy, 'drain');
  }

  /** Ends the COPY and waits until the server has taken all of it. */
  private async endCopy(): Promise<void> {
    const copy = this.copy;
    this.copy = null;
    if (!copy || copy.failed || this.failure) return;
    copy.ended = true;
    const finished = until(copy, 'finish');
    copy.stream.end();
    await finished;
  }

  private startMerge(): void {
    const chunk = this.chunk;
    this.chunk = emptyChunk();
    void this.write();
    this.merging = (async () => {
      await this.endCopy();
      this.rethrow();
      await this.merge(chunk);
    })().then(
      () => this.resume(),
      (error: unknown) => {
        this.fail(error);
        this.merging = null;
      },
    );
  }

  /** After a merge: rows buffered meanwhile go to a new COPY at once (the next chunk ends at a later `add`). */
  private resume(): void {
    this.merging = null;
    try {
      void this.write();
    } catch (error) {
      this.fail(error);
    }
  }

  private async merge(chunk: Chunk): Promise<void> {
    const client = this.client;
    await this.route(chunk.months);
    let inserted: number;
    if (this.fastPath) {
      await client.query('SAVEPOINT access_event_chunk');
      try {
        inserted = await this.insertStaged();
        await client.query('RELEASE SAVEPOINT access_event_chunk');
      } catch (error) {
        if ((error as { code?: string }).code !== '23505') throw error;
        await client.query('ROLLBACK TO SAVEPOINT access_event_chunk');
        await client.query('RELEASE SAVEPOINT access_event_chunk');
        inserted = await this.insertNew(chunk);
      }
    } else {
      inserted = await this.insertNew(chunk);
    }
    this.inserted += inserted;
    if (inserted > 0) await this.recordPending(chunk);
    await client.query(`TRUNCATE ${STAGING}`);
  }

  /**
   * Records the days the chunk inserted events on, for the rollup fold (AccessRollupFoldRepository): the run does
   * not write access_daily_rollup itself. A day with only refused attempts has no rollup to recompute. The days
   * span of a chunk is usually one or two (a chunk ends at a change of day): those are recorded as they are,
   * without reading the staged rows again; a wider one (a source out of time order) asks the rows which days.
   * First the organization's row `FOR KEY SHARE` (lockOrganizationForRollups), held until commit: a fold, which
   * locks it `FOR UPDATE`, then waits for this run, or this run for the fold, and no recorded day goes unseen.
   */
  private async recordPending(chunk: Chunk): Promise<void> {
    const client = this.client;
    if (!this.organizationHeld) {
      await lockOrganizationForRollups(client, this.organizationId);
      this.organizationHeld = true;
    }
    const first = utcDay(chunk.first);
    const last = utcDay(chunk.last);
    const days =
      Date.parse(last) - Date.parse(first) <= 2 * DAY_MS
        ? `SELECT d::date FROM generate_series($2::date, $3::date, interval '1 day') d`
        : `SELECT DISTINCT (occurred_at AT TIME ZONE 'UTC')::date FROM ${STAGING} WHERE success`;
    await client.query(
      `INSERT INTO access_rollup_pending (organization_id, day) SELECT $1, day FROM (${days}) p(day) ON CONFLICT DO NOTHING`,
      days.includes('$2') ? [this.organizationId, first, last] : [this.organizationId],
    );
  }

  private async insertStaged(): Promise<number> {
    const result = await this.client.query(
      `INSERT INTO access_event (organization_id, source, ${EVENT_COLUMNS}) SELECT $1, $2, ${EVENT_COLUMNS} FROM ${STAGING}`,
      [this.organizationId, this.source],
    );
    return result.rowCount ?? 0;
  }

  /**
   * The careful path: repeats within the chunk, then events already stored (by earlier runs or earlier chunks),
   * are dropped from the staging table, and the rest inserted. Month by month, with constant bounds, so the
   * planner reads only that month's partition. When the chunk had nothing to drop, the next one tries the
   * plain insert again.
   */
  private async insertNew(chunk: Chunk): Promise<number> {
    const client = this.client;
    const repeats = await client.query(
      `DELETE FROM ${STAGING} a USING ${STAGING} b
       WHERE a.event_id = b.event_id AND a.occurred_at = b.occurred_at AND a.ctid > b.ctid`,
    );
    let stored = 0;
    for (const month of chunk.months) {
      const { from, to } = monthBounds(month);
      const result = await client.query(
        `DELETE FROM ${STAGING} s USING access_event e
         WHERE e.organization_id = $1 AND e.source = $2 AND e.event_id = s.event_id AND e.occurred_at = s.occurred_at
           AND e.occurred_at >= '${from}' AND e.occurred_at < '${to}'`,
        [this.organizationId, this.source],
      );
      stored += result.rowCount ?? 0;
    }
    this.fastPath = (repeats.rowCount ?? 0) + stored === 0;
    return this.insertStaged();
  }

  /**
   * Makes sure each month of the chunk is routed where it belongs before the insert. A partition may be created
   * (and attached) while this transaction already writes to access_event, so each one is locked here first:
   * taking a lock this transaction did not hold makes it read the catalog changes, and the insert then sees the
   * partition. Months without one go to the default partition, locked as well, which from then on keeps
   * anyone from attaching a partition that this transaction would not see.
   */
  private async route(months: Set<string>): Promise<void> {
    const missing = [...months].filter((m) => !this.routed.has(m));
    if (missing.length === 0) return;
    // Attaching needs the default partition to itself: with it locked here, asking would only time out.
    const present = new Set(this.holdsDefault ? [] : await this.store.ensureMonthlyPartitions(missing));
    const partitions = missing.filter((m) => present.has(m)).map(partitionName);
    if (partitions.length > 0) await this.client.query(`LOCK TABLE ${partitions.join(', ')} IN ROW EXCLUSIVE MODE`);
    if (partitions.length < missing.length && !this.holdsDefault) {
      await this.client.query(`LOCK TABLE ${DEFAULT_PARTITION} IN ROW EXCLUSIVE MODE`);
      this.holdsDefault = true;
    }
    for (const month of missing) this.routed.add(month);
  }
}

const DAY_MS = 24 * 3600 * 1000;
const utcDay = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** A month's partition bounds ("2026-03" → [2026-03-01, 2026-04-01)) as ISO instants. */
function monthBounds(month: string): { from: string; to: string } {
  const [year, monthNumber] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return { from: new Date(Date.UTC(year, monthNumber - 1, 1)).toISOString(), to: new Date(Date.UTC(year, monthNumber, 1)).toISOString() };
}

/** One row in COPY's text format (tab-separated, `\N` for NULL), for values that need no escaping: most. */
function plainLine(row: AccessEventRow, occurredAt: string): string {
  return (
    `${row.eventId}\t${occurredAt}\t${row.principal}\t${row.credentialExternalId ?? '\\N'}\t${row.sourceIp ?? '\\N'}\t` +
    `${row.country ?? '\\N'}\t${row.action}\t${row.resource ?? '\\N'}\t${integer(row.bytes)}\t${integer(row.records)}\t${row.success ? 't' : 'f'}\n`
  );
}

/** The same with backslash escapes. */
function escapedLine(row: AccessEventRow, occurredAt: string): string {
  return (
    `${text(row.eventId)}\t${occurredAt}\t${text(row.principal)}\t${nullable(row.credentialExternalId)}\t${nullable(row.sourceIp)}\t` +
    `${nullable(row.country)}\t${text(row.action)}\t${nullable(row.resource)}\t${integer(row.bytes)}\t${integer(row.records)}\t${row.success ? 't' : 'f'}\n`
  );
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/** Whether any of the values needs escaping, or holds a NUL. */
const special = (values: string): boolean => /[\\\t\n\r]/.test(values) || values.includes('\u0000');

/** NUL cannot be stored in PostgreSQL text at all: it is dropped. */
const text = (value: string): string => value.replaceAll('\u0000', '').replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!);
const nullable = (value: string | null): string => (value === null ? '\\N' : text(value));
const integer = (value: number | null): string => (value === null || !Number.isFinite(value) ? '\\N' : String(Math.trunc(value)));
