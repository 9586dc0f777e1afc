import { z } from 'zod';
import type { CollectContext } from '../core/connector.js';
import type { ListingPage } from '../core/readers/json-collect.util.js';
import { SourceRequestError, fetchJson, parseLinkHeader, safeUrl, sameOriginNext } from '../core/readers/json-http.client.js';
import { stringAt } from '../core/readers/json-value.util.js';
import { signRs256Jwt } from '../core/util/rs256-jwt.util.js';

/**
 * What every GitHub pull needs: the organisation and either a token (a classic PAT with `read:org`/`admin:org`,
 * or a fine-grained one) or a GitHub App installation (the app id, its private key, the installation id).
 */
export const gitHubConnectionFields = {
  org: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'a GitHub organisation login'),
  /** `https://api.github.com`, or GitHub Enterprise Server's `https://HOST/api/v3`. */
  apiUrl: z.url({ protocol: /^https?$/ }).default('https://api.github.com'),
  /** A personal access token: encrypted at rest, never returned or logged. */
  token: z.string().min(1).optional(),
  /** A GitHub App (its id or client id) installed on the organisation. */
  appId: z.string().min(1).optional(),
  installationId: z.string().regex(/^\d+$/, 'the numeric installation id').optional(),
  /** The app's private key (PEM): encrypted at rest, never returned or logged. */
  privateKey: z.string().min(1).optional(),
  pageSize: z.number().int().min(1).max(100).default(100),
  timeoutMs: z.number().int().positive().max(300_000).default(30_000),
};

export interface GitHubConnection {
  org: string;
  apiUrl: string;
  token?: string | undefined;
  appId?: string | undefined;
  installationId?: string | undefined;
  privateKey?: string | undefined;
  pageSize: number;
  timeoutMs: number;
}

/** A token, or all three of the app's fields: nothing in between. */
export function refineGitHubAuth(config: Partial<GitHubConnection>, issues: z.RefinementCtx): void {
  const app = [config.appId, config.installationId, config.privateKey].filter((value) => value !== undefined).length;
  if (config.token !== undefined && app > 0) issues.addIssue({ code: 'custom', path: ['token'], message: 'give a token or a GitHub App (appId, installationId, privateKey), not both' });
  else if (config.token === undefined && app !== 3) issues.addIssue({ code: 'custom', path: ['token'], message: 'give a token, or all of appId, installationId and privateKey' });
}

const LABEL = 'GitHub API';
const API_HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
const trim = (url: string): string => url.replace(/\/+$/, '');

/** A signed-in session: the bearer token every request carries, and the secrets to scrub from messages. */
export interface GitHubSession {
  token: string;
  secrets: string[];
}

/**
 * The token to call the API with: the PAT as given, or an installation access token the app's JWT (RS256, the
 * app as issuer, valid ten minutes) buys from `/app/installations/{id}/access_tokens`.
 */
export async function gitHubSession(config: GitHubConnection, context: CollectContext): Promise<GitHubSession> {
  if (config.token !== undefined) return { token: config.token, secrets: [config.token] };
  const jwt = appJwt(config.appId!, config.privateKey!);
  const url = `${trim(config.apiUrl)}/app/installations/${config.installationId!}/access_tokens`;
  const response = await fetchJson({
    url,
    label: LABEL,
    signal: context.signal,
    timeoutMs: config.timeoutMs,
    method: 'POST',
    headers: { ...API_HEADERS, authorization: `Bearer ${jwt}` },
    secrets: [jwt],
    serverErrorRetries: 2,
  });
  const token = stringAt(response.body, 'token');
  if (token === null) throw new SourceRequestError(`${LABEL} answered ${safeUrl(url)} without an installation token`, 'invalid-response');
  return { token, secrets: [token, jwt] };
}

/** Signed with the wall clock, not the run's `asOf`: GitHub checks it against its own clock (allowing 60 s of skew). */
function appJwt(appId: string, privateKey: string): string {
  const now = Math.floor(Date.now() / 1000);
  try {
    return signRs256Jwt({ iat: now - 60, exp: now + 540, iss: appId }, privateKey);
  } catch {
    // The key's own text must never reach a message.
    throw new SourceRequestError('the GitHub App private key could not sign a token: give the PEM key GitHub generated for the app', 'unauthorized');
  }
}

/**
 * Every page of a REST listing, following the `Link` header's `next` (only on the API's own host); rate limits
 * (429, and GitHub's 403 with `Retry-After` or `X-RateLimit-Remaining: 0`) are waited out.
 */
export async function* gitHubPages(config: GitHubConnection, context: CollectContext, session: GitHubSession, pathAndQuery: string): AsyncGenerator<ListingPage> {
  let url: string | null = `${trim(config.apiUrl)}${pathAndQuery}`;
  let offset = 0;
  while (url !== null) {
    const response = await fetchJson({
      url,
      label: LABEL,
      signal: context.signal,
      timeoutMs: config.timeoutMs,
      headers: { ...API_HEADERS, authorization: `Bearer ${session.token}` },
      secrets: session.secrets,
      rateLimitRetries: 5,
      serverErrorRetries: 2,
    });
    if (!Array.isArray(response.body)) {
      throw new SourceRequestError(`${LABEL} answered ${safeUrl(url)} with something other than a list`, 'invalid-response');
    }
    yield { source: safeUrl(url), offset, records: response.body };
    offset += response.body.length;
    const next = parseLinkHeader(response.headers.get('link'))['next'];
    url = next === undefined ? null : sameOriginNext(next, config.apiUrl, LABEL);
  }
}
