// Renders vega-lite specs to SVG and PNG in Node, headless and offline.
//
// vega's 'none' renderer skips the canvas entirely, so no native canvas package is needed;
// view.toSVG() produces the scenegraph as SVG text. resvg then rasterises that SVG. resvg has
// no access to browser fonts, so the CJK font file is handed to it explicitly: without it the
// Chinese titles and labels come out as empty boxes (tofu). vega lays text out with the
// widths of that same font (./text-metrics.ts), so what it places is what resvg draws.
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export { CJK_FONT_FAMILY, findCjkFont } from './fonts';

import { CJK_FONT_FAMILY, findCjkFont } from './fonts';
import { useFontMetrics } from './text-metrics';

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
  useFontMetrics();
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
      fontFiles: font.bold ? [font.file, font.bold] : [font.file],
      // System fonts are skipped so the output does not depend on what else is installed.
      loadSystemFonts: false,
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
    },
  });
  return resvg.render().asPng();
}
