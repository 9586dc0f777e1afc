/** ISO 3166-1 leaves these to users (AA, QM-QZ, XA-XZ, ZZ): no country is assigned them. */
const USER_ASSIGNED = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;
/** Regions the browser can name that are not countries (EU, UN, ...), or codes ISO reserves but never assigned (UK). */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'UK', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA']);
const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * The upper-case code when it names an assigned ISO 3166-1 alpha-2 country, else null. The browser's region
 * names stand in for the ISO table here; the server checks against the table itself and has the last word.
 */
export function assignedCountryCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || USER_ASSIGNED.test(code) || NOT_COUNTRIES.has(code)) return null;
  try {
    return names.of(code) === undefined ? null : code;
  } catch {
    return null;
  }
}
