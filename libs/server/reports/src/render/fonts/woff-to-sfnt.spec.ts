import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { woffToSfnt } from './woff-to-sfnt.js';

const woff = readFileSync(createRequire(import.meta.url).resolve('@fontsource/pretendard/files/pretendard-latin-400-normal.woff'));

describe('woffToSfnt', () => {
  it('unwraps the shipped WOFF into a font with Hangul and Latin glyphs', () => {
    const font = fontkit.create(woffToSfnt(woff)) as fontkit.Font;
    expect(font.familyName).toBe('Pretendard');
    for (const char of ['한', '글', '힣', 'A', '₩']) expect(font.hasGlyphForCodePoint(char.codePointAt(0)!)).toBe(true);
  });

  it('leaves out the tables it is asked to drop and keeps the rest intact', () => {
    const full = fontkit.create(woffToSfnt(woff)) as fontkit.Font;
    const lite = fontkit.create(woffToSfnt(woff, { dropTables: ['GSUB', 'GPOS'] })) as fontkit.Font;
    const tables = (f: fontkit.Font) => Object.keys((f as unknown as { directory: { tables: object } }).directory.tables);
    expect(tables(full)).toEqual(expect.arrayContaining(['GSUB', 'GPOS']));
    expect(tables(lite)).not.toEqual(expect.arrayContaining(['GSUB']));
    expect(tables(lite)).not.toContain('GPOS');
    expect(lite.numGlyphs).toBe(full.numGlyphs);
    expect(lite.glyphForCodePoint('한'.codePointAt(0)!).advanceWidth).toBe(full.glyphForCodePoint('한'.codePointAt(0)!).advanceWidth);
  });

  it('rejects data that is not WOFF', () => {
    expect(() => woffToSfnt(Buffer.from('not a font at all, clearly not one'.repeat(3)))).toThrow('Not a WOFF 1.0 font');
  });
});
