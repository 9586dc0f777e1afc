// Deliberately loose: one @, no spaces, a dot in the domain. Rosters hold real addresses, and
// stricter RFC 5322 checks reject more valid addresses than they catch typos.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trims and lower-cases an e-mail address; null when it does not look like one. */
export function normaliseEmail(text: string): string | null {
  const email = text.trim().toLowerCase();
  return EMAIL.test(email) ? email : null;
}
