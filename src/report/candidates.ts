/**
 * The main job: candidate funding rates side by side (0.32% of payroll in Dazhou, 8% of
 * the resident pool in Guiyang, 60 yuan a head in Ordos), each on its scheme, on the
 * default population over the contract years; a summary table, the charts, and the
 * report (HTML and Excel) with every assumption and its source.
 */
import { loadCalibration } from '../calibration/load';
import { formatRate } from '../fund/rules';
import { type Summary, summarize } from '../simulate/metrics';
import { poolLabel, summaryRows } from '../simulate/output';
import {
  resultAt,
  runVariants,
  type SimulateOptions,
  type SimulationResult,
} from '../simulate/simulate';
import { candidatesChart, schemeCharts } from './charts';
import type { Report, ReportSection, ReportTable } from './write';

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

type Param = { value: number; source: string; note?: string; unit?: string };

/** Every `{ value, source }` figure in a raw block, with its path. */
function figures(prefix: string, node: unknown): ReportTable['rows'] {
  if (node === null || typeof node !== 'object') return [];
  const p = node as Partial<Param>;
  if (typeof p.value === 'number' && typeof p.source === 'string')
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
      insured: result.info.persons,
      rate: formatRate(result.funding.kind, result.rate),
      unit: result.funding.unit.en,
      'loss ratio p50 (final year)': y.lossRatio.p50,
      'loss ratio p05': y.lossRatio.p05,
      'loss ratio p95': y.lossRatio.p95,
      'P(deficit any year)': summary.deficitAnyTime,
      'balance p50 (final)': Math.round(y.balance.p50),
      'insurer result mean (total)': Math.round(summary.insurer.mean),
      'OOP per person': Math.round(y.burden.oopMeanPerPerson),
      'OOP p99': Math.round(y.burden.perPerson.p99),
      'catastrophic (WHO 40%)': y.burden.catastrophicCapacityShare,
    };
  });
}

export function candidatesReport(items: CandidateResult[], calibration = 'default'): Report {
  const cal = loadCalibration(calibration);
  const info = items[0].result.info;
  const lines = { alertThreshold: cal.burden.alertThreshold, costBands: cal.burden.costBands };
  const sections: ReportSection[] = [
    {
      heading: '候选费率比较 Candidate rates compared',
      text: `Each candidate on its own scheme and pool (insured in year 1: ${items.map((i) => `${i.result.scheme.id} ${poolLabel(i.result.info)}`).join('; ')}), ${info.scenarios} scenarios × ${info.years} years, seed ${info.seed}. Loss ratio = claims of the layers the premium pays / premium; balance = opening + premiums − claims − admin.`,
      tables: [{ title: 'Candidates', rows: candidatesTable(items) }],
      charts: [candidatesChart(items)],
    },
  ];
  for (const { result, summary } of items) {
    const charts = schemeCharts(result, summary, lines);
    sections.push({
      heading: `${result.scheme.title.zh} ${result.scheme.title.en}`,
      text: `Rate ${formatRate(result.funding.kind, result.rate)} (${result.funding.unit.en}); ${summary.seconds.toFixed(1)} s.`,
      tables: [
        { title: `${result.scheme.id} summary`, rows: summaryRows(summary) },
        {
          title: `${result.scheme.id} assumptions`,
          rows: [
            ...figures('funding', result.run.scheme.raw.funding),
            ...figures('fund', result.run.scheme.raw.fund),
          ],
        },
      ],
      charts: [charts.fan, charts.lossRatio, charts.oop, charts.whoPays],
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
    subtitle: `Generated by yibao on ${new Date().toISOString().slice(0, 10)}. Basic-insurance parameters are illustrative defaults (assumptions).`,
    sections,
  };
}
