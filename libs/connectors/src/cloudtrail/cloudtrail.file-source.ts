import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { collectJsonFiles } from '../core/readers/json-collect.util.js';
import { countryForIp, type GeoIpResolver } from '../geoip/geoip.resolver.js';
import { parseCloudTrailRecord, unwrapCloudTrail } from './cloudtrail-record.parser.js';

/** How CloudTrail names what it delivers; digest files live in their own `CloudTrail-Digest` folders. */
export const CLOUDTRAIL_LOG_FILE = /\.json(\.gz)?$/i;
export const CLOUDTRAIL_DIGEST_FOLDER = 'CloudTrail-Digest';

/**
 * `ingest --source cloudtrail --path P`: one log file (`.json` or `.json.gz`, `{"Records": [...]}` or a bare
 * record) or a directory in the `AWSLogs/<account>/CloudTrail/<region>/Y/M/D/` layout, walked in order.
 * Each file is small (AWS delivers every few minutes), so it is decompressed whole and parsed as one document (in steps).
 */
export function createCloudTrailFileSource(geo: GeoIpResolver = countryForIp): FileSource {
  const options = { geo };
  return {
    type: 'cloudtrail',
    displayName: 'AWS CloudTrail log files',
    collectFile(path: string, context: CollectContext): AsyncIterable<CollectedRecord> {
      return collectJsonFiles(
        path,
        context,
        {
          read: { format: 'document', unwrap: unwrapCloudTrail },
          skipDirectory: (name) => name === CLOUDTRAIL_DIGEST_FOLDER,
          rejectFile: (file) => (CLOUDTRAIL_LOG_FILE.test(file) ? null : 'not a CloudTrail log file (expected .json or .json.gz)'),
        },
        (value) => [parseCloudTrailRecord(value, options)],
      );
    },
  };
}

export const cloudTrailFileSource: FileSource = createCloudTrailFileSource();
