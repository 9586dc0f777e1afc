import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { post } from './overview-query.measure.js';

/** A GraphQL stand-in that hangs up without answering on the first `drops` requests (as on a connection it closed). */
async function serverHangingUp(drops: number): Promise<{ url: string; server: Server; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const drop = requests <= drops;
    req.resume();
    req.on('end', () => {
      if (drop) req.socket.destroy();
      else res.end(JSON.stringify({ data: { posture: { evaluatedAt: null, pending: false } } }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests: () => requests };
}

describe('the bench client', () => {
  it('sends a request again on a new connection when a pooled one was closed by the server before answering', async () => {
    const stand = await serverHangingUp(1);
    try {
      // The first attempt's connection is closed before any answer: sent again, answered.
      const answered = await post(stand.url, 'token', '{}');
      expect(answered.json).toEqual({ data: { posture: { evaluatedAt: null, pending: false } } });
      expect(stand.requests()).toBe(2);
    } finally {
      stand.server.closeAllConnections();
      await new Promise((done) => stand.server.close(done));
    }
  });

  it('tries once more only: a server that keeps hanging up fails the measure', async () => {
    const stand = await serverHangingUp(2);
    try {
      await expect(post(stand.url, 'token', '{}')).rejects.toThrow('fetch failed');
      expect(stand.requests()).toBe(2);
    } finally {
      stand.server.closeAllConnections();
      await new Promise((done) => stand.server.close(done));
    }
  });

  it('does not hide a server that is not there', async () => {
    const stand = await serverHangingUp(0);
    const url = stand.url;
    await new Promise((done) => stand.server.close(done));
    await expect(post(url, 'token', '{}')).rejects.toThrow('fetch failed');
  });
});
