import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { collectJsonFiles } from '../core/readers/json-collect.util.js';
import { countryForIp, type GeoIpResolver } from '../geoip/geoip.resolver.js';
import { parseOcsfEvent } from './ocsf-event.parser.js';

/**
 * `ingest --source ocsf`: OCSF events as JSON lines (each line parsed on its own, so a bad line costs only
 * itself; a file larger than `WHOLE_TEXT_MAX_BYTES` of text is streamed), or a file holding one event or an
 * array of them; gzipped or not; a folder of such files in name order.
 */
export function createOcsfFileSource(geo: GeoIpResolver = countryForIp): FileSource {
  const options = { geo };
  return {
    type: 'ocsf',
    displayName: 'OCSF events (JSON lines)',
    collectFile(path: string, context: CollectContext): AsyncIterable<CollectedRecord> {
      return collectJsonFiles(path, context, {}, (value) => [parseOcsfEvent(value, options)]);
    },
  };
}

export const ocsfFileSource: FileSource = createOcsfFileSource();
