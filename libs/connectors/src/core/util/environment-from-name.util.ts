import type { Environment } from '@postureboard/domain';

// Strictest first: a name that says both `prod` and `test` is treated as production.
const WORDS: readonly (readonly [Environment, ReadonlySet<string>])[] = [
  ['PRODUCTION', new Set(['prod', 'production', 'prd', 'live'])],
  ['STAGING', new Set(['staging', 'stage', 'stg', 'preprod', 'uat'])],
  ['TEST', new Set(['test', 'testing', 'qa', 'sandbox'])],
  ['DEVELOPMENT', new Set(['dev', 'development', 'develop'])],
];

/**
 * The environment a tag value, name or path states (`prod-db`, `Environment=Production`, `secret/dev/app`),
 * taking the first of `names` (most authoritative first) that states one; `UNKNOWN` when none does.
 * Whole words only, so `product` or `devices` say nothing.
 */
export function environmentFromNames(...names: readonly (string | null | undefined)[]): Environment {
  for (const name of names) {
    if (!name) continue;
    const words = new Set(splitWords(name));
    const found = WORDS.find(([, vocabulary]) => [...words].some((word) => vocabulary.has(word)));
    if (found) return found[0];
  }
  return 'UNKNOWN';
}

function splitWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)|(\d)([a-zA-Z])/g, '$1$3 $2$4')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
