/**
 * One rule per kind of figure, for every surface that shows numbers to people: the
 * terminal summary, the HTML report, the workbook and the notebooks' tables. A rule says
 * how the figure reads (decimals, separators, unit), how it is stored in a spreadsheet
 * cell (a number rounded to what it means — the fen for money — never text) and the
 * spreadsheet's number format that shows it the same way.
 *
 *   kind ─▶ formatFigure (text) · storedFigure (workbook number) · excelFormat (numFmt)
 *
 * A figure that is not defined (a ratio whose denominator is zero, given as null) reads "—".
 */
import type { FundingKind } from '../fund/rules';

/** A name in Chinese and in English; shown Chinese first. */
export interface Label {
  zh: string;
  en: string;
}

export type FigureKind =
  /** money in yuan, to the fen: 1,234,567.89 */
  | 'yuan'
  /** money given in yuan, read in 万元 (ten thousand yuan): 123.46 */
  | 'wan'
  /** a share or a ratio (loss ratio, reimbursement share): 36.8% */
  | 'percent'
  /** a probability estimated over the scenarios: 57.0% */
  | 'probability'
  /** a funding rate in its scheme's unit: 0.320% of payroll, 8.00% of the pool, 60.00 元/人 */
  | 'rate'
  /** a whole number of things: 12,345 */
  | 'count'
  /** a mean number of persons (a year, over the scenarios): 78.5 */
  | 'headcount'
  /** a whole number that names something — a year, a scenario, a seed: 2023, no separators */
  | 'index'
  /** yes or no */
  | 'flag'
  /** a parameter, shown as it is written (up to 10 significant digits): 0.0032, 27,491.84 */
  | 'number'
  /** a computed figure nobody described: whole as it is, else 4 significant digits, at least 2 decimals */
  | 'decimal'
  | 'text';

/** The text of a figure that is not defined. */
export const UNDEFINED_FIGURE = '—';

/** Unit of each kind whose cells do not carry it themselves, for column headers. */
export const KIND_UNITS: Partial<Record<FigureKind, Label>> = {
  yuan: { zh: '元', en: 'yuan' },
  wan: { zh: '万元', en: '10,000 yuan' },
};

/** The unit a scheme's funding rate is expressed in. */
export const RATE_UNITS: Record<FundingKind, Label> = {
  payroll_rate: { zh: '占缴费基数', en: 'of payroll' },
  pool_share: { zh: '占居民医保筹资', en: 'of the pool' },
  per_head: { zh: '元/人/年', en: 'yuan a head a year' },
};

// Decimals shown: a payroll rate is priced to the thousandth of a percent (0.001% of
// payroll is about 1/300 of Dazhou's 0.32%), a pool share to the hundredth.
const RATE_DECIMALS: Record<FundingKind, number> = {
  payroll_rate: 3,
  pool_share: 2,
  per_head: 2,
};

const grouped = (v: number, decimals: number) =>
  v.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** Rounds half away from zero to `decimals`, so that -0.004 is 0, never -0. */
export function roundTo(v: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.sign(v) * Math.round(Math.abs(v) * f + Number.EPSILON * Math.abs(v) * f);
  return r === 0 ? 0 : r / f;
}

const defined = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A funding rate as a policy text writes it: 0.32%, 8%, 60 元/人 (no trailing zeros), for
 * names and sentences; table cells use formatFigure(v, 'rate', kind), whose decimals are fixed.
 */
export function formatRate(kind: FundingKind, rate: number): string {
  if (kind === 'per_head') return `${+rate.toFixed(2)} 元/人`;
  return `${+(rate * 100).toFixed(4)}%`;
}

/** A rate with its unit in both languages: '0.32% 占缴费基数 of payroll', '60 元/人/年 yuan a head a year'. */
export function describeRate(kind: FundingKind, rate: number): string {
  const unit = RATE_UNITS[kind];
  const figure = kind === 'per_head' ? `${+rate.toFixed(2)}` : formatRate(kind, rate);
  return `${figure} ${unit.zh} ${unit.en}`;
}

