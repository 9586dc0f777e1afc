import { describe, expect, it } from '@jest/globals';
import { safeNext } from './safe-next.js';

describe('safeNext', () => {
  it('returns to the page that asked for sign-in', () => {
    expect(safeNext('/findings?status=OPEN')).toBe('/findings?status=OPEN');
  });

  it('refuses other sites, protocol-relative and backslash tricks', () => {
    for (const next of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', null]) expect(safeNext(next)).toBe('/');
  });

  it('never loops back to the sign-in page', () => {
    expect(safeNext('/sign-in?next=/')).toBe('/');
  });
});
