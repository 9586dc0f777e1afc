import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type AccessEventObservation, fileSourceFor } from '@postureboard/connectors';
import { ChunkedFileWriter } from '../generate/chunked-file.writer.js';

const COLUMNS = 'organization_id, source, event_id, occurred_at, principal, credential_external_id, source_ip, country, action, resource, bytes, records, success';

const escape = (value: string): string => value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
const nullable = (value: string | null): string => (value === null ? '\\N' : escape(value));
const integer = (value: number | null): string => (value === null ? '\\N' : String(Math.trunc(value)));

/**
 * Normalises the sample once, through the real connector, into COPY text rows for `access_event` (the
 * organisation id left as a placeholder): the baseline then only streams bytes into the table.
 */
export async function writeCopyRows(sampleDirectory: string, outputPath: string): Promise<number> {
  const source = fileSourceFor('cloudtrail')!;
  const writer = new ChunkedFileWriter(outputPath);
  let rows = 0;
  for await (const record of source.collectFile(sampleDirectory, { signal: new AbortController().signal, now: new Date() })) {
    if (!record.accepted || record.observation.kind !== 'access-event') continue;
    const e: AccessEventObservation = record.observation;
    writer.write(
      `ORG\tcloudtrail\t${escape(e.eventId)}\t${e.occurredAt.toISOString()}\t${escape(e.principal)}\t${nullable(e.credentialExternalId)}\t` +
        `${nullable(e.sourceIp)}\t${nullable(e.country)}\t${escape(e.action)}\t${nullable(e.resource)}\t${integer(e.bytes)}\t${integer(e.records)}\t${e.success ? 't' : 'f'}\n`,
    );
    rows += 1;
  }
  writer.close();
  return rows;
}

/**
 * The ceiling: `COPY access_event FROM STDIN` of the same normalised rows, into the same partitioned table with
 * its indexes, for a new organisation id. Rolled back afterwards so the table is left as it was; the COPY has
 * done all its work (heap, indexes, WAL) by the time it returns.
 */
export async function copyIntoAccessEvent(url: string, rowsPath: string, onBackend?: (pid: number) => () => void): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // `onBackend` (the ingest-speed script's CPU accounting) is told the backend's pid before the COPY, and its
    // returned function is called after it, while the backend still exists.
    const pid = onBackend ? (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid : 0;
    const done = onBackend?.(pid);
    await client.query('BEGIN');
    const organizationId = randomUUID();
    const start = performance.now();
    const stream = client.query(copyFrom(`COPY access_event (${COLUMNS}) FROM STDIN`));
    const substitute = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
      let rest = '';
      for await (const chunk of chunks) {
        const text = rest + chunk.toString('utf8');
        const cut = text.lastIndexOf('\n') + 1;
        rest = text.slice(cut);
        yield text.slice(0, cut).replaceAll('ORG\t', `${organizationId}\t`);
      }
      if (rest) yield rest.replaceAll('ORG\t', `${organizationId}\t`);
    };
    await pipeline(createReadStream(rowsPath, { highWaterMark: 1 << 20 }), substitute, stream);
    const seconds = (performance.now() - start) / 1000;
    done?.();
    await client.query('ROLLBACK');
    return seconds;
  } finally {
    await client.end();
  }
}
