/**
 * The charts of a simulation result, as vega-lite specs (../charts/specs.ts): what a
 * report or a notebook shows of one scheme, and the side-by-side of several.
 */
import type { TopLevelSpec } from 'vega-lite';
import {
  type CandidateRow,
  candidateComparison,
  fundBalanceFan,
  lossRatioDistribution,
  oopBurdenCcdf,
  whoPaysByBand,
} from '../charts/specs';
import { formatRate } from '../fund/rules';
import { type Summary, spread } from '../simulate/metrics';
import type { SimulationResult } from '../simulate/simulate';

const WAN = 1e4;

const uniform = (v: number) => ({ p05: v, p25: v, p50: v, p75: v, p95: v });

export interface BurdenLines {
  alertThreshold: number;
  /** lower edges of the cost bands, yuan */
  costBands: number[];
}

const bandLabel = (edges: number[], b: number) =>
  b + 1 < edges.length ? `${edges[b] / 1000}k–${edges[b + 1] / 1000}k` : `≥${edges[b] / 1000}k`;

export function schemeCharts(
  r: SimulationResult,
  s: Summary,
  lines: BurdenLines,
): Record<string, TopLevelSpec> {
  const name = r.scheme.title.zh;
  const last = r.info.years - 1;
  const bands = r.run.agg[0][0].byCostBand.map((_, i) => i);
  const payer = bands.map((b) => {
    const sum = (f: (x: (typeof r.run.agg)[0][0]['byCostBand'][0]) => number) =>
      r.run.agg.reduce((t, ys) => t + f(ys[0].byCostBand[b]), 0) / 100 / WAN / r.info.scenarios;
    return {
      band: bandLabel(lines.costBands, b),
      basic: sum((x) => x.basic),
      supplementary: sum((x) => x.insured + x.otherLayers),
      aid: sum((x) => x.aid),
      person: sum((x) => x.oop),
    };
  });
  return {
    fan: fundBalanceFan(
      [
        // year 0: the opening balance, where every scenario starts
        { year: 0, ...uniform(r.fund.openingBalance / WAN) },
        ...s.years.map((y) => ({
          year: y.year,
          p05: y.balance.p05 / WAN,
          p25: y.balance.p25 / WAN,
          p50: y.balance.p50 / WAN,
          p75: y.balance.p75 / WAN,
          p95: y.balance.p95 / WAN,
        })),
      ],
      { title: `${name} 基金结余 Fund balance (万元)` },
    ),
    lossRatio: lossRatioDistribution(
      r.outcomes.map((o) => o[last].lossRatio),
      {
        ...(r.fund.rateAdjustment
          ? { threshold: r.fund.rateAdjustment.threshold }
          : { threshold: 1, thresholdLabel: '盈亏线 break-even' }),
        bid: r.fund.bidNetLossRatio,
        title: `${name} 第${last + 1}年赔付率 Loss ratio, year ${last + 1}`,
      },
    ),
    oop: oopBurdenCcdf(
      r.run.oop[0].sample(
        20000,
        r.run.agg.reduce((t, years) => t + years[0].persons, 0),
      ),
      {
        alert: lines.alertThreshold,
        title: `${name} 个人自付 Out-of-pocket per person, year 1`,
      },
    ),
    whoPays: whoPaysByBand(payer, {
      title: `${name} 谁来付 Who pays, by cost band (万元, year 1)`,
    }),
  };
}

/** Side by side: loss ratio, balance per insured and out-of-pocket of each candidate. */
export function candidatesChart(
  items: { result: SimulationResult; summary: Summary }[],
): TopLevelSpec {
  const rows: CandidateRow[] = items.flatMap(({ result, summary }) => {
    const y = summary.years[summary.years.length - 1];
    const label = `${result.scheme.title.zh.slice(0, 4)} ${formatRate(result.funding.kind, result.rate)}`;
    const perHead = result.info.persons;
    return [
      {
        candidate: label,
        metric: '赔付率\nloss ratio',
        p05: y.lossRatio.p05,
        p50: y.lossRatio.p50,
        p95: y.lossRatio.p95,
      },
      {
        candidate: label,
        metric: '人均结余 (元)\nbalance per insured',
        p05: y.balance.p05 / perHead,
        p50: y.balance.p50 / perHead,
        p95: y.balance.p95 / perHead,
      },
      {
        candidate: label,
        metric: '人均自付 (元)\nOOP per person',
        ...spread(
          result.run.agg.map((ys) => ys[ys.length - 1].oop / 100 / ys[ys.length - 1].persons),
        ),
      },
    ];
  });
  return candidateComparison(rows, {
    title: '候选费率 Candidate rates, final year (median, 90% interval)',
  });
}
