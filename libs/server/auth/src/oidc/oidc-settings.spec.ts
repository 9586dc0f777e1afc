import { loadConfig } from '@postureboard/server-core';
import { oidcSettingsFrom } from './oidc-settings.js';

const OIDC = {
  POSTUREBOARD_OIDC_ISSUER: 'https://login.example.com/tenant',
  POSTUREBOARD_OIDC_CLIENT_ID: 'postureboard',
  POSTUREBOARD_OIDC_CLIENT_SECRET: 's3cret-value-not-echoed',
};

describe('OpenID Connect settings', () => {
  it('are off when no POSTUREBOARD_OIDC_* variable is set', () => {
    expect(oidcSettingsFrom(loadConfig({}))).toBeNull();
  });

  it('derive the redirect URI from POSTUREBOARD_PUBLIC_URL, defaulting to http://localhost:PORT', () => {
    expect(oidcSettingsFrom(loadConfig({ ...OIDC, PORT: '8080' }))).toMatchObject({ redirectUri: 'http://localhost:8080/auth/oidc/callback', allowHttp: false });
    expect(oidcSettingsFrom(loadConfig({ ...OIDC, POSTUREBOARD_PUBLIC_URL: 'https://posture.example.com/' }))?.redirectUri).toBe('https://posture.example.com/auth/oidc/callback');
  });

  it('name every missing half of a partial configuration, never echoing the secret', () => {
    expect(() => loadConfig({ POSTUREBOARD_OIDC_CLIENT_SECRET: OIDC.POSTUREBOARD_OIDC_CLIENT_SECRET })).toThrow(
      /POSTUREBOARD_OIDC_ISSUER: required with the other[\s\S]*POSTUREBOARD_OIDC_CLIENT_ID: required with the other/,
    );
    try {
      loadConfig({ POSTUREBOARD_OIDC_CLIENT_SECRET: OIDC.POSTUREBOARD_OIDC_CLIENT_SECRET });
    } catch (error) {
      expect((error as Error).message).not.toContain(OIDC.POSTUREBOARD_OIDC_CLIENT_SECRET);
    }
  });

  it('refuse an issuer on plain http unless it runs on this machine', () => {
    expect(() => loadConfig({ ...OIDC, POSTUREBOARD_OIDC_ISSUER: 'http://idp.example.com' })).toThrow(/POSTUREBOARD_OIDC_ISSUER: expected an https:\/\/ URL/);
    expect(oidcSettingsFrom(loadConfig({ ...OIDC, POSTUREBOARD_OIDC_ISSUER: 'http://127.0.0.1:9000' }))?.allowHttp).toBe(true);
  });
});
