import { type AsyncBuffer, type FileMetaData, asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import type { RollupCell } from './access-rollup-row.parser.js';

/** A Parquet row with where it sits: 1-based row group, row within the group and row within the file. */
export interface ParquetRow {
  rowGroup: number;
  rowInGroup: number;
  rowInFile: number;
  values: Readonly<Record<string, RollupCell>>;
}

export type ParquetReadResult = { ok: true; row: ParquetRow } | { ok: false; reason: string; field?: string };

/** The first four bytes of every Parquet file (and its last four). */
export const PARQUET_MAGIC = 'PAR1';

/**
 * Streams a Parquet file's rows one row group at a time (memory holds one group, never the file), with the
 * top-level columns named in `columns` matched case-insensitively and handed over under those names.
 * Missing required columns yield one problem and nothing else. Snappy, GZIP, ZSTD, Brotli and LZ4 pages are
 * read by hyparquet(-compressors) in plain JavaScript: nothing native, nothing downloaded.
 */
export async function* readParquetRows(
  path: string,
  columns: { required: readonly string[]; optional: readonly string[] },
  signal?: AbortSignal,
): AsyncGenerator<ParquetReadResult> {
  // Loaded on first use: the decompressors instantiate WebAssembly (Snappy), which no other source needs.
  const { compressors } = await import('hyparquet-compressors');
  let file: AsyncBuffer;
  let metadata: FileMetaData;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    yield { ok: false, reason: `not a readable Parquet file: ${(error as Error).message}` };
    return;
  }
  const present = new Map<string, string>();
  for (const child of parquetSchema(metadata).children) present.set(child.element.name.toLowerCase(), child.element.name);
  const missing = columns.required.filter((name) => !present.has(name));
  if (missing.length > 0) {
    yield { ok: false, field: missing[0], reason: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found ${[...present.values()].join(', ')})` };
    return;
  }
  const wanted = [...columns.required, ...columns.optional].filter((name) => present.has(name));
  const fileNames = wanted.map((name) => present.get(name) as string);
  let start = 0;
  for (const [index, group] of metadata.row_groups.entries()) {
    signal?.throwIfAborted();
    const count = Number(group.num_rows);
    const rows = (await parquetReadObjects({ file, metadata, compressors, columns: fileNames, rowStart: start, rowEnd: start + count })) as Record<string, unknown>[];
    for (const [offset, row] of rows.entries()) {
      const values: Record<string, RollupCell> = {};
      for (const [i, name] of wanted.entries()) values[name] = row[fileNames[i] as string] as RollupCell;
      yield { ok: true, row: { rowGroup: index + 1, rowInGroup: offset + 1, rowInFile: start + offset + 1, values } };
    }
    start += count;
  }
}
