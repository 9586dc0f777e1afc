/**
 * `{count, plural, one {# key} other {# keys}}`: the option for the count's plural category in the reader's
 * language (Intl.PluralRules), or an exact `=0` option first; `#` is the count, formatted. Options hold plain text.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const OPTION = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

function plural(locale: string, value: string | number, body: string): string {
  const options = new Map([...body.matchAll(OPTION)].map((m) => [m[1]!, m[2]!]));
  const count = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(count)) return (options.get('other') ?? '').replace(/#/g, String(value));
  const chosen = options.get(`=${count}`) ?? options.get(new Intl.PluralRules(locale).select(count)) ?? options.get('other') ?? '';
  return chosen.replace(/#/g, typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value);
}

/** Fills `{name}` placeholders and plural choices; an unknown placeholder stays visible rather than vanishing. */
export function interpolate(template: string, params?: Record<string, string | number>, locale = 'en'): string {
  if (!params) return template;
  return template
    .replace(PLURAL, (whole, name: string, body: string) => (name in params ? plural(locale, params[name]!, body) : whole))
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The parameters a template takes (plural choices count once, by name), in a stable order. */
export function placeholdersOf(template: string): string[] {
  const plain = template.replace(PLURAL, '{$1}');
  return [...new Set([...plain.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}
