/**
 * The hand-worked ledger cases of test/fund/cases/*.yaml, for the library and the CLI tests:
 * each case names a scheme (and overrides), a first-year rate, the input years (the columns
 * of `yibao ledger --years`) and every expected output column of every year.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { LedgerYearInput } from '../../src/fund/ledger';
import type { LossCause } from '../../src/fund/rules';
import type { Overrides } from '../../src/scheme/overrides';

type Cell = number | string | boolean | null;

export interface LedgerCase {
  name: string;
  title: string;
  scheme: string;
  rate: number;
  set: Overrides;
  years: Record<string, Cell>[];
  expected: Record<string, Cell>[];
}

const DIR = path.join(__dirname, 'cases');

export function ledgerCases(): LedgerCase[] {
  return fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const c = parse(fs.readFileSync(path.join(DIR, f), 'utf8'));
      return { name: f.replace(/\.yaml$/, ''), set: {}, ...c } as LedgerCase;
    });
}

/** The case's years as the `--years` CSV. */
export function yearsCsv(c: LedgerCase): string {
  const columns = [...new Set(c.years.flatMap((y) => Object.keys(y)))];
  const cell = (v: Cell | undefined) => (v === undefined || v === null ? '' : String(v));
  return `${columns.join(',')}\n${c.years.map((y) => columns.map((k) => cell(y[k])).join(',')).join('\n')}\n`;
}

/** The case's years as ledger inputs (yuan → fen). */
export function yearsInput(c: LedgerCase): LedgerYearInput[] {
  const given = (v: Cell | undefined) => v !== undefined && v !== null && v !== '';
  return c.years.map((y) => ({
    fundingBase: Number(y.funding_base),
    claims: Math.round(Number(y.claims) * 100),
    ...(given(y.operating_cost) && { operatingCost: Math.round(Number(y.operating_cost) * 100) }),
    ...(given(y.assessment_score) && { assessmentScore: Number(y.assessment_score) }),
    ...(given(y.contract_change) && { contractChange: y.contract_change === true }),
    ...(given(y.loss_cause) && { lossCause: y.loss_cause as LossCause }),
  }));
}

/** Whether an output cell (text, null for undefined) is the expected value. */
export function sameCell(cell: string | null, expected: Cell): boolean {
  if (expected === null) return cell === null || cell === '';
  if (typeof expected === 'boolean') return cell === String(expected);
  return cell !== null && cell !== '' && Number(cell) === Number(expected);
}
