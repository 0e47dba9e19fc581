/**
 * Writing a simulation's results: tables as CSV (one row per scenario and year; the
 * summary per year) and the summary as JSON, into a folder; and the summary as a text
 * table for the terminal. The files are written all or none.
 *
 * What each field is — its label in Chinese and English, its kind of figure — is said once
 * here (OUTCOME_FIELDS, SCENARIO_FIELDS, SUMMARY_FIELDS); the CSV, the terminal, the
 * report and the workbook all read it.
 */

import type { Calibration } from '../calibration/model';
import { describeRate, type FigureKind, formatFigure, type Label } from '../format/numbers';
import { type Aggregate, type Column, transposedTable } from '../format/table';
import type { YearOutcome } from '../fund/contract';
import type { FundingKind } from '../fund/rules';
import { writeFilesTogether } from '../io/write-files';
import type { Spread, Summary, YearSummary } from './metrics';
import type { SimulationResult } from './simulate';

export interface FieldMeta {
  label: Label;
  kind: FigureKind;
}

/**
 * Every field of a year's contract outcome. Keyed by the type, so a field added to or
 * renamed in YearOutcome does not compile until it is described here.
 */
export const OUTCOME_FIELDS: Record<keyof YearOutcome, FieldMeta> = {
  year: { label: { zh: '年度', en: 'year' }, kind: 'index' },
  rate: { label: { zh: '费率', en: 'rate' }, kind: 'rate' },
  premium: { label: { zh: '保费', en: 'premium' }, kind: 'yuan' },
  claims: { label: { zh: '赔付', en: 'claims' }, kind: 'yuan' },
  admin: { label: { zh: '经办费用', en: 'admin cost' }, kind: 'yuan' },
  lossRatio: { label: { zh: '赔付率', en: 'loss ratio' }, kind: 'percent' },
  paidToInsurer: { label: { zh: '拨付保险公司', en: 'paid to the insurer' }, kind: 'yuan' },
  withheld: { label: { zh: '考核扣留', en: 'holdback kept' }, kind: 'yuan' },
  refund: { label: { zh: '结余返还', en: 'refund below the bid' }, kind: 'yuan' },
  returnedToPool: { label: { zh: '超额返还基金', en: 'returned to the pool' }, kind: 'yuan' },
  carryOver: { label: { zh: '结转下年', en: 'carried over' }, kind: 'yuan' },
  poolLossShare: { label: { zh: '基金分担亏损', en: "pool's share of a loss" }, kind: 'yuan' },
  insurerResult: { label: { zh: '保险公司盈亏', en: 'insurer result' }, kind: 'yuan' },
  poolCost: { label: { zh: '基金净支出', en: 'net cost to the pool' }, kind: 'yuan' },
  balance: { label: { zh: '基金结余', en: 'fund balance' }, kind: 'yuan' },
  cashLow: { label: { zh: '年内最低现金', en: 'lowest cash in the year' }, kind: 'yuan' },
  retender: { label: { zh: '需重新招标', en: 're-tender' }, kind: 'flag' },
};

type Aggregates = SimulationResult['run']['agg'][number][number];

/** The burden sums of a scenario and year, after the contract outcome. */
export const SCENARIO_FIELDS: (FieldMeta & { key: string; value: (a: Aggregates) => number })[] = [
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
    value: (a) => a.total / 100,
  },
  {
    key: 'basic',
    label: { zh: '基本医保支付', en: 'basic insurance paid' },
    kind: 'yuan',
    value: (a) => a.basic / 100,
  },
  {
    key: 'aid',
    label: { zh: '医疗救助支付', en: 'medical aid paid' },
    kind: 'yuan',
    value: (a) => a.aid / 100,
  },
  {
    key: 'oop',
    label: { zh: '个人自付', en: 'out of pocket' },
    kind: 'yuan',
    value: (a) => a.oop / 100,
  },
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

