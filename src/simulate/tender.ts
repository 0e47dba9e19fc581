/**
 * Tender: the insurer's result under the contract for a bid, over the Monte Carlo
 * scenarios, and the bid net loss ratio that meets a target expected margin or a target
 * probability of loss (docs/fund-rules.md, "Tender"). Where the contract has no rule the bid
 * acts on (no refund below the bid, no art. 21-style rate rule), the first-year rate in the
 * funding rule's unit is solved for instead.
 *
 *   one simulation (runVariants) ─▶ each scenario's yearly funding base and claims, in fen
 *     ─▶ the ledger (runLedger) at a bid and a rate, in every scenario
 *     ─▶ the insurer's result I per year and over the first cooperation period, in yuan
 *        and as a share of the premium
 *     ─▶ mean, P(loss), VaR and TVaR at 95% and 99%
 *   solve: a scan of the bid (steps of 0.01%) or a bisection of the rate (to the
 *   ledger's 1e-8), each trial re-running the ledger on the same simulation; its Monte Carlo
 *   error is the spread of the answer over bootstrap resamples of the scenarios.
 *
 * Claims do not depend on the bid or the rate, so the scenarios are simulated once.
 */
import { quantileSorted } from 'simple-statistics';
import { YibaoError } from '../errors';
import { exactOf } from '../fund/exact';
import {
  type LedgerYear,
  type LedgerYearInput,
  RATE_SCALE,
  rateUnits,
  runLedger,
} from '../fund/ledger';
import type { FundRules, LossCause } from '../fund/rules';
import { type BootstrapError, bootstrapError } from './bootstrap';
import { contractInputs, type RunInfo, type VariantRun } from './simulate';

/** What the insurer's result depends on besides the claims. */
export interface TenderTerms {
  /** the bid net loss ratio B, 0 < B ≤ 1 (default: the scheme's fund.bid_net_loss_ratio) */
  bid?: number;
  /** the first-year rate in the funding rule's unit, at most 8 decimals (default: the scheme's) */
  rate?: number;
  /** whether the contract is amended when the loss ratio reaches the threshold (art. 21) */
  contractChange?: 'when_needed' | 'never';
  /** the cause of every year's loss, for a contract that shares only some (default insurer) */
  lossCause?: LossCause;
}

/**
 * A target over the first cooperation period: an expected margin (mean over scenarios of
 * Σ insurer result / Σ premium), or a probability that the period's result is a loss.
 */
export type TenderTarget = { margin: number } | { lossProbability: number };

/** The spread of a result over the scenarios; a loss is a result below 0. */
export interface RiskMeasures {
  mean: number;
  /** Monte Carlo standard error of the mean: sd / √S */
  standardError: number;
  p50: number;
  /** share of scenarios with a result below 0 */
  lossProbability: number;
  /**
   * Value at risk at 95%: the loss of the k-th worst scenario, k = ⌈5% × S⌉, i.e. −(k-th
   * smallest result); negative when even that scenario is a profit.
   */
  var95: number;
  /** tail value at risk at 95%: the mean loss of the k worst scenarios */
  tvar95: number;
  /** as var95, k = ⌈1% × S⌉ */
  var99: number;
  tvar99: number;
}

/** The insurer's result in yuan, and each scenario's result over its own premium. */
export interface ResultSpread {
  /** mean premium, yuan */
  premium: number;
  yuan: RiskMeasures;
  share: RiskMeasures;
}

export interface TenderYear extends ResultSpread {
  year: number;
  /** mean rate of the year (the art. 21 rule may have raised it) */
  rate: number;
  /** mean refund below the bid, yuan */
  refund: number;
  /** share of scenarios in which this year belongs to the first cooperation period */
  inFirstPeriod: number;
}

export interface TenderResult {
  scheme: string;
  unit: { zh: string; en: string };
  /** the first-year rate */
  rate: number;
  /** the bid; null where the contract has no rule the bid acts on */
  bid: number | null;
  contractChange: 'when_needed' | 'never';
  lossCause: LossCause;
  scenarios: number;
  years: TenderYear[];
  /**
   * Over the first cooperation period: its `contractYears` years (`projectedYears` of them
   * when the projection is shorter), fewer in the scenarios where a re-tender ends it early.
   */
  period: ResultSpread & { contractYears: number; projectedYears: number; endedEarly: number };
  /** each scenario's result over the first period, yuan (for charts) */
  periodResults: number[];
}

