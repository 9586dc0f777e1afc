import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { collectJsonRecords } from '../core/readers/json-collect.util.js';
import { walkFiles } from '../core/readers/json-files.reader.js';
import { readJsonRecords } from '../core/readers/json-records.reader.js';
import { countryForIp, type GeoIpResolver } from '../geoip/geoip.resolver.js';
import { parseOktaEvent } from './okta-event.parser.js';

/**
 * `ingest --source okta-system-log`: events as `/api/v1/logs` returns them, a JSON array (one page) or
 * JSON lines (an export), gzipped or not; a folder of such files is read in name order.
 */
export function createOktaSystemLogFileSource(geo: GeoIpResolver = countryForIp): FileSource {
  return {
    type: 'okta-system-log',
    displayName: 'Okta System Log (export)',
    async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
      for await (const file of walkFiles(path, { signal: context.signal })) {
        yield* collectJsonRecords(readJsonRecords(file, { signal: context.signal, limits: context.limits }), (value) => parseOktaEvent(value, { geo }));
      }
    },
  };
}

export const oktaSystemLogFileSource: FileSource = createOktaSystemLogFileSource();