/** One row per scenario and year: the contract outcome and the burden sums. */
export function scenarioRows(r: SimulationResult): Record<string, number | boolean>[] {
  const outcomeKeys = Object.keys(OUTCOME_FIELDS) as (keyof YearOutcome)[];
  return r.outcomes.flatMap((years, s) =>
    years.map((o, y) => {
      const row: Record<string, number | boolean> = { scenario: s + 1 };
      for (const k of outcomeKeys) row[k] = o[k];
      for (const f of SCENARIO_FIELDS) row[f.key] = f.value(r.run.agg[s][y]);
      return row;
    }),
  );
}

/** The columns of scenarioRows, described. */
export function scenarioColumns(rateUnit: FundingKind): Column[] {
  return [
    { key: 'scenario', label: { zh: '情景', en: 'scenario' }, kind: 'index' },
    ...(Object.entries(OUTCOME_FIELDS) as [keyof YearOutcome, FieldMeta][]).map(([key, f]) => ({
      key,
      ...f,
      ...(f.kind === 'rate' ? { rateUnit } : {}),
    })),
    ...SCENARIO_FIELDS.map(({ key, label, kind }) => ({ key, label, kind })),
  ];
}

type SpreadField = {
  [K in keyof YearSummary & keyof YearOutcome]: YearSummary[K] extends Spread ? K : never;
}[keyof YearSummary & keyof YearOutcome];

type Stat = 'mean' | 'p05' | 'p25' | 'p50' | 'p75' | 'p95';

const STATS: Record<Stat, { label: Label; p?: number }> = {
  mean: { label: { zh: '均值', en: 'mean' } },
  p05: { label: { zh: '5%分位', en: 'p05' }, p: 0.05 },
  p25: { label: { zh: '25%分位', en: 'p25' }, p: 0.25 },
  p50: { label: { zh: '中位数', en: 'median' }, p: 0.5 },
  p75: { label: { zh: '75%分位', en: 'p75' }, p: 0.75 },
  p95: { label: { zh: '95%分位', en: 'p95' }, p: 0.95 },
};

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface SummaryField extends FieldMeta {
  key: string;
  value: (y: YearSummary) => number | null;
  /** how a spreadsheet recomputes it from the year's rows of scenarioRows */
  aggregate?: Aggregate;
}

/**
 * A statistic of a contract outcome over the scenarios of a year. Money of the fund reads
 * in 万元 in a summary; the scenario rows keep it in yuan, to the fen.
 */
function statOf(field: SpreadField, stat: Stat): SummaryField {
  const { label, kind } = OUTCOME_FIELDS[field];
  const p = STATS[stat].p;
  return {
    key: `${snake(field)}_${stat}`,
    label: { zh: `${label.zh} ${STATS[stat].label.zh}`, en: `${label.en} ${STATS[stat].label.en}` },
    kind: kind === 'yuan' ? 'wan' : kind,
    value: (y) => y[field][stat],
    aggregate: p === undefined ? { stat: 'mean', of: field } : { stat: 'percentile', of: field, p },
  };
}

