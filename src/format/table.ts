/**
 * Tables for people: rows of plain values and a column list that says what each value is
 * (a label in Chinese and English, a kind of figure from ./numbers). The same columns lay
 * the table out for the terminal (width-aware, so Chinese text lines up), as HTML (the
 * report and the notebooks) and as a workbook sheet (../report/workbook.ts).
 */
import type { FundingKind } from '../fund/rules';
import {
  alignOf,
  type FigureKind,
  formatFigure,
  KIND_UNITS,
  type Label,
  RATE_UNITS,
} from './numbers';
import { padText, textWidth } from './width';

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;

/**
 * How a summary figure is recomputed from the rows of a detail table that share its group
 * (the scenarios of its year): what a workbook writes as a formula, so a reviewer can audit it.
 */
export type Aggregate =
  | { stat: 'mean'; of: string }
  /** PERCENTILE.INC: linear interpolation between order statistics, as yibao's spread() */
  | { stat: 'percentile'; of: string; p: number }
  /** share of the rows where `of` is below zero (a deficit) */
  | { stat: 'shareNegative'; of: string }
  /** Σ of / Σ per, e.g. out-of-pocket per person */
  | { stat: 'ratioOfSums'; of: string; per: string };

export interface Column {
  key: string;
  label: Label;
  /** the kind of figure, or, where rows differ (a parameter's unit), the kind in each row */
  kind: FigureKind | ((row: Row) => FigureKind);
  /** for kind 'rate': the scheme's funding kind, or the one of each row */
  rateUnit?: FundingKind | ((row: Row) => FundingKind);
  /** for a table with a detail table: how a workbook recomputes this figure from it */
  aggregate?: Aggregate;
}

export const kindIn = (c: Column, row: Row): FigureKind =>
  typeof c.kind === 'function' ? c.kind(row) : c.kind;

export const rateUnitIn = (c: Column, row: Row): FundingKind | undefined =>
  typeof c.rateUnit === 'function' ? c.rateUnit(row) : c.rateUnit;

/** A cell's text by its column's rule. */
export const cellText = (c: Column, row: Row): string =>
  formatFigure(row[c.key], kindIn(c, row), rateUnitIn(c, row));

/**
 * The unit a column header states: 元, 万元, or a rate's unit when the column has one —
 * except a rate a head, whose cells already say 元/人 (formatFigure), so that a header
 * does not repeat it.
 */
export function columnUnit(c: Column): Label | undefined {
  if (typeof c.kind === 'function') return undefined;
  if (c.kind === 'rate' && typeof c.rateUnit === 'string')
    return c.rateUnit === 'per_head' ? undefined : RATE_UNITS[c.rateUnit];
  return KIND_UNITS[c.kind];
}

/** Header lines, Chinese first: ['赔付率 中位数', 'loss ratio p50'], the unit on the last. */
export function headerLines(c: Column): string[] {
  const unit = columnUnit(c);
  // 元 and 万元 need no translation; a rate's unit does
  const unitText = unit && (c.kind === 'rate' ? `${unit.zh} ${unit.en}` : unit.zh);
  const en = unitText ? `${c.label.en} (${unitText})` : c.label.en;
  return c.label.zh ? [c.label.zh, en] : [en];
}

/** The header on one line: '赔付率 中位数 loss ratio p50'. */
export const headerText = (c: Column) => headerLines(c).join(' ');

/** The alignment of a column: left for text, right for figures (in any of its rows). */
export function columnAlign(c: Column, rows: Row[]): 'left' | 'right' {
  if (typeof c.kind === 'string') return alignOf(c.kind);
  return rows.some((r) => alignOf(kindIn(c, r)) === 'right') ? 'right' : 'left';
}

/**
 * The table as fixed-width text for a terminal: one header line per header line of the
 * widest column, text left and figures right, widths in display cells (汉字 count two).
 */
