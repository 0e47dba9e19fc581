/**
 * Claims in an Excel workbook (.xlsx), read with exceljs, sheet by sheet, as CSV lines for
 * the claims reader, with errors placed at the sheet and cell (`file.xlsx:Sheet1!F7`):
 *
 *   workbook ──each sheet with rows: its first row is the header (the same columns in
 *   every sheet)──▶ one CSV line per row (empty rows kept, so line n is a known row)
 *
 * The workbook is read whole (an .xlsx sheet holds at most 1,048,576 rows; extracts larger
 * than that come as CSV). Cell values are written as Excel holds them: a number as its
 * shortest decimal, a formula by its result, rich text as its text, a date as yyyy-mm-dd;
 * nothing is rounded, so an amount with more than two decimals is refused downstream with
 * its cell.
 */
import type ExcelJS from 'exceljs';
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { csvField } from './csv';

/** A line of the claims reader, and where it came from in the workbook. */
interface SheetSpan {
  sheet: string;
  /** first line (1-based, over all sheets) of this sheet's rows */
  firstLine: number;
  rows: number;
}

export interface WorkbookLines {
  lines: string[];
  /** `Sheet1!F7` for a line and a column name (the header's), or the row alone */
  cellOf(line: number, column?: string): string;
  /** `Sheet2 row 5` for a line: the row as the workbook numbers it */
  rowName(line: number): string;
}

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return text(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** Reads every sheet of `file` into CSV lines; the first sheet's header leads. */
export async function readWorkbookLines(file: string): Promise<WorkbookLines> {
  // exceljs is loaded only when a workbook is read: every command that reads claims would
  // otherwise pay its start-up (simulate must not load it; test/cli/simulate.test.ts)
  const { Workbook } = require('exceljs') as typeof ExcelJS;
  const wb = new Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new YibaoError(msg.input.notAWorkbook((e as Error).message), { file });
  }
  const lines: string[] = [];
  const spans: SheetSpan[] = [];
  let header: string[] | null = null;
  let headerCells: string[] = [];
  for (const sheet of wb.worksheets) {
    if (sheet.actualRowCount === 0) continue;
    const width = sheet.columnCount;
    const first = lines.length + 1;
    const rows = sheet.rowCount;
    for (let r = 1; r <= rows; r++) {
      const row = sheet.getRow(r);
      const fields = Array.from({ length: width }, (_, c) => text(row.getCell(c + 1).value));
      // empty cells past the header's last column are no fields (Excel's used range)
      const columns = header?.length ?? fields.length;
      while (fields.length > columns && fields[fields.length - 1] === '') fields.pop();
      if (r === 1) {
        while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
        const names = fields.map((f) => f.trim());
        if (!header) {
          header = names;
          headerCells = names;
          lines.push(fields.map(csvField).join(','));
        } else {
          if (names.join(',') !== header.join(','))
            throw new YibaoError(msg.input.sheetHeaderDiffers(names, header), {
              file,
              cell: `${sheet.name}!A1`,
            });
          lines.push(''); // a later sheet's header: the rows continue the first sheet's table
        }
        continue;
      }
      lines.push(fields.every((f) => f === '') ? '' : fields.map(csvField).join(','));
    }
    spans.push({ sheet: sheet.name, firstLine: first, rows });
  }
  /** the sheet of a line, and the line's row in it */
  const rowOf = (line: number) => {
    let span = spans[0];
    for (const s of spans) if (s.firstLine <= line) span = s;
    return { sheet: span?.sheet ?? 'Sheet1', row: line - (span?.firstLine ?? 1) + 1 };
  };
  const cellOf = (line: number, column?: string) => {
    const { sheet, row } = rowOf(line);
    const c = column === undefined ? -1 : headerCells.indexOf(column);
    return `${sheet}!${c >= 0 ? columnLetter(c + 1) : ''}${row}`;
  };
  const rowName = (line: number) => {
    const { sheet, row } = rowOf(line);
    return `${sheet} row ${row}`;
  };
  return { lines, cellOf, rowName };
}
