import { z } from 'zod';
import type { CollectContext, Connector } from '../core/connector.js';
import type { CollectedRecord, Observation } from '../core/observation.js';
import { collectListings } from '../core/readers/json-collect.util.js';
import { connectionCheck } from '../core/readers/json-http.client.js';
import { pullWindowStart } from '../core/util/pull-window.util.js';
import { countryForIp } from '../geoip/geoip.resolver.js';
import { type GoogleConnection, googleAccessToken, googleConnectionFields, googlePages } from './google-admin.client.js';
import { activityObservations } from './google-activity.parser.js';
import { latestGrantStates } from './google-token-grant.parser.js';
import { parseGoogleUser } from './google-user.parser.js';

/** The Reports API serves 180 days of activity. */
const ACTIVITY_RETENTION_DAYS = 180;
const USERS_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user.readonly';
const REPORTS_SCOPE = 'https://www.googleapis.com/auth/admin.reports.audit.readonly';

async function* collectPages(
  config: GoogleConnection,
  context: CollectContext,
  scope: string,
  listings: readonly string[],
  field: string,
  map: (value: unknown) => readonly Observation[],
): AsyncGenerator<CollectedRecord> {
  const token = await googleAccessToken(config, [scope], context);
  yield* collectListings(listings, (listing) => googlePages(config, context, token, listing, field), map);
}

const testToken = (config: GoogleConnection, scope: string, context: CollectContext, what: string) =>
  connectionCheck(async () => {
    await googleAccessToken(config, [scope], context);
    return `${config.clientEmail} acts as ${config.adminEmail}; ${what}`;
  });

export const googleUsersConfigSchema = z.object({ ...googleConnectionFields, pageSize: z.number().int().min(1).max(500).default(500) });
export type GoogleUsersConfig = z.infer<typeof googleUsersConfigSchema>;

/** Directory API `users.list` (scope admin.directory.user.readonly) → people and Google Workspace accounts. */
export const googleUsersConnector: Connector<GoogleUsersConfig> = {
  type: 'google-users',
  displayName: 'Google Workspace users (Admin SDK Directory API)',
  configSchema: googleUsersConfigSchema,
  secretFields: ['privateKey'],
  test: (config, context) => testToken(config, USERS_SCOPE, context, 'users are read from the Directory API'),
  collect: (config, context) =>
    collectPages(config, context, USERS_SCOPE, [`/admin/directory/v1/users?customer=${config.customer}&projection=full&maxResults=${config.pageSize}`], 'users', (value) =>
      parseGoogleUser(value),
    ),
};

export const googleActivityConfigSchema = z.object({
  ...googleConnectionFields,
  /** Reports API applications read (`login`: sign-ins, `token`: OAuth grants and use, `drive`: downloads). */
  applications: z.array(z.enum(['login', 'token', 'drive', 'admin', 'saml', 'user_accounts'])).min(1).default(['login', 'token', 'drive']),
  /** How far back the first pull reads (`startTime`); later ones read on from an hour before the last successful pull. */
  lookbackDays: z.number().int().min(1).max(180).default(2),
  pageSize: z.number().int().min(1).max(1000).default(1000),
});
export type GoogleActivityConfig = z.infer<typeof googleActivityConfigSchema>;

/** Reports API `activities.list` for all users (scope admin.reports.audit.readonly) → access events and OAuth grants. */
export const googleActivityConnector: Connector<GoogleActivityConfig> = {
  type: 'google-activity',
  displayName: 'Google Workspace activity (Admin SDK Reports API)',
  configSchema: googleActivityConfigSchema,
  secretFields: ['privateKey'],
  test: (config, context) => testToken(config, REPORTS_SCOPE, context, 'activities are read from the Reports API'),
  collect(config, context) {
    const since = pullWindowStart(context, config.lookbackDays, ACTIVITY_RETENTION_DAYS).toISOString();
    const listings = config.applications.map(
      (application) => `/admin/reports/v1/activity/users/all/applications/${application}?startTime=${encodeURIComponent(since)}&maxResults=${config.pageSize}`,
    );
    // Newest first, as the Reports API lists them: each grant's latest state is kept to the end.
    return latestGrantStates(collectPages(config, context, REPORTS_SCOPE, listings, 'items', (value) => activityObservations(value, countryForIp)));
  },
};
