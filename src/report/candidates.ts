/**
 * The main job: candidate funding rates side by side (0.32% of payroll in Dazhou, 8% of
 * the resident pool in Guiyang, 60 yuan a head in Ordos), each on its scheme, on the
 * default population over the contract years; a summary table, the charts, and the
 * report (HTML and Excel) with every assumption and its source.
 */
import { loadCalibration } from '../calibration/load';
import { ledgerLabel } from '../fund/ledger-columns';
import { formatRate } from '../fund/rules';
import { aidBudgetReportRows } from '../simulate/aid-budget-summary';
import { type Summary, summarize } from '../simulate/metrics';
import { summaryRows } from '../simulate/output';
import type { RunRecord } from '../simulate/run-record';
import {
  resultAt,
  runVariants,
  type SimulateOptions,
  type SimulationResult,
} from '../simulate/simulate';
import { candidatesChart, schemeCharts } from './charts';
import type { Report, ReportSection, ReportTable } from './write';

export const DEFAULT_CANDIDATES = ['dazhou-2023', 'guiyang-2023', 'ordos-2018'];

export interface CandidateResult {
  result: SimulationResult;
  summary: Summary;
}

/** Simulates each candidate scheme in turn; `onScheme` is told which one starts. */
export async function runCandidates(
  schemes: string[],
  options: SimulateOptions,
  onScheme?: (id: string, index: number) => void,
): Promise<CandidateResult[]> {
  const out: CandidateResult[] = [];
  for (const [i, id] of schemes.entries()) {
    onScheme?.(id, i);
    const { runs, info } = await runVariants([id], options);
    const result = resultAt(runs[0], info);
    out.push({ result, summary: summarize(result) });
  }
  return out;
}

type Param = { value: number | boolean | string; source: string; note?: string; unit?: string };

/** Every `{ value, source }` figure (a number, a flag, a choice) in a raw block, with its path. */
function figures(prefix: string, node: unknown): ReportTable['rows'] {
  if (node === null || typeof node !== 'object') return [];
  const p = node as Partial<Param>;
  if (p.value !== undefined && typeof p.source === 'string')
    return [
      {
        parameter: prefix,
        value: p.value,
        unit: p.unit ?? '',
        source: p.source,
        note: p.note ?? '',
      },
    ];
  return Object.entries(node).flatMap(([k, v]) => figures(prefix ? `${prefix}.${k}` : k, v));
}

export function candidatesTable(items: CandidateResult[]): ReportTable['rows'] {
  return items.map(({ result, summary }) => {
    const y = summary.years[summary.years.length - 1];
    return {
      scheme: result.scheme.id,
      rate: formatRate(result.funding.kind, result.rate),
      unit: result.funding.unit.en,
      [`${ledgerLabel('lossRatio')} p50 (final year)`]: y.lossRatio?.p50 ?? null,
      [`${ledgerLabel('lossRatio')} p05`]: y.lossRatio?.p05 ?? null,
      [`${ledgerLabel('lossRatio')} p95`]: y.lossRatio?.p95 ?? null,
      [`${ledgerLabel('schemeMoney')} p50 (final year)`]: Math.round(y.schemeMoney.p50),
      'P(赤字 deficit: scheme money < 0, any year)': summary.deficitAnyTime,
      [`${ledgerLabel('insurerResult')}, mean over the years`]: Math.round(summary.insurer.mean),
      [`${ledgerLabel('poolNetCost')}, mean over the years`]: Math.round(summary.pool.netCost.mean),
      [`${ledgerLabel('poolBalance')} p50 (final)`]: Math.round(summary.pool.finalBalance.p50),
      'OOP per person': Math.round(y.burden.oopMeanPerPerson),
      'OOP p99': Math.round(y.burden.perPerson.p99),
      'catastrophic (WHO 40%)': y.burden.catastrophicCapacityShare,
    };
  });
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
      text: `Each candidate on its own scheme, ${info.persons.toLocaleString('en')} insured in year 1 (groups as the scheme covers), ${info.scenarios} scenarios × ${info.years} years, seed ${info.seed}. Net loss ratio = claims of the layers the premium pays / premium. Three amounts kept apart: 当年基金收支 scheme money = premium + carry-in − claims (the insurer's separate account; a deficit is scheme money below 0); 承办机构经营结果 insurer result under the contract; 基金结余 pool balance = the buying fund's opening balance + refunds, excess returned and holdback kept − its loss shares. A ratio without premium is undefined (—).`,
      tables: [{ title: 'Candidates', rows: candidatesTable(items) }],
      charts: [candidatesChart(items)],
    },
  ];
  for (const { result, summary } of items) {
    const charts = schemeCharts(result, summary, lines);
    // what the run changed from the files, whoever changed it (--set, --variant, code)
    const overridden = [
      ...figures('', result.run.scheme.raw),
      ...figures('basic', result.run.scheme.basic.raw),
    ].filter((row) => String(row.source).startsWith('override'));
    sections.push({
      heading: `${result.scheme.title.zh} ${result.scheme.title.en}`,
      text: `Rate ${formatRate(result.funding.kind, result.rate)} (${result.funding.unit.en}).`,
      tables: [
        { title: `${result.scheme.id} summary`, rows: summaryRows(summary) },
        // the medical-aid fund's yearly spending (benefit + contribution subsidies), if any
        { title: `${result.scheme.id} medical aid 医疗救助`, rows: aidBudgetReportRows(summary) },
        {
          title: `${result.scheme.id} assumptions`,
          rows: [
            ...figures('funding', result.run.scheme.raw.funding),
            ...figures('fund', result.run.scheme.raw.fund),
            ...figures('medical_aid', result.run.scheme.raw.medical_aid),
          ],
        },
        ...(overridden.length > 0
          ? [{ title: `${result.scheme.id} overridden parameters`, rows: overridden }]
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
  sections.push({
    heading: '校准假设 Calibration assumptions',
    text: `Calibration '${cal.id}' (${cal.file}): every figure with its source; 'assumption' marks what no publication gave.`,
    tables: [
      { title: 'Calibration', rows: figures('', cal.raw).filter((r) => r.parameter !== '') },
    ],
  });
  return {
    title:
      items.length === 1
        ? `yibao 基金测算 Fund projection: ${items[0].result.scheme.title.zh} ${items[0].result.scheme.title.en}`
        : 'yibao 候选费率比较 Candidate funding rates',
    subtitle:
      'Generated by yibao (the run record at the end says how to replay it). Basic-insurance parameters are illustrative defaults (assumptions).',
    sections,
    run,
    timing: [
      { label: 'generated', value: new Date().toISOString() },
      ...items.map(({ result, summary }) => ({
        label: `${result.scheme.id} run, seconds`,
        value: summary.seconds.toFixed(1),
      })),
    ],
  };
}
