/**
 * The report as an Excel workbook an analyst can work in: one sheet per table, every
 * figure a number (never text) rounded to what it means and shown by its column's number
 * format, headers in Chinese and English, the header row frozen and filtered, columns as
 * wide as their text. A table with a detail table (a summary over the scenario rows)
 * writes its figures as formulas over the detail sheet — AVERAGE, PERCENTILE.INC, COUNTIF,
 * SUM — whose cached values are yibao's figures, so a reviewer can audit each one.
 *
 *   tables ─▶ sheet names ─▶ per sheet: header · cells (value or formula, numFmt) · views
 */
import ExcelJS from 'exceljs';
import {
  excelFormat,
  type FigureKind,
  storedFigure,
  storedScale,
  UNDEFINED_FIGURE,
} from '../format/numbers';
import {
  type Aggregate,
  type Column,
  cellText,
  columnAlign,
  headerLines,
  kindIn,
  rateUnitIn,
} from '../format/table';
import { textWidth } from '../format/width';
import type { Report, ReportTable } from './model';

// Excel measures a column in widths of the digit 0; a CJK character is about two of them.
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const HEADER_WIDTH = 18;

/**
 * A column's width in widths of the digit 0: its widest cell, CJK counting two, and room for
 * its header at up to HEADER_WIDTH per line (a longer header wraps); long text wraps at MAX_WIDTH.
 */
function columnWidth(header: string[], cells: string[]): number {
  const cell = cells.reduce((w, text) => Math.max(w, textWidth(text)), 0);
  const head = Math.min(
    HEADER_WIDTH,
    header.reduce((w, line) => Math.max(w, textWidth(line)), 0),
  );
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, cell, head) + 2);
}

/** Sheet names as Excel allows them: at most 31 characters, none of []:*?/\, unique. */
function sheetNames(tables: ReportTable[]): Map<ReportTable, string> {
  const names = new Map<ReportTable, string>();
  const used = new Set<string>();
  for (const t of tables) {
    const base = (t.sheet ?? t.title).replace(/[[\]:*?/\\]/g, ' ').trim();
    let name = [...base].slice(0, 31).join('');
    for (let i = 2; used.has(name.toLowerCase()); i++)
      name = `${[...base].slice(0, 31 - ` ${i}`.length).join('')} ${i}`;
    used.add(name.toLowerCase());
    names.set(t, name);
  }
  return names;
}

/** Column letters: 1 → A, 27 → AA. */
function letter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Where a detail table lives: its sheet, its column letters, the rows of each group. */
interface DetailPlace {
  sheet: string;
  columns: Map<string, { letter: string; kind: FigureKind }>;
  /** first and last worksheet row of each value of `by` */
  groups: Map<unknown, [number, number]>;
}

function detailPlace(t: ReportTable, by: string, sheet: string): DetailPlace {
  const columns = new Map(
    t.columns.map((c, i) => [
      c.key,
      { letter: letter(i + 1), kind: typeof c.kind === 'string' ? c.kind : 'number' },
    ]),
  );
  const groups = new Map<unknown, [number, number]>();
  t.rows.forEach((r, i) => {
    const at = groups.get(r[by]);
    if (at && at[1] !== i + 1)
      throw new Error(`detail table '${t.title}': rows of ${by} ${r[by]} are not together`);
    groups.set(r[by], [at ? at[0] : i + 2, i + 2]);
  });
  return { sheet, columns, groups };
}

