/**
 * report.pdf: the HTML report printed to A4 by headless Chromium — the browser lays out
 * the page exactly as a reader's would, print stylesheet and inline SVG charts included,
 * with nothing fetched from the network. Chromium is found as $YIBAO_CHROMIUM, else
 * Debian's `chromium` on the PATH; without one there is no PDF (the caller says so).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The Chromium executable to print with, or null when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env.YIBAO_CHROMIUM;
  if (given) return executable(given) ? given : null;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'chromium');
    if (executable(candidate)) return candidate;
  }
  return null;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why a print failed, for the user: Chromium's own last line of complaint, if any. */
export class PdfError extends Error {}

/** A generous bound: a report of many schemes prints in seconds. */
const PRINT_TIMEOUT_MS = 180_000;

/** Prints the page's HTML to PDF bytes through `chromium` (headless, its own profile). */
export async function printPdf(html: string, chromium: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    writeFileSync(page, html);
    await new Promise<void>((resolve, reject) => {
      execFile(
        chromium,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-pdf-header-footer',
          // a profile of its own, so that a browser the user has open is not disturbed
          `--user-data-dir=${join(dir, 'profile')}`,
          `--print-to-pdf=${out}`,
          pathToFileURL(page).href,
        ],
        { timeout: PRINT_TIMEOUT_MS },
        (err, _stdout, stderr) => {
          if (!err) return resolve();
          const last = String(stderr).trim().split('\n').filter(Boolean).pop();
          reject(new PdfError(last ?? err.message));
        },
      );
    });
    try {
      return new Uint8Array(readFileSync(out));
    } catch {
      throw new PdfError('it wrote no PDF');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
