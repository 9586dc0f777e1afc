import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { collectJsonRecords } from '../core/readers/json-collect.util.js';
import { walkFiles } from '../core/readers/json-files.reader.js';
import { readJsonRecords } from '../core/readers/json-records.reader.js';
import { parseJwk, unwrapJwks } from './jwk.parser.js';

/** `postureboard ingest --source jwks --path P`: a JWKS document (or a bare JWK), or a directory of them. */
export const jwksFileSource: FileSource = {
  type: 'jwks',
  displayName: 'JSON Web Key Set (RFC 7517)',
  async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
    const options = { environment: 'UNKNOWN' as const, owner: null };
    for await (const file of walkFiles(path, { signal: context.signal })) {
      const records = readJsonRecords(file, { signal: context.signal, limits: context.limits, format: 'document', unwrap: unwrapJwks });
      yield* collectJsonRecords(records, (value) => [parseJwk(value, options)]);
    }
  },
};
