// Renders vega-lite specs to SVG and PNG in Node, headless and offline.
//
// vega's 'none' renderer skips the canvas entirely, so no native canvas package is needed;
// view.toSVG() produces the scenegraph as SVG text. resvg then rasterises that SVG. resvg has
// no access to browser fonts, so the CJK font file is handed to it explicitly: without it the
// Chinese titles and labels come out as empty boxes (tofu).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The family name inside NotoSansCJK-Regular.ttc that covers Simplified Chinese. */
export const CJK_FONT_FAMILY = 'Noto Sans CJK SC';

const FONT_DIR = '/usr/share/fonts';
const PREFERRED_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

interface CjkFont {
  file: string;
  family: string;
}

let cachedFont: CjkFont | undefined;

function searchFonts(dir: string, found: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) searchFonts(full, found);
    else if (/^Noto(Sans|Serif)CJK.*\.(ttc|otf|ttf)$/i.test(entry.name)) found.push(full);
  }
}

/** Finds a Noto CJK font file; prefers the Sans Regular collection. Cached per process. */
export function findCjkFont(): CjkFont {
  if (cachedFont) return cachedFont;
  let file: string | undefined;
  if (fs.existsSync(PREFERRED_FONT)) {
    file = PREFERRED_FONT;
  } else {
    const found: string[] = [];
    searchFonts(FONT_DIR, found);
    // Sans before Serif, Regular before Bold: the charts are set in a regular sans face.
    const rank = (f: string) =>
      (/Serif/i.test(path.basename(f)) ? 2 : 0) + (/Regular/i.test(path.basename(f)) ? 0 : 1);
    found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    file = found[0];
  }
  if (!file) {
    throw new Error(
      `no CJK font found under ${FONT_DIR} (looked for NotoSansCJK / NotoSerifCJK); ` +
        'install fonts-noto-cjk (apt-get install fonts-noto-cjk) to render Chinese chart labels',
    );
  }
  const family = /Serif/i.test(path.basename(file)) ? 'Noto Serif CJK SC' : CJK_FONT_FAMILY;
  cachedFont = { file, family };
  return cachedFont;
}

/** Sets the font for every text element unless the spec already chose one. */
function withFont(spec: TopLevelSpec, family: string): TopLevelSpec {
  const config = spec.config ?? {};
  if (config.font) return spec;
  return { ...spec, config: { ...config, font: family } };
}

/** Compiles a vega-lite spec and renders it to an SVG string (no browser, no canvas). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // The font lookup only decides the family name here; a missing font is reported by
  // renderPng, where it matters, so SVG output still works on machines without the package.
  let family = CJK_FONT_FAMILY;
  try {
    family = findCjkFont().family;
  } catch {
    // keep the default family name; a browser viewing the SVG may have the font anyway
  }
  const vgSpec = compile(withFont(spec, family)).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface PngOptions {
  /** Pixel density multiplier; 2 gives a sharp image for reports. Default 2. */
  scale?: number;
}

/** Renders a vega-lite spec to PNG bytes via SVG and resvg, with the CJK font loaded. */
export async function renderPng(spec: TopLevelSpec, options: PngOptions = {}): Promise<Buffer> {
  const font = findCjkFont();
  const svg = await renderSvg(spec);
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: {
      fontFiles: [font.file],
      // System fonts are skipped so the output does not depend on what else is installed.
      loadSystemFonts: false,
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
    },
  });
  return resvg.render().asPng();
}
