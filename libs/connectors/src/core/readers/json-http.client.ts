import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectionTestResult } from '../connector.js';
import { guardedHttpRequest, headersOf, isOutboundRefused } from '../net/outbound-guard.js';
import { redactSecrets } from '../util/secret-redaction.util.js';
import { describeJsonSyntaxError } from './json-document.reader.js';
import { codeOf, isJsonObject, messageOf } from './json-value.util.js';

export type SourceErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server-error'
  | 'http-error'
  | 'invalid-response';

/** A failed request to a source, with a message an admin can act on. It never carries the credentials sent. */
export class SourceRequestError extends Error {
  constructor(
    message: string,
    readonly kind: SourceErrorKind,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SourceRequestError';
  }
}

export interface JsonRequest {
  url: string;
  /** Names the source in messages ("Okta", "SCIM endpoint"). */
  label: string;
  signal: AbortSignal;
  headers?: Record<string, string>;
  /** Header values that are secrets: they are scrubbed from any message built from the answer. */
  secrets?: readonly string[];
  timeoutMs?: number;
  /** Attempts after a 429, waiting as the source asks (Retry-After, Okta's X-Rate-Limit-Reset), at most a minute each. */
  rateLimitRetries?: number;
  /** Attempts after a 5xx (Graph's 503/504 are transient), waiting as Retry-After says or a second; none by default. */
  serverErrorRetries?: number;
  /** `POST` with a form body (an OAuth 2.0 token request); `GET` by default. */
  method?: 'GET' | 'POST';
  /** The request body, sent as `application/x-www-form-urlencoded`; its values count as secrets in messages. */
  form?: Record<string, string>;
}

export interface JsonResponse {
  url: string;
  status: number;
  headers: Headers;
  body: unknown;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_RATE_LIMIT_WAIT_MS = 60_000;
/** An API page is kilobytes to a few megabytes; an answer past this is not read. */
const MAX_BODY_BYTES = 64 << 20;
const MAX_REDIRECTS = 5;

/** What `send` gives back: the status and headers at once, the body when read. */
interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  text(): Promise<string>;
}

/** GET a JSON resource with a timeout, clear errors for unreachable/401/403/404/429/5xx, and 429 back-off. */
export async function fetchJson(request: JsonRequest): Promise<JsonResponse> {
  const retries = request.rateLimitRetries ?? 3;
  const serverRetries = request.serverErrorRetries ?? 0;
  for (let attempt = 0, serverAttempt = 0; ; ) {
    const response = await send(request);
    if (isRateLimited(response) && attempt < retries) {
      attempt += 1;
      await response.text().catch(() => '');
      await sleep(rateLimitWaitMs(response.headers), undefined, { signal: request.signal });
      continue;
    }
    if (response.status >= 500 && serverAttempt < serverRetries) {
      serverAttempt += 1;
      await response.text().catch(() => '');
      await sleep(rateLimitWaitMs(response.headers), undefined, { signal: request.signal });
      continue;
    }
    return readJson(response, request);
  }
}

/**
 * A 429, or a 403 that says it is a rate limit: GitHub answers its primary and secondary limits with 403 and
 * `x-ratelimit-remaining: 0` or a `Retry-After` (a 403 for a missing permission carries neither).
 */
function isRateLimited(response: HttpAnswer): boolean {
  if (response.status === 429) return true;
  return response.status === 403 && (response.headers.get('retry-after') !== null || response.headers.get('x-ratelimit-remaining') === '0');
}

async function send(request: JsonRequest): Promise<HttpAnswer> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  // Credentials (headers or a form) are never carried to wherever a redirect points.
  const follow = (request.secrets ?? []).length === 0 && request.form === undefined;
  const form = request.form ? new URLSearchParams(request.form).toString() : undefined;
  const headers = { accept: 'application/json', ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...request.headers };
  let url = request.url;
  try {
    for (let hop = 0; ; hop += 1) {
      const answer = answerOf(await guardedHttpRequest(url, { method: request.method ?? 'GET', headers, body: form, signal }));
      const location = answer.headers.get('location');
      if (!follow || answer.status < 300 || answer.status >= 400 || location === null || hop >= MAX_REDIRECTS) return answer;
      // Each hop is a new connection through the outbound gate: a redirect to 127.0.0.1 is refused like a URL of it.
      await answer.text().catch(() => '');
      url = new URL(location, url).toString();
    }
  } catch (error) {
    if (request.signal.aborted) throw error;
    if (timeout.aborted) {
      throw new SourceRequestError(`${request.label} did not answer within ${timeoutMs / 1000} s (${safeUrl(request.url)})`, 'timeout');
    }
    if (isOutboundRefused(error)) throw new SourceRequestError(`${request.label} at ${safeUrl(url)}: ${messageOf(error)}`, 'unreachable');
    throw new SourceRequestError(`could not reach ${request.label} at ${safeUrl(url)}: ${networkCause(error)}`, 'unreachable');
  }
}