/** The bid or rate that meets a target, with its error (bootstrap over scenarios). */
export interface TenderSolution extends BootstrapError {
  target: TenderTarget;
  solvedFor: 'bid' | 'rate';
  /** the highest bid, or the lowest rate, that meets the target on the scenarios */
  value: number;
  /** the target measure at the value */
  achieved: number;
  /** the insurer's result at the value */
  result: TenderResult;
}

/** bids are solved in steps of 0.01% (as a bid is quoted), from 1% to 100% */
const BID_SCALE = 1e4;
const BID_LOWEST = 100;
/** the rate search stops where every year's premium is this many times its claims */
const RATE_CEILING_MULTIPLE = 1000;
/**
 * A margin a fen a year short of its target meets it: the ledger rounds the refund, the
 * operating cost and the other shares of premium each to the fen, so at a bid of exactly
 * 1 − cost − M the result can fall a fen or two short of M × premium; counting that as
 * unmet would put the answer a step of the grid off.
 */
const FEN_A_YEAR = 1;
/** floating-point slack of a mean of ratios */
const FLOAT_SLACK = 1e-12;

/** Whether the contract has a rule the bid acts on: the refund below it, or the art. 21 rate rule. */
export function hasBid(fund: FundRules): boolean {
  return fund.refundBelowBid || fund.rateAdjustment !== undefined;
}

/** Every scenario's ledger inputs, each year's loss given the terms' cause. */
function ledgerInputs(run: VariantRun, lossCause: LossCause): LedgerYearInput[][] {
  return run.agg.map((_, s) => contractInputs(run, s, { lossCause }));
}

/** The contract at a bid: the scheme's rules with `bidNetLossRatio` replaced. */
function rulesAt(fund: FundRules, bid: number | null): FundRules {
  return bid === null ? fund : { ...fund, bidNetLossRatio: bid };
}

/** Each scenario's result and premium over the first cooperation period, fen. */
interface PeriodTotals {
  result: Float64Array;
  premium: Float64Array;
  /** years in the period */
  years: Uint8Array;
}

function periodTotals(ledgers: LedgerYear[][]): PeriodTotals {
  const result = new Float64Array(ledgers.length);
  const premium = new Float64Array(ledgers.length);
  const count = new Uint8Array(ledgers.length);
  ledgers.forEach((years, s) => {
    for (const y of years) {
      if (y.period !== 1) break;
      result[s] += y.insurerResult;
      premium[s] += y.premium;
      count[s]++;
    }
  });
  return { result, premium, years: count };
}

/** mean, P(loss), VaR and TVaR of a result over the scenarios. */
export function riskMeasures(values: ArrayLike<number>): RiskMeasures {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? sorted.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  const tail = (level: number) => {
    const k = Math.max(1, Math.ceil((1 - level) * n - 1e-9));
    let sum = 0;
    for (let i = 0; i < k; i++) sum += sorted[i];
    return { var: -sorted[k - 1], tvar: -sum / k };
  };
  const t95 = tail(0.95);
  const t99 = tail(0.99);
  let losses = 0;
  for (const v of sorted) if (v < 0) losses++;
  return {
    mean,
    standardError: Math.sqrt(variance / n),
    p50: quantileSorted(Array.from(sorted), 0.5),
    lossProbability: losses / n,
    var95: t95.var,
    tvar95: t95.tvar,
    var99: t99.var,
    tvar99: t99.tvar,
  };
}

function spreadOf(
  result: ArrayLike<number>,
  premium: ArrayLike<number>,
  where: string,
): ResultSpread {
  const n = result.length;
  const share = new Float64Array(n);
  let premiumSum = 0;
  for (let s = 0; s < n; s++) {
    if (!(premium[s] > 0))
      throw new YibaoError(`the rate raises no premium in scenario ${s + 1}, ${where}`);
    share[s] = result[s] / premium[s];
    premiumSum += premium[s];
  }
  return {
    premium: premiumSum / n / 100,
    yuan: riskMeasures(Array.from(result, (v) => v / 100)),
    share: riskMeasures(share),
  };
}

/** The terms with their defaults: the bid (null where no rule acts on it), the first-year rate. */
interface Terms {
  bid: number | null;
  rate: number;
  contractChange: 'when_needed' | 'never';
  lossCause: LossCause;
}

