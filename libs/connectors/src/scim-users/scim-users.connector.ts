import { z } from 'zod';
import type { CollectContext, Connector } from '../core/connector.js';
import type { CollectedRecord } from '../core/observation.js';
import { mapRecord } from '../core/readers/json-collect.util.js';
import { type JsonResponse, SourceRequestError, connectionCheck, fetchJson, safeUrl } from '../core/readers/json-http.client.js';
import { isJsonObject, numberAt } from '../core/readers/json-value.util.js';
import { parseScimUser } from './scim-user.parser.js';

export const scimUsersConfigSchema = z.object({
  /** The SCIM service's base URL, e.g. `https://example.com/scim/v2` (`/Users` is appended). */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** Bearer token: encrypted at rest, never returned or logged. */
  token: z.string().min(1),
  /** The provider's name for the accounts (e.g. `entra`, `okta`); `scim` by default. */
  system: z.string().min(1).default('scim'),
  pageSize: z.number().int().min(1).max(1000).default(100),
  timeoutMs: z.number().int().positive().max(300_000).default(30_000),
});
export type ScimUsersConfig = z.infer<typeof scimUsersConfigSchema>;

const LABEL = 'SCIM endpoint';

/** Pulls Users from a SCIM 2.0 service provider (RFC 7644 §3.4.2), page by page with startIndex/count. */
export const scimUsersConnector: Connector<ScimUsersConfig> = {
  type: 'scim-users',
  displayName: 'SCIM 2.0 Users (API)',
  configSchema: scimUsersConfigSchema,
  secretFields: ['token'],

  test: (config, context) =>
    connectionCheck(async () => {
      const page = await fetchPage(config, context, 1, 1);
      return `${safeUrl(usersUrl(config))} lists ${page.total} user${page.total === 1 ? '' : 's'}`;
    }),

  async *collect(config: ScimUsersConfig, context: CollectContext): AsyncGenerator<CollectedRecord> {
    const source = safeUrl(usersUrl(config));
    // RFC 7644 indexes from 1; a page that comes back empty ends the walk even if totalResults promised more.
    for (let startIndex = 1; ; ) {
      const page = await fetchPage(config, context, startIndex, config.pageSize);
      for (const [offset, resource] of page.resources.entries()) {
        yield* mapRecord(resource, { source, record: startIndex - 1 + offset }, (value) => parseScimUser(value, { system: config.system }));
      }
      startIndex += page.resources.length;
      if (page.resources.length === 0 || startIndex > page.total) return;
    }
  },
};

function usersUrl(config: ScimUsersConfig): string {
  return `${config.baseUrl.replace(/\/+$/, '')}/Users`;
}

async function fetchPage(
  config: ScimUsersConfig,
  context: CollectContext,
  startIndex: number,
  count: number,
): Promise<{ total: number; resources: unknown[] }> {
  const url = `${usersUrl(config)}?startIndex=${startIndex}&count=${count}`;
  const response: JsonResponse = await fetchJson({
    url,
    label: LABEL,
    signal: context.signal,
    timeoutMs: config.timeoutMs,
    headers: { authorization: `Bearer ${config.token}`, accept: 'application/scim+json, application/json' },
    secrets: [config.token],
  });
  const body = response.body;
  const total = numberAt(body, 'totalResults');
  if (!isJsonObject(body) || total === null) {
    throw new SourceRequestError(`${LABEL} answered ${safeUrl(url)} with something other than a SCIM ListResponse (no totalResults)`, 'invalid-response');
  }
  const resources = body['Resources'];
  return { total, resources: Array.isArray(resources) ? resources : [] };
}