function answerOf(response: IncomingMessage): HttpAnswer {
  return {
    status: response.statusCode ?? 0,
    statusText: response.statusMessage ?? '',
    headers: headersOf(response),
    text: async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          response.destroy();
          throw new Error(`the answer is larger than ${MAX_BODY_BYTES >> 20} MiB`);
        }
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

async function readJson(response: HttpAnswer, request: JsonRequest): Promise<JsonResponse> {
  const where = safeUrl(request.url);
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (request.signal.aborted) throw error;
    throw new SourceRequestError(`${request.label} stopped answering while sending ${where}`, 'timeout');
  }
  if (response.status >= 300) {
    const detail = scrub(errorDetail(text), [...(request.secrets ?? []), ...Object.values(request.form ?? {})]);
    throw statusError(response, request.label, where, detail);
  }
  try {
    return { url: request.url, status: response.status, headers: response.headers, body: JSON.parse(text) };
  } catch (error) {
    throw new SourceRequestError(`${request.label} answered ${where} with ${describeJsonSyntaxError(error, text)}`, 'invalid-response');
  }
}

function statusError(response: HttpAnswer, label: string, where: string, detail: string): SourceRequestError {
  const status = `${response.status} ${response.statusText || ''}`.trim();
  const suffix = detail ? `: ${detail}` : '';
  switch (true) {
    case isRateLimited(response):
      return new SourceRequestError(`${label} kept rate-limiting requests to ${where} (${status})${suffix}`, 'rate-limited', response.status);
    case response.status === 401:
      return new SourceRequestError(`${label} rejected the credentials (${status}) at ${where}${suffix}. Check the token.`, 'unauthorized', 401);
    case response.status === 403:
      return new SourceRequestError(`${label} refused access (${status}) to ${where}: the token lacks permission${suffix}`, 'forbidden', 403);
    case response.status === 404:
      return new SourceRequestError(`${label} has no resource at ${where} (${status})${suffix}`, 'not-found', 404);
    case response.status >= 500:
      return new SourceRequestError(`${label} failed with ${status} at ${where}${suffix}`, 'server-error', response.status);
    case response.status >= 300 && response.status < 400:
      return new SourceRequestError(
        `${label} redirected ${where} (${status}); credentials are not sent to a redirect target: configure the final URL`,
        'http-error',
        response.status,
      );
    default:
      return new SourceRequestError(`${label} answered ${status} at ${where}${suffix}`, 'http-error', response.status);
  }
}

/**
 * The error text the common APIs put in their JSON bodies (Okta `errorSummary`, SCIM `detail`), kept short.
 * Anything else is never quoted: a body that is not the API's JSON may be whatever answered at that address
 * (another service's banner, a page echoing the request's credentials).
 */
function errorDetail(text: string): string {
  let detail = '';
  try {
    const body: unknown = JSON.parse(text);
    if (isJsonObject(body)) {
      const candidate = body['errorSummary'] ?? body['detail'] ?? body['message'] ?? body['error_description'] ?? body['error'];
      if (typeof candidate === 'string') detail = candidate;
    }
  } catch {
    detail = '';
  }
  return detail.length > 160 ? `${detail.slice(0, 157)}...` : detail;
}

function scrub(text: string, secrets: readonly string[]): string {
  return redactSecrets(text, secrets);
}

/** Okta sends the reset as epoch seconds; it is measured against the server's own Date header to ignore clock skew. */
function rateLimitWaitMs(headers: Headers): number {
  const retryAfter = Number(headers.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.min(retryAfter * 1000, MAX_RATE_LIMIT_WAIT_MS);
  // Okta's X-Rate-Limit-Reset and GitHub's X-RateLimit-Reset: both epoch seconds.
  const reset = Number(headers.get('x-rate-limit-reset') ?? headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) {
    const serverNow = Date.parse(headers.get('date') ?? '');
    const now = Number.isNaN(serverNow) ? Date.now() : serverNow;
    return Math.min(Math.max(reset * 1000 - now, 0) + 1000, MAX_RATE_LIMIT_WAIT_MS);
  }
  return 1000;
}

/** The system error (ECONNREFUSED, ENOTFOUND, ...), code first; a wrapped one's `cause` is the useful part. */
function networkCause(error: unknown): string {
  const cause = typeof error === 'object' && error !== null && 'cause' in error && error.cause ? error.cause : error;
  const code = codeOf(cause);
  const message = messageOf(cause);
  return code && !message.startsWith(code) ? `${code} (${message})` : message;
}

/** The URL as it may be shown: no user-info, no query (where some APIs carry keys). */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** RFC 8288 `Link` header → `{ next: url, self: url }`. */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (!match) continue;
    const rel = /rel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? '');
    if (rel?.[1] && match[1] !== undefined) {
      for (const name of rel[1].trim().split(/\s+/)) links[name.toLowerCase()] = match[1];
    }
  }
  return links;
}

/** A `next` link is only followed on the origin the token was configured for. */
export function sameOriginNext(next: string, base: string, label: string): string {
  const resolved = new URL(next, base);
  if (resolved.origin !== new URL(base).origin) {
    throw new SourceRequestError(`${label} sent a next-page link to another host (${resolved.origin}): not followed`, 'invalid-response');
  }
  return resolved.toString();
}

/** Runs a connectivity check, turning a source error into a failed result with its message. */
export async function connectionCheck(check: () => Promise<string>): Promise<ConnectionTestResult> {
  try {
    return { ok: true, message: await check() };
  } catch (error) {
    if (error instanceof SourceRequestError) return { ok: false, message: error.message };
    if (typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError') throw error;
    return { ok: false, message: messageOf(error) };
  }
}
