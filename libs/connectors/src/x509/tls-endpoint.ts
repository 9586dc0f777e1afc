import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { DetailedPeerCertificate } from 'node:tls';
import { guardedTlsConnect, isOutboundRefused } from '../core/net/outbound-guard.js';

export interface TlsEndpoint {
  host: string;
  port: number;
  /** `tls://host:port`, the source of everything read from it. */
  source: string;
}

export interface PresentedChain {
  /** Leaf first, then each issuer as the server presents (and OpenSSL links) them. */
  chain: X509Certificate[];
  /** Whether the chain verifies against Node's trust store; inventory does not require it. */
  authorized: boolean;
  authorizationError: string | null;
}

const HOST_PORT = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:/[\]]+))(?::(\d{1,5}))?$/;

/** `host:port`, `host` (port 443), `[::1]:8443`; null when it is none of these. */
export function parseTlsEndpoint(text: string): TlsEndpoint | null {
  const match = HOST_PORT.exec(text.trim().replace(/^tls:\/\//, ''));
  if (!match) return null;
  const host = match[1] ?? match[2];
  const port = match[3] === undefined ? 443 : Number(match[3]);
  if (port < 1 || port > 65_535) return null;
  return { host, port, source: `tls://${host.includes(':') ? `[${host}]` : host}:${port}` };
}

/**
 * Opens a TLS connection, takes the certificate chain the server presents, and closes it. Verification is
 * off on purpose: an expired or self-signed chain is exactly what an inventory must still see.
 */
export function fetchPresentedChain(endpoint: TlsEndpoint, options: { timeoutMs: number; signal: AbortSignal }): Promise<PresentedChain> {
  return new Promise((resolve, reject) => {
    let socket: ReturnType<typeof guardedTlsConnect>;
    try {
      socket = guardedTlsConnect({
        host: endpoint.host,
        port: endpoint.port,
        servername: isIP(endpoint.host) ? undefined : endpoint.host,
        rejectUnauthorized: false,
      });
    } catch (error) {
      reject(new Error(`${endpoint.source}: ${(error as Error).message}`, { cause: error }));
      return;
    }
    const fail = (reason: string, cause?: unknown): void => {
      cleanup();
      socket.destroy();
      reject(new Error(`${endpoint.source}: ${reason}`, { cause }));
    };
    const timer = setTimeout(() => fail(`no TLS handshake within ${options.timeoutMs} ms (timeout)`), options.timeoutMs);
    const onAbort = (): void => fail('cancelled');
    options.signal.addEventListener('abort', onAbort);
    const cleanup = (): void => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
    };
    if (options.signal.aborted) return onAbort();
    socket.once('error', (error: NodeJS.ErrnoException) => fail(describeSocketError(error), error));
    socket.once('secureConnect', () => {
      cleanup();
      try {
        const chain = presentedChain(socket.getPeerCertificate(true));
        if (chain.length === 0) throw new Error('the server presented no certificate');
        resolve({ chain, authorized: socket.authorized, authorizationError: socket.authorizationError ? String(socket.authorizationError) : null });
      } catch (error) {
        reject(new Error(`${endpoint.source}: ${(error as Error).message}`, { cause: error }));
      } finally {
        socket.end();
        socket.destroy();
      }
    });
  });
}

function presentedChain(leaf: DetailedPeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  // A self-signed root names itself as its issuer: stop at the first certificate seen twice.
  for (let current: DetailedPeerCertificate | undefined = leaf; current?.raw && !seen.has(current.fingerprint256); current = current.issuerCertificate) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
  }
  return chain;
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  if (isOutboundRefused(error)) return error.message;
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused (nothing listens on that port)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found (${error.code})`;
    case 'ECONNRESET':
      return 'connection reset during the TLS handshake';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable (${error.code})`;
    default:
      if (error.code?.startsWith('ERR_SSL') || /SSL|TLS|wrong version number/i.test(error.message)) {
        return `TLS handshake failed (${error.code ?? 'SSL error'}): is this a TLS port?`;
      }
      return `${error.code ?? 'error'}: ${error.message}`;
  }
}
