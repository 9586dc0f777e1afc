import { linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BenchRandom } from './bench-random.js';
import { BENCH_AWS_ACCOUNT, type BenchIamUser, type BenchOrg, dayStart, ipIn, NEW_DAYS, YEAR_DAYS } from './synthetic-org.js';

const MB = 1024 * 1024;
const REGION = 'ap-northeast-2';

export interface AccessEventFiles {
  /** One directory per calendar month of the year, in order: the main load ingests one run per month. */
  monthDirectories: string[];
  /** One directory per new day (after the year), for incremental re-evaluation. */
  newDayDirectories: string[];
  /** The first days of the year again (hard links): the ingest and parse trials read these. */
  sampleCloudTrail: string;
  /** The same sample's events as OCSF API Activity, JSON lines, gzipped. */
  sampleOcsf: string;
  sampleDays: number;
  yearEvents: number;
  sampleEvents: number;
  newDayEvents: number[];
  /** Uncompressed and gzipped bytes of the year's CloudTrail files. */
  jsonBytes: number;
  gzipBytes: number;
  files: number;
}

interface Action {
  source: string;
  name: string;
  bytes: [number, number] | null;
  s3: boolean;
}

const SERVICE_ACTIONS: readonly Action[] = [
  { source: 's3', name: 'GetObject', bytes: [1, 20], s3: true },
  { source: 's3', name: 'GetObject', bytes: [1, 20], s3: true },
  { source: 'dynamodb', name: 'Query', bytes: null, s3: false },
  { source: 'sts', name: 'AssumeRole', bytes: null, s3: false },
  { source: 'kms', name: 'Decrypt', bytes: null, s3: false },
  { source: 's3', name: 'PutObject', bytes: null, s3: true },
];
const PERSON_ACTIONS: readonly Action[] = [
  { source: 's3', name: 'GetObject', bytes: [1, 80], s3: true },
  { source: 'ec2', name: 'DescribeInstances', bytes: null, s3: false },
  { source: 'dynamodb', name: 'Query', bytes: null, s3: false },
  { source: 's3', name: 'ListBuckets', bytes: null, s3: false },
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(width, '0').slice(-width);

/**
 * Writes the year of CloudTrail (one gzipped `{"Records":[...]}` per `recordsPerFile` events, in AWS's S3 key
 * layout), three new days after it, and the sample (as hard links, plus the same events as OCSF). A day's
 * records are built as strings and written file by file: memory holds one file at a time.
 */
export function writeAccessEvents(
  org: BenchOrg,
  directory: string,
  onProgress: (day: number) => void = () => undefined,
  /** Stop after this many days (the parse measure alone needs only the first days of the sample). */
  days = YEAR_DAYS + NEW_DAYS,
): AccessEventFiles {
  const { scale } = org;
  const random = new BenchRandom(7);
  const perDay = scale.events / YEAR_DAYS;
  const sampleDays = Math.min(YEAR_DAYS, Math.ceil((YEAR_DAYS * 1_000_000) / scale.events));
  const services = org.iamUsers.length - org.personIamUsers;
  const rogues = org.iamUsers.filter((u) => u.rogue);
  const out: AccessEventFiles = {
    monthDirectories: [],
    newDayDirectories: [],
    sampleCloudTrail: join(directory, 'sample', 'cloudtrail'),
    sampleOcsf: join(directory, 'sample', 'ocsf'),
    sampleDays,
    yearEvents: 0,
    sampleEvents: 0,
    newDayEvents: [],
    jsonBytes: 0,
    gzipBytes: 0,
    files: 0,
  };
  mkdirSync(out.sampleOcsf, { recursive: true });
  let sequence = 0;

  for (let day = 0; day < Math.min(days, YEAR_DAYS + NEW_DAYS); day++) {
    const start = dayStart(org, day);
    const startMs = start.getTime();
    const isNew = day >= YEAR_DAYS;
    const root = isNew ? join(directory, 'cloudtrail-new', String(day - YEAR_DAYS + 1)) : join(directory, 'cloudtrail');
    const monthDir = join(root, 'AWSLogs', BENCH_AWS_ACCOUNT, 'CloudTrail', REGION, String(start.getUTCFullYear()), pad(start.getUTCMonth() + 1, 2));
    const dayDir = join(monthDir, pad(start.getUTCDate(), 2));
    mkdirSync(dayDir, { recursive: true });
    if (isNew) out.newDayDirectories.push(root);
    else if (out.monthDirectories.at(-1) !== monthDir) out.monthDirectories.push(monthDir);
    const inSample = !isNew && day < sampleDays;
    const ocsf: string[] | null = inSample ? [] : null;

    const count = Math.floor(perDay * (day + 1)) - Math.floor(perDay * day);
    const records: string[] = [];
    let dayEvents = 0;
    const flush = (): void => {
      if (records.length === 0) return;
      const firstTime = records[0]!.slice(records[0]!.indexOf('"eventTime":"') + 13, records[0]!.indexOf('"eventTime":"') + 29);
      const stamp = `${firstTime.slice(0, 4)}${firstTime.slice(5, 7)}${firstTime.slice(8, 10)}T${firstTime.slice(11, 13)}${firstTime.slice(14, 16)}Z`;
      const file = join(dayDir, `${BENCH_AWS_ACCOUNT}_CloudTrail_${REGION}_${stamp}_${hex(sequence, 8)}.json.gz`);
      const json = Buffer.from(`{"Records":[${records.join(',')}]}`);
      const gz = gzipSync(json, { level: 1 });
      writeFileSync(file, gz);
      if (inSample) {
        const link = join(out.sampleCloudTrail, file.slice(join(directory, 'cloudtrail').length + 1));
        mkdirSync(join(link, '..'), { recursive: true });
        linkSync(file, link);
      }
      if (!isNew) {
        out.jsonBytes += json.length;
        out.gzipBytes += gz.length;
        out.files += 1;
      }
      records.length = 0;
    };
    const emit = (user: BenchIamUser, at: number, action: Action, ip: string, bytes: number | null): void => {
      sequence += 1;
      const eventId = `${hex(day, 8)}-${hex(sequence >>> 16, 4)}-4${hex(sequence, 3)}-a${hex(random.int(0, 4095), 3)}-${hex(sequence, 12)}`;
      const requestId = `${hex(sequence * 31, 8)}-${hex(day, 4)}-4000-8000-${hex(sequence, 12)}`;
      const key = action.s3 ? `data-${hex(random.int(0, 65535), 4)}/part-${random.int(0, 9999)}.parquet` : null;
      const eventTime = new Date(at).toISOString().slice(0, 19) + 'Z';
      const requestParameters = key ? `{"bucketName":"bench-data-lake","key":"${key}"}` : action.source === 'dynamodb' ? '{"tableName":"orders"}' : 'null';
      const extra = bytes === null ? '' : `"additionalEventData":{"bytesTransferredIn":0,"bytesTransferredOut":${bytes}},`;
      records.push(
        `{"eventVersion":"1.09","userIdentity":${user.identityJson},"eventTime":"${eventTime}","eventSource":"${action.source}.amazonaws.com",` +
          `"eventName":"${action.name}","awsRegion":"${REGION}","sourceIPAddress":"${ip}","userAgent":"aws-cli/2.15.0 Python/3.11",` +
          `"requestParameters":${requestParameters},"responseElements":null,${extra}"requestID":"${requestId}","eventID":"${eventId}",` +
          `"readOnly":${action.name !== 'PutObject'},"eventType":"AwsApiCall","managementEvent":${!action.s3},"recipientAccountId":"${BENCH_AWS_ACCOUNT}"}`,
      );
      if (ocsf) {
        const resource = key ? `,"resources":[{"uid":"arn:aws:s3:::bench-data-lake/${key}","type":"AWS::S3::Object"}]` : '';
        // API Activity has no traffic object: the bytes the caller took are the response's length (OCSF 1.4+).
        const response = bytes === null ? '' : `,"http_response":{"code":200,"length":${bytes}}`;
        ocsf.push(
          `{"class_uid":6003,"class_name":"API Activity","category_uid":6,"activity_id":2,"type_uid":600302,"time":${at},"severity_id":1,"status_id":1,` +
            `"metadata":{"uid":"${eventId}","version":"1.4.0","product":{"name":"CloudTrail","vendor_name":"AWS"}},` +
            `"actor":{"user":{"type":"IAMUser","name":"${user.name}","uid":"${user.principalId}","credential_uid":"${user.accessKeyId}"}},` +
            `"api":{"operation":"${action.name}","service":{"name":"${action.source}.amazonaws.com"},"request":{"uid":"${requestId}"}},` +
            `"src_endpoint":{"ip":"${ip}"},"cloud":{"provider":"AWS","region":"${REGION}"}${resource}${response}}`,
        );
      }
      dayEvents += 1;
      if (records.length >= scale.recordsPerFile) flush();
    };

    const daysAgoNow = YEAR_DAYS + NEW_DAYS - day;
    for (let i = 0; i < count; i++) {
      const at = startMs + Math.floor(((i + random.next()) / count) * 86_400_000);
      let user: BenchIamUser | null = null;
      if (random.next() < 0.3 && org.personIamUsers > 0) {
        const candidate = org.iamUsers[random.skewed(org.personIamUsers, 1.5)]!;
        const left = org.people[candidate.person!]!.leftDaysAgo;
        // People stop working when they leave, except the rogue few whose keys were never revoked.
        if (left === null || left < daysAgoNow || candidate.rogue) user = candidate;
      }
      user ??= org.iamUsers[org.personIamUsers + random.skewed(services, 3)]!;
      const action = random.pick(user.person === null ? SERVICE_ACTIONS : PERSON_ACTIONS);
      const bytes = action.bytes ? random.int(action.bytes[0], action.bytes[1]) * MB : null;
      emit(user, at, action, user.ip, bytes);
    }
    // The first rogue pulls hundreds of megabytes a dozen times a day from abroad, from ten days after leaving.
    const extractor = rogues[0];
    if (extractor) {
      const left = org.people[extractor.person!]!.leftDaysAgo!;
      if (daysAgoNow <= left - 10) {
        for (let i = 0; i < 12; i++) emit(extractor, startMs + (16 + (i % 6)) * 3_600_000 + i * 1000, PERSON_ACTIONS[0]!, ipIn('CN', random.int(2, 250)), random.int(200, 600) * MB);
      }
    }
    flush();
    // OCSF as delivered to a data lake: a gzipped JSON-lines file per day.
    if (ocsf) writeFileSync(join(out.sampleOcsf, `${start.toISOString().slice(0, 10)}.ocsf.jsonl.gz`), gzipSync(`${ocsf.join('\n')}\n`, { level: 1 }));
    if (isNew) out.newDayEvents.push(dayEvents);
    else out.yearEvents += dayEvents;
    if (inSample) out.sampleEvents += dayEvents;
    onProgress(day);
  }
  return out;
}
