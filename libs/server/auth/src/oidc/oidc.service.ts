import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { APP_CONFIG, type AppConfig, SecretBox } from '@postureboard/server-core';
import { AUTH_CLOCK, type Clock } from '../auth.clock.js';
import { anonymousActor } from '../audit/audit-actor.js';
import { AuditTrail } from '../audit/audit-trail.service.js';
import { UserRepository } from '../repositories/user.repository.js';
import { type ClientInfo, type IssuedTokens, SessionService } from '../sessions/session.service.js';
import { normaliseEmail } from '../users/email.js';
import { OIDC_FLOW_TTL_SECONDS, openFlow, sealFlow } from './oidc-flow-cookie.js';
import { OidcError, OidcErrorCode } from './oidc.error.js';
import { oidcSettingsFrom, type OidcSettings } from './oidc-settings.js';

/** Seconds to wait for the provider before telling the person it cannot be reached. */
const PROVIDER_TIMEOUT_SECONDS = 10;

const START_AGAIN = 'Go back to the sign-in page and start again.';

const providerUnavailable = (): OidcError => new OidcError(OidcErrorCode.PROVIDER_UNAVAILABLE, 'The sign-in provider cannot be reached. Try again in a moment.');

/** The provider's OAuth error code, kept to the characters the specification allows it. */
const errorCode = (value: string): string => value.replace(/[^\w.-]/g, '').slice(0, 64) || 'error';

const causeOf = (error: unknown): string => (error instanceof Error && error.cause instanceof Error ? error.cause.message : '');

/** The claims a sign-in uses: the ID token's, completed from UserInfo when the ID token leaves them out. */
interface SignInClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
}