/** One row per year of the summary, in this order; the keys are summary.csv's header. */
export const SUMMARY_FIELDS: SummaryField[] = [
  { key: 'year', ...OUTCOME_FIELDS.year, value: (y) => y.year },
  statOf('rate', 'mean'),
  statOf('premium', 'mean'),
  statOf('claims', 'mean'),
  statOf('lossRatio', 'mean'),
  statOf('lossRatio', 'p05'),
  statOf('lossRatio', 'p50'),
  statOf('lossRatio', 'p95'),
  statOf('balance', 'mean'),
  statOf('balance', 'p05'),
  statOf('balance', 'p50'),
  statOf('balance', 'p95'),
  {
    key: 'deficit_probability',
    label: { zh: '本年末赤字概率', en: 'P(deficit at this year end)' },
    kind: 'probability',
    value: (y) => y.deficitProbability,
    aggregate: { stat: 'shareNegative', of: 'balance' },
  },
  {
    key: 'cash_shortfall_probability',
    label: { zh: '年内现金短缺概率', en: 'P(cash shortfall in the year)' },
    kind: 'probability',
    value: (y) => y.cashShortfallProbability,
    aggregate: { stat: 'shareNegative', of: 'cashLow' },
  },
  statOf('insurerResult', 'mean'),
  statOf('refund', 'mean'),
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

/** One row per year: the spread of each measure (keys of SUMMARY_FIELDS). */
export function summaryRows(s: Summary): Record<string, number | null>[] {
  return s.years.map((y) => Object.fromEntries(SUMMARY_FIELDS.map((f) => [f.key, f.value(y)])));
}

/** The columns of summaryRows, described, with how each is recomputed from scenarioRows. */
export function summaryColumns(rateUnit: FundingKind): Column[] {
  return SUMMARY_FIELDS.map(({ key, label, kind, aggregate }) => ({
    key,
    label,
    kind,
    ...(kind === 'rate' ? { rateUnit } : {}),
    ...(aggregate ? { aggregate } : {}),
  }));
}

function csv(rows: Record<string, string | number | boolean | null>[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]);
  const cell = (v: string | number | boolean | null) => {
    const s =
      v === null ? '' : typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${keys.join(',')}\n${rows.map((r) => keys.map((k) => cell(r[k])).join(',')).join('\n')}\n`;
}

/** Writes scenarios.csv, summary.csv and summary.json into `dir` (created). */
export function writeResults(dir: string, r: SimulationResult, s: Summary): string[] {
  const files: Record<string, string> = {
    'scenarios.csv': csv(scenarioRows(r)),
    'summary.csv': csv(summaryRows(s)),
    'summary.json': `${JSON.stringify(s, null, 2)}\n`,
  };
  return writeFilesTogether(dir, files);
}

/** The summary's rows a terminal shows, one line each; the files have them all. */
const TERMINAL_FIELDS = [
  'rate_mean',
  'premium_mean',
  'claims_mean',
  'loss_ratio_p50',
  'loss_ratio_p05',
  'loss_ratio_p95',
  'balance_p50',
  'balance_p05',
  'balance_p95',
  'deficit_probability',
  'cash_shortfall_probability',
  'insurer_result_mean',
  'oop_mean_per_person',
  'oop_p99_per_person',
  'catastrophic_capacity_share',
  'above_alert',
];

/**
 * The summary for the terminal: a line on the run, then a line per measure with a column
 * per year (each year's figure is of that year alone), then the figures over the whole
 * projection. `burden` (the calibration's) states the thresholds behind the burden lines.
 */
export function formatSummary(
  s: Summary,
  r: SimulationResult,
  burden?: Calibration['burden'],
): string {
  const kind = r.funding.kind;
  const columns = summaryColumns(kind).filter((c) => TERMINAL_FIELDS.includes(c.key));
  columns.sort((a, b) => TERMINAL_FIELDS.indexOf(a.key) - TERMINAL_FIELDS.indexOf(b.key));
  const table = transposedTable(columns, summaryRows(s), (y) => `第${y.year}年 year ${y.year}`);
  const thresholds = burden
    ? `  灾难性支出 catastrophic spending: out of pocket ≥ ${formatFigure(burden.catastrophicCapacityShare, 'percent')} of capacity to pay (WHO)
  预警线 alert line: out of pocket > ${formatFigure(burden.alertThreshold, 'count')} 元 in the year; persons above it: mean a year\n`
    : '';
  const span = `${s.years.length} ${s.years.length === 1 ? 'year' : 'years'}`;
  const wan = (v: number) => `${formatFigure(v, 'wan')} 万元`;
  return `${r.scheme.title.zh} ${r.scheme.title.en}
  费率 rate ${describeRate(kind, s.rate)}; ${formatFigure(s.persons, 'count')} insured, ${formatFigure(s.scenarios, 'count')} scenarios, ${span}, ${s.seconds.toFixed(1)} s
${table}
${thresholds}整个测算期 Over the ${span}:
  任一年末赤字概率 P(deficit at any year end)  ${formatFigure(s.deficitAnyTime, 'probability')}
  基金结余变化 change in the fund balance (final − opening)  median ${wan(s.result.p50)}; VaR95 ${wan(s.result.var95)}, TVaR95 ${wan(s.result.tvar95)}
  保险公司累计盈亏 insurer result, all years  mean ${wan(s.insurer.mean)}; P(loss) ${formatFigure(s.insurer.lossProbability, 'probability')}
`;
}
