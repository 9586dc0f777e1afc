/** How much of a receiver's answer the delivery log keeps. */
export const MAX_LOGGED_RESPONSE = 500;

/**
 * A receiver's answer or an error as the delivery log may keep it: every secret of the channel replaced (a
 * receiver may echo the URL or token back), long tokens that look like credentials masked, cut to a bound.
 */
export function redact(text: string, secrets: readonly string[], max = MAX_LOGGED_RESPONSE): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  // Bearer/Basic credentials and query-string tokens an echo might carry.
  out = out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]').replace(/([?&](?:token|key|sig|code)=)[^&\s"]+/gi, '$1[redacted]');
  return out.length > max ? `${out.slice(0, max)}…` : out;
}
