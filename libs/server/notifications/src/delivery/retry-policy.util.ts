/** How one attempt ended, as the worker records it. */
export type AttemptOutcome =
  | { kind: 'sent'; statusCode: number | null; response: string }
  | { kind: 'retry'; statusCode: number | null; response: string; error: string; retryAfterMs: number | null }
  | { kind: 'permanent'; statusCode: number | null; response: string; error: string };

export interface RetryPolicy {
  /** Attempts in all before a delivery is dead-lettered (status `failed`). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The delay before attempt `attempt + 1`: exponential from `baseDelayMs` (1×, 2×, 4×, …) capped at
 * `maxDelayMs`, but never sooner than the receiver's Retry-After (itself capped, so a hostile answer
 * cannot park a message for a year).
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs: number | null): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return retryAfterMs === null ? exponential : Math.max(exponential, Math.min(retryAfterMs, policy.maxDelayMs));
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * What an HTTP answer means for a delivery: 2xx sent; 408, 425, 429 and 5xx may succeed later; any other 4xx
 * (a wrong URL, a revoked webhook, a rejected payload) will not, so it fails at once instead of retrying.
 */
export function classifyHttpStatus(status: number): 'sent' | 'retry' | 'permanent' {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  return 'permanent';
}