/** How a tender's inputs are named in its errors: the library's fields, or the CLI's options. */
export interface TenderInputNames {
  bid: string;
  rate: string;
  contractChange: string;
  lossCause: string;
  margin: string;
  lossProbability: string;
}

const FIELDS: TenderInputNames = {
  bid: 'bid',
  rate: 'rate',
  contractChange: 'contractChange',
  lossCause: 'lossCause',
  margin: 'target margin',
  lossProbability: 'target lossProbability',
};

/**
 * Refuses terms and a target the contract cannot take, each error naming the input as
 * `names` says: a bid where no rule acts on it or outside (0, 1]; a rate that is not
 * positive or has more than 8 decimals; a target with the value it is solved for given too.
 * `tenderResult` and `solveTender` call it; the CLI calls it before it simulates.
 */
export function checkTender(
  scheme: { id: string; fund: FundRules },
  terms: TenderTerms,
  target?: TenderTarget,
  names: TenderInputNames = FIELDS,
): void {
  const withBid = hasBid(scheme.fund);
  const { bid, rate, contractChange, lossCause } = terms;
  if (bid !== undefined && !withBid)
    throw new YibaoError(
      `${names.bid}: the contract of ${scheme.id} has no rule the bid acts on (fund.refund_below_bid, fund.rate_adjustment); its tender is on the rate`,
    );
  if (bid !== undefined && !(bid > 0 && bid <= 1))
    throw new YibaoError(`${names.bid} must be a net loss ratio in (0, 1], got ${bid}`);
  if (bid !== undefined) exactOf(bid, names.bid);
  if (
    rate !== undefined &&
    !(rate > 0 && Number.isFinite(rate) && rateUnits(rate) / RATE_SCALE === rate)
  )
    throw new YibaoError(
      `${names.rate} must be a positive number with at most 8 decimals, got ${rate}`,
    );
  if (
    contractChange !== undefined &&
    contractChange !== 'when_needed' &&
    contractChange !== 'never'
  )
    throw new YibaoError(
      `${names.contractChange} must be when_needed or never, not '${contractChange}'`,
    );
  if (lossCause !== undefined && lossCause !== 'insurer' && lossCause !== 'policy')
    throw new YibaoError(`${names.lossCause} must be policy or insurer, not '${lossCause}'`);
  if (target === undefined) return;
  if ('margin' in target && !(target.margin < 1 && Number.isFinite(target.margin)))
    throw new YibaoError(
      `${names.margin} must be a share of premium below 1, got ${target.margin}`,
    );
  if ('lossProbability' in target && !(target.lossProbability >= 0 && target.lossProbability < 1))
    throw new YibaoError(
      `${names.lossProbability} must be a probability in [0, 1), got ${target.lossProbability}`,
    );
  const targetName = 'margin' in target ? names.margin : names.lossProbability;
  if (withBid && bid !== undefined)
    throw new YibaoError(
      `${names.bid} and ${targetName}: the target is solved for the bid; give one of them`,
    );
  if (!withBid && rate !== undefined)
    throw new YibaoError(
      `${names.rate} and ${targetName}: the contract of ${scheme.id} has no rule the bid acts on, so the target is solved for the rate; give one of them`,
    );
}

/** Checks the terms and fills in the defaults: the scheme's bid and rate. */
function termsOf(run: VariantRun, terms: TenderTerms, target?: TenderTarget): Terms {
  checkTender({ id: run.scheme.id, fund: run.fund }, terms, target);
  const withBid = hasBid(run.fund);
  return {
    bid: withBid ? (terms.bid ?? run.fund.bidNetLossRatio!) : null,
    rate: terms.rate ?? run.funding.rate,
    contractChange: terms.contractChange ?? 'when_needed',
    lossCause: terms.lossCause ?? 'insurer',
  };
}

function settleAll(run: VariantRun, inputs: LedgerYearInput[][], t: Terms): LedgerYear[][] {
  const rules = rulesAt(run.fund, t.bid);
  return inputs.map((years) =>
    runLedger(rules, t.rate, years, { contractChange: t.contractChange }),
  );
}

