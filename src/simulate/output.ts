/**
 * Writing a simulation's results: tables as CSV (one row per scenario and year; the
 * summary per year), the summary as JSON and the run's record (run.json, which the CSV
 * files share), into a folder; and the summary as a text table for the terminal. A run's
 * files, its report included, are written as one set: all or none, and replacing the
 * whole set of an earlier run in that folder. An undefined ratio (a loss ratio without
 * premium) is an empty CSV cell, null in JSON and '—' on the terminal.
 *
 *   ledger years (fen) ─▶ scenarioRows (yuan figures) ─▶ workbook, report, notebooks
 *                     └─▶ scenarios.csv (the ledger's text, as `yibao ledger` writes it)
 *   Summary (yuan)     ─▶ summaryRows ─▶ summary.csv, formatSummary (through ../format)
 *
 * What each field is — its label in Chinese and English, its kind of figure — is said once
 * here (OUTCOME_FIELDS from the ledger's columns, SCENARIO_FIELDS, SUMMARY_FIELDS); the
 * CSV, the terminal, the report and the workbook all read it.
 */

import type { Calibration } from '../calibration/model';
import { describeRate, type FigureKind, formatFigure, type Label } from '../format/numbers';
import { type Aggregate, type Column, type Row, transposedTable } from '../format/table';
import { LEDGER_COLUMNS, type LedgerColumn, ledgerCell, yuanText } from '../fund/ledger-columns';
import type { FundingKind } from '../fund/rules';
import { writeFilesTogether } from '../io/write-files';
import { aidBudgetScenarioColumns } from './aid-budget-summary';
import type { Spread, Summary, YearSummary } from './metrics';
import type { RunRecord } from './run-record';
import type { SimulationResult, YearOutcome } from './simulate';

/** Every file a run may write into its folder: a new set replaces all of them. */
export const RUN_FILES = [
  'run.json',
  'scenarios.csv',
  'summary.csv',
  'summary.json',
  'report.html',
  'report.xlsx',
  'report.pdf',
] as const;

/** Writes one run's files into `dir` (created), all or none, replacing an earlier run's set. */
export function writeRunFiles(dir: string, files: Record<string, string | Uint8Array>): string[] {
  return writeFilesTogether(dir, files, { replaces: RUN_FILES });
}

type Cell = string | number | boolean | null;

export interface FieldMeta {
  label: Label;
  kind: FigureKind;
}

const LEDGER_KINDS: Record<LedgerColumn['kind'], FigureKind> = {
  count: 'index',
  rate: 'rate',
  money: 'yuan',
  ratio: 'percent',
  flag: 'flag',
};

/**
 * Every field of a scenario-year's outcome, keyed by its column in scenarios.csv: the
 * ledger's columns (their labels from ../fund/ledger-columns) and the cash lows of the
 * scheme money and of the pool. Money is in fen in the outcome, in yuan in the rows.
 */
export const OUTCOME_FIELDS: (FieldMeta & { key: string; field: keyof YearOutcome })[] = [
  ...LEDGER_COLUMNS.map((c) => ({
    key: c.column,
    field: c.key,
    label: { zh: c.zh, en: c.en },
    kind: LEDGER_KINDS[c.kind],
  })),
  {
    key: 'scheme_cash_low',
    field: 'schemeCashLow',
    label: { zh: '当年基金年内最低资金', en: 'lowest cash of the scheme money in the year' },
    kind: 'yuan',
  },
  {
    key: 'pool_cash_low',
    field: 'poolCashLow',
    label: { zh: '基金年内最低资金', en: 'lowest cash of the pool in the year' },
    kind: 'yuan',
  },
];

type Aggregates = SimulationResult['run']['agg'][number][number];

