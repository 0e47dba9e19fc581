/**
 * The printed report, page by page: the candidates' report printed to PDF by headless
 * Chromium (src/report/pdf.ts), every page rendered to PNG in out/report-pages/ for a
 * person to look at, and checked: A4, no blank page, nothing wider than the page.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { candidatesReport, DEFAULT_CANDIDATES, runCandidates } from '../../src/report/candidates';
import { reportHtml } from '../../src/report/html';
import { findChromium, printPdf } from '../../src/report/pdf';

const chromium = findChromium();
const hasPoppler = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
// skipped locally without the tools, never in CI (.ci/run installs both): there it fails
const skip = process.env.CI
  ? false
  : !chromium
    ? 'no chromium'
    : !hasPoppler
      ? 'no pdftoppm (poppler-utils)'
      : false;

const OUT = path.join('out', 'report-pages');
/** A4 in PDF points (1/72 inch): 210 × 297 mm. */
const A4 = { width: 595.28, height: 841.89 };
/** The page's width inside the @page margins of src/report/html.ts (12 mm each side), in CSS px. */
const CONTENT_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96);

/** The share of a grey page's pixels that are not white (PGM from pdftoppm -gray). */
function inkShare(pgm: Buffer): number {
  // header: P5 <width> <height> <max>, each followed by one whitespace byte
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(pgm[at]))) at++;
    let field = '';
    while (!/\s/.test(String.fromCharCode(pgm[at]))) field += String.fromCharCode(pgm[at++]);
    fields.push(field);
  }
  const pixels = pgm.subarray(at + 1);
  let ink = 0;
  for (const v of pixels) if (v < 200) ink++;
  return ink / pixels.length;
}

/**
 * The elements wider than the printed page: the page as printed (its print rules made the
 * screen's), laid out by Chromium at the page's content width, each element's box measured
 * by a script added to a copy of the page.
 */
function overflowing(html: string, dir: string): { width: number; bad: string[] } {
  const measure = `<script>addEventListener('load', () => {
    const w = document.documentElement.clientWidth;
    const bad = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5))
        bad.push(el.tagName + ' ' + Math.round(r.right) + 'px: ' + (el.textContent || '').slice(0, 60));
    }
    const out = document.createElement('pre');
    out.id = 'measured';
    out.textContent = JSON.stringify({ width: w, bad });
    document.body.appendChild(out);
  });</script>`;
  const page = path.join(dir, 'measure.html');
  fs.writeFileSync(
    page,
    html.replace('@media print {', '@media all {').replace('</body>', `${measure}</body>`),
  );
  const dom = execFileSync(
    chromium!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      `--window-size=${CONTENT_PX},1200`,
      '--dump-dom',
      pathToFileURL(page).href,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 },
  );
  const found = /<pre id="measured">([^<]*)<\/pre>/.exec(dom);
  assert.ok(found, 'the measuring script ran');
  return JSON.parse(found[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
}

describe('the printed report', { skip }, () => {
  let dir: string;
  let html: string;
  let pdf: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-pages-'));
    const items = await runCandidates(DEFAULT_CANDIDATES, {
      scenarios: 10,
      persons: 3000,
      seed: 3,
      workers: 1,
    });
    html = await reportHtml(candidatesReport(items));
    pdf = path.join(dir, 'report.pdf');
    fs.writeFileSync(pdf, await printPdf(html, chromium!));
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(OUT, 'page')]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is on A4, every page', () => {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)];
    assert.ok(pages >= 8, `${pages} pages: the answer, three schemes, methods, assumptions`);
    assert.equal(sizes.length, pages);
    for (const [, w, h] of sizes) {
      assert.ok(Math.abs(Number(w) - A4.width) < 1, `width ${w}`);
      assert.ok(Math.abs(Number(h) - A4.height) < 1, `height ${h}`);
    }
    assert.equal(fs.readdirSync(OUT).filter((f) => f.endsWith('.png')).length, pages);
  });

  it('has no blank page', () => {
    const grey = path.join(dir, 'grey');
    execFileSync('pdftoppm', ['-r', '20', '-gray', pdf, grey]);
    const pages = fs.readdirSync(dir).filter((f) => f.startsWith('grey') && f.endsWith('.pgm'));
    assert.ok(pages.length > 0);
    for (const p of pages) {
      const ink = inkShare(fs.readFileSync(path.join(dir, p)));
      // a page with a heading and a few lines has well over 0.3% of its pixels inked
      assert.ok(ink > 0.003, `${p}: ${(ink * 100).toFixed(2)}% inked`);
    }
  });

  it('starts with the answer and puts nothing wider than the page', () => {
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], {
      encoding: 'utf8',
    });
    assert.match(text, /结论 The answer/);
    assert.match(text, /费率(充足|不足)/);
    const m = overflowing(html, dir);
    assert.equal(m.width, CONTENT_PX);
    assert.deepEqual(m.bad, []);
  });
});