function resultOf(run: VariantRun, info: RunInfo, t: Terms, ledgers: LedgerYear[][]): TenderResult {
  const S = ledgers.length;
  const years: TenderYear[] = [];
  for (let y = 0; y < info.years; y++) {
    const at = ledgers.map((l) => l[y]);
    const mean = (f: (l: LedgerYear) => number) => at.reduce((a, l) => a + f(l), 0) / S;
    years.push({
      year: y + 1,
      rate: mean((l) => l.rate),
      refund: mean((l) => l.refund) / 100,
      inFirstPeriod: at.filter((l) => l.period === 1).length / S,
      ...spreadOf(
        at.map((l) => l.insurerResult),
        at.map((l) => l.premium),
        `year ${y + 1}`,
      ),
    });
  }
  const totals = periodTotals(ledgers);
  const contractYears = run.fund.contractYears;
  const endedEarly = ledgers.filter((l) =>
    l.some((y) => y.period === 1 && y.retender && y.yearOfPeriod < contractYears),
  ).length;
  return {
    scheme: run.scheme.id,
    unit: run.funding.unit,
    rate: t.rate,
    bid: t.bid,
    contractChange: t.contractChange,
    lossCause: t.lossCause,
    scenarios: S,
    years,
    period: {
      contractYears,
      projectedYears: Math.min(contractYears, info.years),
      endedEarly: endedEarly / S,
      ...spreadOf(totals.result, totals.premium, 'first cooperation period'),
    },
    periodResults: Array.from(totals.result, (v) => v / 100),
  };
}

/**
 * The insurer's result under the contract at a bid and a first-year rate, over the
 * scenarios of one simulation: per year and over the first cooperation period, in yuan and
 * as a share of the premium.
 *
 * @example
 * const { runs, info } = await runVariants(['dazhou-2023'], { scenarios: 50, persons: 10000 });
 * const t = tenderResult(runs[0], info, { bid: 0.9 });
 * t.period.share.mean; // about 0.07: below the bid the insurer refunds down to 90% of premium, less its 3% cost
 */
export function tenderResult(
  run: VariantRun,
  info: RunInfo,
  terms: TenderTerms = {},
): TenderResult {
  const t = termsOf(run, terms);
  return resultOf(run, info, t, settleAll(run, ledgerInputs(run, t.lossCause), t));
}

/**
 * Each scenario's part in the target's measure at a trial, over the first cooperation
 * period: its margin, allowed a fen a year of rounding (−∞ where its premium is 0: a margin
 * is not met there), or 1 for a loss and 0 for none.
 */
function scoresOf(totals: PeriodTotals, target: TenderTarget): Float64Array {
  return Float64Array.from(totals.result, (result, s) => {
    if (!('margin' in target)) return Number(result < 0);
    const premium = totals.premium[s];
    return premium > 0
      ? (result + FEN_A_YEAR * totals.years[s]) / premium
      : Number.NEGATIVE_INFINITY;
  });
}

/** The target's measure as it is, over every scenario: the expected margin, or P(loss). */
function measureOf(result: TenderResult, target: TenderTarget): number {
  return 'margin' in target ? result.period.share.mean : result.period.yuan.lossProbability;
}

/**
 * The highest bid, or where the contract has no rule the bid acts on the lowest first-year
 * rate, at which the insurer's expected margin over the first cooperation period is at
 * least `target.margin`, or its probability of a loss there at most
 * `target.lossProbability`; with its Monte Carlo error (bootstrap over scenarios) and the
 * insurer's result at it.
 *
 * The bid is scanned from 100% down in steps of 0.01% (to 1%), and the first that meets
 * the target taken: a higher bid refunds more below it and aims the art. 21 rate rule
 * lower, so the margin mostly falls as the bid rises, but a lower bid also brings a
 * re-tender sooner, which ends the period early, so the measures need not move one way.
 * Each step re-runs the ledger once per scenario. The rate is bisected to the ledger's 8
 * decimals: without a rule the bid acts on there is no re-tender, and a higher rate raises
 * the premium and the result with it (unless the holdback kept, h × (1 − s), exceeds the
 * profit cap q: then the capped result falls with the premium).
 *
 * @example
 * const { runs, info } = await runVariants(['dazhou-2023'], { scenarios: 50, persons: 10000 });
 * solveTender(runs[0], info, { margin: 0.02 }).value; // about 0.95 = 1 − 3% cost − 2% margin
 */
