/**
 * The main job: candidate funding rates side by side (0.32% of payroll in Dazhou, 8% of
 * the resident pool in Guiyang, 60 yuan a head in Ordos), each on its scheme, on the
 * default population over the contract years; a summary table, the charts, and the
 * report (HTML and Excel) with every assumption and its source.
 *
 *   runCandidates ─▶ per scheme: result, summary
 *   candidatesReport ─▶ the answer (per candidate, sentences from its review figures) ·
 *     candidates table · per scheme: summary (formulas over its scenario sheet), funding
 *     and fund rules, charts · methods · assumptions · run information · timing; the
 *     calibration's every figure in the workbook
 */
import { loadCalibration } from '../calibration/load';
import { formatFigure, formatRate, RATE_UNITS } from '../format/numbers';
import { type Column, type ColumnHints, columnsOf, type Row } from '../format/table';
import type { FundingKind } from '../fund/rules';
import { isAssumed, isOverridden, listParams } from '../scheme/params';
import { aidBudgetReportRows } from '../simulate/aid-budget-summary';
import { methodLines } from '../simulate/large-pool/method';
import { type MethodOptions, runByMethod } from '../simulate/large-pool/run';
import { type Summary, summarize } from '../simulate/metrics';
import {
  poolLabel,
  SUMMARY_FIELDS,
  scenarioColumns,
  scenarioRows,
  summaryColumns,
  summaryRows,
} from '../simulate/output';
import type { RunRecord } from '../simulate/run-record';
import { resultAt, type SimulationResult } from '../simulate/simulate';
import { candidatesChart, schemeCharts } from './charts';
import type { Report, ReportAnswer, ReportSection, ReportTable } from './model';
import { reviewFigures } from './review';
import { runInformation } from './run-info';
import { glanceTable, reviewSentences } from './sentences';

export const DEFAULT_CANDIDATES = ['dazhou-2023', 'guiyang-2023', 'ordos-2018'];
/** Scenarios of the main job: each candidate on its whole pool, 100 scenarios × the contract. */
export const CANDIDATE_SCENARIOS = 100;

export interface CandidateResult {
  result: SimulationResult;
  summary: Summary;
}

/** Simulates each candidate scheme in turn; `onScheme` is told which one starts. */
export async function runCandidates(
  schemes: string[],
  options: MethodOptions,
  onScheme?: (id: string, index: number) => void,
): Promise<CandidateResult[]> {
  const out: CandidateResult[] = [];
  for (const [i, id] of schemes.entries()) {
    onScheme?.(id, i);
    const { runs, info } = await runByMethod([id], options);
    const result = resultAt(runs[0], info);
    out.push({ result, summary: summarize(result) });
  }
  return out;
}

const finalYear = (key: string): Column & { value: (s: Summary) => number | null } => {
  const f = SUMMARY_FIELDS.find((x) => x.key === key)!;
  return {
    key,
    label: { zh: `末年${f.label.zh}`, en: `${f.label.en}, final year` },
    kind: f.kind,
    value: (s) => f.value(s.years[s.years.length - 1]),
  };
};

const CANDIDATE_FIGURES: (Column & { value: (s: Summary) => number | null })[] = [
  finalYear('loss_ratio_p50'),
  finalYear('loss_ratio_p05'),
  finalYear('loss_ratio_p95'),
  finalYear('scheme_money_p50'),
  {
    key: 'deficit_any_year',
    label: { zh: '任一年当年基金收支赤字概率', en: 'P(deficit in any year: scheme money < 0)' },
    kind: 'probability',
    value: (s) => s.deficitAnyTime,
  },
  {
    key: 'insurer_result_total_mean',
    label: { zh: '承办机构经营结果 累计均值', en: 'insurer result, all years, mean' },
    kind: 'wan',
    value: (s) => s.insurer.mean,
  },
  {
    key: 'insurer_loss_probability',
    label: { zh: '承办机构亏损概率', en: 'P(insurer loss, all years)' },
    kind: 'probability',
    value: (s) => s.insurer.lossProbability,
  },
  {
    key: 'pool_net_cost_total_mean',
    label: { zh: '基金净支出 累计均值', en: 'pool net cost, all years, mean' },
    kind: 'wan',
    value: (s) => s.pool.netCost.mean,
  },
  {
    key: 'pool_balance_final_p50',
    label: { zh: '期末基金结余 中位数', en: 'pool balance at the end, median' },
    kind: 'wan',
    value: (s) => s.pool.finalBalance.p50,
  },
  finalYear('oop_mean_per_person'),
  finalYear('oop_p99_per_person'),
  finalYear('catastrophic_capacity_share'),
];

