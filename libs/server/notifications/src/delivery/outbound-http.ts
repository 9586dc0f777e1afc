import type { IncomingMessage } from 'node:http';
import { guardedHttpRequest, headersOf, isOutboundRefused } from '@postureboard/connectors';

/**
 * Every HTTP request notifications make (webhooks, Slack, Teams, Jira) goes through one `OutboundHttp`
 * function, provided under OUTBOUND_HTTP, and its connections through the product's one outbound gate (the
 * connectors' guard against server-side request forgery: private, loopback and metadata addresses are refused
 * after name resolution unless POSTUREBOARD_OUTBOUND_ALLOW names them).
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

/** One request through the outbound gate, with a timeout, no redirects (a 3xx is an answer) and a bounded body. */
export const sendOutboundHttp: OutboundHttp = async (request) => {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  try {
    const response = await guardedHttpRequest(request.url, { method: request.method, headers: request.headers, body: request.body, signal });
    return { status: response.statusCode ?? 0, headers: headersOf(response), body: await readBounded(response) };
  } catch (error) {
    if (isOutboundRefused(error)) throw new OutboundHttpError(`the request was refused by the outbound gate (${(error as Error).message.split(':')[0]})`, false);
    throw transportError(error, timeout.aborted, request.timeoutMs);
  }
};

function transportError(error: unknown, timedOut: boolean, timeoutMs: number): OutboundHttpError {
  if (timedOut) return new OutboundHttpError(`no answer within ${timeoutMs} ms`, true);
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code ?? (error as { name?: string }).name ?? 'Error';
  return new OutboundHttpError(`the request failed (${code})`, false);
}

async function readBounded(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_RESPONSE_BYTES) {
      response.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
}
