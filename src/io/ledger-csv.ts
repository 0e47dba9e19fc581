/**
 * Reading the yearly figures of `yibao ledger` (docs/fund-rules.md, "yibao ledger"):
 *
 *   the table (io/table-csv.ts: checked, decoded strictly, columns in any order; required
 *   and optional) ─▶ one row a year, every field checked ─▶ the ledger's inputs, money in fen
 *
 * Refused like a claims file: the file, the line and the column, and what would be right.
 * Amounts are read from their decimal text, so nothing passes through a binary float.
 */
import { YibaoError } from '../errors';
import type { LedgerYearInput } from '../fund/ledger';
import type { LossCause } from '../fund/rules';
import * as msg from '../messages';
import type { Encoding } from './decode';
import { moneyFen, readTable } from './table-csv';

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

const SCORE = /^(?:0(?:\.\d{1,8})?|1(?:\.0{1,8})?)$/;

export function readLedgerYears(
  file: string,
  use: LedgerInputUse,
  options: { encoding?: Encoding } = {},
): LedgerYearInput[] {
  const table = readTable(file, {
    what: 'years',
    ...LEDGER_INPUT_COLUMNS,
    encoding: options.encoding,
  });
  const years: LedgerYearInput[] = [];
  for (const row of table.rows) {
    const place = (column: string) => ({ file, line: row.line, column });
    const fail = (message: string, column: string): never => {
      throw new YibaoError(message, place(column));
    };
    // the funding base is an amount too: Σ contribution bases, or heads (docs/fund-rules.md)
    const amount = (column: string) => moneyFen(row.field(column), place(column));
    const unused = (column: string, rule: string) => {
      if (row.field(column) !== '') fail(msg.ledger.unusedColumn(column, rule), column);
    };

    const yearText = row.field('year');
    if (yearText !== String(years.length + 1))
      fail(msg.ledger.yearOutOfOrder(years.length + 1, yearText), 'year');
    const input: LedgerYearInput = {
      fundingBase: amount('funding_base') / 100,
      claims: amount('claims'),
    };
    if (row.field('operating_cost') !== '') input.operatingCost = amount('operating_cost');

    const score = row.field('assessment_score');
    if (!use.assessmentScore) unused('assessment_score', 'holdback (fund.holdback)');
    else if (score !== '') {
      if (!SCORE.test(score)) fail(msg.ledger.notAScore(score), 'assessment_score');
      input.assessmentScore = Number(score);
    }
    const change = row.field('contract_change');
    if (!use.contractChange) unused('contract_change', 'rate adjustment (fund.rate_adjustment)');
    else if (change !== '') {
      if (change !== 'true' && change !== 'false')
        fail(msg.ledger.notABoolean(change), 'contract_change');
      input.contractChange = change === 'true';
    }
    const cause = row.field('loss_cause');
    if (!use.lossCause) unused('loss_cause', 'loss sharing (fund.loss_sharing)');
    else if (cause !== '') {
      if (cause !== 'policy' && cause !== 'insurer')
        fail(msg.ledger.unknownLossCause(cause), 'loss_cause');
      input.lossCause = cause as LossCause;
    }
    years.push(input);
  }
  if (years.length === 0) throw new YibaoError(msg.ledger.noYears(), { file, line: 1 });
  return years;
}
