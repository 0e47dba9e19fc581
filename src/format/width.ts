/**
 * Display width of text in a terminal or a spreadsheet column: East Asian wide and
 * fullwidth characters (汉字, fullwidth punctuation such as （）：，) take two cells, combining
 * marks and zero-width characters none, everything else one (Unicode Standard Annex #11;
 * characters of ambiguous width count one, as terminals outside East Asian locales show them).
 */

/** Code-point ranges of East Asian Width W and F (UAX #11), the ones Chinese text meets. */
const WIDE: [number, number][] = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x2e80, 0x303e], // CJK radicals, Kangxi radicals, CJK symbols and punctuation (、。〔〕)
  [0x3041, 0x33ff], // kana, Bopomofo, Hangul compatibility, enclosed CJK, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // fullwidth forms （）：，
  [0xffe0, 0xffe6], // fullwidth signs ￥
  [0x1f300, 0x1f64f], // pictographs and emoticons
  [0x1f900, 0x1f9ff], // supplemental pictographs
  [0x20000, 0x3fffd], // CJK extensions B and later
];

const ZERO: [number, number][] = [
  [0x0300, 0x036f], // combining diacritical marks
  [0x200b, 0x200f], // zero-width space, joiners, direction marks
  [0xfe00, 0xfe0f], // variation selectors
];

const within = (ranges: [number, number][], cp: number) =>
  ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

/** Width of one code point: 0, 1 or 2 cells. */
export function charWidth(codePoint: number): 0 | 1 | 2 {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  if (codePoint < 0x1100) return within(ZERO, codePoint) ? 0 : 1;
  if (within(ZERO, codePoint)) return 0;
  return within(WIDE, codePoint) ? 2 : 1;
}

/**
 * Cells the text takes on one line.
 *
 * @example
 * textWidth('赔付率 loss ratio'); // 17: three wide characters and 11 narrow ones
 */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** The text padded with spaces to `width` cells, on the right ('left') or the left ('right'). */
export function padText(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - textWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}
