/**
 * Metrics of a simulation: per year, the spread of fund balance and loss ratio, the
 * probability of deficit, the insurer's result under the contract and the out-of-pocket
 * burden; over the contract, deficit at any time, VaR and TVaR of the scheme account's
 * result. Monte Carlo percentiles are of the scenarios; burden percentiles of person-years.
 */
import { quantileSorted } from 'simple-statistics';
import type { YearOutcome } from '../fund/contract';
import type { SimulationResult } from './simulate';

export interface Spread {
  mean: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => quantileSorted(sorted, p);
  return {
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    p05: q(0.05),
    p25: q(0.25),
    p50: q(0.5),
    p75: q(0.75),
    p95: q(0.95),
  };
}

export interface Burden {
  oopMeanPerPerson: number;
  oopMeanPerClaimant: number;
  /** exact percentiles of the person-years of the year (all scenarios), yuan */
  perPerson: { p50: number; p90: number; p95: number; p99: number };
  perClaimant: { p50: number; p90: number; p95: number; p99: number };
  /** share of person-years with OOP ≥ the WHO share of capacity to pay */
  catastrophicCapacityShare: number;
  /** share above each SDG 3.8.2 share of consumption (10%, 25%) */
  catastrophicConsumptionShares: number[];
  /** mean persons a year above the alert threshold */
  aboveAlert: number;
  /** mean persons a year on the scheme's own alert list (0 without one) */
  schemeAlerts: number;
  /** paid / total cost, by payer */
  reimbursement: { basic: number; layers: Record<string, number>; aid: number; oop: number };
}

export interface YearSummary {
  year: number;
  rate: Spread;
  premium: Spread;
  claims: Spread;
  lossRatio: Spread;
  balance: Spread;
  insurerResult: Spread;
  refund: Spread;
  /** the pool's side of the contract: net cost, holdback kept, surplus returned, loss share paid, carry-over */
  poolCost: Spread;
  withheld: Spread;
  returnedToPool: Spread;
  poolLossShare: Spread;
  carryOver: Spread;
  deficitProbability: number;
  cashShortfallProbability: number;
  /**
   * Mean head count whose contribution medical aid pays, weighted by the subsidy share
   * (funding.contribution_subsidy: tekun 1, dibao 0.9, monitored 0.5 in Huangshan)
   */
  subsidisedHeads: number;
  retenderProbability: number;
  burden: Burden;
}

export interface Summary {
  scheme: string;
  rate: number;
  rateLabel: string;
  scenarios: number;
  /** the persons simulated in year 1 */
  persons: number;
  /** the scheme's insured pool, when its file gives it (persons may be a smaller sample) */
  poolPersons?: number;
  years: YearSummary[];
  /** probability that the scheme account is in deficit at the end of any year */
  deficitAnyTime: number;
  /** result of the scheme account over the projection (final balance − opening) */
  result: Spread & { var95: number; tvar95: number };
  /** the insurer's total result over the projection */
  insurer: Spread & { lossProbability: number };
  seconds: number;
}

/** Mean over scenarios of each scenario's Σ claims / Σ premium over the projection. */
export function expectedLossRatio(outcomes: YearOutcome[][]): number {
  let sum = 0;
  for (const o of outcomes) {
    const claims = o.reduce((t, y) => t + y.claims, 0);
    const premium = o.reduce((t, y) => t + y.premium, 0);
    sum += premium > 0 ? claims / premium : Number.POSITIVE_INFINITY;
  }
  return sum / outcomes.length;
}

/** Share of scenarios whose scheme account is in deficit at the end of some year. */
export function deficitAnyYear(outcomes: YearOutcome[][]): number {
  return outcomes.filter((o) => o.some((y) => y.balance < 0)).length / outcomes.length;
}

function column(outcomes: YearOutcome[][], y: number, key: keyof YearOutcome): number[] {
  return outcomes.map((o) => Number(o[y][key]));
}

const PERCENTILES = [0.5, 0.9, 0.95, 0.99];

