/**
 * The ledger's columns, in the order `yibao ledger` writes them, with their Chinese and
 * English labels, and their text: money in yuan with two decimals, rates with 8, the loss
 * ratio with 6 (empty in CSV, null in JSON, when the premium is 0: undefined, never 0).
 * Simulate's scenarios.csv and the reports use the same names and labels.
 */
import { mulDivRound, scaledText } from './exact';
import { type LedgerYear, RATE_SCALE } from './ledger';

type Kind = 'count' | 'rate' | 'money' | 'ratio' | 'flag';

export interface LedgerColumn {
  column: string;
  key: keyof LedgerYear;
  kind: Kind;
  zh: string;
  en: string;
}

const col = (column: string, key: keyof LedgerYear, kind: Kind, zh: string, en: string) => ({
  column,
  key,
  kind,
  zh,
  en,
});

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  col('year', 'year', 'count', '年度', 'year'),
  col('period', 'period', 'count', '合作期', 'cooperation period'),
  col('rate', 'rate', 'rate', '筹资标准', 'rate'),
  col('premium', 'premium', 'money', '保费', 'premium'),
  col('claims', 'claims', 'money', '赔付', 'claims'),
  col('loss_ratio', 'lossRatio', 'ratio', '净赔付率', 'net loss ratio'),
  col('operating_cost', 'operatingCost', 'money', '运营成本', 'operating cost'),
  col('carry_in', 'carryIn', 'money', '上年结转', 'carried in'),
  col('scheme_money', 'schemeMoney', 'money', '当年基金收支', 'scheme money'),
  col('refund', 'refund', 'money', '低于中标赔付率返还', 'refund below the bid'),
  col('excess', 'excess', 'money', '超额结余', 'excess over the profit cap'),
  col('returned_to_pool', 'returnedToPool', 'money', '结余返还基金', 'excess returned to the pool'),
  col('carry_over', 'carryOver', 'money', '结转下年', 'carried over'),
  col('loss', 'loss', 'money', '亏损', 'loss'),
  col('pool_loss_share', 'poolLossShare', 'money', '基金分担亏损', "pool's share of the loss"),
  col('withheld', 'withheld', 'money', '考核扣留预留款', 'holdback withheld'),
  col('insurer_result', 'insurerResult', 'money', '承办机构经营结果', 'insurer result'),
  col('pool_net_cost', 'poolNetCost', 'money', '基金净支出', 'pool net cost'),
  col('pool_balance', 'poolBalance', 'money', '基金结余', 'pool balance'),
  col('next_rate', 'nextRate', 'rate', '下年筹资标准', "next year's rate"),
  col('retender', 'retender', 'flag', '重新招标', 'new tender'),
];

/** A column's label, `中文 English`, by its key. */
export function ledgerLabel(key: keyof LedgerYear): string {
  const c = LEDGER_COLUMNS.find((x) => x.key === key)!;
  return `${c.zh} ${c.en}`;
}

/** Fen as yuan with two decimals: 1234567 → '12345.67'. */
export function yuanText(fen: number): string {
  return scaledText(fen, 2);
}

/** A rate with its 8 decimals: 0.0032 → '0.00320000'. */
export function rateText(rate: number): string {
  return scaledText(Math.round(rate * RATE_SCALE), 8);
}

/** C / P rounded half-up to 6 decimals, or null when P is 0. */
export function lossRatioText(claims: number, premium: number): string | null {
  return premium > 0 ? scaledText(mulDivRound(claims, 1e6, premium), 6) : null;
}

/** The text of one cell; null for an undefined ratio. */
export function ledgerCell(y: LedgerYear, c: LedgerColumn): string | null {
  const v = y[c.key];
  switch (c.kind) {
    case 'money':
      return yuanText(v as number);
    case 'rate':
      return rateText(v as number);
    case 'ratio':
      return lossRatioText(y.claims, y.premium);
    case 'flag':
      return v ? 'true' : 'false';
    default:
      return String(v);
  }
}

/** The ledger as CSV: the header, then one line a year. */
export function ledgerCsv(years: readonly LedgerYear[]): string {
  const lines = [LEDGER_COLUMNS.map((c) => c.column).join(',')];
  for (const y of years) lines.push(LEDGER_COLUMNS.map((c) => ledgerCell(y, c) ?? '').join(','));
  return `${lines.join('\n')}\n`;
}

/** The ledger as JSON: an array of objects with the CSV's keys, in its order and digits. */
export function ledgerJson(years: readonly LedgerYear[]): string {
  const rows = years.map(
    (y) =>
      `  {${LEDGER_COLUMNS.map((c) => `${JSON.stringify(c.column)}:${ledgerCell(y, c) ?? 'null'}`).join(',')}}`,
  );
  return `[\n${rows.join(',\n')}\n]\n`;
}
