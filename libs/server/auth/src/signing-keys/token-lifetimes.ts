/** Access tokens are short: a stolen one is worth minutes, and every request re-checks the session anyway. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** A refresh token is exchanged on use; an idle one lapses after a week. */
export const REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
/** However often it refreshes, a sign-in lasts at most this long. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
/** A retired key keeps verifying for the life of the last token it signed, plus clock skew. */
export const VERIFY_OVERLAP_SECONDS = ACCESS_TOKEN_TTL_SECONDS + 5 * 60;

export const TOKEN_ISSUER = 'postureboard';
export const TOKEN_AUDIENCE = 'postureboard';