export function solveTender(
  run: VariantRun,
  info: RunInfo,
  target: TenderTarget,
  terms: TenderTerms = {},
): TenderSolution {
  const t = termsOf(run, terms, target);
  const goal = 'margin' in target ? target.margin : target.lossProbability;
  const solvedFor = t.bid === null ? 'rate' : 'bid';
  const inputs = ledgerInputs(run, t.lossCause);
  const termsAt = (units: number): Terms =>
    solvedFor === 'bid' ? { ...t, bid: units / BID_SCALE } : { ...t, rate: units / RATE_SCALE };
  // Each trial's scores are kept: the bootstrap resamples try many of the same trials.
  const cache = new Map<number, Float64Array>();
  const meets = (units: number, scenarios: readonly number[]) => {
    let scores = cache.get(units);
    if (!scores) {
      scores = scoresOf(periodTotals(settleAll(run, inputs, termsAt(units))), target);
      cache.set(units, scores);
    }
    let sum = 0;
    for (const s of scenarios) sum += scores[s];
    const m = sum / scenarios.length;
    return 'margin' in target ? m >= goal - FLOAT_SLACK : m <= goal + FLOAT_SLACK;
  };
  const unmet = (units: number, resample: boolean) => {
    const at = termsAt(units);
    const there = measureOf(resultOf(run, info, at, settleAll(run, inputs, at)), target);
    return new YibaoError(
      `no ${solvedFor} meets ${'margin' in target ? `an expected margin of ${goal}` : `a probability of loss of at most ${goal}`}${
        resample
          ? ' in a bootstrap resample of the scenarios (the target is at the edge of what the contract allows: a less extreme target, or more scenarios)'
          : ''
      }: at the ${solvedFor === 'bid' ? 'lowest bid' : 'highest rate'} tried, ${solvedFor === 'bid' ? at.bid : at.rate}, ${'margin' in target ? 'the expected margin' : 'the probability of loss'} over all the scenarios is ${there}`,
    );
  };

  const solveOn = (scenarios: readonly number[], resample: boolean): number => {
    if (solvedFor === 'bid') {
      // The highest bid that meets the target, scanned down from 100% in steps of 0.01%; not
      // bisected, since a lower bid brings a re-tender sooner, which ends the period early and
      // can make the measure turn back (P(loss) fall again below some bid).
      for (let units = BID_SCALE; units >= BID_LOWEST; units--)
        if (meets(units, scenarios)) return units / BID_SCALE;
      throw unmet(BID_LOWEST, resample);
    }
    // the margin rises (P(loss) falls) with the rate: the lowest rate that meets the target
    const ceiling = rateCeiling(run);
    let low = 0;
    let high = Math.min(rateUnits(run.funding.rate), ceiling);
    while (!meets(high, scenarios)) {
      if (high >= ceiling) throw unmet(ceiling, resample);
      low = high;
      high = Math.min(high * 2, ceiling);
    }
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (meets(mid, scenarios)) high = mid;
      else low = mid;
    }
    return high / RATE_SCALE;
  };

  const all = Array.from({ length: info.scenarios }, (_, s) => s);
  const value = solveOn(all, false);
  const error = bootstrapError(info.seed, 'tender/bootstrap', info.scenarios, (sample) =>
    solveOn(sample, true),
  );
  const at = solvedFor === 'bid' ? { ...t, bid: value } : { ...t, rate: value };
  const result = resultOf(run, info, at, settleAll(run, inputs, at));
  return {
    target,
    solvedFor,
    value,
    ...error,
    achieved: measureOf(result, target),
    result,
  };
}

/**
 * The highest rate the search tries, in the ledger's units: the rate at which every year of
 * every scenario raises at least RATE_CEILING_MULTIPLE times its claims (counted as at least
 * 1 yuan), loss ratios of 0.1% or less. A target not met there is beyond the contract.
 */
function rateCeiling(run: VariantRun): number {
  let perBase = 0;
  run.agg.forEach((years, s) => {
    years.forEach((a, y) => {
      const base = run.fundingBase[s][y];
      if (base > 0) perBase = Math.max(perBase, Math.max(a.insured, 100) / 100 / base);
    });
  });
  return Math.max(1, Math.ceil(RATE_CEILING_MULTIPLE * perBase * RATE_SCALE));
}
