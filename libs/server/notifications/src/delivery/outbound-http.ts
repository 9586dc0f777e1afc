/**
 * Every HTTP request notifications make (webhooks, Slack, Teams, Jira) goes through one `OutboundHttp`
 * function, provided under OUTBOUND_HTTP: a guard against server-side request forgery (private addresses,
 * metadata endpoints) wraps it in one place by overriding that provider.
 */
export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  /** The body, cut at MAX_RESPONSE_BYTES: a receiver cannot make us hold an unbounded answer. */
  body: string;
}

export type OutboundHttp = (request: OutboundRequest) => Promise<OutboundResponse>;

export const OUTBOUND_HTTP = Symbol('OUTBOUND_HTTP');

export const MAX_RESPONSE_BYTES = 64 * 1024;

/** The transport failed (no answer: refused, reset, timed out). The message never names the URL, which may hold a token. */
export class OutboundHttpError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = 'OutboundHttpError';
  }
}

/** fetch with a timeout, no redirects (a 3xx is an answer, not an invitation to go elsewhere) and a bounded body. */
export const sendOutboundHttp: OutboundHttp = async (request) => {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  let response: Response;
  try {
    response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: 'manual', signal });
  } catch (error) {
    throw transportError(error, timeout.aborted, request.timeoutMs);
  }
  try {
    return { status: response.status, headers: response.headers, body: await readBounded(response) };
  } catch (error) {
    throw transportError(error, timeout.aborted, request.timeoutMs);
  }
};

function transportError(error: unknown, timedOut: boolean, timeoutMs: number): OutboundHttpError {
  if (timedOut) return new OutboundHttpError(`no answer within ${timeoutMs} ms`, true);
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { name?: string }).name ?? 'Error';
  return new OutboundHttpError(`the request failed (${code})`, false);
}

async function readBounded(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= MAX_RESPONSE_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}
