/**
 * Writing a simulation's results: tables as CSV (one row per scenario and year; the
 * summary per year) and the summary as JSON, into a folder; and the summary as a text
 * table for the terminal. The files are written all or none.
 */
import { formatRate } from '../fund/rules';
import { writeFilesTogether } from '../io/write-files';
import type { Summary } from './metrics';
import type { SimulationResult } from './simulate';

function csv(rows: Record<string, string | number | boolean>[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]);
  const cell = (v: string | number | boolean) => {
    const s = typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${keys.join(',')}\n${rows.map((r) => keys.map((k) => cell(r[k])).join(',')).join('\n')}\n`;
}

/** One row per scenario and year: the contract outcome and the burden sums. */
export function scenarioRows(r: SimulationResult): Record<string, number | boolean>[] {
  return r.outcomes.flatMap((years, s) =>
    years.map((o, y) => {
      const a = r.run.agg[s][y];
      return {
        scenario: s + 1,
        ...o,
        persons: a.persons,
        claimants: a.claimants,
        beneficiaries: a.beneficiaries,
        total_cost: a.total / 100,
        basic: a.basic / 100,
        aid: a.aid / 100,
        oop: a.oop / 100,
        above_alert: a.aboveAlert,
        catastrophic_capacity: a.catastrophicCapacity,
      };
    }),
  );
}

/** One row per year: the spread of each measure. */
export function summaryRows(s: Summary): Record<string, number>[] {
  return s.years.map((y) => ({
    year: y.year,
    rate_mean: y.rate.mean,
    premium_mean: y.premium.mean,
    claims_mean: y.claims.mean,
    loss_ratio_mean: y.lossRatio.mean,
    loss_ratio_p05: y.lossRatio.p05,
    loss_ratio_p50: y.lossRatio.p50,
    loss_ratio_p95: y.lossRatio.p95,
    balance_mean: y.balance.mean,
    balance_p05: y.balance.p05,
    balance_p50: y.balance.p50,
    balance_p95: y.balance.p95,
    deficit_probability: y.deficitProbability,
    cash_shortfall_probability: y.cashShortfallProbability,
    insurer_result_mean: y.insurerResult.mean,
    refund_mean: y.refund.mean,
    oop_mean_per_person: y.burden.oopMeanPerPerson,
    oop_p99_per_person: y.burden.perPerson.p99,
    oop_mean_per_claimant: y.burden.oopMeanPerClaimant,
    catastrophic_capacity_share: y.burden.catastrophicCapacityShare,
    above_alert: y.burden.aboveAlert,
  }));
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

/**
 * The persons a result is for, and whether they are the scheme's whole pool or a sample
 * of it: '4,000,000 insured (the scheme's pool)', '50,000 insured (a sample of the
 * scheme's pool of 4,000,000)'.
 */
export function poolLabel(info: { persons: number; poolPersons?: number }): string {
  const n = `${info.persons.toLocaleString('en')} insured`;
  if (info.poolPersons === undefined) return n;
  if (info.poolPersons === info.persons) return `${n} (the scheme's pool)`;
  return `${n} (a sample of the scheme's pool of ${info.poolPersons.toLocaleString('en')})`;
}

const yuan = (v: number) => (Math.abs(v) >= 1e4 ? `${(v / 1e4).toFixed(1)}万` : v.toFixed(0));
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The summary as a text table (Chinese and English labels). */
export function formatSummary(s: Summary, r: SimulationResult): string {
  const head = `${r.scheme.title.zh} ${r.scheme.title.en}
  rate 费率 ${formatRate(r.funding.kind, s.rate)} (${r.funding.unit.en}); ${poolLabel(s)}, ${s.scenarios} scenarios, ${s.years.length} years, ${s.seconds.toFixed(1)} s
`;
  const rows = [
    ['year 年度', ...s.years.map((y) => String(y.year))],
    ['premium 保费 (mean)', ...s.years.map((y) => yuan(y.premium.mean))],
    ['claims 赔付 (mean)', ...s.years.map((y) => yuan(y.claims.mean))],
    ['loss ratio 赔付率 p50', ...s.years.map((y) => pct(y.lossRatio.p50))],
    ['  90% interval', ...s.years.map((y) => `${pct(y.lossRatio.p05)}–${pct(y.lossRatio.p95)}`)],
    ['balance 结余 p50', ...s.years.map((y) => yuan(y.balance.p50))],
    ['  90% interval', ...s.years.map((y) => `${yuan(y.balance.p05)}–${yuan(y.balance.p95)}`)],
    ['P(deficit) 赤字概率', ...s.years.map((y) => pct(y.deficitProbability))],
    ['insurer result 保险公司盈亏', ...s.years.map((y) => yuan(y.insurerResult.mean))],
    ['OOP/person 人均自付', ...s.years.map((y) => y.burden.oopMeanPerPerson.toFixed(0))],
    ['OOP p99', ...s.years.map((y) => y.burden.perPerson.p99.toFixed(0))],
    [
      'catastrophic 灾难性 (WHO 40%)',
      ...s.years.map((y) => pct(y.burden.catastrophicCapacityShare)),
    ],
    ['above 10,000 预警人数', ...s.years.map((y) => y.burden.aboveAlert.toFixed(0))],
  ];
  const width = rows.map((row) => row.map((c) => [...c].length));
  const colWidth = rows[0].map((_, i) => Math.max(...width.map((w) => w[i])));
  const lines = rows.map((row) =>
    row.map((c, i) => (i === 0 ? c.padEnd(colWidth[i]) : c.padStart(colWidth[i]))).join('  '),
  );
  return `${head}${lines.join('\n')}
  P(deficit at any year end) ${pct(s.deficitAnyTime)}; scheme account result p50 ${yuan(s.result.p50)}, VaR95 ${yuan(s.result.var95)}, TVaR95 ${yuan(s.result.tvar95)}
  insurer total result mean ${yuan(s.insurer.mean)}, P(loss) ${pct(s.insurer.lossProbability)}
`;
}
