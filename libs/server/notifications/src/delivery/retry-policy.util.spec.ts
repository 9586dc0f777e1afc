import fc from 'fast-check';
import { verifyWebhook, signWebhook } from '../channels/webhook-signature.util.js';
import { classifyHttpStatus, parseRetryAfter, retryDelayMs } from './retry-policy.util.js';
import { redact } from './redact.util.js';

const POLICY = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };

describe('retry policy', () => {
  it('doubles the delay per attempt from the base, capped (30 s, 60 s, 120 s, … 1 h)', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(POLICY, n, null))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(POLICY, 20, null)).toBe(3_600_000);
  });

  it('never retries sooner than Retry-After, nor later than the cap, and never sooner than the backoff', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.option(fc.integer({ min: 0, max: 10 ** 9 }), { nil: null }), (attempt, retryAfter) => {
        const delay = retryDelayMs(POLICY, attempt, retryAfter);
        expect(delay).toBeLessThanOrEqual(POLICY.maxDelayMs);
        expect(delay).toBeGreaterThanOrEqual(retryDelayMs(POLICY, attempt, null));
        if (retryAfter !== null) expect(delay).toBeGreaterThanOrEqual(Math.min(retryAfter, POLICY.maxDelayMs));
      }),
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('retries 408, 425, 429 and 5xx, and gives up on other 4xx', () => {
    expect([200, 202, 204].map(classifyHttpStatus)).toEqual(['sent', 'sent', 'sent']);
    expect([408, 425, 429, 500, 502, 503].map(classifyHttpStatus)).toEqual(Array(6).fill('retry'));
    expect([301, 400, 401, 403, 404, 410].map(classifyHttpStatus)).toEqual(Array(6).fill('permanent'));
  });
});

describe('webhook signature', () => {
  it('verifies its own signature and refuses another body, secret or a stale timestamp', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const header = signWebhook('s3cret-s3cret-s3cret', '{"a":1}', at);
    expect(header).toMatch(/^t=1767225600,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret-s3cret-s3cret', '{"a":1}', header, at)).toBe(true);
    expect(verifyWebhook('s3cret-s3cret-s3cret', '{"a":2}', header, at)).toBe(false);
    expect(verifyWebhook('other-other-other-1', '{"a":1}', header, at)).toBe(false);
    expect(verifyWebhook('s3cret-s3cret-s3cret', '{"a":1}', header, new Date(at.getTime() + 301_000))).toBe(false);
  });
});

describe('redact', () => {
  it('removes the channel’s secrets and credentials an echo carries, and bounds the answer', () => {
    const echoed = 'invalid token xoxb-abcdef123456 at https://hooks.example/services/T0/B0/xoxb-abcdef123456?token=zzz Bearer abcdefghijkl';
    const out = redact(echoed, ['xoxb-abcdef123456']);
    expect(out).not.toContain('xoxb-abcdef123456');
    expect(out).not.toContain('zzz');
    expect(out).not.toContain('abcdefghijkl');
    expect(redact('x'.repeat(2000), []).length).toBeLessThanOrEqual(501);
  });
});