/** The burden sums of a scenario and year, after the contract outcome; money in fen. */
export const SCENARIO_FIELDS: (FieldMeta & {
  key: string;
  value: (a: Aggregates) => number;
})[] = [
  {
    key: 'persons',
    label: { zh: '参保人数', en: 'insured' },
    kind: 'count',
    value: (a) => a.persons,
  },
  {
    key: 'claimants',
    label: { zh: '就医人数', en: 'claimants' },
    kind: 'count',
    value: (a) => a.claimants,
  },
  {
    key: 'beneficiaries',
    label: { zh: '补充保险受益人数', en: 'beneficiaries' },
    kind: 'count',
    value: (a) => a.beneficiaries,
  },
  {
    key: 'total_cost',
    label: { zh: '医疗总费用', en: 'total cost' },
    kind: 'yuan',
    value: (a) => a.total,
  },
  {
    key: 'basic',
    label: { zh: '基本医保支付', en: 'basic insurance paid' },
    kind: 'yuan',
    value: (a) => a.basic,
  },
  {
    key: 'aid',
    label: { zh: '医疗救助支付', en: 'medical aid paid' },
    kind: 'yuan',
    value: (a) => a.aid,
  },
  { key: 'oop', label: { zh: '个人自付', en: 'out of pocket' }, kind: 'yuan', value: (a) => a.oop },
  {
    key: 'above_alert',
    label: { zh: '超预警线人数', en: 'persons above the alert line' },
    kind: 'count',
    value: (a) => a.aboveAlert,
  },
  {
    key: 'catastrophic_capacity',
    label: { zh: '灾难性支出人数', en: 'persons with catastrophic spending' },
    kind: 'count',
    value: (a) => a.catastrophicCapacity,
  },
];

/** The aid budget's columns of a scenario-year, where the scheme has one (yuan, persons). */
const AID_SCENARIO_FIELDS: Record<string, FieldMeta> = {
  aid_subsidy: { label: { zh: '参保资助', en: 'contribution subsidies' }, kind: 'yuan' },
  aid_budget: { label: { zh: '救助支出合计', en: 'aid budget' }, kind: 'yuan' },
  ...Object.fromEntries(
    [1, 2, 3, 4].map((q) => [
      `alert_list_q${q}`,
      { label: { zh: `第${q}季度预警名单`, en: `alert list Q${q}` }, kind: 'count' as const },
    ]),
  ),
};

/**
 * The rows of a scenario-year, one builder for both forms: `money` renders fen, `ledger`
 * a ledger cell (the CSV's exact text, or the figure in yuan for the workbook).
 */
function scenarioRecords(
  r: SimulationResult,
  money: (fen: number) => Cell,
  ledger: (o: YearOutcome, f: (typeof OUTCOME_FIELDS)[number]) => Cell,
): Record<string, Cell>[] {
  return r.outcomes.flatMap((years, s) =>
    years.map((o, y) => {
      const row: Record<string, Cell> = { scenario: s + 1 };
      for (const f of OUTCOME_FIELDS) row[f.key] = ledger(o, f);
      const a = r.run.agg[s][y];
      for (const f of SCENARIO_FIELDS)
        row[f.key] = f.kind === 'yuan' ? money(f.value(a)) : f.value(a);
      return { ...row, ...aidBudgetScenarioColumns(r.run, r.info, s, y) };
    }),
  );
}

/** A ledger field as a figure: money in yuan (fen / 100), the rest as the ledger has it. */
function outcomeFigure(o: YearOutcome, f: (typeof OUTCOME_FIELDS)[number]): Cell {
  const v = o[f.field] as number | boolean | null;
  return f.kind === 'yuan' ? (v as number) / 100 : v;
}

/** One row per scenario and year, as figures: the outcome (yuan) and the burden sums. */
export function scenarioRows(r: SimulationResult): Record<string, Cell>[] {
  return scenarioRecords(r, (fen) => fen / 100, outcomeFigure);
}

/** scenarios.csv's rows: the ledger's columns in its own text (exact to the fen). */
function scenarioCsvRows(r: SimulationResult): Record<string, Cell>[] {
  const byField = new Map(LEDGER_COLUMNS.map((c) => [c.key as string, c]));
  return scenarioRecords(r, yuanText, (o, f) => {
    const c = byField.get(f.field);
    return c ? ledgerCell(o, c) : yuanText(o[f.field] as number);
  });
}

/** The columns of scenarioRows, described; `rows` adds the aid budget's where present. */
export function scenarioColumns(rateUnit: FundingKind, rows: Row[] = []): Column[] {
  const extra = Object.keys(rows[0] ?? {}).filter((k) => AID_SCENARIO_FIELDS[k]);
  return [
    { key: 'scenario', label: { zh: '情景', en: 'scenario' }, kind: 'index' },
    ...OUTCOME_FIELDS.map(({ key, label, kind }) => ({
      key,
      label,
      kind,
      ...(kind === 'rate' ? { rateUnit } : {}),
    })),
    ...SCENARIO_FIELDS.map(({ key, label, kind }) => ({ key, label, kind })),
    ...extra.map((key) => ({ key, ...AID_SCENARIO_FIELDS[key] })),
  ];
}

