/**
 * Tables laid out for a printed page (A4 portrait): a table of few rows and many figures
 * (the candidates, a summary by year) is turned on its side — a line per figure, a column
 * per candidate or year — and one of many rows and many columns is split into column
 * groups, each repeating the table's first column, so that no table runs off the page.
 * The workbook keeps every table as it is (./workbook.ts).
 */
import { type Column, cellText, columnAlign, headerText, type Row } from '../format/table';

/** The most columns an A4 portrait page holds at the report's type size. */
export const PAGE_COLUMNS = 7;

/** The rows at most that a transposed table turns into columns. */
const TRANSPOSE_ROWS = PAGE_COLUMNS - 1;

export interface PageTable {
  columns: Column[];
  rows: Row[];
  /** a line per figure, a column per row of the original */
  turned?: boolean;
}

/**
 * The table turned: its first column's cells head the new columns; every other column
 * becomes a line headed by its label and unit, its cells formatted by its own rule (so a
 * rate reads in each row's unit) and right-aligned where they are figures.
 */
export function transpose(columns: Column[], rows: Row[]): PageTable {
  const [head, ...rest] = columns;
  const lines: Row[] = rest.map((c) => ({
    measure: headerText(c),
    align: columnAlign(c, rows),
    ...Object.fromEntries(rows.map((r, i) => [`r${i}`, cellText(c, r)])),
  }));
  return {
    columns: [
      { key: 'measure', label: { zh: head.label.zh, en: head.label.en }, kind: 'text' },
      ...rows.map((r, i) => ({
        key: `r${i}`,
        label: { zh: '', en: cellText(head, r) },
        // the cells are formatted already; 'number' keeps the text and aligns it right
        kind: (line: Row) => (line.align === 'right' ? ('number' as const) : ('text' as const)),
      })),
    ],
    rows: lines,
    turned: true,
  };
}

/** The table as one or more tables that each fit the page's width. */
export function pageTables(columns: Column[], rows: Row[]): PageTable[] {
  if (columns.length <= PAGE_COLUMNS) return [{ columns, rows }];
  if (rows.length <= TRANSPOSE_ROWS) return [transpose(columns, rows)];
  const [head, ...rest] = columns;
  const per = PAGE_COLUMNS - 1;
  const parts: PageTable[] = [];
  for (let i = 0; i < rest.length; i += per)
    parts.push({ columns: [head, ...rest.slice(i, i + per)], rows });
  return parts;
}
