import { z } from 'zod';
import type { CollectContext, Connector } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { mapRecord } from '../core/readers/json-collect.util.js';
import { SourceRequestError, connectionCheck, fetchJson, parseLinkHeader, safeUrl, sameOriginNext } from '../core/readers/json-http.client.js';
import { countryForIp } from '../geoip/geoip.resolver.js';
import { parseOktaEvent } from '../okta-system-log/okta-event.parser.js';
import { parseOktaUser } from './okta-user.parser.js';

export const oktaConfigSchema = z.object({
  /** The org's URL, e.g. `https://example.okta.com`. */
  orgUrl: z.url({ protocol: /^https?$/ }),
  /** An Okta API token (sent as `SSWS <token>`): encrypted at rest, never returned or logged. */
  token: z.string().min(1),
  users: z.boolean().default(true),
  systemLog: z.boolean().default(true),
  /** Start of the System Log window; by default `lookbackDays` before the run. Re-reads are idempotent (event uuid). */
  since: z.iso.datetime({ offset: true }).optional(),
  lookbackDays: z.number().int().min(1).max(90).default(7),
  timeoutMs: z.number().int().positive().max(300_000).default(30_000),
});
export type OktaConfig = z.infer<typeof oktaConfigSchema>;

const LABEL = 'Okta';
const USERS_PAGE = 200;
const LOGS_PAGE = 1000;

/** Okta Users API (accounts and their lifecycle) and System Log (sign-ins, admin actions, deactivations). */
export const oktaConnector: Connector<OktaConfig> = {
  type: 'okta',
  displayName: 'Okta (Users API and System Log)',
  configSchema: oktaConfigSchema,
  secretFields: ['token'],

  test: (config, context) =>
    connectionCheck(async () => {
      const checks: string[] = [];
      if (config.users) {
        await request(config, context, `${base(config)}/api/v1/users?limit=1`);
        checks.push('users');
      }
      if (config.systemLog) {
        await request(config, context, `${base(config)}/api/v1/logs?limit=1`);
        checks.push('System Log');
      }
      return `${new URL(config.orgUrl).origin} accepted the API token (${checks.join(' and ') || 'nothing enabled to read'})`;
    }),

  async *collect(config: OktaConfig, context: CollectContext): AsyncGenerator<CollectedRecord> {
    if (config.users) {
      const source = `${base(config)}/api/v1/users`;
      let record = 0;
      // The default listing leaves DEPROVISIONED users out; leavers are exactly those, so they are listed too.
      for (const query of [`limit=${USERS_PAGE}`, `limit=${USERS_PAGE}&filter=${encodeURIComponent('status eq "DEPROVISIONED"')}`]) {
        for await (const user of pages(config, context, `${source}?${query}`)) {
          yield* mapRecord(user, { source, record: record++ }, parseOktaUser);
        }
      }
    }
    if (config.systemLog) {
      const source = `${base(config)}/api/v1/logs`;
      const since = config.since ?? new Date(context.now.getTime() - config.lookbackDays * 86_400_000).toISOString();
      // A bounded window (`until` = the run's asOf) ends when no next link comes, unlike open-ended polling.
      const query = new URLSearchParams({ since, until: context.now.toISOString(), limit: String(LOGS_PAGE), sortOrder: 'ASCENDING' });
      let record = 0;
      for await (const event of pages(config, context, `${source}?${query.toString()}`)) {
        yield* mapRecord(event, { source, record: record++ }, (value) => parseOktaEvent(value, { geo: countryForIp }));
      }
    }
  },
};

function base(config: OktaConfig): string {
  return config.orgUrl.replace(/\/+$/, '');
}

function request(config: OktaConfig, context: CollectContext, url: string) {
  return fetchJson({
    url,
    label: LABEL,
    signal: context.signal,
    timeoutMs: config.timeoutMs,
    headers: { authorization: `SSWS ${config.token}` },
    secrets: [config.token],
  });
}

/** Follows `Link: <...>; rel="next"` (on the org's own host only) until there is none or a page is empty. */
async function* pages(config: OktaConfig, context: CollectContext, first: string): AsyncGenerator<unknown> {
  const seen = new Set<string>();
  for (let url: string | undefined = first; url !== undefined; ) {
    seen.add(url);
    const response = await request(config, context, url);
    if (!Array.isArray(response.body)) {
      throw new SourceRequestError(`${LABEL} answered ${safeUrl(url)} with something other than a JSON array`, 'invalid-response');
    }
    yield* response.body;
    const next = parseLinkHeader(response.headers.get('link'))['next'];
    url = next === undefined || response.body.length === 0 ? undefined : sameOriginNext(next, base(config), LABEL);
    if (url !== undefined && seen.has(url)) url = undefined;
  }
}