type SpreadField = {
  [K in keyof YearSummary]: YearSummary[K] extends Spread | null ? K : never;
}[keyof YearSummary];

type Stat = 'mean' | 'p05' | 'p25' | 'p50' | 'p75' | 'p95';

const STATS: Record<Stat, { label: Label; p?: number }> = {
  mean: { label: { zh: '均值', en: 'mean' } },
  p05: { label: { zh: '5%分位', en: 'p05' }, p: 0.05 },
  p25: { label: { zh: '25%分位', en: 'p25' }, p: 0.25 },
  p50: { label: { zh: '中位数', en: 'median' }, p: 0.5 },
  p75: { label: { zh: '75%分位', en: 'p75' }, p: 0.75 },
  p95: { label: { zh: '95%分位', en: 'p95' }, p: 0.95 },
};

export interface SummaryField extends FieldMeta {
  key: string;
  value: (y: YearSummary) => number | null;
  /** how a spreadsheet recomputes it from the year's rows of scenarioRows */
  aggregate?: Aggregate;
}

const outcomeField = (field: keyof YearOutcome) => OUTCOME_FIELDS.find((f) => f.field === field)!;

/**
 * A statistic of an outcome over the scenarios of a year. Money reads in 万元 in a
 * summary; the scenario rows keep it in yuan, to the fen. An undefined spread (a loss ratio
 * in years without premium) is null.
 */
function statOf(field: SpreadField & keyof YearOutcome, stat: Stat): SummaryField {
  const { key, label, kind } = outcomeField(field);
  const p = STATS[stat].p;
  return {
    key: `${key}_${stat}`,
    label: { zh: `${label.zh} ${STATS[stat].label.zh}`, en: `${label.en} ${STATS[stat].label.en}` },
    kind: kind === 'yuan' ? 'wan' : kind,
    value: (y) => (y[field] as Spread | null)?.[stat] ?? null,
    aggregate: p === undefined ? { stat: 'mean', of: key } : { stat: 'percentile', of: key, p },
  };
}

const probability = (
  key: string,
  label: Label,
  value: (y: YearSummary) => number,
  negative?: string,
): SummaryField => ({
  key,
  label,
  kind: 'probability',
  value,
  ...(negative ? { aggregate: { stat: 'shareNegative', of: negative } } : {}),
});

/** One row per year of the summary, in this order; the keys are summary.csv's header. */
export const SUMMARY_FIELDS: SummaryField[] = [
  { ...outcomeField('year'), key: 'year', value: (y) => y.year },
  statOf('rate', 'mean'),
  statOf('premium', 'mean'),
  statOf('claims', 'mean'),
  statOf('lossRatio', 'mean'),
  statOf('lossRatio', 'p05'),
  statOf('lossRatio', 'p50'),
  statOf('lossRatio', 'p95'),
  statOf('schemeMoney', 'mean'),
  statOf('schemeMoney', 'p05'),
  statOf('schemeMoney', 'p50'),
  statOf('schemeMoney', 'p95'),
  probability(
    'deficit_probability',
    { zh: '当年基金收支赤字概率', en: 'P(deficit: scheme money < 0)' },
    (y) => y.deficitProbability,
    'scheme_money',
  ),
  probability(
    'scheme_cash_shortfall_probability',
    { zh: '年内资金缺口概率', en: 'P(cash shortfall of the scheme money in the year)' },
    (y) => y.schemeCashShortfallProbability,
    'scheme_cash_low',
  ),
  statOf('insurerResult', 'mean'),
  statOf('insurerResult', 'p05'),
  statOf('insurerResult', 'p50'),
  statOf('insurerResult', 'p95'),
  statOf('poolBalance', 'mean'),
  statOf('poolBalance', 'p05'),
  statOf('poolBalance', 'p50'),
  statOf('poolBalance', 'p95'),
  statOf('poolNetCost', 'mean'),
  probability(
    'pool_deficit_probability',
    { zh: '基金结余为负概率', en: 'P(pool balance < 0 at this year end)' },
    (y) => y.poolDeficitProbability,
    'pool_balance',
  ),
  probability(
    'pool_cash_shortfall_probability',
    { zh: '基金年内资金缺口概率', en: 'P(cash shortfall of the pool in the year)' },
    (y) => y.poolCashShortfallProbability,
    'pool_cash_low',
  ),
  statOf('refund', 'mean'),
  probability(
    'retender_probability',
    { zh: '重新招标概率', en: 'P(new tender)' },
    (y) => y.retenderProbability,
  ),
  {
    key: 'oop_mean_per_person',
    label: { zh: '人均自付', en: 'out of pocket per person' },
    kind: 'yuan',
    value: (y) => y.burden.oopMeanPerPerson,
    aggregate: { stat: 'ratioOfSums', of: 'oop', per: 'persons' },
  },
  {
    key: 'oop_p99_per_person',
    label: { zh: '自付99%分位', en: 'out of pocket p99 per person' },
    kind: 'yuan',
    value: (y) => y.burden.perPerson.p99,
  },
  {
    key: 'oop_mean_per_claimant',
    label: { zh: '就医者人均自付', en: 'out of pocket per claimant' },
    kind: 'yuan',
    value: (y) => y.burden.oopMeanPerClaimant,
    aggregate: { stat: 'ratioOfSums', of: 'oop', per: 'claimants' },
  },
  {
    key: 'catastrophic_capacity_share',
    label: { zh: '灾难性支出占比', en: 'catastrophic spending share' },
    kind: 'percent',
    value: (y) => y.burden.catastrophicCapacityShare,
    aggregate: { stat: 'ratioOfSums', of: 'catastrophic_capacity', per: 'persons' },
  },
  {
    key: 'above_alert',
    label: { zh: '超预警线人数', en: 'persons above the alert line' },
    kind: 'headcount',
    value: (y) => y.burden.aboveAlert,
    aggregate: { stat: 'mean', of: 'above_alert' },
  },
];