/** The formula of an aggregate over the rows [first, last] of the detail sheet. */
function formula(a: Aggregate, c: Column, d: DetailPlace, [first, last]: [number, number]) {
  const range = (key: string) => {
    const col = d.columns.get(key);
    if (!col) throw new Error(`column '${c.key}': the detail table has no column '${key}'`);
    return `'${d.sheet.replace(/'/g, "''")}'!$${col.letter}$${first}:$${col.letter}$${last}`;
  };
  const of = range(a.of);
  // The figure is stored in its own unit (万元) from the detail's (yuan).
  const kind = typeof c.kind === 'string' ? c.kind : 'number';
  const scale = storedScale(kind) / storedScale(d.columns.get(a.of)!.kind);
  const scaled = (f: string) =>
    scale === 1 ? f : scale < 1 ? `${f}/${Math.round(1 / scale)}` : `${f}*${scale}`;
  switch (a.stat) {
    case 'mean':
      return scaled(`AVERAGE(${of})`);
    case 'percentile':
      // functions newer than Excel 2007 are stored with the _xlfn. prefix (ECMA-376)
      return scaled(`_xlfn.PERCENTILE.INC(${of},${a.p})`);
    case 'shareNegative':
      return `COUNTIF(${of},"<0")/COUNT(${of})`;
    case 'ratioOfSums':
      return scaled(`SUM(${of})/SUM(${range(a.per)})`);
  }
}

function writeSheet(
  sheet: ExcelJS.Worksheet,
  t: ReportTable,
  detail?: DetailPlace,
  by?: string,
): void {
  const heads = t.columns.map(headerLines);
  const widths = t.columns.map((c, i) =>
    columnWidth(
      heads[i],
      t.rows.map((r) => cellText(c, r)),
    ),
  );
  const header = sheet.getRow(1);
  t.columns.forEach((_, i) => {
    const cell = header.getCell(i + 1);
    cell.value = heads[i].join('\n');
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F3F3' } };
    cell.alignment = {
      wrapText: true,
      vertical: 'top',
      horizontal: columnAlign(t.columns[i], t.rows),
    };
  });
  // as many lines as the most wrapped header needs, 15 points a line
  const lines = heads.map((h, i) =>
    h.reduce((n, line) => n + Math.ceil(textWidth(line) / (widths[i] - 1)), 0),
  );
  header.height = 15 * lines.reduce((n, l) => Math.max(n, l), 1);
  t.rows.forEach((r, ri) => {
    const row = sheet.getRow(ri + 2);
    t.columns.forEach((c, ci) => {
      const kind = kindIn(c, r);
      const unit = rateUnitIn(c, r);
      const stored = storedFigure(r[c.key], kind, unit);
      const cell = row.getCell(ci + 1);
      const group = by !== undefined ? detail?.groups.get(r[by]) : undefined;
      if (c.aggregate && detail && group)
        cell.value = {
          formula: formula(c.aggregate, c, detail, group),
          result: stored ?? undefined,
        };
      // an undefined figure (a loss ratio without premium) reads '—', never an empty 0
      else cell.value = stored ?? (r[c.key] === null ? UNDEFINED_FIGURE : null);
      cell.numFmt = excelFormat(kind, unit);
    });
  });
  t.columns.forEach((_, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = widths[i];
    if (widths[i] === MAX_WIDTH) col.alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'B2' }];
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1 + t.rows.length, column: t.columns.length },
  };
}

/** The sheet of the report's timing, which a replay sets aside. */
export const TIMING_SHEET = '用时 timing';

export async function reportWorkbook(report: Report): Promise<ExcelJS.Workbook> {
  const tables = [
    ...report.sections.flatMap((s) => s.tables ?? []),
    ...(report.sheets ?? []),
  ].filter((t) => t.rows.length > 0 && !t.pageOnly);
  const names = sheetNames(tables);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'yibao';
  wb.title = report.title;
  for (const t of tables) {
    const sheet = wb.addWorksheet(names.get(t)!);
    const detailSheet = t.detail && names.get(t.detail.table);
    const detail =
      t.detail && detailSheet ? detailPlace(t.detail.table, t.detail.by, detailSheet) : undefined;
    writeSheet(sheet, t, detail, t.detail?.by);
  }
  if (report.timing?.length)
    writeSheet(wb.addWorksheet(TIMING_SHEET), {
      title: TIMING_SHEET,
      columns: [
        { key: 'label', label: { zh: '项目', en: 'item' }, kind: 'text' },
        {
          key: 'value',
          label: { zh: '值', en: 'value' },
          kind: (row) => (typeof row.value === 'number' ? 'decimal' : 'text'),
        },
      ],
      rows: report.timing,
    });
  return wb;
}
