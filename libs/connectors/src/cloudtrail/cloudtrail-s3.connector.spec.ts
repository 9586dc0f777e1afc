import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { CollectedRecord } from '../core/observation.js';
import { type TestServer, startTestServer } from '../core/readers/json-http.test-util.js';
import { cloudTrailS3ConfigSchema, cloudTrailS3Connector } from './cloudtrail-s3.connector.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const prefix = 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/01/';
const record = (eventID: string) => ({
  eventVersion: '1.09',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/jdoe', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', userName: 'jdoe' },
  eventTime: '2024-03-01T00:01:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  sourceIPAddress: '81.2.69.142',
  requestParameters: { bucketName: 'data', key: 'k' },
  additionalEventData: { bytesTransferredOut: 1024 },
  eventID,
});

/** Objects as CloudTrail writes them, in key order; a digest and a denied object among them. */
const objects = new Map<string, Buffer>([
  [`${prefix}111122223333_CloudTrail_us-east-1_20240301T0000Z_a.json.gz`, gzipSync(JSON.stringify({ Records: [record('e1'), record('e2')] }))],
  [`${prefix}111122223333_CloudTrail_us-east-1_20240301T0005Z_b.json.gz`, gzipSync(JSON.stringify({ Records: [record('e3')] }))],
  [`${prefix}111122223333_CloudTrail_us-east-1_20240301T0010Z_denied.json.gz`, Buffer.from('')],
  [`${prefix}111122223333_CloudTrail_us-east-1_20240301T0015Z_c.json.gz`, gzipSync(JSON.stringify({ Records: [record('e4')] }))],
  ['AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/01/digest.json.gz', gzipSync('{"digestStartTime":"2024-03-01T00:00:00Z"}')],
  [`${prefix}111122223333_CloudTrail_us-east-1_20240301T0020Z_corrupt.json.gz`, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02])],
]);

const xml = (response: ServerResponse, status: number, body: string) => {
  response.writeHead(status, { 'content-type': 'application/xml' });
  response.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
};
const s3Error = (response: ServerResponse, status: number, code: string, message: string) =>
  xml(response, status, `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>R</RequestId></Error>`);