/**
 * The figure as text by its kind; `rateUnit` is the scheme's funding kind for a rate.
 *
 * @example
 * formatFigure(4061150.6401, 'yuan'); // '4,061,150.64'
 * formatFigure(4061150.6401, 'wan'); // '406.12'
 * formatFigure(0.36791, 'percent'); // '36.8%'
 * formatFigure(0.0032, 'rate', 'payroll_rate'); // '0.320%'
 * formatFigure(null, 'percent'); // '—'
 */
export function formatFigure(
  value: number | string | boolean | null | undefined,
  kind: FigureKind,
  rateUnit?: FundingKind,
): string {
  if (kind === 'text') return value === null || value === undefined ? '' : String(value);
  if (typeof value === 'boolean' || kind === 'flag')
    return value === undefined || value === null ? UNDEFINED_FIGURE : value ? '是 yes' : '否 no';
  if (typeof value === 'string') return value;
  if (!defined(value)) return UNDEFINED_FIGURE;
  switch (kind) {
    case 'yuan':
      return grouped(roundTo(value, 2), 2);
    case 'wan':
      return grouped(roundTo(value / 1e4, 2), 2);
    case 'percent':
    case 'probability':
      return `${grouped(roundTo(value * 100, 1), 1)}%`;
    case 'rate': {
      const unit = rateUnit ?? 'pool_share';
      const digits = RATE_DECIMALS[unit];
      return unit === 'per_head'
        ? `${grouped(roundTo(value, digits), digits)} 元/人`
        : `${grouped(roundTo(value * 100, digits), digits)}%`;
    }
    case 'count':
      return grouped(roundTo(value, 0), 0);
    case 'headcount':
      return grouped(roundTo(value, 1), 1);
    case 'index':
      return String(value);
    case 'number':
      return value.toLocaleString('en-US', { maximumSignificantDigits: 10 });
    case 'decimal': {
      if (Number.isInteger(value)) return grouped(value, 0);
      const digits = Math.max(2, 3 - Math.floor(Math.log10(Math.abs(value))));
      return grouped(roundTo(value, Math.min(digits, 12)), Math.min(digits, 12));
    }
  }
}

/**
 * The number a spreadsheet cell holds: the figure in the unit its header states (万元 for
 * 'wan'), rounded to what it means — the fen for money, 1e-8 for shares and probabilities —
 * so that no floating-point noise (0.0031999999999999893) reaches the file. null when the
 * figure is not defined; booleans and text unchanged.
 */
export function storedFigure(
  value: number | string | boolean | null | undefined,
  kind: FigureKind,
  rateUnit?: FundingKind,
): number | string | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') return value;
  if (!Number.isFinite(value)) return null;
  switch (kind) {
    case 'yuan':
      return roundTo(value, 2);
    case 'wan':
      return roundTo(value / 1e4, 6);
    case 'percent':
    case 'probability':
      return roundTo(value, 8);
    case 'rate':
      return rateUnit === 'per_head' ? roundTo(value, 6) : roundTo(value, 8);
    case 'count':
    case 'index':
      return roundTo(value, 0);
    case 'headcount':
      return roundTo(value, 4);
    default:
      return Number(value.toPrecision(10));
  }
}

/** What a stored figure is multiplied by, from the figure as given: 1e-4 for 万元. */
export const storedScale = (kind: FigureKind) => (kind === 'wan' ? 1e-4 : 1);

/** The spreadsheet number format (Excel numFmt) that shows a stored figure as formatFigure does. */
export function excelFormat(kind: FigureKind, rateUnit?: FundingKind): string {
  switch (kind) {
    case 'yuan':
    case 'wan':
      return '#,##0.00';
    case 'percent':
    case 'probability':
      return '0.0%';
    case 'rate': {
      const unit = rateUnit ?? 'pool_share';
      const zeros = '0'.repeat(RATE_DECIMALS[unit]);
      return unit === 'per_head' ? `#,##0.${zeros}" 元/人"` : `0.${zeros}%`;
    }
    case 'count':
      return '#,##0';
    case 'headcount':
      return '#,##0.0';
    case 'index':
      return '0';
    case 'text':
      return '@';
    default:
      return 'General';
  }
}

/** Right-aligned in a table: every kind but text and flags. */
export const alignOf = (kind: FigureKind): 'left' | 'right' =>
  kind === 'text' || kind === 'flag' ? 'left' : 'right';
