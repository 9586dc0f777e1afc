import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/** Who "signs in" at the provider on the next authorization request. */
export interface ProviderIdentity {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
}

/** Ways the next ID token can go wrong, to prove the relying party notices. */
export interface IdTokenTampering {
  /** Sign with a key the provider's JWKS does not publish. */
  foreignKey?: boolean;
  /** Claims written over the genuine ones (e.g. another nonce). */
  claims?: JWTPayload;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | null;
  identity: ProviderIdentity;
}

const base64url = (data: Buffer): string => data.toString('base64url');

/**
 * A real, minimal OpenID Provider on 127.0.0.1 for tests: discovery, JWKS, an `/authorize` that signs in
 * `identity` at once and redirects back with a code, and a `/token` that checks the client secret and the
 * PKCE verifier before returning an ES256 ID token. Just enough protocol for openid-client to do its job.
 */
export class LocalOpenIdProvider {
  identity: ProviderIdentity = { sub: 'nobody' };
  tampering: IdTokenTampering = {};
  /** As providers may with the code flow (OpenID Connect Core §5.4): the ID token carries `sub` only, UserInfo the rest. */
  claimsOnlyInUserInfo = false;
  /** Claims UserInfo answers with over the identity's (e.g. another `sub`). */
  userInfoOverride: Partial<ProviderIdentity> = {};
  private readonly accessTokens = new Map<string, ProviderIdentity>();
  /** Client authentications the token endpoint accepted or refused, for assertions. */
  readonly tokenRequests: { authenticated: boolean }[] = [];
  private readonly codes = new Map<string, PendingCode>();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly client: { clientId: string; clientSecret: string },
    private readonly signingKey: CryptoKey,
    private readonly foreignKey: CryptoKey,
    private readonly jwks: { keys: object[] },
  ) {}

  static async start(client: { clientId: string; clientSecret: string }): Promise<LocalOpenIdProvider> {
    const signing = await generateKeyPair('ES256');
    const foreign = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(signing.publicKey)), kid: 'local-1', alg: 'ES256', use: 'sig' };
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const provider = new LocalOpenIdProvider(server, issuer, client, signing.privateKey, foreign.privateKey, { keys: [jwk] });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      provider.handle(req, res).catch((error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)));
    });
    return provider;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') return json(res, 200, this.metadata());
    if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, this.jwks);
    if (req.method === 'GET' && url.pathname === '/authorize') return this.authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') return this.token(req, res);
    if (req.method === 'GET' && url.pathname === '/userinfo') return this.userInfo(req, res);
    res.writeHead(404).end();
  }

  private metadata(): object {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/authorize`,
      token_endpoint: `${this.issuer}/token`,
      jwks_uri: `${this.issuer}/jwks`,
      userinfo_endpoint: `${this.issuer}/userinfo`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic'],
      scopes_supported: ['openid', 'email'],
      authorization_response_iss_parameter_supported: true,
    };
  }

  private authorize(url: URL, res: ServerResponse): void {
    const p = url.searchParams;
    const redirectUri = p.get('redirect_uri');
    const problem =
      p.get('client_id') !== this.client.clientId
        ? 'unknown client_id'
        : p.get('response_type') !== 'code'
          ? 'response_type must be code'
          : !p.get('scope')?.split(' ').includes('openid')
            ? 'scope must include openid'
            : p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')
              ? 'PKCE (S256) is required'
              : !redirectUri
                ? 'redirect_uri is required'
                : null;
    if (problem) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(problem);
      return;
    }
    const code = base64url(randomBytes(24));
    this.codes.set(code, { clientId: this.client.clientId, redirectUri: redirectUri!, codeChallenge: p.get('code_challenge')!, nonce: p.get('nonce'), identity: this.identity });
    const back = new URL(redirectUri!);
    back.searchParams.set('code', code);
    if (p.get('state') !== null) back.searchParams.set('state', p.get('state')!);
    back.searchParams.set('iss', this.issuer);
    res.writeHead(302, { location: back.href }).end();
  }

  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    const authenticated = this.clientAuthenticated(req.headers.authorization);
    this.tokenRequests.push({ authenticated });
    if (!authenticated) return json(res, 401, { error: 'invalid_client' });
    const pending = this.codes.get(form.get('code') ?? '');
    // A code is good once, whatever happens next.
    this.codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    if (
      form.get('grant_type') !== 'authorization_code' ||
      !pending ||
      pending.redirectUri !== form.get('redirect_uri') ||
      base64url(createHash('sha256').update(verifier).digest()) !== pending.codeChallenge
    ) {
      return json(res, 400, { error: 'invalid_grant' });
    }
    const now = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = {
      ...(this.claimsOnlyInUserInfo ? { sub: pending.identity.sub } : pending.identity),
      ...(pending.nonce ? { nonce: pending.nonce } : {}),
      auth_time: now,
      ...this.tampering.claims,
    };
    const idToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'local-1', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(pending.clientId)
      .setSubject(pending.identity.sub)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(this.tampering.foreignKey ? this.foreignKey : this.signingKey);
    const accessToken = base64url(randomBytes(24));
    this.accessTokens.set(accessToken, pending.identity);
    json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken });
  }

  private userInfo(req: IncomingMessage, res: ServerResponse): void {
    const identity = this.accessTokens.get(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (!identity) return json(res, 401, { error: 'invalid_token' });
    json(res, 200, { ...identity, ...this.userInfoOverride });
  }

  /** client_secret_basic: both halves are form-url-encoded before base64 (RFC 6749, section 2.3.1). */
  private clientAuthenticated(header: string | undefined): boolean {
    const match = /^Basic (.+)$/.exec(header ?? '');
    if (!match) return false;
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return colon > 0 && formDecode(decoded.slice(0, colon)) === this.client.clientId && formDecode(decoded.slice(colon + 1)) === this.client.clientSecret;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
