/**
 * Pricing: the first-year rate, in the scheme's own funding unit, that meets a target
 * expected loss ratio over the projection (Σ claims / Σ premium, mean over scenarios) or a
 * target probability that the scheme account is ever in deficit. Claims do not depend on
 * the rate, so one simulation serves every rate tried: the contract rules are re-applied
 * and the rate found by bisection. Its Monte Carlo error is the spread of the rate found
 * on bootstrap resamples of the scenarios.
 */
import { YibaoError } from '../errors';
import { runContract, type YearInput } from '../fund/contract';
import { createStream } from '../random/stream';
import { deficitAnyYear, expectedLossRatio } from './metrics';
import { contractInputs, type RunInfo, type VariantRun } from './simulate';

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
  /** the target measure at the current rate */
  atCurrentRate: number;
}

const BOOTSTRAP = 100;
const ITERATIONS = 50;

/** The contract's yearly inputs of every scenario, built once for all the rates tried. */
type Inputs = YearInput[][];

/** The target measure at a rate, over the given scenarios. */
function measure(
  run: VariantRun,
  inputs: Inputs,
  scenarios: number[],
  target: PriceTarget,
  rate: number,
): number {
  const outcomes = scenarios.map((s) => runContract(run.fund, rate, inputs[s]));
  return 'lossRatio' in target ? expectedLossRatio(outcomes) : deficitAnyYear(outcomes);
}

/** Both measures fall as the rate rises: bisect for the lowest rate that meets the target. */
function solve(run: VariantRun, inputs: Inputs, scenarios: number[], target: PriceTarget): number {
  const goal = 'lossRatio' in target ? target.lossRatio : target.deficitProbability;
  const meets = (rate: number) => measure(run, inputs, scenarios, target, rate) <= goal;
  let low = 0;
  let high = Math.max(run.funding.rate, Number.MIN_VALUE);
  for (let i = 0; !meets(high); i++) {
    if (i > 60) throw new YibaoError('price: no rate meets the target');
    low = high;
    high *= 2;
  }
  for (let i = 0; i < ITERATIONS; i++) {
    const mid = (low + high) / 2;
    if (meets(mid)) high = mid;
    else low = mid;
  }
  return high;
}

export function price(run: VariantRun, info: RunInfo, target: PriceTarget): PriceResult {
  const goal = 'lossRatio' in target ? target.lossRatio : target.deficitProbability;
  if ('lossRatio' in target && !(goal > 0))
    throw new YibaoError(`target loss ratio must be positive, got ${goal}`);
  if ('deficitProbability' in target && !(goal >= 0 && goal < 1))
    throw new YibaoError(`target deficit probability must be in [0, 1), got ${goal}`);
  const all = Array.from({ length: info.scenarios }, (_, s) => s);
  const inputs = all.map((s) => contractInputs(run, s));
  const rate = solve(run, inputs, all, target);
  const stream = createStream(info.seed, 'price/bootstrap');
  const rates: number[] = [];
  for (let b = 0; b < BOOTSTRAP; b++) {
    const sample = all.map(() => Math.floor(stream.next() * all.length));
    rates.push(solve(run, inputs, sample, target));
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
    atCurrentRate: measure(run, inputs, all, target, run.funding.rate),
  };
}
