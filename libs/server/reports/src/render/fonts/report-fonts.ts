import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { woffToSfnt } from './woff-to-sfnt.js';

/**
 * Pretendard (SIL Open Font License), shipped by the @fontsource/pretendard npm package: one family
 * with Latin and all 11,172 Hangul syllables, so English and Korean reports look alike. Nothing is
 * fetched at run time, and pdfkit embeds only the glyphs a report uses.
 */
export type FontWeight = 'regular' | 'medium' | 'semibold' | 'bold';

const FILES: Record<FontWeight, string> = {
  regular: '@fontsource/pretendard/files/pretendard-latin-400-normal.woff',
  medium: '@fontsource/pretendard/files/pretendard-latin-500-normal.woff',
  semibold: '@fontsource/pretendard/files/pretendard-latin-600-normal.woff',
  bold: '@fontsource/pretendard/files/pretendard-latin-700-normal.woff',
};

/**
 * OpenType layout (contextual alternates, kerning) costs seconds per report in fontkit's JavaScript
 * shaper and buys nothing a board paper needs: precomposed Hangul and Latin render from cmap alone.
 */
const LAYOUT_TABLES = ['GSUB', 'GPOS', 'GDEF', 'DSIG'];

export const FONT_WEIGHTS = Object.keys(FILES) as FontWeight[];

const require = createRequire(import.meta.url);
const cache = new Map<FontWeight, fontkit.Font>();

/** The parsed font for a weight, read once per process and shared by every report (fonts are read-only). */
export function reportFont(weight: FontWeight): fontkit.Font {
  let font = cache.get(weight);
  if (!font) {
    const parsed = fontkit.create(woffToSfnt(readFileSync(require.resolve(FILES[weight])), { dropTables: LAYOUT_TABLES }));
    if (!('layout' in parsed)) throw new Error(`${FILES[weight]} is a font collection, not a font`);
    font = parsed;
    cache.set(weight, font);
  }
  return font;
}

// pdfkit 0.20 accepts an already-parsed fontkit font; @types/pdfkit (0.17) predates that.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace PDFKit.Mixins {
    interface PDFFont {
      registerFont(name: string, src: fontkit.Font): this;
    }
  }
}
