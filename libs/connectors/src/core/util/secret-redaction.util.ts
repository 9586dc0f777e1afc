/**
 * Removes secrets from a text in every form an upstream service or a library may have echoed them: as is,
 * URL-encoded, and base64 (standard and URL-safe) at any of the three byte alignments — `SSWS <token>` or
 * `user:password` base64-encoded contain the secret's base64 only when it starts on a 3-byte boundary, so
 * the part of each alignment that depends on the secret alone is what is looked for.
 */
export const REDACTED = '[redacted]';

/** Shorter secrets are not searched for: four characters would match ordinary words. */
const MIN_SECRET_CHARS = 4;
const MIN_ENCODED_CHARS = 8;

export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_CHARS) return [];
  const forms = new Set<string>([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')]);
  const bytes = Buffer.from(secret, 'utf8');
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Characters before the secret's first whole 3-byte group depend on what precedes it; after its last, on what follows.
    const end = Math.floor((offset + bytes.length) / 3) * 4;
    const core = encoded.slice(offset === 0 ? 0 : 4, end);
    if (core.length >= MIN_ENCODED_CHARS) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_CHARS).sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    for (const form of secretForms(secret)) if (clean.includes(form)) clean = clean.split(form).join(REDACTED);
  }
  return clean;
}
