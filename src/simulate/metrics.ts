/**
 * Metrics of a simulation, per year and over the projection, in yuan: the spread of premium,
 * claims and loss ratio; the three things the contract keeps apart — the scheme money
 * (当年基金收支; a deficit is scheme money < 0), the insurer's result (承办机构经营结果) and
 * the pool's balance and net cost (基金结余, 基金净支出) — with the probabilities of a deficit
 * and of an intra-year cash shortfall for the scheme money and for the pool; the insurer's
 * result over the projection with VaR and TVaR; the out-of-pocket burden. Monte Carlo
 * percentiles are of the scenarios; burden percentiles of person-years.
 */
import type { LedgerYear } from '../fund/ledger';
import { type AidBudgetYear, aidBudgetYears } from './aid-budget-summary';
import type { MethodInfo } from './large-pool/method';
import type { ContractOptions, SimulationResult, YearOutcome } from './simulate';

export interface Spread {
  mean: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/**
 * The p-quantile of ascending values by linear interpolation between order statistics:
 * the definition of Excel's PERCENTILE.INC (numpy's default, R's type 7), so a reviewer
 * recomputes every percentile of a summary from the scenarios in a spreadsheet.
 */
export function percentileInc(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  if (lo === h || lo + 1 >= sorted.length) return sorted[lo];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => percentileInc(sorted, p);
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
  /** net loss ratio C / P; null (undefined) when the premium of some scenario is 0 */
  lossRatio: Spread | null;
  /** 当年基金收支: premium + carry-in − claims */
  schemeMoney: Spread;
  /** 承办机构经营结果 */
  insurerResult: Spread;
  /** 基金结余: the pool's balance at year end */
  poolBalance: Spread;
  /** 基金净支出: premium − refund − excess returned − withheld + loss share */
  poolNetCost: Spread;
  refund: Spread;
  withheld: Spread;
  returnedToPool: Spread;
  poolLossShare: Spread;
  carryOver: Spread;
  /** P(scheme money < 0): the claims exceeded what was raised for them */
  deficitProbability: number;
  /** P(the scheme money's cash falls below 0 within the year) */
  schemeCashShortfallProbability: number;
  /** P(pool balance < 0 at year end) */
  poolDeficitProbability: number;
  /** P(the pool's cash falls below 0 within the year) */
  poolCashShortfallProbability: number;
  /** the medical-aid fund's spending and quarterly alert list, where the scheme has them */
  medicalAid?: AidBudgetYear;
  retenderProbability: number;
  burden: Burden;
}

export interface Summary {
  scheme: string;
  rate: number;
  rateLabel: string;
  /** how the contract was applied (contract change, loss cause) */
  contract: ContractOptions;
  scenarios: number;
  /** the persons simulated in year 1 */
  persons: number;
  /** the scheme's insured pool, when its file gives it (persons may be a smaller sample) */
  poolPersons?: number;
  years: YearSummary[];
  /** probability that the scheme money is in deficit in some year */
  deficitAnyTime: number;
  /** probability that the pool's balance is below 0 at some year end */
  poolDeficitAnyTime: number;
  /** the insurer's result summed over the projection; VaR/TVaR at 95% of its loss */
  insurer: Spread & { lossProbability: number; var95: number; tvar95: number };
  /** the pool's net cost summed over the projection, and its balance at the end */
  pool: { netCost: Spread; finalBalance: Spread };
  /** the method that ran (brute force or large-pool), when the run says */
  method?: MethodInfo;
  seconds: number;
}

/**
 * Mean over scenarios of each scenario's Σ claims / Σ premium over the projection; null
 * (undefined) when some scenario raised no premium.
 */
export function expectedLossRatio(outcomes: LedgerYear[][]): number | null {
  let sum = 0;
  for (const o of outcomes) {
    const claims = o.reduce((t, y) => t + y.claims, 0);
    const premium = o.reduce((t, y) => t + y.premium, 0);
    if (premium === 0) return null;
    sum += claims / premium;
  }
  return sum / outcomes.length;
}

/** Share of scenarios whose scheme money is in deficit (below 0) in some year. */
export function deficitAnyYear(outcomes: LedgerYear[][]): number {
  return outcomes.filter((o) => o.some((y) => y.schemeMoney < 0)).length / outcomes.length;
}

/** The spread of a money field over the scenarios of year y, in yuan. */
function yuanSpread(outcomes: YearOutcome[][], y: number, key: keyof YearOutcome): Spread {
  return spread(outcomes.map((o) => (o[y][key] as number) / 100));
}

function share(outcomes: YearOutcome[][], f: (o: YearOutcome[]) => boolean): number {
  return outcomes.filter(f).length / outcomes.length;
}

/** VaR and TVaR at 95% of a result's loss (0 when the 5% tail is a profit). */
export function tailRisk(values: number[]): { var95: number; tvar95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const q05 = percentileInc(sorted, 0.05);
  const tail = sorted.filter((v) => v <= q05);
  return {
    var95: Math.max(0, -q05),
    tvar95: Math.max(0, -tail.reduce((a, b) => a + b, 0) / tail.length),
  };
}

const PERCENTILES = [0.5, 0.9, 0.95, 0.99];

export function summarize(r: SimulationResult): Summary {
  const { outcomes, run, info } = r;
  const S = outcomes.length;
  const years: YearSummary[] = [];
  const medicalAid = aidBudgetYears(run, info);
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
    const lossRatios = outcomes.map((o) => o[y].lossRatio);
    years.push({
      year: y + 1,
      rate: spread(outcomes.map((o) => o[y].rate)),
      premium: yuanSpread(outcomes, y, 'premium'),
      claims: yuanSpread(outcomes, y, 'claims'),
      lossRatio: lossRatios.includes(null) ? null : spread(lossRatios as number[]),
      schemeMoney: yuanSpread(outcomes, y, 'schemeMoney'),
      insurerResult: yuanSpread(outcomes, y, 'insurerResult'),
      poolBalance: yuanSpread(outcomes, y, 'poolBalance'),
      poolNetCost: yuanSpread(outcomes, y, 'poolNetCost'),
      refund: yuanSpread(outcomes, y, 'refund'),
      withheld: yuanSpread(outcomes, y, 'withheld'),
      returnedToPool: yuanSpread(outcomes, y, 'returnedToPool'),
      poolLossShare: yuanSpread(outcomes, y, 'poolLossShare'),
      carryOver: yuanSpread(outcomes, y, 'carryOver'),
      deficitProbability: share(outcomes, (o) => o[y].schemeMoney < 0),
      schemeCashShortfallProbability: share(outcomes, (o) => o[y].schemeCashLow < 0),
      poolDeficitProbability: share(outcomes, (o) => o[y].poolBalance < 0),
      poolCashShortfallProbability: share(outcomes, (o) => o[y].poolCashLow < 0),
      retenderProbability: share(outcomes, (o) => o[y].retender),
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
      ...(medicalAid ? { medicalAid: medicalAid[y] } : {}),
    });
  }
  const overYears = (o: YearOutcome[], key: 'insurerResult' | 'poolNetCost') =>
    o.reduce((t, yr) => t + yr[key], 0) / 100;
  const insurer = outcomes.map((o) => overYears(o, 'insurerResult'));
  return {
    scheme: r.scheme.id,
    rate: r.rate,
    rateLabel: r.funding.unit.en,
    contract: r.contract,
    scenarios: S,
    persons: info.persons,
    poolPersons: info.poolPersons,
    years,
    deficitAnyTime: deficitAnyYear(outcomes),
    poolDeficitAnyTime: share(outcomes, (o) => o.some((y) => y.poolBalance < 0)),
    insurer: {
      ...spread(insurer),
      lossProbability: insurer.filter((v) => v < 0).length / S,
      ...tailRisk(insurer),
    },
    pool: {
      netCost: spread(outcomes.map((o) => overYears(o, 'poolNetCost'))),
      finalBalance: spread(outcomes.map((o) => o[o.length - 1].poolBalance / 100)),
    },
    ...(info.method && { method: info.method }),
    seconds: info.seconds,
  };
}
