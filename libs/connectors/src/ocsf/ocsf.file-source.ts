import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { collectJsonRecords } from '../core/readers/json-collect.util.js';
import { walkFiles } from '../core/readers/json-files.reader.js';
import { readJsonRecords } from '../core/readers/json-records.reader.js';
import { countryForIp, type GeoIpResolver } from '../geoip/geoip.resolver.js';
import { parseOcsfEvent } from './ocsf-event.parser.js';

/**
 * `ingest --source ocsf`: OCSF events as JSON lines (streamed line by line; a bad line costs only itself),
 * or a file holding one event or an array of them; gzipped or not; a folder of such files in name order.
 */
export function createOcsfFileSource(geo: GeoIpResolver = countryForIp): FileSource {
  return {
    type: 'ocsf',
    displayName: 'OCSF events (JSON lines)',
    async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
      for await (const file of walkFiles(path, { signal: context.signal })) {
        yield* collectJsonRecords(readJsonRecords(file, { signal: context.signal }), (value) => [parseOcsfEvent(value, { geo })]);
      }
    },
  };
}

export const ocsfFileSource: FileSource = createOcsfFileSource();
