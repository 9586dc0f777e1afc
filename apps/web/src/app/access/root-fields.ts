import type { TypedDocument } from '../../data-access/graphql-client.js';

/**
 * The root fields an operation document calls (`query BudgetPage { budgets(...) { ... } posture(...) { ... } }`
 * → budgets, posture): the names the server's access declarations use. A small scan rather than a GraphQL
 * parser in the bundle: our documents are one operation, then fragments.
 */
export function rootFieldsOf(document: Pick<TypedDocument<unknown, unknown>, 'query'>): string[] {
  const text = document.query;
  const header = /\b(?:query|mutation)\b/.exec(text);
  let i = text.indexOf('{', header ? header.index : 0);
  if (i < 0) return [];
  const fields: string[] = [];
  let depth = 0;
  let parens = 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      i = text.indexOf('"', i + 1);
      if (i < 0) break;
    } else if (c === '(') parens++;
    else if (c === ')') parens--;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && parens === 0 && /[_A-Za-z@]/.test(c)) {
      const word = /^@?[_A-Za-z][_A-Za-z0-9]*/.exec(text.slice(i))![0];
      i += word.length - 1;
      if (word.startsWith('@')) continue;
      // `alias: field`: the alias is skipped, the field name follows it.
      if (!/^\s*:/.test(text.slice(i + 1))) fields.push(word);
    }
  }
  return [...new Set(fields)];
}