/** The aid fund's spending of a year (medical aid budget), where the scheme has one. */
const AID_SUMMARY_FIELDS: SummaryField[] = [
  {
    key: 'aid_benefit_mean',
    label: { zh: '救助待遇 均值', en: 'aid benefit mean' },
    kind: 'wan',
    value: (y) => y.medicalAid?.benefit.mean ?? null,
    aggregate: { stat: 'mean', of: 'aid' },
  },
  {
    key: 'aid_subsidy_mean',
    label: { zh: '参保资助 均值', en: 'contribution subsidies mean' },
    kind: 'wan',
    value: (y) => y.medicalAid?.subsidy.mean ?? null,
    aggregate: { stat: 'mean', of: 'aid_subsidy' },
  },
  {
    key: 'aid_budget_mean',
    label: { zh: '救助支出合计 均值', en: 'aid budget mean' },
    kind: 'wan',
    value: (y) => y.medicalAid?.total.mean ?? null,
    aggregate: { stat: 'mean', of: 'aid_budget' },
  },
  {
    key: 'aid_budget_p95',
    label: { zh: '救助支出合计 95%分位', en: 'aid budget p95' },
    kind: 'wan',
    value: (y) => y.medicalAid?.total.p95 ?? null,
    aggregate: { stat: 'percentile', of: 'aid_budget', p: 0.95 },
  },
];

const QUARTER_FIELDS: SummaryField[] = [0, 1, 2, 3].map((q) => ({
  key: `alert_list_q${q + 1}_mean`,
  label: { zh: `第${q + 1}季度预警名单 均值`, en: `alert list Q${q + 1} mean` },
  kind: 'headcount',
  value: (y) => y.medicalAid?.quarterlyList?.listed[q] ?? null,
  aggregate: { stat: 'mean', of: `alert_list_q${q + 1}` },
}));

/** The fields of a summary: SUMMARY_FIELDS, and the aid budget's where it has one. */
export function summaryFieldsOf(s: Summary): SummaryField[] {
  const aid = s.years[0]?.medicalAid;
  if (!aid) return SUMMARY_FIELDS;
  return [...SUMMARY_FIELDS, ...AID_SUMMARY_FIELDS, ...(aid.quarterlyList ? QUARTER_FIELDS : [])];
}

/** One row per year: the spread of each measure (keys of summaryFieldsOf). */
export function summaryRows(s: Summary): Record<string, number | null>[] {
  const fields = summaryFieldsOf(s);
  return s.years.map((y) => Object.fromEntries(fields.map((f) => [f.key, f.value(y)])));
}

