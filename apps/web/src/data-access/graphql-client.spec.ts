import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { gql, GraphQLRequestError, request, UNAUTHENTICATED_EVENT } from './graphql-client.js';

const QUERY = gql<{ organizations: { slug: string }[] }>('query Organizations { organizations { slug } }');
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const unauthenticated = () => json(401, { errors: [{ message: 'Sign in', extensions: { code: 'UNAUTHENTICATED' } }] });

describe('the GraphQL client', () => {
  const originalFetch = globalThis.fetch;
  let fetchMock: jest.Mock<typeof fetch>;
  let signInRequests: number;

  beforeEach(() => {
    fetchMock = jest.fn<typeof fetch>();
    globalThis.fetch = fetchMock;
    signInRequests = 0;
    const target = new EventTarget();
    target.addEventListener(UNAUTHENTICATED_EVENT, () => (signInRequests += 1));
    (globalThis as { window?: EventTarget }).window = target;
  });
  afterEach(() => {
    globalThis.fetch = originalFetch;
    delete (globalThis as { window?: EventTarget }).window;
  });

  it('posts the operation with cookies and returns its data', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { data: { organizations: [{ slug: 'demo' }] } }));
    await expect(request(QUERY)).resolves.toEqual({ organizations: [{ slug: 'demo' }] });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/graphql');
    expect(init?.credentials).toBe('include');
    expect(JSON.parse(String(init?.body))).toEqual({ query: QUERY.query, operationName: 'Organizations', variables: {} });
  });

  it('refreshes an expired session once and retries, without sending the user to sign in', async () => {
    fetchMock
      .mockResolvedValueOnce(unauthenticated())
      .mockResolvedValueOnce(new Response(null, { status: 200 }))
      .mockResolvedValueOnce(json(200, { data: { organizations: [] } }));
    await expect(request(QUERY)).resolves.toEqual({ organizations: [] });
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/graphql', '/auth/refresh', '/graphql']);
    expect(signInRequests).toBe(0);
  });

  it('asks for sign-in when the session cannot be refreshed', async () => {
    fetchMock.mockResolvedValueOnce(unauthenticated()).mockResolvedValueOnce(new Response(null, { status: 401 }));
    await expect(request(QUERY)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(signInRequests).toBe(1);
  });

  it('reports the first GraphQL error with its code', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { data: null, errors: [{ message: 'No such finding', extensions: { code: 'NOT_FOUND' } }] }));
    const failure = await request(QUERY).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphQLRequestError);
    expect(failure).toMatchObject({ code: 'NOT_FOUND', message: 'No such finding' });
  });

  it('reports an unreachable server as a network error', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'));
    await expect(request(QUERY)).rejects.toMatchObject({ code: 'NETWORK' });
  });
});
