import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Tests only: a local HTTP server answering like Vault's API, for the paths it is given. */
export interface FakeVault {
  address: string;
  /** Method and URL of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

export type FakeVaultRoute = { status: number; body: unknown } | 'hang';

/**
 * `routes` maps `GET /v1/...` and `LIST /v1/...` to answers. Vault takes a LIST as the LIST method or as
 * `GET ?list=true`; Node's HTTP parser knows no LIST method, so this server (like the client, which sends
 * `?list=true`) speaks the second form. A wrong token gets 403 `permission denied`; an unknown path 404.
 */
export async function startFakeVault(token: string, routes: Record<string, FakeVaultRoute>): Promise<FakeVault> {
  const requests: string[] = [];
  const sockets = new Set<{ destroy(): void }>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push(`${request.method} ${request.url}`);
    const url = new URL(request.url ?? '/', 'http://vault');
    const list = url.searchParams.get('list') === 'true';
    const answer = (status: number, body: unknown): void => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.headers['x-vault-token'] !== token) return answer(403, { errors: ['permission denied'] });
    const route = routes[`${list ? 'LIST' : 'GET'} ${decodeURIComponent(url.pathname)}`];
    if (route === 'hang') return;
    if (!route) return answer(404, { errors: [] });
    answer(route.status, route.body);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Vault's envelope around `data`, as every successful read answers. */
export function vaultResponse(data: unknown, mountType = 'kv'): { status: number; body: unknown } {
  return {
    status: 200,
    body: { request_id: '5f0a2c1e-0000-4000-8000-000000000000', lease_id: '', renewable: false, lease_duration: 0, data, wrap_info: null, warnings: null, auth: null, mount_type: mountType },
  };
}
