import { z } from 'zod';
import type { CollectContext } from '../core/connector.js';
import type { ListingPage } from '../core/readers/json-collect.util.js';
import { SourceRequestError, fetchJson, safeUrl, sameOriginNext } from '../core/readers/json-http.client.js';
import { isJsonObject, stringAt } from '../core/readers/json-value.util.js';

/** What every Entra pull needs: an app registration allowed to read the tenant (client credentials). */
export const entraConnectionSchema = z.object({
  /** The directory (tenant) id, or one of its verified domains. */
  tenantId: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'a tenant id (GUID) or domain'),
  /** The application (client) id of the app registration. */
  clientId: z.string().min(1),
  /** Its client secret: encrypted at rest, never returned or logged. */
  clientSecret: z.string().min(1),
  /** The sign-in authority; another for sovereign clouds (`https://login.microsoftonline.us`). */
  authorityUrl: z.url({ protocol: /^https?$/ }).default('https://login.microsoftonline.com'),
  /** Microsoft Graph; another for sovereign clouds (`https://graph.microsoft.us`). */
  graphUrl: z.url({ protocol: /^https?$/ }).default('https://graph.microsoft.com'),
  timeoutMs: z.number().int().positive().max(300_000).default(30_000),
});
export type EntraConnection = z.infer<typeof entraConnectionSchema>;

const TOKEN_LABEL = 'Microsoft Entra token endpoint';
const GRAPH_LABEL = 'Microsoft Graph';

const trim = (url: string): string => url.replace(/\/+$/, '');

/**
 * OAuth 2.0 client credentials grant against the tenant's v2.0 token endpoint, for Graph's `.default` scope
 * (the application permissions an admin consented to).
 */
export async function entraAccessToken(config: EntraConnection, context: CollectContext): Promise<string> {
  const url = `${trim(config.authorityUrl)}/${encodeURIComponent(config.tenantId)}/oauth2/v2.0/token`;
  const response = await fetchJson({
    url,
    label: TOKEN_LABEL,
    signal: context.signal,
    timeoutMs: config.timeoutMs,
    method: 'POST',
    form: { client_id: config.clientId, client_secret: config.clientSecret, scope: `${trim(config.graphUrl)}/.default`, grant_type: 'client_credentials' },
    secrets: [config.clientSecret],
    serverErrorRetries: 2,
  });
  const token = stringAt(response.body, 'access_token');
  if (token === null) throw new SourceRequestError(`${TOKEN_LABEL} answered ${safeUrl(url)} without an access_token`, 'invalid-response');
  return token;
}

/**
 * Every page of a Graph collection, following `@odata.nextLink` (only on Graph's own host) until there is none;
 * a 429 or 503 is waited out as `Retry-After` says (Graph's throttling guidance).
 */
export async function* graphPages(config: EntraConnection, context: CollectContext, token: string, pathAndQuery: string): AsyncGenerator<ListingPage> {
  let url: string | null = `${trim(config.graphUrl)}${pathAndQuery}`;
  let offset = 0;
  while (url !== null) {
    const response = await fetchJson({
      url,
      label: GRAPH_LABEL,
      signal: context.signal,
      timeoutMs: config.timeoutMs,
      headers: { authorization: `Bearer ${token}` },
      secrets: [token, config.clientSecret],
      rateLimitRetries: 5,
      serverErrorRetries: 2,
    });
    const body = response.body;
    if (!isJsonObject(body) || !Array.isArray(body['value'])) {
      throw new SourceRequestError(`${GRAPH_LABEL} answered ${safeUrl(url)} with something other than a collection (no "value" array)`, 'invalid-response');
    }
    yield { source: safeUrl(url), offset, records: body['value'] };
    offset += body['value'].length;
    const next = stringAt(body, '@odata.nextLink');
    url = next === null ? null : sameOriginNext(next, config.graphUrl, GRAPH_LABEL);
  }
}
