import fc from 'fast-check';
import { findJsonErrorOffset } from './json-syntax.scanner.js';

describe('findJsonErrorOffset', () => {
  it.each([
    ['{"a": tru}', 9],
    ['[1, 2,]', 6],
    ['{"a" 1}', 5],
    ['{"a": "x\ty"}', 8],
    ['{"a": "\\q"}', 8],
    ['[01]', 2],
    ['{"a": 1', 7],
    ['{} x', 3],
  ])('locates the error in %j at offset %i', (text, offset) => {
    expect(findJsonErrorOffset(text)).toBe(offset);
  });

  it('finds no error in any text JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(findJsonErrorOffset(JSON.stringify(value, null, 1))).toBe(-1);
      }),
    );
  });

  it('agrees with JSON.parse on whether a mutilated text is valid', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '-', '\\'), (value, cut, insert) => {
        const text = JSON.stringify(value);
        const at = text.length === 0 ? 0 : cut % text.length;
        const mutilated = text.slice(0, at) + insert + text.slice(at + 1);
        let valid = true;
        try {
          JSON.parse(mutilated);
        } catch {
          valid = false;
        }
        expect(findJsonErrorOffset(mutilated) === -1).toBe(valid);
      }),
    );
  });
});
