export enum OidcErrorCode {
  /** No POSTUREBOARD_OIDC_* configuration: SSO is off. */
  DISABLED = 'DISABLED',
  /** The callback does not belong to a sign-in this browser started (state, nonce or PKCE), or it expired. */
  FLOW_INVALID = 'FLOW_INVALID',
  /** The provider answered with an error, or its answer did not verify. */
  PROVIDER_REJECTED = 'PROVIDER_REJECTED',
  /** The provider could not be reached (discovery, keys or token endpoint). */
  PROVIDER_UNAVAILABLE = 'PROVIDER_UNAVAILABLE',
  /** The ID token carries no e-mail, or one the provider has not verified. */
  EMAIL_UNVERIFIED = 'EMAIL_UNVERIFIED',
  /** Nobody in Postureboard has that e-mail: accounts are never created from a sign-in. */
  UNKNOWN_USER = 'UNKNOWN_USER',
  DEACTIVATED_USER = 'DEACTIVATED_USER',
  /** The account is bound to another identity (subject) at this provider. */
  IDENTITY_MISMATCH = 'IDENTITY_MISMATCH',
}

/** Messages are shown to the person signing in: they never carry a code, token or secret. */
export class OidcError extends Error {
  constructor(
    readonly code: OidcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OidcError';
  }
}
