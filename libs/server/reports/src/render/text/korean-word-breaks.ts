import LineBreaker from 'linebreak';

/** Hangul syllables and jamo (conjoining, compatibility, extended A and B). */
const isHangul = (c: number): boolean =>
  (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f) || (c >= 0xa960 && c <= 0xa97f) || (c >= 0xd7b0 && c <= 0xd7ff);
const SPACE = /\s/;

/**
 * Whether a line may break at `position` (between `text[position - 1]` and `text[position]`) once
 * Unicode's rules allowed it there. Unicode lets Hangul break after every syllable ("정책 준/수"); Korean
 * is set like CSS `word-break: keep-all`: a Hangul letter stays with whatever touches it ("1개", "(중국)에서",
 * "30.부터"), so Korean breaks at spaces. Text without Hangul keeps every opportunity Unicode gives it.
 * Asked at every break of every text in a report: character codes first, a regular expression only beside Hangul.
 */
export function keepsKoreanWordsWhole(text: string, position: number): boolean {
  if (position <= 0 || position >= text.length) return true;
  if (!isHangul(text.charCodeAt(position - 1)) && !isHangul(text.charCodeAt(position))) return true;
  return SPACE.test(text[position - 1]!) || SPACE.test(text[position]!);
}

const PATCHED = Symbol.for('postureboard.reports.koreanWordBreaks');

/**
 * Makes pdfkit wrap Korean at word boundaries. pdfkit takes its break opportunities from this iterator
 * and offers no option for keep-all; skipping the opportunities inside a Korean word is the one change
 * that reaches every text it lays out (cells, paragraphs, measured heights, `continued` runs) alike.
 * A word wider than its box still breaks between characters: pdfkit splits any segment that cannot fit
 * on an empty line. Idempotent; only pdfkit uses this iterator.
 */
export function installKoreanWordBreaks(): void {
  const proto = LineBreaker.prototype as LineBreaker & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const unicodeBreak = proto.nextBreak;
  proto.nextBreak = function nextBreak(this: LineBreaker) {
    for (let bk = unicodeBreak.call(this); bk; bk = unicodeBreak.call(this)) {
      if (bk.required || keepsKoreanWordsWhole(this.string, bk.position)) return bk;
    }
    return null;
  };
  Object.defineProperty(proto, PATCHED, { value: true });
}