describe('cloudTrailS3Connector against a server speaking S3', () => {
  let server: TestServer;
  let failing = false;
  beforeAll(async () => {
    server = await startTestServer((request, response, url) => {
      if (failing) return s3Error(response, 500, 'InternalError', 'We encountered an internal error. Please try again.');
      if (!String(request.headers.authorization).includes('Credential=AKIDTEST/')) return s3Error(response, 403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
      const [, bucket, ...keyParts] = url.pathname.split('/');
      if (bucket !== 'trail-bucket') return s3Error(response, 404, 'NoSuchBucket', 'The specified bucket does not exist');
      if (keyParts.join('') === '' && url.searchParams.get('list-type') === '2') {
        const keys = [...objects.keys()].filter((key) => key.startsWith(url.searchParams.get('prefix') ?? '')).sort();
        const startAfter = url.searchParams.get('start-after');
        const from = Number(url.searchParams.get('continuation-token') ?? 0);
        const eligible = startAfter ? keys.filter((key) => key > startAfter) : keys;
        const page = eligible.slice(from, from + 2);
        const truncated = from + 2 < eligible.length;
        return xml(
          response,
          200,
          `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>trail-bucket</Name><Prefix>${url.searchParams.get('prefix') ?? ''}</Prefix>` +
            `<KeyCount>${page.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>${truncated}</IsTruncated>` +
            (truncated ? `<NextContinuationToken>${from + 2}</NextContinuationToken>` : '') +
            page.map((key) => `<Contents><Key>${key}</Key><LastModified>2024-03-01T00:30:00.000Z</LastModified><ETag>"e"</ETag><Size>${objects.get(key)?.length ?? 0}</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('') +
            '</ListBucketResult>',
        );
      }
      const key = decodeURIComponent(keyParts.join('/'));
      if (key.includes('denied')) return s3Error(response, 403, 'AccessDenied', 'Access Denied');
      const body = objects.get(key);
      if (!body) return s3Error(response, 404, 'NoSuchKey', 'The specified key does not exist.');
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length), etag: '"e"' });
      response.end(body);
    });
  });
  afterAll(() => server.close());
  afterEach(() => {
    failing = false;
  });

  const config = (overrides: object = {}) =>
    cloudTrailS3ConfigSchema.parse({
      bucket: 'trail-bucket',
      region: 'us-east-1',
      endpoint: server.url,
      forcePathStyle: true,
      accessKeyId: 'AKIDTEST',
      secretAccessKey: SECRET,
      timeoutMs: 5000,
      ...overrides,
    });
  const context = () => ({ signal: new AbortController().signal, now: new Date('2024-03-02T00:00:00Z') });
  async function collect(configuration = config()): Promise<CollectedRecord[]> {
    const out: CollectedRecord[] = [];
    for await (const collected of cloudTrailS3Connector.collect(configuration, context())) out.push(collected);
    return out;
  }

  it('lists across continuation pages, reads each gzipped log file, skips digests and rejects unreadable objects alone', async () => {
    const records = await collect();
    expect(
      records.map((collected) =>
        collected.accepted && collected.observation.kind === 'access-event'
          ? `${collected.location.source.split('_').pop()}#${collected.location.record} ${collected.observation.eventId} ${collected.observation.country}`
          : `${collected.location.source.split('_').pop()} ${collected.accepted ? '' : collected.reason}`,
      ),
    ).toEqual([
      'a.json.gz#0 e1 GB',
      'a.json.gz#1 e2 GB',
      'b.json.gz#0 e3 GB',
      expect.stringMatching(/^denied\.json\.gz could not read the log file: S3 refused access to s3:\/\/trail-bucket\/.*denied\.json\.gz \(403 AccessDenied: Access Denied\)/),
      'c.json.gz#0 e4 GB',
      'corrupt.json.gz could not read the log file: not a readable gzip file (unexpected end of file)',
    ]);
    expect(records[0]?.location.source).toBe(`s3://trail-bucket/${prefix}111122223333_CloudTrail_us-east-1_20240301T0000Z_a.json.gz`);
  });

  it('starts after a given key for incremental pulls', async () => {
    const records = await collect(config({ startAfter: `${prefix}111122223333_CloudTrail_us-east-1_20240301T0010Z_denied.json.gz` }));
    expect(records.filter((collected) => collected.accepted).map((collected) => collected.accepted && collected.observation.kind === 'access-event' && collected.observation.eventId)).toEqual(['e4']);
  });

  it('reports wrong credentials from test() without the secret key', async () => {
    const result = await cloudTrailS3Connector.test(config({ accessKeyId: 'AKIDWRONG' }), context());
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^S3 rejected the credentials for s3:\/\/trail-bucket\/AWSLogs\/ \(403 InvalidAccessKeyId/);
    expect(result.message).not.toContain(SECRET);
  });

  it('reports a missing bucket and a readable one from test()', async () => {
    expect((await cloudTrailS3Connector.test(config({ bucket: 'nobucket' }), context())).message).toMatch(/^S3 has no s3:\/\/nobucket\/AWSLogs\/ \(404 NoSuchBucket/);
    expect(await cloudTrailS3Connector.test(config(), context())).toEqual({ ok: true, message: 's3://trail-bucket/AWSLogs/ is readable (log files found)' });
  });

  it('fails the run when S3 keeps answering 500', async () => {
    failing = true;
    await expect(collect()).rejects.toThrow(/^S3 failed with 500 for s3:\/\/trail-bucket\/AWSLogs\/ \(InternalError/);
  });

  it('fails the run when S3 is unreachable or silent', async () => {
    const silent = await startTestServer(() => undefined);
    try {
      await expect(collect(config({ endpoint: silent.url, timeoutMs: 300 }))).rejects.toThrow('S3 did not answer within 0.3 s (s3://trail-bucket/AWSLogs/)');
    } finally {
      await silent.close();
    }
    await expect(collect(config({ endpoint: 'http://127.0.0.1:9' }))).rejects.toThrow(/^could not reach S3 for s3:\/\/trail-bucket\/AWSLogs\/: ECONNREFUSED/);
  });

  it('keeps the secret key among the secret fields', () => {
    expect(cloudTrailS3Connector.secretFields).toEqual(['secretAccessKey', 'sessionToken']);
  });
});
