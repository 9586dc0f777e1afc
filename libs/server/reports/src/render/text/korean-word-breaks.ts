import LineBreaker from 'linebreak';

/** Hangul syllables and jamo (conjoining, compatibility, extended A and B). */
const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7A3\uD7B0-\uD7FF]/;
const SPACE = /\s/;

/**
 * Whether a line may break at `position` (between `text[position - 1]` and `text[position]`) once
 * Unicode's rules allowed it there. Unicode lets Hangul break after every syllable ("정책 준/수"); Korean
 * is set like CSS `word-break: keep-all`: a Hangul letter stays with whatever touches it ("1개", "(중국)에서",
 * "30.부터"), so Korean breaks at spaces. Text without Hangul keeps every opportunity Unicode gives it.
 */
export function keepsKoreanWordsWhole(text: string, position: number): boolean {
  const before = text[position - 1];
  const after = text[position];
  if (before === undefined || after === undefined) return true;
  if (SPACE.test(before) || SPACE.test(after)) return true;
  return !HANGUL.test(before) && !HANGUL.test(after);
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
