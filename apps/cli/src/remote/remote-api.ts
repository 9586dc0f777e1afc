import type { Command } from 'commander';
import { RemoteError } from './remote.error.js';
import { type RemoteTarget, remoteTargetOf } from './remote-target.js';

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: unknown } }[];
}

/** Seconds before a request to the server is abandoned (report generation is the slowest call). */
const TIMEOUT_MS = 120_000;

/** The server's GraphQL API and downloads, with `Authorization: Bearer <token>`. */
export class RemoteApi {
  constructor(private readonly target: RemoteTarget) {}

  get origin(): string {
    return this.target.serverUrl.origin;
  }

  async graphql<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.request('graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document, variables }) });
    let body: GraphQLResponse<T>;
    try {
      body = (await res.json()) as GraphQLResponse<T>;
    } catch {
      throw new RemoteError(`${this.origin} answered HTTP ${res.status} without a GraphQL response: is it a Postureboard server?`);
    }
    const [error] = body.errors ?? [];
    if (error) throw this.refusal(error.message, typeof error.extensions?.code === 'string' ? error.extensions.code : null);
    if (!body.data) throw new RemoteError(`${this.origin} answered HTTP ${res.status} with no data`);
    return body.data;
  }

  /** GET of a server path such as a report's `downloadUrl`. */
  async download(path: string): Promise<Buffer> {
    const res = await this.request(path.replace(/^\//, ''), { method: 'GET' });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { message?: unknown } | null;
      throw new RemoteError(`${this.origin} refused the download (HTTP ${res.status}${typeof body?.message === 'string' ? `: ${body.message}` : ''})`);
    }
    return Buffer.from(await res.arrayBuffer());
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    const url = new URL(path, this.target.serverUrl.href.endsWith('/') ? this.target.serverUrl : `${this.target.serverUrl.href}/`);
    let res: Response;
    try {
      res = await fetch(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.target.token}`, accept: 'application/json' },
        // Never follow a redirect: it would carry the token to wherever the server points.
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      throw new RemoteError(`Cannot reach ${this.origin}: ${cause}`);
    }
    if (res.status === 401) throw this.refusal('the API token was not accepted', 'UNAUTHENTICATED');
    if (res.status >= 300 && res.status < 400) throw new RemoteError(`${this.origin} redirected to ${res.headers.get('location') ?? '?'}; set POSTUREBOARD_SERVER_URL to the final address`);
    return res;
  }

  private refusal(message: string, code: string | null): RemoteError {
    switch (code) {
      case 'UNAUTHENTICATED':
        return new RemoteError(`${this.origin} refused the API token (expired, revoked or mistyped): create a new one with "postureboard token create" on the server`);
      case 'FORBIDDEN':
        return new RemoteError(`${this.origin} refused: ${message} (the token's role or organization does not allow this)`);
      default:
        return new RemoteError(`${this.origin}: ${message}`);
    }
  }
}

/** The server to talk to for this command, or null to work on the local database. */
export function remoteApiFor(command: Command): RemoteApi | null {
  const target = remoteTargetOf(command);
  return target ? new RemoteApi(target) : null;
}
