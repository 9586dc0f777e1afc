import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule, loadConfig } from '@postureboard/server-core';
import { DatabaseModule, OrganizationRepository } from '@postureboard/server-database';
import { createTestDatabase, type TestDatabase } from '@postureboard/server-database/testing';
import { AuthModule } from '../auth.module.js';
import { cliActor } from '../audit/audit-actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../sessions/auth-cookies.js';
import { SessionService } from '../sessions/session.service.js';
import { UserService } from '../users/user.service.js';
import { OIDC_FLOW_COOKIE } from './oidc-flow-cookie.js';
import { LocalOpenIdProvider, type ProviderIdentity } from './testing/local-openid-provider.js';

const CLIENT = { clientId: 'postureboard-test', clientSecret: 'client-secret-never-shown-9f3a' };
/** What browsers see; the test plays the reverse proxy in front of the app's real port. */
const PUBLIC_URL = 'https://postureboard.example';

const setCookies = (res: Response): string[] => res.headers.getSetCookie();
const cookieNamed = (res: Response, name: string): string | undefined => setCookies(res).find((c) => c.startsWith(`${name}=`));
const cookieHeader = (res: Response): string =>
  setCookies(res)
    .map((c) => c.split(';')[0])
    .join('; ');

async function bootApi(db: TestDatabase, env: Record<string, string>): Promise<{ app: INestApplication; base: string }> {
  const config = loadConfig({
    DATABASE_URL: db.url,
    NODE_ENV: 'test',
    POSTUREBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'pb-oidc-')),
    POSTUREBOARD_SECRET_KEY: Buffer.alloc(32, 11).toString('base64'),
    ...env,
  });
  const app = await NestFactory.create(
    { module: class OidcTestModule {}, imports: [CoreModule.forRoot(config), DatabaseModule.forRoot({ migrate: false, poolSize: 4 }), AuthModule.forRoot()] },
    { logger: false, abortOnError: false },
  );
  await app.listen(0, '127.0.0.1');
  return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

