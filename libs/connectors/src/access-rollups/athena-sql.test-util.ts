import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';

/** The shipped rollup queries (docs/sql). */
export const ROLLUP_SQL_DIR = fileURLToPath(new URL('../../../../docs/sql', import.meta.url));
export const rollupSql = (name: 'security-lake-access-rollups.sql' | 'security-lake-network-rollups.sql' | 'cloudtrail-access-rollups.sql'): string => readFileSync(join(ROLLUP_SQL_DIR, name), 'utf8');

/**
 * The whole dialect shim between Athena (Trino) and DuckDB for the shipped queries: four Trino functions DuckDB
 * lacks, defined as macros with Trino's meaning, and the Glue table as a view over Parquet files (with Hive
 * partitions as columns, text like Glue's `eventday`). The query text itself runs unchanged. Documented in
 * docs/deploy.md.
 */
const TRINO_FUNCTIONS = [
  // Trino: epoch seconds → timestamp with time zone.
  `CREATE MACRO from_unixtime(seconds) AS to_timestamp(seconds)`,
  // Trino: ISO 8601 text → timestamp with time zone.
  `CREATE MACRO from_iso8601_timestamp(text) AS CAST(text AS TIMESTAMPTZ)`,
  // Trino: a JSON path's scalar as text (NULL for objects and arrays).
  `CREATE MACRO json_extract_scalar(json, path) AS json_extract_string(json, path)`,
  `CREATE MACRO regexp_like(text, pattern) AS regexp_matches(text, pattern)`,
];

export interface AthenaTable {
  name: string;
  /** A Parquet file or glob; Hive partition folders (`eventday=20261101/`) become text columns. */
  parquet: string;
}

/** An in-memory DuckDB that speaks enough Trino for the shipped queries, with `tables` registered. */
export async function athenaLikeEngine(tables: readonly AthenaTable[]): Promise<{ connection: DuckDBConnection; close(): void }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // Athena sessions are in UTC; the queries say AT TIME ZONE 'UTC' anyway, this only keeps DuckDB's output plain.
  await connection.run(`SET TimeZone = 'UTC'`);
  for (const statement of TRINO_FUNCTIONS) await connection.run(statement);
  for (const table of tables) {
    await connection.run(
      `CREATE VIEW ${table.name} AS SELECT * FROM read_parquet('${table.parquet}', hive_partitioning = true, hive_types_autocast = false)`,
    );
  }
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export interface RollupQueryRow {
  day: string;
  principal: string;
  credential: string | null;
  country: string | null;
  source_ip: string | null;
  events: number;
  bytes: number;
}

/** Runs a shipped query with its positional parameters (DATE as `YYYY-MM-DD`, counts as numbers). */
export async function runQuery(connection: DuckDBConnection, sql: string, params: readonly DuckDBValue[]): Promise<RollupQueryRow[]> {
  const reader = await connection.runAndReadAll(sql, [...params]);
  return reader.getRowObjectsJson().map((row) => ({
    day: String(row['day']),
    principal: String(row['principal']),
    credential: (row['credential'] as string | null) ?? null,
    country: (row['country'] as string | null) ?? null,
    source_ip: (row['source_ip'] as string | null) ?? null,
    events: Number(row['events']),
    bytes: Number(row['bytes']),
  }));
}

/** Writes a shipped query's result as Parquet, as Athena's UNLOAD would: the file the connector then ingests. */
export async function unloadQuery(connection: DuckDBConnection, sql: string, params: readonly DuckDBValue[], path: string): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE unload_result AS ${sql}`, [...params]);
  await connection.run(`COPY unload_result TO '${path}' (FORMAT parquet, COMPRESSION snappy)`);
}
