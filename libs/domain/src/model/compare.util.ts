/** Code-unit order: deterministic on every machine, unlike `localeCompare`, and much faster. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
