import type { AppConfig } from '@postureboard/server-core';

/** OpenID Connect sign-in as configured; null when the POSTUREBOARD_OIDC_* variables are absent. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Registered at the provider: `<POSTUREBOARD_PUBLIC_URL>/auth/oidc/callback`. */
  redirectUri: string;
  /** Plain http to the provider, which the configuration only allows for a provider on this machine. */
  allowHttp: boolean;
}

export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

type OidcConfig = Pick<AppConfig, 'PORT' | 'POSTUREBOARD_PUBLIC_URL' | 'POSTUREBOARD_OIDC_ISSUER' | 'POSTUREBOARD_OIDC_CLIENT_ID' | 'POSTUREBOARD_OIDC_CLIENT_SECRET'>;

export function oidcSettingsFrom(config: OidcConfig): OidcSettings | null {
  const { POSTUREBOARD_OIDC_ISSUER: issuer, POSTUREBOARD_OIDC_CLIENT_ID: clientId, POSTUREBOARD_OIDC_CLIENT_SECRET: clientSecret } = config;
  // loadConfig refuses a partial configuration; this only has to tell "on" from "off".
  if (!issuer || !clientId || !clientSecret) return null;
  const publicUrl = (config.POSTUREBOARD_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  const issuerUrl = new URL(issuer);
  return { issuer: issuerUrl, clientId, clientSecret, redirectUri: `${publicUrl}${OIDC_CALLBACK_PATH}`, allowHttp: issuerUrl.protocol === 'http:' };
}