describe('OpenID Connect sign-in against a local OpenID Provider', () => {
  let db: TestDatabase;
  let provider: LocalOpenIdProvider;
  let app: INestApplication;
  let base: string;
  const responses: string[] = [];

  /** The browser's round trip: our login route → the provider's /authorize → our callback (via the proxy). */
  const startSignIn = async (identity: ProviderIdentity): Promise<{ login: Response; callbackPath: string }> => {
    provider.identity = identity;
    const login = await fetch(`${base}/auth/oidc/login`, { redirect: 'manual' });
    responses.push(login.headers.get('location') ?? '', ...setCookies(login));
    const authorize = await fetch(login.headers.get('location')!, { redirect: 'manual' });
    expect(authorize.status).toBe(302);
    const callback = new URL(authorize.headers.get('location')!);
    expect(callback.origin + callback.pathname).toBe(`${PUBLIC_URL}/auth/oidc/callback`);
    return { login, callbackPath: callback.pathname + callback.search };
  };
  const finish = async (callbackPath: string, flowFrom: Response | null): Promise<Response> => {
    const res = await fetch(`${base}${callbackPath}`, { redirect: 'manual', headers: flowFrom ? { cookie: cookieHeader(flowFrom) } : {} });
    responses.push(...setCookies(res), res.headers.get('location') ?? '', await res.clone().text());
    return res;
  };
  const signInWithSso = async (identity: ProviderIdentity): Promise<Response> => {
    const { login, callbackPath } = await startSignIn(identity);
    return finish(callbackPath, login);
  };
  const expectNoSession = (res: Response) => {
    expect(cookieNamed(res, ACCESS_COOKIE)).toBeUndefined();
    expect(cookieNamed(res, REFRESH_COOKIE)).toBeUndefined();
  };
  const lastSignInAudit = async () => (await app.get(AuditTrail).list({ organizationId: null, limit: 20 })).find((e) => e.action === 'auth.sign-in');

  beforeAll(async () => {
    db = await createTestDatabase();
    provider = await LocalOpenIdProvider.start(CLIENT);
    ({ app, base } = await bootApi(db, {
      POSTUREBOARD_OIDC_ISSUER: provider.issuer,
      POSTUREBOARD_OIDC_CLIENT_ID: CLIENT.clientId,
      POSTUREBOARD_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      POSTUREBOARD_PUBLIC_URL: `${PUBLIC_URL}/`,
    }));
    await app.get(OrganizationRepository).insert({ slug: 'acme', name: 'Acme', approvedCountries: [], currency: 'USD' });
    const users = app.get(UserService);
    for (const email of ['ciso@acme.test', 'leaver@acme.test']) await users.create({ email, organizationSlug: 'acme', role: 'CISO', actor: cliActor() });
    await users.deactivate({ email: 'leaver@acme.test', actor: cliActor() });
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
    await db?.drop();
  });

  it('tells the sign-in page that SSO is on', async () => {
    expect(await (await fetch(`${base}/auth/oidc/config`)).json()).toEqual({ enabled: true });
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce, remembered in a sealed, httpOnly, Lax cookie', async () => {
    const login = await fetch(`${base}/auth/oidc/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const to = new URL(login.headers.get('location')!);
    expect(to.origin + to.pathname).toBe(`${provider.issuer}/authorize`);
    expect(Object.fromEntries(to.searchParams)).toEqual({
      client_id: CLIENT.clientId,
      response_type: 'code',
      redirect_uri: `${PUBLIC_URL}/auth/oidc/callback`,
      scope: 'openid email',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const flow = cookieNamed(login, OIDC_FLOW_COOKIE)!;
    expect(flow).toMatch(/HttpOnly/i);
    expect(flow).toMatch(/SameSite=Lax/i);
    expect(flow).toMatch(/Path=\/auth\/oidc/);
    expect(flow).toMatch(/Max-Age=600/);
    // Sealed: neither the state nor the verifier can be read from it.
    expect(decodeURIComponent(flow)).not.toContain(to.searchParams.get('state'));
  });

  it('signs an existing active user in exactly like a password sign-in: session cookies, audit entry, redirect to /', async () => {
    const res = await signInWithSso({ sub: 'idp-ciso', email: 'CISO@acme.test', email_verified: true });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    for (const name of [ACCESS_COOKIE, REFRESH_COOKIE]) {
      expect(cookieNamed(res, name)).toMatch(/HttpOnly/i);
      expect(cookieNamed(res, name)).toMatch(/SameSite=Strict/i);
    }
    expect(cookieNamed(res, OIDC_FLOW_COOKIE)).toMatch(/Expires=Thu, 01 Jan 1970/);
    const access = decodeURIComponent(cookieNamed(res, ACCESS_COOKIE)!.split(';')[0]!.slice(ACCESS_COOKIE.length + 1));
    expect(await app.get(SessionService).authenticate(access)).toMatchObject({ kind: 'session', email: 'ciso@acme.test' });
    expect(await lastSignInAudit()).toMatchObject({
      action: 'auth.sign-in',
      outcome: 'SUCCESS',
      actor: 'ciso@acme.test',
      details: { method: 'oidc', issuer: `${provider.issuer}/`, sessionId: expect.any(String) },
    });
    expect(provider.tokenRequests.at(-1)).toEqual({ authenticated: true });
  });

  it('refuses a callback carrying the state of another sign-in (state mismatch), without a session', async () => {
    const first = await startSignIn({ sub: 'idp-ciso', email: 'ciso@acme.test', email_verified: true });
    const second = await startSignIn({ sub: 'idp-ciso', email: 'ciso@acme.test', email_verified: true });
    const res = await finish(first.callbackPath, second.login);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('does not belong to the sign-in this browser started');
    expectNoSession(res);
  });

  it('refuses a callback without the flow cookie (a sign-in started elsewhere)', async () => {
    const { callbackPath } = await startSignIn({ sub: 'idp-ciso', email: 'ciso@acme.test', email_verified: true });
    const res = await finish(callbackPath, null);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('expired or was started in another browser');
    expectNoSession(res);
  });

  it('refuses an ID token with another nonce, and one signed by a key the provider does not publish', async () => {
    for (const tampering of [{ claims: { nonce: 'replayed-nonce' } }, { foreignKey: true }]) {
      provider.tampering = tampering;
      try {
        const res = await signInWithSso({ sub: 'idp-ciso', email: 'ciso@acme.test', email_verified: true });
        expect({ tampering, status: res.status }).toEqual({ tampering, status: 400 });
        expect(await res.text()).toContain('could not be verified');
        expectNoSession(res);
      } finally {
        provider.tampering = {};
      }
    }
  });

  it('never creates an account: an unknown e-mail gets a 403 page saying so, and the attempt is audited', async () => {
    const res = await signInWithSso({ sub: 'idp-stranger', email: 'stranger@acme.test', email_verified: true });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('No Postureboard account uses stranger@acme.test');
    expectNoSession(res);
    expect(await lastSignInAudit()).toMatchObject({ action: 'auth.sign-in', outcome: 'FAILURE', target: 'stranger@acme.test', details: { method: 'oidc', reason: 'UNKNOWN_USER' } });
  });

  it('refuses a deactivated user, whom the provider may still know', async () => {
    const res = await signInWithSso({ sub: 'idp-leaver', email: 'leaver@acme.test', email_verified: true });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('The Postureboard account leaver@acme.test is deactivated');
    expectNoSession(res);
  });

  it('refuses an e-mail the provider has not verified, or does not say it verified', async () => {
    for (const email_verified of [false, undefined]) {
      // A subject no account is bound to yet: the e-mail is what would match it.
      const res = await signInWithSso({ sub: 'idp-unbound', email: 'ciso@acme.test', ...(email_verified === undefined ? {} : { email_verified }) });
      expect({ email_verified, status: res.status }).toEqual({ email_verified, status: 403 });
      expect(await res.text()).toContain('has not verified ciso@acme.test');
      expectNoSession(res);
    }
  });

  it('never shows the client secret: not in redirects, cookies or pages', () => {
    expect(responses.length).toBeGreaterThan(10);
    expect(responses.filter((r) => r.includes(CLIENT.clientSecret))).toEqual([]);
  });

  describe('without POSTUREBOARD_OIDC_* settings', () => {
    let plain: { app: INestApplication; base: string };
    beforeAll(async () => {
      plain = await bootApi(db, {});
    });
    afterAll(() => plain?.app.close());

    it('is off: the sign-in page hears enabled: false and the routes answer 404', async () => {
      expect(await (await fetch(`${plain.base}/auth/oidc/config`)).json()).toEqual({ enabled: false });
      for (const path of ['/auth/oidc/login', '/auth/oidc/callback?code=x&state=y']) {
        const res = await fetch(`${plain.base}${path}`, { redirect: 'manual' });
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expectNoSession(res);
      }
    });
  });

  describe('claims from UserInfo, and the account bound to the provider\'s subject', () => {
    beforeAll(async () => {
      const users = app.get(UserService);
      for (const email of ['analyst@acme.test', 'auditor@acme.test']) await users.create({ email, organizationSlug: 'acme', role: 'ANALYST', actor: cliActor() });
    });
    afterEach(() => {
      provider.claimsOnlyInUserInfo = false;
      provider.userInfoOverride = {};
    });

    it('signs in when the e-mail comes from UserInfo only (OpenID Connect Core §5.4)', async () => {
      provider.claimsOnlyInUserInfo = true;
      const res = await signInWithSso({ sub: 'idp-analyst', email: 'analyst@acme.test', email_verified: true });
      expect(res.status).toBe(302);
      expect(await lastSignInAudit()).toMatchObject({ outcome: 'SUCCESS', actor: 'analyst@acme.test' });
    });

    it('refuses a UserInfo answer about another subject than the ID token\'s', async () => {
      provider.claimsOnlyInUserInfo = true;
      provider.userInfoOverride = { sub: 'idp-someone-else' };
      const res = await signInWithSso({ sub: 'idp-auditor', email: 'auditor@acme.test', email_verified: true });
      expect(res.status).toBe(400);
      expectNoSession(res);
    });

    it('keeps a subject on its account when the provider later gives it another person\'s e-mail', async () => {
      // idp-analyst was bound to analyst@ at its first sign-in; the provider now says it is auditor@.
      const res = await signInWithSso({ sub: 'idp-analyst', email: 'auditor@acme.test', email_verified: true });
      expect(res.status).toBe(302);
      const access = decodeURIComponent(cookieNamed(res, ACCESS_COOKIE)!.split(';')[0]!.slice(ACCESS_COOKIE.length + 1));
      expect(await app.get(SessionService).authenticate(access)).toMatchObject({ email: 'analyst@acme.test' });
    });

    it('refuses another subject presenting the e-mail of an account bound to a first one', async () => {
      const res = await signInWithSso({ sub: 'idp-impostor', email: 'analyst@acme.test', email_verified: true });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('is linked to another identity at the sign-in provider');
      expectNoSession(res);
      expect(await lastSignInAudit()).toMatchObject({ outcome: 'FAILURE', details: { reason: 'IDENTITY_MISMATCH' } });
    });
  });
});
