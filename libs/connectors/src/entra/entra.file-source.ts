import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { collectJsonRecords, mapRecord } from '../core/readers/json-collect.util.js';
import { walkFiles } from '../core/readers/json-files.reader.js';
import { readJsonRecords } from '../core/readers/json-records.reader.js';
import { countryForIp, type GeoIpResolver } from '../geoip/geoip.resolver.js';
import { hasNoCredentials, parseEntraAppCredentials } from './entra-app-credential.parser.js';
import { parseEntraSignIn } from './entra-signin.parser.js';
import { parseEntraUser } from './entra-user.parser.js';
import { unwrapGraphPage } from './graph-page.util.js';

/*
 * Each reads what Microsoft Graph v1.0 answers, saved to a file: one page (`{ "value": [...] }`), a JSON array,
 * or JSON lines (one resource per line, as an export writes), gzipped or not; a folder of such files in name order.
 */

/** `ingest --source entra-signins`: `/auditLogs/signIns` → access events with country. */
export function createEntraSignInsFileSource(geo: GeoIpResolver = countryForIp): FileSource {
  return {
    type: 'entra-signins',
    displayName: 'Microsoft Entra ID sign-in logs (Graph export)',
    async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
      for await (const file of walkFiles(path, { signal: context.signal })) {
        yield* collectJsonRecords(readJsonRecords(file, { signal: context.signal, unwrap: unwrapGraphPage }), (value) => [parseEntraSignIn(value, { geo })]);
      }
    },
  };
}

export const entraSignInsFileSource: FileSource = createEntraSignInsFileSource();

/** `ingest --source entra-users`: `/users` → people and their Entra accounts (leavers included). */
export const entraUsersFileSource: FileSource = {
  type: 'entra-users',
  displayName: 'Microsoft Entra ID users (Graph export)',
  async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
    for await (const file of walkFiles(path, { signal: context.signal })) {
      yield* collectJsonRecords(readJsonRecords(file, { signal: context.signal, unwrap: unwrapGraphPage }), (value) => parseEntraUser(value, { now: context.now }));
    }
  },
};

/** `ingest --source entra-app-credentials`: `/applications` and `/servicePrincipals` → secrets and certificates. */
export const entraAppCredentialsFileSource: FileSource = {
  type: 'entra-app-credentials',
  displayName: 'Microsoft Entra ID app secrets and certificates (Graph export)',
  async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
    for await (const file of walkFiles(path, { signal: context.signal })) {
      for await (const record of readJsonRecords(file, { signal: context.signal, unwrap: unwrapGraphPage })) {
        if (!record.ok) {
          yield { accepted: false, location: record.location, reason: record.reason };
          continue;
        }
        // Most applications hold no secret: that is no error, and there is nothing to store.
        if (hasNoCredentials(record.value)) continue;
        yield* mapRecord(record.value, record.location, (value) => parseEntraAppCredentials(value));
      }
    }
  },
};
