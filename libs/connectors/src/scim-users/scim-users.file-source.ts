import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { collectJsonRecords } from '../core/readers/json-collect.util.js';
import { walkFiles } from '../core/readers/json-files.reader.js';
import { readJsonRecords } from '../core/readers/json-records.reader.js';
import { parseScimUser, unwrapScimList } from './scim-user.parser.js';

/** `ingest --source scim-users`: a SCIM ListResponse, a single User, JSON lines of Users, or a folder of them. */
export const scimUsersFileSource: FileSource = {
  type: 'scim-users',
  displayName: 'SCIM 2.0 Users (RFC 7643/7644)',
  async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
    for await (const file of walkFiles(path, { signal: context.signal })) {
      const records = readJsonRecords(file, { signal: context.signal, limits: context.limits, unwrap: unwrapScimList });
      yield* collectJsonRecords(records, (value) => parseScimUser(value, { system: 'scim' }));
    }
  },
};
