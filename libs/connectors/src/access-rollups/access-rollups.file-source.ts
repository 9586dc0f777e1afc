import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { csvRejection, readCsvStream } from '../core/readers/csv-reader.js';
import { walkFiles } from '../core/readers/json-files.reader.js';
import { countryForIp, type GeoIpResolver } from '../geoip/geoip.resolver.js';
import { parseAccessRollupRow } from './access-rollup-row.parser.js';
import { ACCESS_ROLLUP_OPTIONAL_COLUMNS, ACCESS_ROLLUP_REQUIRED_COLUMNS } from './access-rollups.columns.js';
import { PARQUET_MAGIC, readParquetRows } from './parquet-rows.reader.js';

type FileFormat = 'parquet' | 'csv' | 'csv-gzip';

/**
 * By content, not by name: Athena's UNLOAD and CTAS write files without an extension, and an upload is
 * stored under a name of its own.
 */
async function formatOf(path: string): Promise<FileFormat> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead === 4 && head.toString('latin1') === PARQUET_MAGIC) return 'parquet';
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'csv-gzip';
    return 'csv';
  } finally {
    await handle.close();
  }
}

/**
 * `ingest --source access-rollups`: daily access aggregates computed in a data lake (docs/sql), as CSV
 * (gzipped or not) or Parquet, one file or a folder of them in name order. Each row is one UTC day ×
 * principal × credential × country with its events, bytes and records; they land in the same daily rollups
 * that raw events feed, so every rule reads them unchanged. A bad row is rejected with its file and line
 * (CSV) or row group and row (Parquet); the others still land.
 */
export function createAccessRollupsFileSource(geo: GeoIpResolver = countryForIp): FileSource {
  return {
    type: 'access-rollups',
    displayName: 'Daily access rollups from a data lake (CSV or Parquet)',
    async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
      for await (const file of walkFiles(path, { signal: context.signal })) {
        const format = await formatOf(file);
        yield* format === 'parquet' ? collectParquet(file, geo, context.signal) : collectCsv(file, format === 'csv-gzip', geo, context.signal);
      }
    },
  };
}

async function* collectCsv(path: string, gzipped: boolean, geo: GeoIpResolver, signal: AbortSignal): AsyncGenerator<CollectedRecord> {
  const raw = createReadStream(path);
  const text = (gzipped ? raw.pipe(createGunzip()) : raw).setEncoding('utf8');
  if (gzipped) raw.on('error', (error) => text.destroy(error));
  for await (const row of readCsvStream(text, path, { requiredColumns: ACCESS_ROLLUP_REQUIRED_COLUMNS, signal })) {
    if (!row.ok) {
      yield csvRejection(path, row);
      continue;
    }
    const result = parseAccessRollupRow(row.values, geo);
    yield result.ok
      ? { accepted: true, observation: result.rollup, location: { source: path, line: row.line } }
      : { accepted: false, location: { source: path, line: row.line, field: result.field }, reason: result.reason };
  }
}

async function* collectParquet(path: string, geo: GeoIpResolver, signal: AbortSignal): AsyncGenerator<CollectedRecord> {
  const columns = { required: ACCESS_ROLLUP_REQUIRED_COLUMNS, optional: ACCESS_ROLLUP_OPTIONAL_COLUMNS };
  for await (const read of readParquetRows(path, columns, signal)) {
    if (!read.ok) {
      yield { accepted: false, location: { source: path, field: read.field }, reason: read.reason };
      continue;
    }
    const { row } = read;
    // `record` is the row's place in the file; the reason names the row group too, as Parquet tools count.
    const location = { source: path, record: row.rowInFile };
    const result = parseAccessRollupRow(row.values, geo);
    yield result.ok
      ? { accepted: true, observation: result.rollup, location }
      : { accepted: false, location: { ...location, field: result.field }, reason: `row group ${row.rowGroup}, row ${row.rowInGroup}: ${result.reason}` };
  }
}

export const accessRollupsFileSource: FileSource = createAccessRollupsFileSource();
