import { HttpReceiver } from '../testing/http-receiver.js';
import { MAX_RESPONSE_BYTES, OutboundHttpError, sendOutboundHttp } from './outbound-http.js';

describe('sendOutboundHttp against a local server', () => {
  const receiver = new HttpReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  const post = (path: string, timeoutMs = 2_000) => sendOutboundHttp({ method: 'POST', url: `${receiver.url}${path}`, headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs });

  it('keeps at most 64 KiB of an answer', async () => {
    receiver.respond = () => ({ status: 200, body: 'x'.repeat(1_000_000) });
    const response = await post('/big');
    expect(response.status).toBe(200);
    expect(response.body.length).toBe(MAX_RESPONSE_BYTES);
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    receiver.respond = (r) => (r.url === '/moved' ? { status: 302, headers: { location: `${receiver.url}/elsewhere` } } : { status: 200, body: 'followed' });
    expect((await post('/moved')).status).toBe(302);
    expect(receiver.received.at(-1)!.url).toBe('/moved');
  });

  it('times out a receiver that does not answer, with an error that does not name the URL', async () => {
    receiver.respond = () => 'hang';
    const error = await post('/token-in-path-abc123', 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundHttpError);
    expect(error).toMatchObject({ timedOut: true, message: 'no answer within 300 ms' });
  });

  it('reports a refused connection by its code only', async () => {
    const closed = await new HttpReceiver().start();
    await closed.stop();
    const error = await sendOutboundHttp({ method: 'POST', url: `${closed.url}/secret-path`, headers: {}, timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundHttpError);
    expect((error as Error).message).toBe('the request failed (ECONNREFUSED)');
  });

  it('goes through the outbound gate: the metadata address and, unless allowed, loopback are refused before any connection', async () => {
    const metadata = await sendOutboundHttp({ method: 'POST', url: 'http://169.254.169.254/latest/meta-data/', headers: {}, timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(metadata).toBeInstanceOf(OutboundHttpError);
    expect((metadata as Error).message).toMatch(/refused by the outbound gate/);
    const allowed = process.env['POSTUREBOARD_OUTBOUND_ALLOW'];
    const before = receiver.received.length;
    try {
      delete process.env['POSTUREBOARD_OUTBOUND_ALLOW'];
      const loopback = await post('/hook').catch((e: unknown) => e);
      expect(loopback).toBeInstanceOf(OutboundHttpError);
      expect((loopback as Error).message).toMatch(/refused by the outbound gate/);
      expect(receiver.received.length).toBe(before);
    } finally {
      process.env['POSTUREBOARD_OUTBOUND_ALLOW'] = allowed;
    }
  });
});
