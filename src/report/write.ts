/**
 * Writing a report: report.html (./html.ts) and report.xlsx (./workbook.ts), both or
 * neither.
 */
import { writeFilesTogether } from '../io/write-files';
import { reportHtml } from './html';
import type { Report } from './model';
import { reportWorkbook } from './workbook';

/** Writes report.html and report.xlsx into `dir`, both or neither. */
export async function writeReport(dir: string, report: Report): Promise<string[]> {
  const html = await reportHtml(report);
  const wb = await reportWorkbook(report);
  const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
  return writeFilesTogether(dir, { 'report.html': html, 'report.xlsx': xlsx });
}
