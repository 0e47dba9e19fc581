/**
 * Writing a simulation's results: tables as CSV (one row per scenario and year; the
 * summary per year), the summary as JSON and the run's record (run.json, which the CSV
 * files share), into a folder; and the summary as a text table for the terminal. A run's
 * files, its report included, are written as one set: all or none, and replacing the
 * whole set of an earlier run in that folder. An undefined ratio (a loss ratio without
 * premium) is an empty CSV cell, null in JSON and '—' on the terminal.
 */
import { LEDGER_COLUMNS, ledgerCell, ledgerLabel, yuanText } from '../fund/ledger-columns';
import { formatRate } from '../fund/rules';
import { writeFilesTogether } from '../io/write-files';
import {
  aidBudgetScenarioColumns,
  aidBudgetSummaryColumns,
  aidBudgetTextRows,
} from './aid-budget-summary';
import type { Spread, Summary } from './metrics';
import type { RunRecord } from './run-record';
import type { SimulationResult } from './simulate';

/** Every file a run may write into its folder: a new set replaces all of them. */
export const RUN_FILES = [
  'run.json',
  'scenarios.csv',
  'summary.csv',
  'summary.json',
  'report.html',
  'report.xlsx',
] as const;

/** Writes one run's files into `dir` (created), all or none, replacing an earlier run's set. */
export function writeRunFiles(dir: string, files: Record<string, string | Uint8Array>): string[] {
  return writeFilesTogether(dir, files, { replaces: RUN_FILES });
}

type Cell = string | number | boolean | null;

