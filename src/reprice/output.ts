/**
 * The repricing's answer as one table (CSV, JSON, report): a row per (table, slice,
 * measure) with a value per scheme and the difference of each variant from the baseline.
 *
 *   cost            each payer, the fund in all, out-of-pocket, billed: yuan, per insured,
 *                   per claimant
 *   who gains       per group, status and cost band: persons, out-of-pocket per person,
 *                   persons paying less (gainers) and more (losers) than under the baseline
 *   alert           persons whose out-of-pocket is above the alert threshold
 *
 * Money is exact in yuan from whole fen; per insured, per claimant and per person figures
 * are rounded half-up to the fen.
 */

import type { Column } from '../format/table';
import { labelOf } from '../io/codes-table';
import { csvField } from '../io/csv';
import type { ReportTable } from '../report/model';
import type { RepriceResult } from './reprice';

export interface RepriceRow {
  table: 'cost' | 'who gains' | 'alert';
  slice: string;
  measure: string;
  /** per scheme, baseline first: yuan with two decimals, or a count */
  values: string[];
  /** per variant: variant − baseline, in the same unit */
  differences: string[];
}

/** Whole fen as yuan, two decimals, exactly. */
export function yuanOfFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  const cents = a % 100;
  return `${sign}${(a - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/** fen / n, rounded half-up to the fen, as yuan. */
function yuanPer(fen: number, n: number): string {
  if (n === 0) return '';
  const q = fen / n;
  return yuanOfFen(Math.sign(q) * Math.floor(Math.abs(q) + 0.5));
}

function row(
  table: RepriceRow['table'],
  slice: string,
  measure: string,
  raw: number[],
  format: (x: number) => string,
): RepriceRow {
  return {
    table,
    slice,
    measure,
    values: raw.map(format),
    differences: raw.slice(1).map((x) => format(x - raw[0])),
  };
}

/** How groups and statuses are named: their codes, or their first Chinese label. */
export type Labels = 'codes' | 'zh';

function sliceName(kind: RepriceResult['slices'][number]['kind'], slice: string, labels: Labels) {
  if (labels === 'codes' || kind === 'cost band') return `${kind}: ${slice}`;
  return `${kind}: ${labelOf(kind, slice)}`;
}

export function repriceRows(r: RepriceResult, labels: Labels = 'codes'): RepriceRow[] {
  const rows: RepriceRow[] = [];
  const fund = r.schemes.map((s) => [...s.paid.values()].reduce((a, b) => a + b, 0));
  const lines: [string, number[]][] = [
    ...r.payers.map((p): [string, number[]] => [p, r.schemes.map((s) => s.paid.get(p)!)]),
    ['fund total', fund],
    ['out-of-pocket', r.schemes.map((s) => s.oop)],
    ['billed', r.schemes.map(() => r.billed)],
  ];
  for (const [slice, fen] of lines) {
    rows.push(row('cost', slice, 'yuan', fen, yuanOfFen));
    rows.push(row('cost', slice, 'per insured', fen, (x) => yuanPer(x, r.insured)));
    rows.push(row('cost', slice, 'per claimant', fen, (x) => yuanPer(x, r.claimants)));
  }
  for (const s of r.slices) {
    const name = sliceName(s.kind, s.slice, labels);
    rows.push(
      row(
        'who gains',
        name,
        'persons',
        r.schemes.map(() => s.persons),
        String,
      ),
    );
    rows.push(
      row('who gains', name, 'out-of-pocket per person', s.oop, (x) => yuanPer(x, s.persons)),
    );
    rows.push(row('who gains', name, 'persons paying less', s.gainers, String));
    rows.push(row('who gains', name, 'persons paying more', s.losers, String));
  }
  rows.push(
    row(
      'alert',
      `out-of-pocket above ${r.alertThreshold}`,
      'persons',
      r.schemes.map((s) => s.aboveAlert),
      String,
    ),
  );
  return rows;
}

function header(r: RepriceResult): string[] {
  const names = r.schemes.map((s) => s.name);
  return ['table', 'slice', 'measure', ...names, ...names.slice(1).map((n) => `${n} − baseline`)];
}

export function repriceCsv(r: RepriceResult, labels: Labels = 'codes'): string {
  const lines = [header(r).map(csvField).join(',')];
  for (const x of repriceRows(r, labels))
    lines.push(
      [x.table, x.slice, x.measure, ...x.values, ...x.differences].map(csvField).join(','),
    );
  return `${lines.join('\n')}\n`;
}

/** What the run was, and the rows: enough to read the answer and to replay it. */
export function repriceJson(
  r: RepriceResult,
  replay: Record<string, unknown>,
  labels: Labels = 'codes',
): string {
  return `${JSON.stringify(
    {
      claims: r.claimsFile,
      ...replay,
      trend: r.trend,
      insured: r.insured,
      persons_in_file: r.personsInFile,
      claimants: r.claimants,
      alert_threshold: r.alertThreshold,
      schemes: r.schemes.map((s) => s.name),
      rows: repriceRows(r, labels),
    },
    null,
    1,
  )}\n`;
}

/**
 * The rows as report tables, one per table: each scheme's value and difference a number,
 * yuan or a count of persons by the row's measure (the CSV keeps the exact text).
 */
export function repriceTables(r: RepriceResult, labels: Labels = 'codes'): ReportTable[] {
  const names = header(r).slice(3);
  const rows = repriceRows(r, labels);
  const columns: Column[] = [
    { key: 'slice', label: { zh: '分组', en: 'slice' }, kind: 'text' },
    { key: 'measure', label: { zh: '指标', en: 'measure' }, kind: 'text' },
    ...names.map(
      (name): Column => ({
        key: name,
        label: { zh: '', en: name },
        kind: (row) => (String(row.measure).startsWith('persons') ? 'count' : 'yuan'),
      }),
    ),
  ];
  const titles = { cost: '费用 cost', 'who gains': '受益分布 who gains', alert: '预警 alert' };
  return (['cost', 'who gains', 'alert'] as const).map((table) => ({
    title: titles[table],
    columns,
    rows: rows
      .filter((x) => x.table === table)
      .map((x) => {
        const out: Record<string, string | number | null> = { slice: x.slice, measure: x.measure };
        [...x.values, ...x.differences].forEach((v, i) => {
          out[names[i]] = v === '' ? null : Number(v);
        });
        return out;
      }),
  }));
}
