/**
 * Reading the yearly figures of `yibao ledger` (docs/fund-rules.md, "yibao ledger"):
 *
 *   header (columns in any order; required and optional) ─▶ one row a year, every field
 *   checked ─▶ the ledger's inputs, money in fen
 *
 * Refused like a claims file: the file, the line and the column, and what would be right.
 * Amounts are read from their decimal text, so nothing passes through a binary float.
 */
import * as fs from 'node:fs';
import { YibaoError } from '../errors';
import type { LedgerYearInput } from '../fund/ledger';
import type { LossCause } from '../fund/rules';
import { splitCsvLine } from './csv';

export const LEDGER_INPUT_COLUMNS = {
  required: ['year', 'funding_base', 'claims'],
  optional: ['operating_cost', 'assessment_score', 'contract_change', 'loss_cause'],
} as const;

/** Which optional columns the scheme's contract reads; a value in another is refused. */
export interface LedgerInputUse {
  /** fund.holdback */
  assessmentScore: boolean;
  /** fund.rate_adjustment */
  contractChange: boolean;
  /** fund.loss_sharing */
  lossCause: boolean;
}

/** The largest amount accepted, yuan (and funding base). */
export const MAX_AMOUNT_YUAN = 1e12;
const MAX_FILE_BYTES = 1 << 20;
const DECIMAL = /^\d+(?:\.\d{1,2})?$/;
const SCORE = /^(?:0(?:\.\d{1,8})?|1(?:\.0{1,8})?)$/;

/** Decimal text with at most two decimals → hundredths, exactly. */
function hundredths(text: string): number {
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export function readLedgerYears(file: string, use: LedgerInputUse): LedgerYearInput[] {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new YibaoError('is not a regular file', { file });
    if (stat.size > MAX_FILE_BYTES)
      throw new YibaoError(`is larger than 1 MiB; a years file has one line a year`, { file });
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof YibaoError) throw e;
    throw new YibaoError(
      `cannot read the years file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { file },
    );
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let lineNo = 0;
  const fail = (message: string, column?: string): never => {
    throw new YibaoError(message, { file, line: lineNo, column });
  };
  let index: Map<string, number> | undefined;
  const years: LedgerYearInput[] = [];
  for (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line) ?? fail('a quoted field is not closed on this line');
    if (!index) {
      index = header(fields, fail);
      continue;
    }
    if (fields.length !== index.size) fail(`expected ${index.size} fields, found ${fields.length}`);
    const get = (column: string) => {
      const i = index!.get(column);
      return i === undefined ? '' : fields[i].trim();
    };
    const amount = (column: string, optional: boolean): number | undefined => {
      const v = get(column);
      if (v === '') return optional ? undefined : fail('is empty', column);
      if (v.startsWith('-')) fail(`'${v}' is negative`, column);
      if (!DECIMAL.test(v))
        fail(`'${v}' is not an amount in yuan with at most two decimals`, column);
      const h = hundredths(v);
      if (h > MAX_AMOUNT_YUAN * 100)
        fail(`'${v}' is more than ${MAX_AMOUNT_YUAN.toExponential()} yuan`, column);
      return h;
    };
    const unused = (column: string, rule: string) => {
      if (get(column) !== '')
        fail(
          `the scheme has no ${rule}, so a ${column} would change nothing; leave it empty`,
          column,
        );
    };

    const yearText = get('year');
    if (yearText !== String(years.length + 1))
      fail(
        `expected year ${years.length + 1} (years are 1, 2, … in order), found '${yearText}'`,
        'year',
      );
    const input: LedgerYearInput = {
      fundingBase: amount('funding_base', false)! / 100,
      claims: amount('claims', false)!,
    };
    const cost = amount('operating_cost', true);
    if (cost !== undefined) input.operatingCost = cost;

    const score = get('assessment_score');
    if (!use.assessmentScore) unused('assessment_score', 'holdback (fund.holdback)');
    else if (score !== '') {
      if (!SCORE.test(score))
        fail(`'${score}' is not a score from 0 to 1 (at most 8 decimals)`, 'assessment_score');
      input.assessmentScore = Number(score);
    }
    const change = get('contract_change');
    if (!use.contractChange) unused('contract_change', 'rate adjustment (fund.rate_adjustment)');
    else if (change !== '') {
      if (change !== 'true' && change !== 'false')
        fail(`'${change}' is not true or false (empty: when needed)`, 'contract_change');
      input.contractChange = change === 'true';
    }
    const cause = get('loss_cause');
    if (!use.lossCause) unused('loss_cause', 'loss sharing (fund.loss_sharing)');
    else if (cause !== '') {
      if (cause !== 'policy' && cause !== 'insurer')
        fail(`unknown loss cause '${cause}' (known: policy, insurer)`, 'loss_cause');
      input.lossCause = cause as LossCause;
    }
    years.push(input);
  }
  lineNo = 1;
  if (!index) fail('the file is empty: expected a header line');
  if (years.length === 0) fail('no years after the header');
  return years;
}

function header(fields: string[], fail: (m: string, c?: string) => never): Map<string, number> {
  const names = fields.map((f) => f.trim());
  const known: readonly string[] = [
    ...LEDGER_INPUT_COLUMNS.required,
    ...LEDGER_INPUT_COLUMNS.optional,
  ];
  const expected = `expected: ${LEDGER_INPUT_COLUMNS.required.join(', ')}; optional: ${LEDGER_INPUT_COLUMNS.optional.join(', ')}`;
  const index = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    if (!known.includes(name)) fail(`unknown column '${name}' (${expected})`, name);
    if (index.has(name)) fail(`column '${name}' appears twice`, name);
    index.set(name, i);
  }
  for (const name of LEDGER_INPUT_COLUMNS.required)
    if (!index.has(name)) fail(`missing column '${name}' (${expected})`, name);
  return index;
}
