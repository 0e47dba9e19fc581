/**
 * Pricing: the first-year rate, in the scheme's own funding unit, that meets a target
 * expected loss ratio over the projection (Σ claims / Σ premium, mean over scenarios) or a
 * target probability that the scheme money is in deficit in some year. Claims do not depend
 * on the rate, so one simulation serves every rate tried: the ledger is re-applied (its rate
 * rule included) and the rate found by bisection on its 8-decimal grid. Its Monte Carlo
 * error is the spread of the rate found on bootstrap resamples of the scenarios.
 */
import { YibaoError } from '../errors';
import { type LedgerYearInput, RATE_SCALE, rateUnits, runLedger } from '../fund/ledger';
import { createStream } from '../random/stream';
import { deficitAnyYear, expectedLossRatio } from './metrics';
import { type ContractOptions, contractInputs, type RunInfo, type VariantRun } from './simulate';

export type PriceTarget = { lossRatio: number } | { deficitProbability: number };

export interface PriceResult {
  target: PriceTarget;
  rate: number;
  /** standard error of the rate (bootstrap over scenarios) */
  standardError: number;
  /** 90% bootstrap interval */
  low: number;
  high: number;
  /** the scheme's own rate, for reference */
  currentRate: number;
  /** the target measure at the current rate (null: the loss ratio is undefined there) */
  atCurrentRate: number | null;
}

const BOOTSTRAP = 100;

/** The ledger's yearly inputs of every scenario, built once for all the rates tried. */
type Inputs = LedgerYearInput[][];

/** The target measure at a rate, over the given scenarios. */
function measure(
  run: VariantRun,
  inputs: Inputs,
  scenarios: number[],
  target: PriceTarget,
  rate: number,
  contract: ContractOptions,
): number | null {
  const outcomes = scenarios.map((s) => runLedger(run.fund, rate, inputs[s], contract));
  return 'lossRatio' in target ? expectedLossRatio(outcomes) : deficitAnyYear(outcomes);
}

/**
 * Both measures fall as the rate rises: bisect, in the ledger's rate units (1e-8), for the
 * lowest rate that meets the target. An undefined loss ratio (no premium) does not meet it.
 */
function solve(
  run: VariantRun,
  inputs: Inputs,
  scenarios: number[],
  target: PriceTarget,
  contract: ContractOptions,
): number {
  const goal = 'lossRatio' in target ? target.lossRatio : target.deficitProbability;
  const meets = (units: number) => {
    const m = measure(run, inputs, scenarios, target, units / RATE_SCALE, contract);
    return m !== null && m <= goal;
  };
  let low = 0;
  let high = Math.max(rateUnits(run.funding.rate), 1);
  for (let i = 0; !meets(high); i++) {
    if (i > 60) throw new YibaoError('price: no rate meets the target');
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (meets(mid)) high = mid;
    else low = mid;
  }
  return high / RATE_SCALE;
}

export function price(
  run: VariantRun,
  info: RunInfo,
  target: PriceTarget,
  contract: ContractOptions = {},
): PriceResult {
  const goal = 'lossRatio' in target ? target.lossRatio : target.deficitProbability;
  if ('lossRatio' in target && !(goal > 0))
    throw new YibaoError(`target loss ratio must be positive, got ${goal}`);
  if ('deficitProbability' in target && !(goal >= 0 && goal < 1))
    throw new YibaoError(`target deficit probability must be in [0, 1), got ${goal}`);
  const all = Array.from({ length: info.scenarios }, (_, s) => s);
  const inputs = all.map((s) => contractInputs(run, s, contract));
  const rate = solve(run, inputs, all, target, contract);
  const stream = createStream(info.seed, 'price/bootstrap');
  const rates: number[] = [];
  for (let b = 0; b < BOOTSTRAP; b++) {
    const sample = all.map(() => Math.floor(stream.next() * all.length));
    rates.push(solve(run, inputs, sample, target, contract));
  }
  rates.sort((a, b) => a - b);
  const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
  const sd = Math.sqrt(rates.reduce((a, r) => a + (r - mean) ** 2, 0) / (rates.length - 1));
  return {
    target,
    rate,
    standardError: sd,
    low: rates[Math.floor(0.05 * (rates.length - 1))],
    high: rates[Math.ceil(0.95 * (rates.length - 1))],
    currentRate: run.funding.rate,
    atCurrentRate: measure(run, inputs, all, target, run.funding.rate, contract),
  };
}