/**
 * The candidates side by side: every column described (label, kind of figure); the rate
 * as a number in each scheme's unit, beside the unit's name.
 */
export const CANDIDATE_COLUMNS: Column[] = [
  { key: 'scheme', label: { zh: '方案', en: 'scheme' }, kind: 'text' },
  { key: 'name', label: { zh: '名称', en: 'name' }, kind: 'text' },
  {
    key: 'rate',
    label: { zh: '费率', en: 'rate' },
    kind: 'rate',
    rateUnit: (row) => row.funding as FundingKind,
  },
  { key: 'rate_unit', label: { zh: '费率单位', en: 'rate unit' }, kind: 'text' },
  { key: 'years', label: { zh: '测算年数', en: 'years' }, kind: 'count' },
  { key: 'insured', label: { zh: '首年参保人数', en: 'insured in year 1' }, kind: 'count' },
  ...CANDIDATE_FIGURES.map(({ value: _, ...c }) => c),
];

export function candidatesTable(items: CandidateResult[]): Row[] {
  return items.map(({ result, summary }) => ({
    scheme: result.scheme.id,
    name: result.scheme.title.zh,
    rate: result.rate,
    funding: result.funding.kind,
    rate_unit: `${RATE_UNITS[result.funding.kind].zh} ${RATE_UNITS[result.funding.kind].en}`,
    years: summary.years.length,
    insured: result.info.persons,
    ...Object.fromEntries(CANDIDATE_FIGURES.map((c) => [c.key, c.value(summary)])),
  }));
}

const PARAM_COLUMNS: Column[] = [
  { key: 'parameter', label: { zh: '参数', en: 'parameter' }, kind: 'text' },
  { key: 'value', label: { zh: '取值', en: 'value' }, kind: 'number' },
  { key: 'unit', label: { zh: '单位', en: 'unit' }, kind: 'text' },
  { key: 'source', label: { zh: '来源', en: 'source' }, kind: 'text' },
  { key: 'note', label: { zh: '说明', en: 'note' }, kind: 'text' },
];

const paramRows = (params: ReturnType<typeof listParams>): Row[] =>
  params.map((p) => ({
    parameter: p.path,
    value: p.value,
    unit: p.unit ?? '',
    source: p.source,
    note: p.note ?? '',
  }));

/**
 * Every parameter that no publication gave: of each scheme (its basic insurance included)
 * and of the calibration the run used, with its note.
 */
function assumptionsTable(
  items: CandidateResult[],
  calibration: { id: string; raw: unknown },
): ReportTable {
  return {
    title: '假设 Assumptions: parameters no publication gave',
    sheet: '假设 Assumptions',
    columns: [
      { key: 'scheme', label: { zh: '方案', en: 'scheme' }, kind: 'text' },
      ...PARAM_COLUMNS,
    ],
    rows: [
      ...items.flatMap(({ result }) => {
        const s = result.run.scheme;
        const params = [...listParams('basic', s.basic.raw), ...listParams('', s.raw)];
        return paramRows(params.filter(isAssumed)).map((r) => ({ scheme: s.id, ...r }));
      }),
      ...paramRows(listParams('', calibration.raw).filter(isAssumed)).map((r) => ({
        scheme: `校准 calibration ${calibration.id}`,
        ...r,
      })),
    ],
  };
}

/**
 * The assumptions for the page: a table for each scheme and one for the calibration, so
 * that no column repeats the source's name; the workbook has them as one sheet.
 */
function assumptionTables(all: ReportTable): ReportTable[] {
  const sources = [...new Set(all.rows.map((r) => String(r.scheme)))];
  return sources.map((source) => ({
    title: `${source} 假设 assumptions`,
    columns: PARAM_COLUMNS,
    rows: all.rows.filter((r) => r.scheme === source),
    pageOnly: true,
  }));
}

/** The aid table's kinds: the year, persons on the quarterly list, the rest yuan. */
function aidHints(rows: Row[]): ColumnHints {
  const keys = Object.keys(rows[0] ?? {});
  return Object.fromEntries(
    keys.map((k) => [k, k === 'year' ? 'index' : /list/i.test(k) ? 'count' : 'yuan']),
  );
}

