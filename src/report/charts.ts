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
import { formatRate } from '../format/numbers';
import { ledgerLabel } from '../fund/ledger-columns';
import { type Spread, type Summary, spread } from '../simulate/metrics';
import type { SimulationResult } from '../simulate/simulate';

const WAN = 1e4;

const uniform = (v: number) => ({ p05: v, p25: v, p50: v, p75: v, p95: v });

export interface BurdenLines {
  alertThreshold: number;
  /** lower edges of the cost bands, yuan */
  costBands: number[];
}

/** An amount of yuan as Chinese readers say it: 5千, 2万, 30万. */
const shortYuan = (v: number) =>
  v === 0 ? '0' : v >= 1e4 ? `${+(v / 1e4).toFixed(2)}万` : `${+(v / 1e3).toFixed(2)}千`;

const bandLabel = (edges: number[], b: number) =>
  b + 1 < edges.length
    ? `${shortYuan(edges[b])}–${shortYuan(edges[b + 1])}`
    : `≥${shortYuan(edges[b])}`;

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
  const fanRow = (year: number, x: Spread) => ({
    year,
    p05: x.p05 / WAN,
    p25: x.p25 / WAN,
    p50: x.p50 / WAN,
    p75: x.p75 / WAN,
    p95: x.p95 / WAN,
  });
  const lossRatios = r.outcomes.flatMap((o) => {
    const lr = o[last].lossRatio;
    return lr === null ? [] : [lr];
  });
  return {
    // the scheme money of each year: below 0, a deficit
    schemeMoney: fundBalanceFan(
      s.years.map((y) => fanRow(y.year, y.schemeMoney)),
      {
        title: `${name} ${ledgerLabel('schemeMoney')} (万元)`,
        yTitle: `${ledgerLabel('schemeMoney')} (万元)`,
      },
    ),
    // the buyer's balance: year 0 is the opening balance, where every scenario starts
    poolBalance: fundBalanceFan(
      [
        { year: 0, ...uniform(r.fund.openingBalance / WAN) },
        ...s.years.map((y) => fanRow(y.year, y.poolBalance)),
      ],
      {
        title: `${name} ${ledgerLabel('poolBalance')} (万元)`,
        yTitle: `${ledgerLabel('poolBalance')} (万元)`,
      },
    ),
    lossRatio: lossRatioDistribution(lossRatios, {
      ...(r.fund.rateAdjustment
        ? { threshold: r.fund.rateAdjustment.threshold }
        : { threshold: 1, thresholdLabel: '盈亏线 break-even' }),
      bid: r.fund.bidNetLossRatio,
      title: `${name} 第${last + 1}年净赔付率 Net loss ratio, year ${last + 1}`,
    }),
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
      bandTitle: '个人年度医疗总费用 a person’s total medical cost in the year (元)',
    }),
  };
}

/** Side by side: loss ratio, scheme money per insured and out-of-pocket of each candidate. */
export function candidatesChart(
  items: { result: SimulationResult; summary: Summary }[],
): TopLevelSpec {
  const LOSS_RATIO = '净赔付率 net loss ratio';
  const SCHEME_MONEY = '人均当年基金收支 scheme money per insured (元)';
  const OOP = '人均自付 out of pocket per person (元)';
  const rows: CandidateRow[] = items.flatMap(({ result, summary }) => {
    const y = summary.years[summary.years.length - 1];
    // the rate on a line of its own, so that it is never split from its unit
    const candidate = `${result.scheme.title.zh}\n${formatRate(result.funding.kind, result.rate)}`;
    const perHead = result.info.persons;
    // an undefined loss ratio (no premium) has no place on the axis
    const lossRatio = y.lossRatio && {
      candidate,
      metric: LOSS_RATIO,
      p05: y.lossRatio.p05,
      p50: y.lossRatio.p50,
      p95: y.lossRatio.p95,
    };
    return [
      ...(lossRatio ? [lossRatio] : []),
      {
        candidate,
        metric: SCHEME_MONEY,
        p05: y.schemeMoney.p05 / perHead,
        p50: y.schemeMoney.p50 / perHead,
        p95: y.schemeMoney.p95 / perHead,
      },
      {
        candidate,
        metric: OOP,
        ...spread(
          result.run.agg.map((ys) => ys[ys.length - 1].oop / 100 / ys[ys.length - 1].persons),
        ),
      },
    ];
  });
  return candidateComparison(rows, {
    title: '候选费率 Candidate rates, final year (median, 90% interval)',
    formats: { [LOSS_RATIO]: '.0%', [SCHEME_MONEY]: ',.0f', [OOP]: ',.0f' },
  });
}
