import { describe, expect, it } from '@jest/globals';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes cells with commas, quotes or line breaks and leaves empty values empty', () => {
    expect(toCsv(['a', 'b', 'c'], [['x,y', 'say "hi"', null], ['line\nbreak', 7, undefined]])).toBe('a,b,c\r\n"x,y","say ""hi""",\r\n"line\nbreak",7,\r\n');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(toCsv(['owner'], [['=HYPERLINK("http://evil")'], ['@SUM(A1)'], ['-1+2']])).toBe(`owner\r\n"'=HYPERLINK(""http://evil"")"\r\n'@SUM(A1)\r\n'-1+2\r\n`);
  });

  it('keeps negative numbers as numbers', () => {
    expect(toCsv(['days'], [[-3]])).toBe('days\r\n-3\r\n');
  });
});