/** A scheme's summary by year, its figures formulas over its scenario table. */
function schemeTables(result: SimulationResult, summary: Summary) {
  const id = result.scheme.id;
  const kind = result.funding.kind;
  // grouped by year, so that each year's scenarios are one range of the sheet
  const rows = scenarioRows(result).sort(
    (a, b) => Number(a.year) - Number(b.year) || Number(a.scenario) - Number(b.scenario),
  );
  const scenarios: ReportTable = {
    title: `${id} 情景 scenarios: every scenario and year`,
    sheet: `${id} 情景 scenarios`,
    columns: scenarioColumns(kind, rows),
    rows,
  };
  const byYear: ReportTable = {
    title: `${id} 汇总 summary by year`,
    sheet: `${id} 汇总 summary`,
    columns: summaryColumns(kind, summary),
    rows: summaryRows(summary),
    detail: { table: scenarios, by: 'year' },
  };
  return { scenarios, byYear };
}

/** The first page: per candidate, is the rate adequate, the rate for the target, and more. */
function answer(items: CandidateResult[]): ReportAnswer {
  const info = items[0].result.info;
  const n = formatFigure(info.scenarios, 'count');
  const figures = items.map(({ result }) => reviewFigures(result));
  return {
    heading: '结论 The answer',
    text: `每个候选费率在其方案自身的参保人群上测算：${n} 个情景 × ${info.years} 年，种子 ${info.seed}。Each candidate on its own scheme and pool: ${n} scenarios × ${info.years} years, seed ${info.seed}; the methods and every assumption follow the scheme pages.`,
    glance: glanceTable(figures),
    items: items.map(({ result }, i) => ({
      title: `${result.scheme.title.zh} ${result.scheme.title.en} — ${poolLabel(result.info)}`,
      sentences: reviewSentences(figures[i]),
    })),
  };
}

/** How the figures were made, in a few lines, each pointing to the doc that says more. */
const METHODS: string[] = [
  "Each candidate is simulated on its scheme's insured pool, or a sample of it: persons and their claims are drawn from the calibration, each event settled by the scheme's rules — every person in every scenario (brute force, --method mc), or a grid of scenario factors from which each scenario's totals are made (--method large-pool, docs/large-pool.md), as said below per candidate — and the contract settled year by year in whole fen (docs/monte-carlo.md, docs/fund-rules.md). The calibration and its sources: docs/calibration.md; the limits of a run and how it is replayed: docs/limits.md.",
  'A deficit is scheme money (premium + carry-in − claims) below 0 in some contract year. Its probability is the share of scenarios with one; its Monte Carlo standard error is √(p(1 − p)/n) and its 95% interval Wilson’s, which is not empty when no scenario has a deficit. A rate is adequate when that probability is at most the scheme’s review.deficit_tolerance (docs/scheme-format.md).',
  "The rates for a target come from the same simulation: claims do not depend on the rate, so the contract (refunds, rate adjustment, caps and shares) is re-applied at every rate tried and the rate bisected on its 8-decimal grid; its standard error and 90% interval are the spread of the rate found on 100 bootstrap resamples of the scenarios. The loss-ratio target is the contract's bid net loss ratio, or break-even (1 − the operating-cost share) where it names none.",
  'Percentiles interpolate between order statistics as Excel’s PERCENTILE.INC; every figure is formatted by one rule for its kind (docs/outputs.md), and the workbook beside this report recomputes the summaries from its scenario sheets.',
];

/**
 * Which method made a candidate's figures: brute force, or large-pool with its grid and its
 * approximation error per year (docs/large-pool.md), as the command printed them.
 */
function methodOf({ result }: CandidateResult): string {
  const m = result.info.method ?? { method: 'mc' as const, given: false };
  return `${result.scheme.id}: ${methodLines(m).join('; ')}.`;
}

