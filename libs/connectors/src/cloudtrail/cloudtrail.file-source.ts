import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { collectJsonRecords } from '../core/readers/json-collect.util.js';
import { walkFiles } from '../core/readers/json-files.reader.js';
import { readJsonRecords } from '../core/readers/json-records.reader.js';
import { countryForIp, type GeoIpResolver } from '../geoip/geoip.resolver.js';
import { parseCloudTrailRecord, unwrapCloudTrail } from './cloudtrail-record.parser.js';

/** How CloudTrail names what it delivers; digest files live in their own `CloudTrail-Digest` folders. */
export const CLOUDTRAIL_LOG_FILE = /\.json(\.gz)?$/i;
export const CLOUDTRAIL_DIGEST_FOLDER = 'CloudTrail-Digest';

/**
 * `ingest --source cloudtrail --path P`: one log file (`.json` or `.json.gz`, `{"Records": [...]}` or a bare
 * record) or a directory in the `AWSLogs/<account>/CloudTrail/<region>/Y/M/D/` layout, walked in order.
 * Each file is small (AWS delivers every few minutes), so it is decompressed and parsed in one piece.
 */
export function createCloudTrailFileSource(geo: GeoIpResolver = countryForIp): FileSource {
  return {
    type: 'cloudtrail',
    displayName: 'AWS CloudTrail log files',
    async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
      const walk = walkFiles(path, { signal: context.signal, skipDirectory: (name) => name === CLOUDTRAIL_DIGEST_FOLDER });
      for await (const file of walk) {
        if (file !== path && !CLOUDTRAIL_LOG_FILE.test(file)) {
          yield { accepted: false, location: { source: file }, reason: 'not a CloudTrail log file (expected .json or .json.gz)' };
          continue;
        }
        const records = readJsonRecords(file, { signal: context.signal, format: 'document', unwrap: unwrapCloudTrail });
        yield* collectJsonRecords(records, (value) => [parseCloudTrailRecord(value, { geo })]);
      }
    },
  };
}

export const cloudTrailFileSource: FileSource = createCloudTrailFileSource();
