import { SourceRequestError, connectionCheck, fetchJson, parseLinkHeader, safeUrl, sameOriginNext } from './json-http.client.js';
import { type TestServer, sendJson, startTestServer } from './json-http.test-util.js';

describe('fetchJson', () => {
  let server: TestServer;
  let calls = 0;
  beforeAll(async () => {
    server = await startTestServer((_request, response, url) => {
      calls += 1;
      if (url.pathname === '/ok') return sendJson(response, 200, { fine: true });
      if (url.pathname === '/retry-after') return calls === 1 ? sendJson(response, 429, {}, { 'retry-after': '1' }) : sendJson(response, 200, { after: calls });
      if (url.pathname === '/always-429') return sendJson(response, 429, { errorSummary: 'API call exceeded rate limit' }, { 'retry-after': '1' });
      if (url.pathname === '/redirect') {
        response.writeHead(302, { location: '/ok' });
        response.end();
        return;
      }
      if (url.pathname === '/html') {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>login</html>');
        return;
      }
      if (url.pathname === '/forbidden') return sendJson(response, 403, { message: 'missing scope okta.logs.read' });
      if (url.pathname === '/github-secondary') {
        // GitHub's secondary rate limit: a 403 with Retry-After; its primary one: a 403 with remaining 0 and a reset time.
        if (calls === 1) return sendJson(response, 403, { message: 'You have exceeded a secondary rate limit' }, { 'retry-after': '1' });
        if (calls === 2) return sendJson(response, 403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) });
        return sendJson(response, 200, { after: calls });
      }
      if (url.pathname === '/flaky') return calls < 3 ? sendJson(response, 503, { error: { code: 'UnknownError' } }) : sendJson(response, 200, { after: calls });
      if (url.pathname === '/token') {
        let body = '';
        _request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        _request.on('end', () => {
          const form = new URLSearchParams(body);
          if (_request.method !== 'POST' || _request.headers['content-type'] !== 'application/x-www-form-urlencoded') return sendJson(response, 400, { error: 'invalid_request' });
          if (form.get('client_secret') !== 'the-secret') return sendJson(response, 401, { error: 'invalid_client', error_description: `bad secret ${form.get('client_secret')}` });
          sendJson(response, 200, { access_token: 'at', grant_type: form.get('grant_type') });
        });
        return;
      }
      return sendJson(response, 404, {});
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    calls = 0;
  });
  const request = (path: string, extra: object = {}) => ({ url: `${server.url}${path}`, label: 'Test API', signal: new AbortController().signal, ...extra });

  it('returns the parsed body, the status and the headers', async () => {
    const response = await fetchJson(request('/ok'));
    expect(response.body).toEqual({ fine: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it('waits as Retry-After says after a 429, then succeeds', async () => {
    const started = Date.now();
    expect((await fetchJson(request('/retry-after'))).body).toEqual({ after: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('gives up on a source that keeps rate-limiting, with its own words', async () => {
    await expect(fetchJson(request('/always-429', { rateLimitRetries: 0 }))).rejects.toThrow(
      new SourceRequestError(`Test API kept rate-limiting requests to ${server.url}/always-429 (429 Too Many Requests): API call exceeded rate limit`, 'rate-limited'),
    );
  });

  it('follows a redirect without credentials but never carries credentials to one', async () => {
    expect((await fetchJson(request('/redirect'))).body).toEqual({ fine: true });
    await expect(fetchJson(request('/redirect', { headers: { authorization: 'Bearer s3cret' }, secrets: ['s3cret'] }))).rejects.toMatchObject({
      kind: 'http-error',
      message: expect.stringContaining('credentials are not sent to a redirect target'),
    });
  });

  it('calls a non-JSON answer an invalid response, with the parser position', async () => {
    await expect(fetchJson(request('/html'))).rejects.toMatchObject({
      kind: 'invalid-response',
      message: expect.stringMatching(/^Test API answered .*\/html with invalid JSON at line 1, column 1/),
    });
  });

  it('explains a 403 as missing permission, with the source’s message', async () => {
    await expect(fetchJson(request('/forbidden'))).rejects.toMatchObject({
      kind: 'forbidden',
      message: `Test API refused access (403 Forbidden) to ${server.url}/forbidden: the token lacks permission: missing scope okta.logs.read`,
    });
  });

  it('waits out GitHub’s 403 rate limits (Retry-After, then X-RateLimit-Reset), telling them from a missing permission', async () => {
    expect((await fetchJson(request('/github-secondary'))).body).toEqual({ after: 3 });
    calls = 0;
    await expect(fetchJson(request('/github-secondary', { rateLimitRetries: 0 }))).rejects.toMatchObject({ kind: 'rate-limited', status: 403 });
  });

  it('retries a 5xx only when asked, then succeeds', async () => {
    await expect(fetchJson(request('/flaky'))).rejects.toMatchObject({ kind: 'server-error', status: 503 });
    calls = 0;
    expect((await fetchJson(request('/flaky', { serverErrorRetries: 2 }))).body).toEqual({ after: 3 });
  });

  it('POSTs a form (an OAuth token request) and keeps its secret out of the error', async () => {
    const form = (secret: string) => ({ method: 'POST', form: { grant_type: 'client_credentials', client_secret: secret }, secrets: [secret] });
    expect((await fetchJson(request('/token', form('the-secret')))).body).toEqual({ access_token: 'at', grant_type: 'client_credentials' });
    const failure = fetchJson(request('/token', form('wrong-secret')));
    await expect(failure).rejects.toMatchObject({ kind: 'unauthorized', message: expect.stringContaining('bad secret [redacted]') });
  });

  it('stops at once when the run is cancelled, with the abort itself', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(fetchJson({ ...request('/ok'), signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(connectionCheck(() => fetchJson({ ...request('/ok'), signal: controller.signal }).then(() => 'x'))).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('parseLinkHeader', () => {
  it('reads the rel names of an Okta Link header', () => {
    const header = '<https://example.okta.com/api/v1/users?limit=200>; rel="self", <https://example.okta.com/api/v1/users?after=00u1&limit=200>; rel="next"';
    expect(parseLinkHeader(header)).toEqual({
      self: 'https://example.okta.com/api/v1/users?limit=200',
      next: 'https://example.okta.com/api/v1/users?after=00u1&limit=200',
    });
    expect(parseLinkHeader(null)).toEqual({});
  });
});

describe('sameOriginNext', () => {
  it('resolves a relative next link and refuses one on another host', () => {
    expect(sameOriginNext('/api/v1/logs?after=x', 'https://example.okta.com', 'Okta')).toBe('https://example.okta.com/api/v1/logs?after=x');
    expect(() => sameOriginNext('https://evil.example.net/x', 'https://example.okta.com', 'Okta')).toThrow('Okta sent a next-page link to another host');
  });
});

describe('safeUrl', () => {
  it('drops user-info and query from a URL shown in messages', () => {
    expect(safeUrl('https://user:pass@example.com/scim/v2/Users?access_token=abc')).toBe('https://example.com/scim/v2/Users');
    expect(safeUrl('::not a url')).toBe('(invalid URL)');
  });
});