/** The report of candidate runs; `run` is their record (see simulate/run-record.ts). */
export function candidatesReport(
  items: CandidateResult[],
  calibration = 'default',
  run?: RunRecord,
): Report {
  const cal = loadCalibration(calibration);
  const info = items[0].result.info;
  const lines = { alertThreshold: cal.burden.alertThreshold, costBands: cal.burden.costBands };
  const sections: ReportSection[] = [
    {
      heading: '候选费率比较 Candidate rates compared',
      text: `Each candidate on its own scheme and pool (insured in year 1: ${items.map((i) => `${i.result.scheme.id} ${poolLabel(i.result.info)}`).join('; ')}), ${info.scenarios} scenarios × ${info.years} years, seed ${info.seed}. Net loss ratio = claims of the layers the premium pays / premium. Three amounts kept apart: 当年基金收支 scheme money = premium + carry-in − claims (the insurer's separate account; a deficit is scheme money below 0); 承办机构经营结果 insurer result under the contract; 基金结余 pool balance = the buying fund's opening balance + refunds, excess returned and holdback kept − its loss shares. A ratio without premium is undefined (—).`,
      tables: [
        {
          title: '候选费率 Candidates',
          sheet: '候选费率 Candidates',
          columns: CANDIDATE_COLUMNS,
          rows: candidatesTable(items),
        },
      ],
      charts: [candidatesChart(items)],
      chartsFirst: true,
    },
  ];
  const sheets: ReportTable[] = [];
  for (const { result, summary } of items) {
    const charts = schemeCharts(result, summary, lines);
    const { scenarios, byYear } = schemeTables(result, summary);
    sheets.push(scenarios);
    // what the run changed from the files, whoever changed it (--set, --variant, code)
    const overridden = [
      ...listParams('', result.run.scheme.raw),
      ...listParams('basic', result.run.scheme.basic.raw),
    ].filter(isOverridden);
    const aid = aidBudgetReportRows(summary);
    sections.push({
      heading: `${result.scheme.title.zh} ${result.scheme.title.en}`,
      newPage: true,
      text: `Rate ${formatRate(result.funding.kind, result.rate)} ${RATE_UNITS[result.funding.kind].en}.`,
      tables: [
        byYear,
        // the medical-aid fund's yearly spending (benefit + contribution subsidies), if any
        ...(aid.length > 0
          ? [
              {
                title: `${result.scheme.id} medical aid 医疗救助`,
                sheet: `${result.scheme.id} 救助 aid`,
                columns: columnsOf(aid, aidHints(aid)),
                rows: aid,
              },
            ]
          : []),
        {
          title: `${result.scheme.id} 筹资与基金规则 funding and fund rules`,
          sheet: `${result.scheme.id} 规则 rules`,
          columns: PARAM_COLUMNS,
          rows: paramRows([
            ...listParams('funding', result.run.scheme.raw.funding),
            ...listParams('fund', result.run.scheme.raw.fund),
            ...listParams('medical_aid', result.run.scheme.raw.medical_aid),
          ]),
        },
        ...(overridden.length > 0
          ? [
              {
                title: `${result.scheme.id} overridden parameters`,
                sheet: `${result.scheme.id} 改动 overrides`,
                columns: PARAM_COLUMNS,
                rows: paramRows(overridden),
              },
            ]
          : []),
      ],
      charts: [
        charts.schemeMoney,
        charts.poolBalance,
        charts.lossRatio,
        charts.oop,
        charts.whoPays,
      ],
    });
  }
  // the assumptions as one sheet; every figure of the calibration with its source, in the
  // workbook only (the page lists its assumptions)
  const assumptions = assumptionsTable(items, cal);
  sheets.push(assumptions, {
    title: `校准 Calibration '${cal.id}'`,
    sheet: '校准 Calibration',
    columns: PARAM_COLUMNS,
    rows: paramRows(listParams('', cal.raw)),
  });
  sections.push(
    { heading: '方法 Methods', newPage: true, text: [...METHODS, ...items.map(methodOf)] },
    {
      heading: '假设 Assumptions',
      text: `Every parameter of the schemes, their basic insurance and the calibration '${cal.id}' whose source is 'assumption' (no publication gave it) or 'override' (set for this run), with its note; the workbook's calibration sheet has every figure of the calibration with its source.`,
      tables: assumptionTables(assumptions),
    },
    {
      heading: '运行信息 Run information',
      tables: [
        runInformation(
          items.map((i) => i.result),
          run,
        ),
      ],
    },
  );
  return {
    title:
      items.length === 1
        ? `yibao 基金测算 Fund projection: ${items[0].result.scheme.title.zh} ${items[0].result.scheme.title.en}`
        : 'yibao 候选费率比较 Candidate funding rates',
    subtitle:
      'Generated by yibao (the run information at the end says how to replay it). Basic-insurance parameters are illustrative defaults (assumptions).',
    answer: answer(items),
    sections,
    sheets,
    run,
    timing: [
      { label: '生成时间 generated', value: new Date().toISOString() },
      ...items.map(({ result, summary }) => ({
        label: `${result.scheme.id} 运行秒数 run, seconds`,
        value: Math.round(summary.seconds * 10) / 10,
      })),
    ],
  };
}
