// Text widths for chart layout, from the font the charts are drawn in.
//
// Without a canvas, vega guesses every character at 0.8 em: Chinese (1 em) comes out
// narrower than drawn and Latin (about 0.55 em in Noto Sans) wider, so labels laid out on
// the guess overlap or are cut once resvg draws them with the real font. Here the advance
// widths are read from the font file itself (its cmap and hmtx tables) and handed to vega,
// so the layout, the overlap checks and the picture agree.
import * as fs from 'node:fs';
import * as vega from 'vega';
import { findCjkFont } from './fonts';

/** Advance width of a character in em, from one face of a TrueType/OpenType (collection) file. */
export type Advances = (codePoint: number) => number;

/** Reads the advance widths of the first face of a .ttc/.otf/.ttf file. */
export function readAdvances(file: string): Advances {
  const b = fs.readFileSync(file);
  const face = b.toString('latin1', 0, 4) === 'ttcf' ? b.readUInt32BE(12) : 0;
  const tables = new Map<string, number>();
  const count = b.readUInt16BE(face + 4);
  for (let i = 0; i < count; i++) {
    const at = face + 12 + 16 * i;
    tables.set(b.toString('latin1', at, at + 4), b.readUInt32BE(at + 8));
  }
  const table = (tag: string) => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`${file}: no '${tag}' table`);
    return at;
  };
  const unitsPerEm = b.readUInt16BE(table('head') + 18);
  const metrics = b.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const advance = (glyph: number) =>
    b.readUInt16BE(hmtx + 4 * Math.min(glyph, metrics - 1)) / unitsPerEm;
  const glyphOf = cmapFormat4(b, table('cmap'));
  const cache = new Map<number, number>();
  return (cp) => {
    let w = cache.get(cp);
    if (w === undefined) {
      const glyph = glyphOf(cp);
      // a character the face lacks is drawn from another font: a full em if wide, else half
      w = glyph > 0 ? advance(glyph) : cp >= 0x2e80 ? 1 : 0.5;
      cache.set(cp, w);
    }
    return w;
  };
}

/** The glyph of a BMP character from the Windows Unicode (3,1) format-4 cmap subtable. */
function cmapFormat4(b: Buffer, cmap: number): (cp: number) => number {
  let sub = -1;
  for (let i = 0; i < b.readUInt16BE(cmap + 2); i++) {
    const at = cmap + 4 + 8 * i;
    if (b.readUInt16BE(at) === 3 && b.readUInt16BE(at + 2) === 1)
      sub = cmap + b.readUInt32BE(at + 4);
  }
  if (sub < 0 || b.readUInt16BE(sub) !== 4) return () => 0;
  const segments = b.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const offsets = deltas + 2 * segments;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let s = 0; s < segments; s++) {
      if (b.readUInt16BE(ends + 2 * s) < cp) continue;
      const start = b.readUInt16BE(starts + 2 * s);
      if (start > cp) return 0;
      const delta = b.readInt16BE(deltas + 2 * s);
      const range = b.readUInt16BE(offsets + 2 * s);
      if (range === 0) return (cp + delta) & 0xffff;
      const glyph = b.readUInt16BE(offsets + 2 * s + range + 2 * (cp - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

/** When no font file is at hand: wide characters a full em, others 0.55 em (Noto Sans' mean). */
const roughAdvances: Advances = (cp) => (cp >= 0x2e80 && cp <= 0xffef ? 1 : 0.55);

let faces: { regular: Advances; bold: Advances } | undefined;

/** The advance widths of the chart font's faces, read on first use; rough ones without it. */
function advancesOf(isBold: boolean): Advances {
  if (!faces) {
    let font: ReturnType<typeof findCjkFont> | undefined;
    try {
      font = findCjkFont();
    } catch {
      // no font file: rough widths, as for an SVG a browser draws with its own fonts
    }
    const regular = font ? readAdvances(font.file) : roughAdvances;
    faces = { regular, bold: font?.bold ? readAdvances(font.bold) : regular };
  }
  return isBold ? faces.bold : faces.regular;
}

/** Width in pixels of one line of text at `fontSize`, bold or regular. */
export function lineWidth(text: string, fontSize: number, isBold = false): number {
  const advances = advancesOf(isBold);
  let em = 0;
  for (const ch of text) em += advances(ch.codePointAt(0)!);
  return em * fontSize;
}

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

const isBold = (w: TextItem['fontWeight']) => w === 'bold' || (typeof w === 'number' && w >= 600);

function measure(item: TextItem, text?: unknown): number {
  const line = String(text ?? item.text ?? '').trim();
  const w = lineWidth(line, item.fontSize ?? 11, isBold(item.fontWeight));
  return item.limit && item.limit > 0 ? Math.min(w, item.limit) : w;
}

/**
 * Hands vega the widths of the chart font, so that its layout matches the picture. A label
 * with a limit is measured as cut to it, as vega draws it.
 */
export function useFontMetrics(): void {
  // vega exports textMetrics without a type; replacing `width` is its documented hook
  (vega as unknown as { textMetrics: { width: typeof measure } }).textMetrics.width = measure;
}

/**
 * Text broken into lines of at most `maxWidth` pixels: between words, and between any two
 * Chinese characters (which need no space); a word longer than a line is broken where it
 * must be. Explicit line breaks ('\n') are kept.
 */
export function wrapLines(text: string, maxWidth: number, fontSize: number, isBold = false) {
  const width = (s: string) => lineWidth(s, fontSize, isBold);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // tokens: a run of non-space Latin characters with the spaces after it, or one wide character
    const split = paragraph.match(/[\u2e80-\uffef]|[^\s\u2e80-\uffef]+\s*|\s+/g) ?? [''];
    // a unit such as 元/人 stays whole: no break on either side of a slash
    const tokens: string[] = [];
    for (const t of split) {
      const last = tokens[tokens.length - 1];
      if (last !== undefined && (t.startsWith('/') || last.endsWith('/')))
        tokens[tokens.length - 1] += t;
      else tokens.push(t);
    }
    let line = '';
    for (const token of tokens) {
      if (width((line + token).trimEnd()) <= maxWidth || line.trim() === '') {
        line += token;
        // a single token wider than the line: cut it character by character
        while (width(line.trimEnd()) > maxWidth && [...line.trimEnd()].length > 1) {
          const chars = [...line.trimEnd()];
          let cut = chars.length - 1;
          while (cut > 1 && width(chars.slice(0, cut).join('')) > maxWidth) cut--;
          lines.push(chars.slice(0, cut).join(''));
          line = chars.slice(cut).join('');
        }
      } else {
        lines.push(line.trimEnd());
        line = token.trimStart();
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
