/**
 * The CSV files of `yibao reconcile`: a county pool's history in (one row per county and
 * year), its reconciliation out (one row per county and a total row). Money in yuan with
 * two decimals; whole fen inside.
 */
import { YibaoError } from '../errors';
import {
  AMOUNTS,
  type CountyYear,
  type ReconcileRules,
  type Reconciliation,
  TOTAL_ROW,
} from '../fund/reconcile';
import * as msg from '../messages';
import { csvField } from './csv';
import type { Encoding } from './decode';
import { moneyFen, readTable } from './table-csv';

/** Input columns (any order), every one required; amounts for the county's year. */
export const HISTORY_COLUMNS = [
  'county',
  'year',
  'premium',
  'compliant_claims',
  'non_compliant_claims',
  'operating_cost',
  'employer_arrears',
  'compliant_due_unpaid',
] as const;

const AMOUNT_COLUMNS = HISTORY_COLUMNS.slice(2);

/**
 * Reads the history: each (county, year) once, years written as four digits and none after
 * the reconciliation date's year, amounts non-negative.
 */
export function readHistory(
  file: string,
  rules: ReconcileRules,
  options: { encoding?: Encoding } = {},
): CountyYear[] {
  const table = readTable(file, {
    what: 'history',
    required: HISTORY_COLUMNS,
    encoding: options.encoding,
  });
  const lastYear = Number(rules.asOf.slice(0, 4));
  const seen = new Map<string, number>();
  return table.rows.map((row) => {
    const place = (column: string) => ({ file, line: row.line, column });
    const county = row.field('county');
    if (county === '') throw new YibaoError(msg.reconcile.emptyCounty(), place('county'));
    if (county.toLowerCase() === TOTAL_ROW)
      throw new YibaoError(msg.reconcile.countyIsTotal(county), place('county'));
    const yearText = row.field('year');
    if (!/^\d{4}$/.test(yearText))
      throw new YibaoError(msg.reconcile.notAYear(yearText), place('year'));
    const year = Number(yearText);
    if (year > lastYear)
      throw new YibaoError(msg.reconcile.afterDate(year, rules.asOf), place('year'));
    const key = `${county}\u0000${year}`;
    const before = seen.get(key);
    if (before !== undefined)
      throw new YibaoError(msg.reconcile.yearTwice(county, year, before), place('year'));
    seen.set(key, row.line);
    const [premium, compliant, nonCompliant, cost, arrears, dueUnpaid] = AMOUNT_COLUMNS.map((c) =>
      moneyFen(row.field(c), place(c)),
    );
    return {
      county,
      year,
      premium,
      compliantClaims: compliant,
      nonCompliantClaims: nonCompliant,
      operatingCost: cost,
      employerArrears: arrears,
      compliantDueUnpaid: dueUnpaid,
    };
  });
}

/** Output columns, in order, by field of a Reconciliation. */
export const RECONCILIATION_COLUMNS: Record<(typeof AMOUNTS)[number], string> = {
  years: 'years',
  premium: 'premium',
  compliantClaims: 'compliant_claims',
  nonCompliantClaims: 'non_compliant_claims',
  operatingCost: 'operating_cost',
  admittedCost: 'admitted_cost',
  excessOperatingCost: 'excess_operating_cost',
  compliantDueUnpaid: 'compliant_due_unpaid',
  balance: 'balance',
  toCity: 'to_city',
  policyOverspend: 'policy_overspend',
  insurerBears: 'insurer_bears',
  arrearsReceivable: 'arrears_receivable',
};

/** Whole fen as yuan with two decimals (negative balances with a minus sign). */
function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The counties' rows and the total row, as CSV or as JSON (amounts as numbers). */
export function formatReconciliation(rows: Reconciliation[], format: 'csv' | 'json'): string {
  const values = (r: Reconciliation) =>
    AMOUNTS.map((k) => (k === 'years' ? String(r[k]) : yuan(r[k])));
  if (format === 'csv') {
    const header = ['county', ...AMOUNTS.map((k) => RECONCILIATION_COLUMNS[k])].join(',');
    return `${header}\n${rows.map((r) => `${[csvField(r.county), ...values(r)].join(',')}\n`).join('')}`;
  }
  const objects = rows.map((r) =>
    Object.fromEntries([
      ['county', r.county],
      ...AMOUNTS.map((k, i) => [RECONCILIATION_COLUMNS[k], Number(values(r)[i])]),
    ]),
  );
  return `${JSON.stringify(objects, null, 1)}\n`;
}
