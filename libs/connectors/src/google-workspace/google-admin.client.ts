import { z } from 'zod';
import type { CollectContext } from '../core/connector.js';
import type { ListingPage } from '../core/readers/json-collect.util.js';
import { SourceRequestError, fetchJson, safeUrl } from '../core/readers/json-http.client.js';
import { isJsonObject, stringAt } from '../core/readers/json-value.util.js';
import { signRs256Jwt } from '../core/util/rs256-jwt.util.js';

/**
 * A service account with domain-wide delegation: it signs an assertion for an administrator (`adminEmail`) and
 * reads the Admin SDK as them, with only the read-only scopes the connector asks for.
 */
export const googleConnectionFields = {
  /** The service account's e-mail (`client_email` of its JSON key). */
  clientEmail: z.email(),
  /** The service account's private key (`private_key` of its JSON key, PEM): encrypted at rest, never returned or logged. */
  privateKey: z.string().min(1),
  /** A Workspace administrator the service account acts as. */
  adminEmail: z.email(),
  /** `my_customer` (the administrator's own account) or a customer id. */
  customer: z.string().regex(/^[A-Za-z0-9_]+$/).default('my_customer'),
  tokenUrl: z.url({ protocol: /^https?$/ }).default('https://oauth2.googleapis.com/token'),
  apiUrl: z.url({ protocol: /^https?$/ }).default('https://admin.googleapis.com'),
  timeoutMs: z.number().int().positive().max(300_000).default(30_000),
};

export interface GoogleConnection {
  clientEmail: string;
  privateKey: string;
  adminEmail: string;
  customer: string;
  tokenUrl: string;
  apiUrl: string;
  timeoutMs: number;
}

const TOKEN_LABEL = 'Google OAuth token endpoint';
const API_LABEL = 'Google Admin SDK';

/**
 * RFC 7523 JWT bearer grant: the assertion names the service account (`iss`), the administrator (`sub`) and the
 * scopes, and is signed with the wall clock (Google checks it against its own), valid one hour at most.
 */
export async function googleAccessToken(config: GoogleConnection, scopes: readonly string[], context: CollectContext): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let assertion: string;
  try {
    assertion = signRs256Jwt({ iss: config.clientEmail, sub: config.adminEmail, scope: scopes.join(' '), aud: config.tokenUrl, iat: now, exp: now + 3600 }, config.privateKey);
  } catch {
    throw new SourceRequestError("the service account's private key could not sign a token: give the private_key of its JSON key", 'unauthorized');
  }
  const response = await fetchJson({
    url: config.tokenUrl,
    label: TOKEN_LABEL,
    signal: context.signal,
    timeoutMs: config.timeoutMs,
    method: 'POST',
    form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion },
    secrets: [assertion, config.privateKey],
    serverErrorRetries: 2,
  });
  const token = stringAt(response.body, 'access_token');
  if (token === null) throw new SourceRequestError(`${TOKEN_LABEL} answered ${safeUrl(config.tokenUrl)} without an access_token`, 'invalid-response');
  return token;
}

/** Every page of a listing whose records are in `field`, following `nextPageToken`; 429 and 5xx are waited out. */
export async function* googlePages(config: GoogleConnection, context: CollectContext, token: string, pathAndQuery: string, field: string): AsyncGenerator<ListingPage> {
  const first = `${config.apiUrl.replace(/\/+$/, '')}${pathAndQuery}`;
  let pageToken: string | null = null;
  let offset = 0;
  do {
    const url = new URL(first);
    if (pageToken !== null) url.searchParams.set('pageToken', pageToken);
    const response = await fetchJson({
      url: url.toString(),
      label: API_LABEL,
      signal: context.signal,
      timeoutMs: config.timeoutMs,
      headers: { authorization: `Bearer ${token}` },
      secrets: [token],
      rateLimitRetries: 5,
      serverErrorRetries: 2,
    });
    const body = response.body;
    if (!isJsonObject(body)) throw new SourceRequestError(`${API_LABEL} answered ${safeUrl(url.toString())} with something other than a list`, 'invalid-response');
    // An empty listing has no `users`/`items` at all.
    const records = Array.isArray(body[field]) ? (body[field] as unknown[]) : [];
    yield { source: safeUrl(url.toString()), offset, records };
    offset += records.length;
    pageToken = stringAt(body, 'nextPageToken');
  } while (pageToken !== null);
}
