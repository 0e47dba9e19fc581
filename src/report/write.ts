/**
 * Writing a report: report.html (./html.ts) and report.xlsx (./workbook.ts), with the run's
 * record (run.json) when the report has one and, asked for, report.pdf printed from the
 * HTML (./pdf.ts), as one set of a run's files: all or none, replacing an earlier run's set
 * in that folder (an earlier report.pdf included, so that no stale PDF sits beside it).
 */
import { writeRunFiles } from '../simulate/output';
import { reportHtml } from './html';
import type { Report } from './model';
import { PdfError, printPdf } from './pdf';
import { reportWorkbook } from './workbook';

/** The report's files, report.html and report.xlsx, for a run's set of files. */
export async function reportFiles(report: Report): Promise<Record<string, string | Uint8Array>> {
  const html = await reportHtml(report);
  const wb = await reportWorkbook(report);
  return { 'report.html': html, 'report.xlsx': new Uint8Array(await wb.xlsx.writeBuffer()) };
}

export interface WrittenReport {
  files: string[];
  /** why report.pdf was asked for and not printed (the other files are written) */
  pdfFailure?: string;
}

/**
 * Writes report.html, report.xlsx (and run.json) into `dir`, as one set; with `chromium`
 * (an executable, see ./pdf.ts findChromium) report.pdf too.
 */
export async function writeReport(
  dir: string,
  report: Report,
  chromium?: string,
): Promise<WrittenReport> {
  const files = await reportFiles(report);
  if (report.run) files['run.json'] = `${JSON.stringify(report.run, null, 2)}\n`;
  let pdfFailure: string | undefined;
  if (chromium) {
    try {
      files['report.pdf'] = await printPdf(files['report.html'] as string, chromium);
    } catch (e) {
      if (!(e instanceof PdfError)) throw e;
      pdfFailure = e.message;
    }
  }
  return { files: writeRunFiles(dir, files), pdfFailure };
}
