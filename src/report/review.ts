/**
 * The figures a pricing review asks of each candidate, from one simulation: is the rate
 * adequate (P(deficit in some contract year) against the scheme's review.deficit_tolerance),
 * with that probability's Monte Carlo error; the rate that meets the loss-ratio target and
 * the rate that meets the tolerance (both by `price` on the same scenarios, the contract
 * re-applied per rate tried); what comes back to the pool; the insurer's expected result.
 * ./sentences.ts turns them into the report's first page.
 */
import type { FundingKind } from '../fund/rules';
import type { Text } from '../scheme/types';
import { deficitAnyYear, expectedLossRatio } from '../simulate/metrics';
import { type PriceResult, price } from '../simulate/price';
import type { SimulationResult } from '../simulate/simulate';

/** The normal quantile of a two-sided 95% interval. */
const Z95 = 1.959964;

/** A share of the scenarios with its Monte Carlo error. */
export interface Estimate {
  value: number;
  standardError: number;
  /** 95% interval (Wilson's, which stays inside [0, 1] and is not empty at 0 or 1) */
  low: number;
  high: number;
}

/** A probability estimated as `hits` of `n` scenarios: binomial error, Wilson interval. */
export function shareEstimate(hits: number, n: number): Estimate {
  const p = hits / n;
  const centre = (p + (Z95 * Z95) / (2 * n)) / (1 + (Z95 * Z95) / n);
  const half =
    (Z95 / (1 + (Z95 * Z95) / n)) * Math.sqrt((p * (1 - p)) / n + (Z95 * Z95) / (4 * n * n));
  return {
    value: p,
    standardError: Math.sqrt((p * (1 - p)) / n),
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
  };
}

export interface ReviewFigures {
  scheme: { id: string; title: Text };
  kind: FundingKind;
  rate: number;
  scenarios: number;
  years: number;
  /** P(the scheme money is below 0 in some contract year) at the rate */
  deficit: Estimate;
  /** review.deficit_tolerance of the scheme file; null when the file sets none */
  tolerance: number | null;
  /** deficit ≤ tolerance; null without a tolerance */
  adequate: boolean | null;
  /** the loss-ratio target: the bid B where the contract has one, else break-even 1 − admin share */
  lossTarget: { value: number; basis: 'bid' | 'break_even' };
  /** the expected loss ratio over the contract at the rate (null: no premium) */
  lossRatio: number | null;
  /** the rate whose expected loss ratio over the contract is the target */
  rateForLossTarget: PriceResult;
  /** the lowest rate whose P(deficit) is within the tolerance; null without one */
  rateForTolerance: PriceResult | null;
  /** Σ premium over the contract, mean over scenarios, yuan */
  premium: number;
  /** what comes back to the pool, Σ over the contract, mean over the scenarios, yuan */
  returnedToPool: number;
  /** its parts: refunds below the bid, excess above the profit cap returned, holdback kept */
  returned: { refund: number; excess: number; holdback: number };
  /** the pool's share of the insurer's losses, Σ over the contract, mean, yuan */
  poolLossShare: number;
  /** the insurer's result Σ over the contract: mean and its standard error, yuan */
  insurer: { mean: number; standardError: number; lossProbability: number };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/** The review figures of a candidate; `tolerance` is the scheme's, or null. */
export function reviewFigures(r: SimulationResult): ReviewFigures {
  const n = r.outcomes.length;
  const tolerance = r.run.scheme.raw.review?.deficit_tolerance.value ?? null;
  const sum = (o: (typeof r.outcomes)[0], f: (y: (typeof o)[0]) => number) =>
    o.reduce((t, y) => t + f(y), 0) / 100;
  const insurer = r.outcomes.map((o) => sum(o, (y) => y.insurerResult));
  const insurerMean = mean(insurer);
  const insurerSd = Math.sqrt(
    insurer.reduce((t, v) => t + (v - insurerMean) ** 2, 0) / Math.max(1, n - 1),
  );
  const lossTarget =
    r.fund.bidNetLossRatio !== undefined
      ? { value: r.fund.bidNetLossRatio, basis: 'bid' as const }
      : { value: 1 - r.fund.adminShare, basis: 'break_even' as const };
  // the share price() meets for the tolerance, so the verdict and that rate agree
  const returned = {
    refund: mean(r.outcomes.map((o) => sum(o, (y) => y.refund))),
    excess: mean(r.outcomes.map((o) => sum(o, (y) => y.returnedToPool))),
    holdback: mean(r.outcomes.map((o) => sum(o, (y) => y.withheld))),
  };
  const deficit = shareEstimate(Math.round(deficitAnyYear(r.outcomes) * n), n);
  return {
    scheme: { id: r.scheme.id, title: r.scheme.title },
    kind: r.funding.kind,
    rate: r.rate,
    scenarios: n,
    years: r.info.years,
    deficit,
    tolerance,
    adequate: tolerance === null ? null : deficit.value <= tolerance,
    lossTarget,
    lossRatio: expectedLossRatio(r.outcomes),
    rateForLossTarget: price(r.run, r.info, { lossRatio: lossTarget.value }, r.contract),
    rateForTolerance:
      tolerance === null
        ? null
        : price(r.run, r.info, { deficitProbability: tolerance }, r.contract),
    premium: mean(r.outcomes.map((o) => sum(o, (y) => y.premium))),
    returnedToPool: returned.refund + returned.excess + returned.holdback,
    returned,
    poolLossShare: mean(r.outcomes.map((o) => sum(o, (y) => y.poolLossShare))),
    insurer: {
      mean: insurerMean,
      standardError: insurerSd / Math.sqrt(n),
      lossProbability: insurer.filter((v) => v < 0).length / n,
    },
  };
}