/** The columns of summaryRows, described, with how each is recomputed from scenarioRows. */
export function summaryColumns(rateUnit: FundingKind, s?: Summary): Column[] {
  return (s ? summaryFieldsOf(s) : SUMMARY_FIELDS).map(({ key, label, kind, aggregate }) => ({
    key,
    label,
    kind,
    ...(kind === 'rate' ? { rateUnit } : {}),
    ...(aggregate ? { aggregate } : {}),
  }));
}

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
    'scenarios.csv': csv(scenarioCsvRows(r)),
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

/**
 * The persons a result is for, and whether they are the scheme's whole pool or a sample
 * of it: '4,000,000 insured (the scheme's pool)', '50,000 insured (a sample of the
 * scheme's pool of 4,000,000)'.
 */
export function poolLabel(info: { persons: number; poolPersons?: number }): string {
  const n = `${formatFigure(info.persons, 'count')} insured`;
  if (info.poolPersons === undefined) return n;
  if (info.poolPersons === info.persons) return `${n} (the scheme's pool)`;
  return `${n} (a sample of the scheme's pool of ${formatFigure(info.poolPersons, 'count')})`;
}

/** The summary's rows a terminal shows, one line each; the files have them all. */
const TERMINAL_FIELDS = [
  'rate_mean',
  'premium_mean',
  'claims_mean',
  'loss_ratio_p50',
  'loss_ratio_p05',
  'loss_ratio_p95',
  'scheme_money_p50',
  'scheme_money_p05',
  'scheme_money_p95',
  'deficit_probability',
  'scheme_cash_shortfall_probability',
  'insurer_result_mean',
  'pool_net_cost_mean',
  'pool_balance_p50',
  'pool_deficit_probability',
  'pool_cash_shortfall_probability',
  'retender_probability',
  'oop_mean_per_person',
  'oop_p99_per_person',
  'catastrophic_capacity_share',
  'above_alert',
  'aid_budget_mean',
  'aid_benefit_mean',
  'aid_subsidy_mean',
  'alert_list_q1_mean',
  'alert_list_q2_mean',
  'alert_list_q3_mean',
  'alert_list_q4_mean',
];

/**
 * The summary for the terminal: a line on the run, then a line per measure with a column
 * per year (each year's figure is of that year alone), then the figures over the whole
 * projection. `burden` (the calibration's) states the thresholds behind the burden lines.
 * The re-tender line shows only when the contract adjusts its rate.
 */
export function formatSummary(
  s: Summary,
  r: SimulationResult,
  burden?: Calibration['burden'],
): string {
  const kind = r.funding.kind;
  const shown = TERMINAL_FIELDS.filter(
    (k) => k !== 'retender_probability' || r.fund.rateAdjustment,
  );
  const columns = summaryColumns(kind, s).filter((c) => shown.includes(c.key));
  columns.sort((a, b) => shown.indexOf(a.key) - shown.indexOf(b.key));
  const table = transposedTable(columns, summaryRows(s), (y) => `第${y.year}年 year ${y.year}`);
  const thresholds = burden
    ? `  灾难性支出 catastrophic spending: out of pocket ≥ ${formatFigure(burden.catastrophicCapacityShare, 'percent')} of capacity to pay (WHO)
  预警线 alert line: out of pocket > ${formatFigure(burden.alertThreshold, 'count')} 元 in the year; persons above it: mean a year\n`
    : '';
  const span = `${s.years.length} ${s.years.length === 1 ? 'year' : 'years'}`;
  const wan = (v: number) => `${formatFigure(v, 'wan')} 万元`;
  const p = (v: number) => formatFigure(v, 'probability');
  return `${r.scheme.title.zh} ${r.scheme.title.en}
  费率 rate ${describeRate(kind, s.rate)}; ${poolLabel(s)}, ${formatFigure(s.scenarios, 'count')} scenarios, ${span}, ${s.seconds.toFixed(1)} s
${table}
${thresholds}整个测算期 Over the ${span}:
  任一年当年基金收支赤字概率 P(deficit in any year: scheme money < 0)  ${p(s.deficitAnyTime)}; 任一年末基金结余为负 P(pool balance < 0 at any year end)  ${p(s.poolDeficitAnyTime)}
  承办机构经营结果 insurer result, all years  mean ${wan(s.insurer.mean)}; P(loss) ${p(s.insurer.lossProbability)}; VaR95 ${wan(s.insurer.var95)}, TVaR95 ${wan(s.insurer.tvar95)}
  基金净支出 pool net cost, all years  mean ${wan(s.pool.netCost.mean)}; 期末基金结余 pool balance at the end  median ${wan(s.pool.finalBalance.p50)}
`;
}