/**
 * Sign-in through an OpenID Provider: authorization code flow with PKCE, state and nonce, the ID token
 * verified by openid-client. The provider only proves who the person is; whether they may enter is
 * Postureboard's decision: an account bound to the provider's subject at an earlier sign-in is that
 * account; otherwise the verified e-mail must name an existing, active account, which is then bound to the
 * subject, so a later change of e-mail at the provider cannot move anyone's sign-ins to another account.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OidcSignIn');
  private readonly settings: OidcSettings | null;
  private discovered: Promise<client.Configuration> | undefined;
  private box: SecretBox | undefined;

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {
    this.settings = oidcSettingsFrom(config);
  }

  get enabled(): boolean {
    return this.settings !== null;
  }

  /** Where to send the browser, and the sealed flow it has to bring back to the callback. */
  async begin(): Promise<{ authorizationUrl: URL; sealedFlow: string }> {
    const settings = this.requireSettings();
    const configuration = await this.configuration(settings);
    const flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      expiresAt: this.clock().getTime() + OIDC_FLOW_TTL_SECONDS * 1000,
    };
    const authorizationUrl = client.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: 'openid email',
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { authorizationUrl, sealedFlow: sealFlow(this.secretBox(), flow) };
  }

  /**
   * Completes the sign-in the provider redirected back with (`callbackSearch` is the callback's query
   * string): exchanges the code, verifies the ID token, and opens a session exactly as a password would.
   */
  async complete(callbackSearch: string, sealedFlow: string | undefined, clientInfo: ClientInfo): Promise<IssuedTokens> {
    const settings = this.requireSettings();
    const issuer = settings.issuer.href;
    let email: string | null = null;
    try {
      const flow = openFlow(this.secretBox(), sealedFlow, this.clock());
      if (!flow) throw new OidcError(OidcErrorCode.FLOW_INVALID, `This sign-in expired or was started in another browser. ${START_AGAIN}`);
      const claims = await this.verifiedClaims(settings, callbackSearch, flow);
      const bound = await this.users.findByOidcIdentity(issuer, claims.sub);
      if (bound) {
        email = bound.email;
        if (bound.status !== 'ACTIVE') throw new OidcError(OidcErrorCode.DEACTIVATED_USER, `The Postureboard account ${bound.email} is deactivated.`);
        return await this.sessions.startSession(bound, clientInfo, { method: 'oidc', issuer });
      }
      email = typeof claims.email === 'string' && claims.email.trim() ? normaliseEmail(claims.email) : null;
      if (!email) throw new OidcError(OidcErrorCode.EMAIL_UNVERIFIED, 'The sign-in provider did not share an e-mail address, so no Postureboard account can be matched.');
      // Some providers (Cognito) send the boolean as a string. Anything else is not a verified address.
      const verified = claims.email_verified === true || claims.email_verified === 'true';
      if (!verified) throw new OidcError(OidcErrorCode.EMAIL_UNVERIFIED, `The sign-in provider has not verified ${email}, so it cannot be used to sign in to Postureboard.`);
      const user = await this.users.findByEmail(email);
      if (!user) {
        throw new OidcError(OidcErrorCode.UNKNOWN_USER, `No Postureboard account uses ${email}. Signing in does not create accounts: ask an administrator to add you.`);
      }
      if (user.status !== 'ACTIVE') throw new OidcError(OidcErrorCode.DEACTIVATED_USER, `The Postureboard account ${email} is deactivated.`);
      // First SSO sign-in of this account: bind it to this subject (a concurrent first sign-in may win the race).
      if (!(await this.users.bindOidcIdentity(user.id, issuer, claims.sub)) && (await this.users.oidcSubjectOf(user.id, issuer)) !== claims.sub) {
        throw new OidcError(
          OidcErrorCode.IDENTITY_MISMATCH,
          `The Postureboard account ${email} is linked to another identity at the sign-in provider. Ask an administrator if your provider account changed.`,
        );
      }
      return await this.sessions.startSession(user, clientInfo, { method: 'oidc', issuer });
    } catch (error) {
      if (error instanceof OidcError) {
        await this.audit.append({
          actor: anonymousActor(email ?? 'oidc'),
          action: 'auth.sign-in',
          target: email,
          outcome: 'FAILURE',
          details: { method: 'oidc', reason: error.code, ip: clientInfo.ip },
        });
      }
      throw error;
    }
  }

  private async verifiedClaims(settings: OidcSettings, callbackSearch: string, flow: { state: string; nonce: string; codeVerifier: string }): Promise<SignInClaims> {
    const configuration = await this.configuration(settings);
    // The URL the provider redirected to, as registered (not as this process saw it behind a proxy).
    const currentUrl = new URL(settings.redirectUri);
    currentUrl.search = callbackSearch;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new OidcError(OidcErrorCode.PROVIDER_REJECTED, `The sign-in provider returned no ID token. ${START_AGAIN}`);
      if (claims.email !== undefined && claims['email_verified'] !== undefined) return { sub: claims.sub, email: claims.email, email_verified: claims['email_verified'] };
      // OpenID Connect Core §5.4: with the code flow, the `email` scope's claims may come from UserInfo only.
      // openid-client refuses a UserInfo answer whose `sub` is not the ID token's (§5.3.2).
      if (!configuration.serverMetadata().userinfo_endpoint) return { sub: claims.sub, email: claims.email, email_verified: claims['email_verified'] };
      const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      // The address and its verification are taken together, from the one source that has the address.
      return userInfo.email !== undefined
        ? { sub: claims.sub, email: userInfo.email, email_verified: userInfo.email_verified }
        : { sub: claims.sub, email: claims.email, email_verified: claims['email_verified'] };
    } catch (error) {
      throw this.explain(error);
    }
  }

  /** openid-client's failures, as something the person signing in can act on (details go to the log). */
  private explain(error: unknown): unknown {
    if (error instanceof OidcError) return error;
    this.logFailure('code exchange', error);
    if (error instanceof client.AuthorizationResponseError) {
      return new OidcError(OidcErrorCode.PROVIDER_REJECTED, `The sign-in provider refused the sign-in (${errorCode(error.error)}). ${START_AGAIN}`);
    }
    if (error instanceof client.ClientError && error.code !== 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
      return /"state"/.test(causeOf(error))
        ? new OidcError(OidcErrorCode.FLOW_INVALID, `This response does not belong to the sign-in this browser started. ${START_AGAIN}`)
        : new OidcError(OidcErrorCode.PROVIDER_REJECTED, `The sign-in provider's answer could not be verified. ${START_AGAIN}`);
    }
    if (error instanceof client.ResponseBodyError) {
      return new OidcError(OidcErrorCode.PROVIDER_REJECTED, `The sign-in provider refused the sign-in (${errorCode(error.error)}). ${START_AGAIN}`);
    }
    return providerUnavailable();
  }

  /** Discovery once per process; a failure is not cached, so the next sign-in asks the provider again. */
  private configuration(settings: OidcSettings): Promise<client.Configuration> {
    this.discovered ??= client
      .discovery(settings.issuer, settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret), {
        // TLS alone would vouch for a token fetched from the token endpoint; checking its signature against
        // the provider's published keys as well costs one cached JWKS fetch and leaves nothing to trust blindly.
        execute: [client.enableNonRepudiationChecks, ...(settings.allowHttp ? [client.allowInsecureRequests] : [])],
        timeout: PROVIDER_TIMEOUT_SECONDS,
      })
      .catch((error: unknown) => {
        this.discovered = undefined;
        this.logFailure('discovery', error);
        throw providerUnavailable();
      });
    return this.discovered;
  }

  /** openid-client's messages name what failed, never the client secret or a token. */
  private logFailure(step: string, error: unknown): void {
    const cause = causeOf(error);
    this.logger.warn(`OpenID Connect ${step} failed: ${error instanceof Error ? error.message : String(error)}${cause ? ` (${cause})` : ''}`);
  }

  private requireSettings(): OidcSettings {
    if (!this.settings) throw new OidcError(OidcErrorCode.DISABLED, 'OpenID Connect sign-in is not configured on this server');
    return this.settings;
  }

  private secretBox(): SecretBox {
    this.box ??= SecretBox.fromConfig(this.config);
    return this.box;
  }
}