export function summarize(r: SimulationResult): Summary {
  const { outcomes, run, info } = r;
  const S = outcomes.length;
  const years: YearSummary[] = [];
  for (let y = 0; y < info.years; y++) {
    const aggs = run.agg.map((a) => a[y]);
    const sum = (f: (a: (typeof aggs)[number]) => number) => aggs.reduce((t, a) => t + f(a), 0);
    const persons = sum((a) => a.persons);
    const claimants = sum((a) => a.claimants);
    const total = sum((a) => a.total);
    const percentiles = (n: number) => {
      const [p50, p90, p95, p99] = run.oop[y].quantiles(PERCENTILES, n).map((f) => f / 100);
      return { p50, p90, p95, p99 };
    };
    const layers: Record<string, number> = {};
    run.scheme.layers.forEach((l, i) => {
      layers[l.id] = sum((a) => a.layers[i]) / total;
    });
    years.push({
      year: y + 1,
      rate: spread(column(outcomes, y, 'rate')),
      premium: spread(column(outcomes, y, 'premium')),
      claims: spread(column(outcomes, y, 'claims')),
      lossRatio: spread(column(outcomes, y, 'lossRatio')),
      balance: spread(column(outcomes, y, 'balance')),
      insurerResult: spread(column(outcomes, y, 'insurerResult')),
      refund: spread(column(outcomes, y, 'refund')),
      poolCost: spread(column(outcomes, y, 'poolCost')),
      withheld: spread(column(outcomes, y, 'withheld')),
      returnedToPool: spread(column(outcomes, y, 'returnedToPool')),
      poolLossShare: spread(column(outcomes, y, 'poolLossShare')),
      carryOver: spread(column(outcomes, y, 'carryOver')),
      deficitProbability: outcomes.filter((o) => o[y].balance < 0).length / S,
      cashShortfallProbability: outcomes.filter((o) => o[y].cashLow < 0).length / S,
      subsidisedHeads: sum((a) => a.subsidisedHeads) / S,
      retenderProbability: outcomes.filter((o) => o[y].retender).length / S,
      burden: {
        oopMeanPerPerson: sum((a) => a.oop) / 100 / persons,
        oopMeanPerClaimant: sum((a) => a.oop) / 100 / Math.max(claimants, 1),
        perPerson: percentiles(persons),
        perClaimant: percentiles(claimants),
        catastrophicCapacityShare: sum((a) => a.catastrophicCapacity) / persons,
        catastrophicConsumptionShares: aggs[0].catastrophicConsumption.map(
          (_, k) => sum((a) => a.catastrophicConsumption[k]) / persons,
        ),
        aboveAlert: sum((a) => a.aboveAlert) / S,
        schemeAlerts: sum((a) => a.alerts) / S,
        reimbursement: {
          basic: sum((a) => a.basic) / total,
          layers,
          aid: sum((a) => a.aid) / total,
          oop: sum((a) => a.oop) / total,
        },
      },
    });
  }
  const last = info.years - 1;
  const opening = r.fund.openingBalance;
  const results = outcomes.map((o) => o[last].balance - opening);
  const sorted = [...results].sort((a, b) => a - b);
  const q05 = quantileSorted(sorted, 0.05);
  const tail = sorted.filter((v) => v <= q05);
  const insurer = outcomes.map((o) => o.reduce((t, yr) => t + yr.insurerResult, 0));
  return {
    scheme: r.scheme.id,
    rate: r.rate,
    rateLabel: r.funding.unit.en,
    scenarios: S,
    persons: info.persons,
    poolPersons: info.poolPersons,
    years,
    deficitAnyTime: deficitAnyYear(outcomes),
    result: {
      ...spread(results),
      var95: Math.max(0, -q05),
      tvar95: Math.max(0, -tail.reduce((a, b) => a + b, 0) / tail.length),
    },
    insurer: {
      ...spread(insurer),
      lossProbability: insurer.filter((v) => v < 0).length / S,
    },
    seconds: info.seconds,
  };
}