export function textTable(columns: Column[], rows: Row[], gap = '  '): string {
  const heads = columns.map(headerLines);
  const depth = heads.reduce((n, h) => Math.max(n, h.length), 1);
  const headRows = Array.from({ length: depth }, (_, i) =>
    heads.map((h) => h[i - (depth - h.length)] ?? ''),
  );
  const body = rows.map((r) => columns.map((c) => cellText(c, r)));
  const all = [...headRows, ...body];
  const widths = columns.map((_, i) => all.reduce((w, line) => Math.max(w, textWidth(line[i])), 0));
  const align = columns.map((c) => columnAlign(c, rows));
  return all
    .map((line) =>
      line
        .map((text, i) => padText(text, widths[i], align[i]))
        .join(gap)
        .trimEnd(),
    )
    .join('\n');
}

/**
 * The table turned on its side for a terminal: a line per column, headed by its label and
 * unit, and a column per row, headed by `head(row)` — the years of a summary, the schemes
 * of a comparison. Suits few rows of many figures.
 */
export function transposedTable(
  columns: Column[],
  rows: Row[],
  head: (row: Row, index: number) => string,
  gap = '  ',
): string {
  const label: Column = { key: 'measure', label: { zh: '', en: '' }, kind: 'text' };
  const lines: Row[] = columns.map((c) => ({
    measure: headerText(c),
    ...Object.fromEntries(rows.map((r, i) => [`r${i}`, cellText(c, r)])),
  }));
  const cols: Column[] = rows.map((r, i) => ({
    key: `r${i}`,
    label: { zh: '', en: head(r, i) },
    kind: 'number',
  }));
  return textTable([label, ...cols], lines, gap);
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A text cell as HTML, with a break allowed after each dot and underscore of an identifier
 * (`claims.inpatient.frequency_by_age`), so that a column of parameter paths can wrap.
 */
const textCell = (text: string) =>
  // not inside a number: a decimal point keeps its digits together (90.0%)
  escapeHtml(text).replace(/(?<![0-9])([._])(?=[A-Za-z0-9])|([._])(?=[A-Za-z])/g, '$1$2<wbr>');

/** The table as HTML: bilingual headers, each cell formatted and aligned by its column. */
export function htmlTable(columns: Column[], rows: Row[], caption?: string): string {
  const align = columns.map((c) => columnAlign(c, rows));
  const th = columns
    .map(
      (c, i) =>
        `<th style="text-align:${align[i]}">${headerLines(c).map(escapeHtml).join('<br>')}</th>`,
    )
    .join('');
  const tr = rows
    .map(
      (r) =>
        `<tr>${columns
          .map(
            (c, i) =>
              // a column of mixed rows (a turned table) aligns each cell by its own kind
              `<td style="text-align:${typeof c.kind === 'function' ? alignOf(kindIn(c, r)) : align[i]}">${kindIn(c, r) === 'text' ? textCell(cellText(c, r)) : escapeHtml(cellText(c, r))}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

/** 'lossRatio.p50', 'loss_ratio_p50' → 'loss ratio p50'. */
export function wordsOf(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._]+/g, ' ')
    .toLowerCase()
    .trim();
}

/** A kind of figure, or any part of a column, for the keys a caller knows about. */
export type ColumnHints = Record<string, FigureKind | Partial<Column>>;

/**
 * Columns for rows whose figures nobody described: every key in order of appearance,
 * headed by its words; numbers by the 'decimal' rule, booleans as flags, the rest text.
 * `hints` give a key its kind or label.
 */
export function columnsOf(rows: Row[], hints: ColumnHints = {}): Column[] {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return keys.map((key) => {
    const values = rows.map((r) => r[key]).filter((v) => v !== null && v !== undefined);
    const kind: FigureKind =
      values.length > 0 && values.every((v) => typeof v === 'number')
        ? 'decimal'
        : values.length > 0 && values.every((v) => typeof v === 'boolean')
          ? 'flag'
          : 'text';
    const hint = hints[key];
    const given = typeof hint === 'string' ? { kind: hint } : (hint ?? {});
    return { key, label: { zh: '', en: wordsOf(key) }, kind, ...given };
  });
}
