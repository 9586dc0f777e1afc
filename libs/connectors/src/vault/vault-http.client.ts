import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedConnectOptions, isOutboundRefused } from '../core/net/outbound-guard.js';

export interface VaultClientOptions {
  address: string;
  token: string;
  namespace?: string;
  /** PEM of the CA that signed Vault's certificate, when it is not in Node's trust store. */
  caCertificate?: string;
  requestTimeoutMs: number;
  signal: AbortSignal;
}

/** A failed Vault call; the message says what to do and never carries the token. */
export class VaultError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

const MAX_BODY_BYTES = 64 << 20;

/** Vault's HTTP API, read-only: GET and LIST (sent as `GET ?list=true`, which Vault treats the same). */
export class VaultHttpClient {
  constructor(private readonly options: VaultClientOptions) {}

  /** The URL of an API path, for locations and messages. */
  url(path: string): string {
    return `${this.options.address.replace(/\/+$/, '')}/v1/${path.replace(/^\/+/, '')}`;
  }

  get<T>(path: string): Promise<T | null> {
    return this.call<T>(path, false);
  }

  /** LIST; null when Vault answers 404, which is how it says "nothing under this path". */
  list<T>(path: string): Promise<T | null> {
    return this.call<T>(path, true);
  }

  private call<T>(path: string, list: boolean): Promise<T | null> {
    const url = new URL(this.url(path));
    if (list) url.searchParams.set('list', 'true');
    const what = `${list ? 'LIST' : 'GET'} ${url.pathname}`;
    const { signal, requestTimeoutMs } = this.options;
    return new Promise<T | null>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      let gate;
      try {
        gate = guardedConnectOptions(url.hostname);
      } catch (error) {
        return reject(new VaultError(`cannot reach Vault at ${url.origin}: ${(error as Error).message}`, null));
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, {
        ...gate,
        method: 'GET',
        headers: {
          'X-Vault-Token': this.options.token,
          ...(this.options.namespace ? { 'X-Vault-Namespace': this.options.namespace } : {}),
          Accept: 'application/json',
        },
        ...(this.options.caCertificate ? { ca: this.options.caCertificate } : {}),
        signal,
      });
      const timer = setTimeout(() => req.destroy(new VaultError(`Vault did not answer ${what} within ${requestTimeoutMs} ms (timeout)`, null)), requestTimeoutMs);
      req.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (error instanceof VaultError) return reject(error);
        if (signal.aborted) return reject(signal.reason);
        if (isOutboundRefused(error)) return reject(new VaultError(`cannot reach Vault at ${url.origin}: ${error.message}`, null));
        reject(new VaultError(`cannot reach Vault at ${url.origin} (${error.code ?? error.message})`, null));
      });
      req.once('response', (response) => {
        readBody(response)
          .then((body) => {
            clearTimeout(timer);
            const status = response.statusCode ?? 0;
            if (status === 404 && list) return resolve(null);
            if (status >= 200 && status < 300) return resolve(body === '' ? null : (JSON.parse(body) as T));
            reject(new VaultError(describeStatus(status, what, body), status));
          })
          .catch((error: Error) => {
            clearTimeout(timer);
            reject(error instanceof VaultError ? error : new VaultError(`Vault's answer to ${what} could not be read: ${error.message}`, response.statusCode ?? null));
          });
      });
      req.end();
    });
  }
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) response.destroy(new VaultError(`Vault's answer is larger than ${MAX_BODY_BYTES} bytes`, response.statusCode ?? null));
      else chunks.push(chunk);
    });
    response.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.once('error', reject);
  });
}

function describeStatus(status: number, what: string, body: string): string {
  const errors = vaultErrors(body);
  const detail = errors ? `: ${errors}` : '';
  if (status === 403) return `Vault denied ${what} (403${detail}); check that the token is valid and its policy grants read/list there`;
  if (status === 401) return `Vault rejected the token for ${what} (401${detail})`;
  if (status === 503) return `Vault is sealed or unavailable (503) for ${what}${detail}`;
  if (status >= 500) return `Vault answered HTTP ${status} to ${what}${detail}; the server failed, try again later`;
  return `Vault answered HTTP ${status} to ${what}${detail}`;
}

/** Vault's error body is `{"errors":["..."]}`. */
function vaultErrors(body: string): string {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    return Array.isArray(parsed.errors) ? parsed.errors.map(String).join('; ') : '';
  } catch {
    return '';
  }
}
