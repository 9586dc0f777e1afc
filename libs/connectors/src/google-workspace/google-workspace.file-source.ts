import type { CollectContext, FileSource } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { collectJsonRecords } from '../core/readers/json-collect.util.js';
import { walkFiles } from '../core/readers/json-files.reader.js';
import { readJsonRecords } from '../core/readers/json-records.reader.js';
import { countryForIp, type GeoIpResolver } from '../geoip/geoip.resolver.js';
import { activityObservations, unwrapGoogleActivities } from './google-activity.parser.js';
import { latestGrantStates } from './google-token-grant.parser.js';
import { parseGoogleUser, unwrapGoogleUsers } from './google-user.parser.js';

/** `ingest --source google-users`: Admin SDK Directory `users.list` pages (or JSON lines of users) → people and accounts. */
export const googleUsersFileSource: FileSource = {
  type: 'google-users',
  displayName: 'Google Workspace users (Admin SDK Directory export)',
  async *collectFile(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
    for await (const file of walkFiles(path, { signal: context.signal })) {
      yield* collectJsonRecords(readJsonRecords(file, { signal: context.signal, unwrap: unwrapGoogleUsers }), (value) => parseGoogleUser(value));
    }
  },
};

/**
 * `ingest --source google-activity`: Admin SDK Reports `activities.list` pages (login, token, drive...) → access
 * events, and from `token` activities the users' OAuth grants as credentials (the latest state of each grant
 * across every file read).
 */
export function createGoogleActivityFileSource(geo: GeoIpResolver = countryForIp): FileSource {
  async function* activities(path: string, context: CollectContext): AsyncGenerator<CollectedRecord> {
    for await (const file of walkFiles(path, { signal: context.signal })) {
      yield* collectJsonRecords(readJsonRecords(file, { signal: context.signal, unwrap: unwrapGoogleActivities }), (value) => activityObservations(value, geo));
    }
  }
  return {
    type: 'google-activity',
    displayName: 'Google Workspace activity (Admin SDK Reports export)',
    collectFile: (path: string, context: CollectContext) => latestGrantStates(activities(path, context)),
  };
}

export const googleActivityFileSource: FileSource = createGoogleActivityFileSource();
