/**
 * Writing a report: report.html (./html.ts) and report.xlsx (./workbook.ts), with the run's
 * record (run.json) when the report has one, as one set of a run's files: all or none,
 * replacing an earlier run's set in that folder.
 */
import { writeRunFiles } from '../simulate/output';
import { reportHtml } from './html';
import type { Report } from './model';
import { reportWorkbook } from './workbook';

/** The report's files, report.html and report.xlsx, for a run's set of files. */
export async function reportFiles(report: Report): Promise<Record<string, string | Uint8Array>> {
  const html = await reportHtml(report);
  const wb = await reportWorkbook(report);
  return { 'report.html': html, 'report.xlsx': new Uint8Array(await wb.xlsx.writeBuffer()) };
}

/** Writes report.html, report.xlsx (and run.json) into `dir`, as one set. */
export async function writeReport(dir: string, report: Report): Promise<string[]> {
  const files = await reportFiles(report);
  if (report.run) files['run.json'] = `${JSON.stringify(report.run, null, 2)}\n`;
  return writeRunFiles(dir, files);
}