function csv(rows: Record<string, Cell>[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]);
  const cell = (v: Cell) => {
    const s =
      v === null ? '' : typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${keys.join(',')}\n${rows.map((r) => keys.map((k) => cell(r[k])).join(',')).join('\n')}\n`;
}

/**
 * One row per scenario and year: the ledger's columns (as `yibao ledger` writes them), the
 * cash lows of the scheme money and the pool, and the burden sums.
 */
export function scenarioRows(r: SimulationResult): Record<string, Cell>[] {
  return r.outcomes.flatMap((years, s) =>
    years.map((o, y) => {
      const a = r.run.agg[s][y];
      const row: Record<string, Cell> = { scenario: s + 1 };
      for (const c of LEDGER_COLUMNS) row[c.column] = ledgerCell(o, c);
      return {
        ...row,
        scheme_cash_low: yuanText(o.schemeCashLow),
        pool_cash_low: yuanText(o.poolCashLow),
        persons: a.persons,
        claimants: a.claimants,
        beneficiaries: a.beneficiaries,
        total_cost: yuanText(a.total),
        basic: yuanText(a.basic),
        aid: yuanText(a.aid),
        oop: yuanText(a.oop),
        above_alert: a.aboveAlert,
        catastrophic_capacity: a.catastrophicCapacity,
        ...aidBudgetScenarioColumns(r.run, r.info, s, y),
      };
    }),
  );
}

/** One row per year: the spread of each measure. */
export function summaryRows(s: Summary): Record<string, Cell>[] {
  const spreadOf = (name: string, x: Spread | null, keys: (keyof Spread)[]) =>
    Object.fromEntries(keys.map((k) => [`${name}_${k}`, x === null ? null : x[k]]));
  const wide: (keyof Spread)[] = ['mean', 'p05', 'p50', 'p95'];
  return s.years.map((y) => ({
    year: y.year,
    rate_mean: y.rate.mean,
    premium_mean: y.premium.mean,
    claims_mean: y.claims.mean,
    ...spreadOf('loss_ratio', y.lossRatio, wide),
    ...spreadOf('scheme_money', y.schemeMoney, wide),
    deficit_probability: y.deficitProbability,
    scheme_cash_shortfall_probability: y.schemeCashShortfallProbability,
    ...spreadOf('insurer_result', y.insurerResult, wide),
    ...spreadOf('pool_balance', y.poolBalance, wide),
    pool_net_cost_mean: y.poolNetCost.mean,
    pool_deficit_probability: y.poolDeficitProbability,
    pool_cash_shortfall_probability: y.poolCashShortfallProbability,
    refund_mean: y.refund.mean,
    retender_probability: y.retenderProbability,
    oop_mean_per_person: y.burden.oopMeanPerPerson,
    oop_p99_per_person: y.burden.perPerson.p99,
    oop_mean_per_claimant: y.burden.oopMeanPerClaimant,
    catastrophic_capacity_share: y.burden.catastrophicCapacityShare,
    above_alert: y.burden.aboveAlert,
    ...aidBudgetSummaryColumns(y),
  }));
}

/** The summary with the run's record, as summary.json has it (and `--json` prints it). */
export function summaryJson(s: Summary, record?: RunRecord, indent?: number): string {
  return `${JSON.stringify(record ? { ...s, run: record } : s, null, indent)}\n`;
}

/** The result files of a run: scenarios.csv, summary.csv, summary.json and run.json. */
export function resultFiles(
  r: SimulationResult,
  s: Summary,
  record?: RunRecord,
): Record<string, string> {
  return {
    'scenarios.csv': csv(scenarioRows(r)),
    'summary.csv': csv(summaryRows(s)),
    'summary.json': summaryJson(s, record, 2),
    ...(record ? { 'run.json': `${JSON.stringify(record, null, 2)}\n` } : {}),
  };
}

/** Writes scenarios.csv, summary.csv, summary.json (and run.json) into `dir`, as one set. */
export function writeResults(
  dir: string,
  r: SimulationResult,
  s: Summary,
  record?: RunRecord,
): string[] {
  return writeRunFiles(dir, resultFiles(r, s, record));
}

/** Yuan for people: 万 above 10,000. */
export const wan = (v: number) => (Math.abs(v) >= 1e4 ? `${(v / 1e4).toFixed(1)}万` : v.toFixed(0));
/** A share as a percentage; '—' for an undefined ratio, never 0.0%. */
export const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** The summary as a text table (Chinese and English labels). */
export function formatSummary(s: Summary, r: SimulationResult): string {
  const head = `${r.scheme.title.zh} ${r.scheme.title.en}
  rate 费率 ${formatRate(r.funding.kind, s.rate)} (${r.funding.unit.en}); ${s.persons.toLocaleString('en')} insured, ${s.scenarios} scenarios, ${s.years.length} years, ${s.seconds.toFixed(1)} s
`;
  const each = (f: (y: Summary['years'][number]) => string) => s.years.map(f);
  const lr = (y: Summary['years'][number]) => y.lossRatio;
  const rows = [
    [`${ledgerLabel('year')}`, ...each((y) => String(y.year))],
    [`${ledgerLabel('premium')} (mean)`, ...each((y) => wan(y.premium.mean))],
    [`${ledgerLabel('claims')} (mean)`, ...each((y) => wan(y.claims.mean))],
    [`${ledgerLabel('lossRatio')} p50`, ...each((y) => pct(lr(y)?.p50 ?? null))],
    ['  90% interval', ...each((y) => `${pct(lr(y)?.p05 ?? null)}–${pct(lr(y)?.p95 ?? null)}`)],
    [`${ledgerLabel('schemeMoney')} p50`, ...each((y) => wan(y.schemeMoney.p50))],
    ['  90% interval', ...each((y) => `${wan(y.schemeMoney.p05)}–${wan(y.schemeMoney.p95)}`)],
    ['P(deficit) 赤字概率 (scheme money < 0)', ...each((y) => pct(y.deficitProbability))],
    ['P(cash short) 年内资金缺口', ...each((y) => pct(y.schemeCashShortfallProbability))],
    [`${ledgerLabel('insurerResult')} (mean)`, ...each((y) => wan(y.insurerResult.mean))],
    [`${ledgerLabel('poolNetCost')} (mean)`, ...each((y) => wan(y.poolNetCost.mean))],
    [`${ledgerLabel('poolBalance')} p50`, ...each((y) => wan(y.poolBalance.p50))],
    ['P(pool < 0) 基金结余为负', ...each((y) => pct(y.poolDeficitProbability))],
    ['P(pool cash short) 基金年内资金缺口', ...each((y) => pct(y.poolCashShortfallProbability))],
    ...(r.fund.rateAdjustment
      ? [[`${ledgerLabel('retender')} P`, ...each((y) => pct(y.retenderProbability))]]
      : []),
    ['OOP/person 人均自付', ...each((y) => y.burden.oopMeanPerPerson.toFixed(0))],
    ['OOP p99', ...each((y) => y.burden.perPerson.p99.toFixed(0))],
    ['catastrophic 灾难性 (WHO 40%)', ...each((y) => pct(y.burden.catastrophicCapacityShare))],
    ['above 10,000 预警人数', ...each((y) => y.burden.aboveAlert.toFixed(0))],
    ...aidBudgetTextRows(s, wan),
  ];
  const width = rows.map((row) => row.map((c) => [...c].length));
  const colWidth = rows[0].map((_, i) => width.reduce((m, w) => Math.max(m, w[i]), 0));
  const lines = rows.map((row) =>
    row.map((c, i) => (i === 0 ? c.padEnd(colWidth[i]) : c.padStart(colWidth[i]))).join('  '),
  );
  return `${head}${lines.join('\n')}
  P(deficit in any year) ${pct(s.deficitAnyTime)}; P(pool balance < 0 at any year end) ${pct(s.poolDeficitAnyTime)}
  ${ledgerLabel('insurerResult')} over the ${s.years.length} years: mean ${wan(s.insurer.mean)}, P(loss) ${pct(s.insurer.lossProbability)}, VaR95 ${wan(s.insurer.var95)}, TVaR95 ${wan(s.insurer.tvar95)}
  ${ledgerLabel('poolNetCost')} over the ${s.years.length} years: mean ${wan(s.pool.netCost.mean)}; ${ledgerLabel('poolBalance')} at the end p50 ${wan(s.pool.finalBalance.p50)}
`;
}
