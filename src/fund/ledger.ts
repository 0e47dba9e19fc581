/**
 * The ledger: the contract between the pool (the buying fund) and the insurer, settled year
 * by year in whole fen (docs/fund-rules.md). One implementation, used by `yibao ledger`,
 * simulate, price, compare, pooling and the reports.
 *
 *   a year's figures: funding base, claims C [, operating cost E, assessment score,
 *   contract change, loss cause]
 *     ─▶ premium P = round(r × b), loss ratio L = C / P, scheme money G = P + K_in − C
 *     ─▶ refund below the bid F
 *     ─▶ profit cap: excess X, carried over (K_out) or returned to the pool (X_ret)
 *     ─▶ loss sharing Z (of max(−G, 0), for the causes the contract shares)
 *     ─▶ holdback withheld W (a penalty on the insurer's result only)
 *     ─▶ insurer result I, pool net cost N, pool balance B
 *     ─▶ next year's rate (the art. 21 rule, per cooperation period)
 *
 * Every fen is accounted for, every year: P + K_in = C + E + I + K_out + (F + X_ret + W − Z).
 * Products are rounded half-up to the fen where first computed; rates to 8 decimals.
 */
import { YibaoError } from '../errors';
import {
  compareProducts,
  type Exact,
  exactOf,
  mulDivRound,
  mulMulDivRound,
  onePlus,
  times,
} from './exact';
import type { FundRules, LossCause } from './rules';

/** Rates are held in units of 1e-8. */
export const RATE_SCALE = 1e8;

/**
 * The largest amount the ledger takes or makes, fen (10^12 yuan): sums of a few such amounts
 * stay exact in float64.
 */
export const MAX_FEN = 1e14;

/** One year's figures. Money in fen (whole numbers). */
export interface LedgerYearInput {
  /** Σ contribution bases (yuan), per-capita funding × insured (yuan), or heads; taken to 0.01 */
  fundingBase: number;
  /** what the layers the premium pays paid, fen */
  claims: number;
  /** fen; default round(admin_share × premium) */
  operatingCost?: number;
  /** 0–1, the share of the holdback the assessment releases; default the scheme's */
  assessmentScore?: number;
  /** whether the contract content was changed this year; default: when needed (L ≥ threshold) */
  contractChange?: boolean;
  /** default 'insurer' */
  lossCause?: LossCause;
}

export interface LedgerOptions {
  /** the pool's balance brought in, fen (default: the rules' opening balance) */
  openingBalance?: number;
  /**
   * The contract change of the years that give none: 'when_needed' (default: the contract is
   * amended whenever the loss ratio reaches the threshold) or 'never'.
   */
  contractChange?: 'when_needed' | 'never';
}

/** One settled year. Money in fen (whole numbers). */
export interface LedgerYear {
  year: number;
  /** cooperation period, counted from 1 */
  period: number;
  /** year within its cooperation period, from 1 */
  yearOfPeriod: number;
  /** this year's rate, in the funding rule's unit, 8 decimals */
  rate: number;
  premium: number;
  claims: number;
  /** C / P, the net loss ratio (Dazhou art. 13); null (undefined) when the premium is 0 */
  lossRatio: number | null;
  operatingCost: number;
  carryIn: number;
  /** G = P + K_in − C: the scheme money of the year (the insurer's separate account) */
  schemeMoney: number;
  refund: number;
  /** X: the insurer's take above the profit cap */
  excess: number;
  returnedToPool: number;
  carryOver: number;
  /** max(−G, 0): the scheme money ran out */
  loss: number;
  poolLossShare: number;
  /** H: held back until the assessment */
  holdback: number;
  /** W = H − round(H × s): kept by the pool */
  withheld: number;
  /** I = G − F − X − W − E + Z */
  insurerResult: number;
  /** N = P − F − X_ret − W + Z */
  poolNetCost: number;
  /** B_t = B_(t−1) + F + X_ret + W − Z: the pool's balance (基金结余) */
  poolBalance: number;
  /** the assessment score applied (null without a holdback) */
  assessmentScore: number | null;
  contractChanged: boolean;
  lossCause: LossCause;
  /** next year's rate */
  nextRate: number;
  /** the wanted rate exceeded the limits: next year starts a new cooperation period at it */
  retender: boolean;
}

/** The rules' figures held exactly, once per rules object. */
interface Terms {
  admin: Exact;
  bid?: Exact;
  cap?: Exact;
  poolShare?: Exact;
  holdback?: Exact;
  score?: Exact;
  threshold?: Exact;
  annual?: Exact;
  cumulative?: Exact;
  opening: number;
}

const compiled = new WeakMap<FundRules, Terms>();

function termsOf(rules: FundRules): Terms {
  let t = compiled.get(rules);
  if (t) return t;
  const adj = rules.rateAdjustment;
  if ((adj || rules.refundBelowBid) && !(rules.bidNetLossRatio! > 0))
    throw new YibaoError(
      'the refund below the bid and the rate adjustment need fund.bid_net_loss_ratio > 0',
      { field: 'fund.bid_net_loss_ratio' },
    );
  if (!Number.isInteger(rules.contractYears) || rules.contractYears < 1)
    throw new YibaoError(`fund.contract_years must be a whole number ≥ 1`, {
      field: 'fund.contract_years',
    });
  const opening = exactOf(rules.openingBalance, 'fund.opening_balance');
  if (opening.scale > 100)
    throw new YibaoError(`fund.opening_balance must be yuan with at most two decimals`, {
      field: 'fund.opening_balance',
    });
  t = {
    admin: exactOf(rules.adminShare, 'fund.admin_share'),
    bid:
      rules.bidNetLossRatio === undefined
        ? undefined
        : exactOf(rules.bidNetLossRatio, 'fund.bid_net_loss_ratio'),
    cap: rules.profitCap && exactOf(rules.profitCap.share, 'fund.profit_cap.share'),
    poolShare:
      rules.lossSharing && exactOf(rules.lossSharing.poolShare, 'fund.loss_sharing.pool_share'),
    holdback: rules.holdback && exactOf(rules.holdback.share, 'fund.holdback.share'),
    score:
      rules.holdback && exactOf(rules.holdback.assessmentScore, 'fund.holdback.assessment_score'),
    threshold: adj && exactOf(adj.threshold, 'fund.rate_adjustment.threshold'),
    annual: adj && onePlus(exactOf(adj.maxAnnual, 'fund.rate_adjustment.max_annual')),
    cumulative: adj && onePlus(exactOf(adj.maxCumulative, 'fund.rate_adjustment.max_cumulative')),
    opening: mulDivRound(opening.units, 100, opening.scale),
  };
  compiled.set(rules, t);
  return t;
}

/** The rules' opening balance of the pool, fen. */
export function openingBalanceOf(rules: FundRules): number {
  return termsOf(rules).opening;
}

/** A rate in units of 1e-8, rounded half-up. */
export function rateUnits(rate: number): number {
  const r = exactOf(rate, 'rate');
  return mulDivRound(r.units, RATE_SCALE, r.scale);
}

function fenAmount(value: number, what: string, year: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new YibaoError(`year ${year}: ${what} must be whole fen ≥ 0, got ${value}`, {
      field: what,
    });
  if (value > MAX_FEN) throw beyond(what, year);
  return value;
}

function beyond(what: string, year: number): YibaoError {
  return new YibaoError(
    `year ${year}: the ${what} is beyond ${MAX_FEN / 100} yuan, more than the ledger holds exactly`,
    { field: what },
  );
}

/**
 * Settles the years in order from the first-year rate `rate` (in the funding rule's unit).
 *
 * @example
 * // Ordos-like: 10,000 insured at 60 yuan, claims 500,000.00 (fen below)
 * runLedger(fundRulesOf(loadScheme('ordos-2018')), 60, [{ fundingBase: 10000, claims: 50_000_000 }])[0]
 *   .insurerResult; // 3_000_000 fen: the 5% cap after the 3% operating cost
 */
export function runLedger(
  rules: FundRules,
  rate: number,
  years: readonly LedgerYearInput[],
  options: LedgerOptions = {},
): LedgerYear[] {
  const t = termsOf(rules);
  const out: LedgerYear[] = [];
  let r = rateUnits(rate);
  let r0 = r;
  let period = 1;
  let yearOfPeriod = 1;
  let carry = 0;
  let balance = options.openingBalance ?? t.opening;
  for (const [i, input] of years.entries()) {
    const year = i + 1;
    if (!(input.fundingBase >= 0) || !Number.isFinite(input.fundingBase))
      throw new YibaoError(`year ${year}: the funding base must be a number ≥ 0`, {
        field: 'funding_base',
      });
    const P = mulDivRound(r, Math.round(input.fundingBase * 100), RATE_SCALE);
    if (P > MAX_FEN) throw beyond('premium', year);
    const C = fenAmount(input.claims, 'claims', year);
    const E =
      input.operatingCost === undefined
        ? times(P, t.admin)
        : fenAmount(input.operatingCost, 'operating_cost', year);
    const Kin = carry;
    const G = P + Kin - C;
    // L < B, exactly: C × scale < units × P
    const belowBid =
      rules.refundBelowBid && P > 0 && compareProducts(C, t.bid!.scale, t.bid!.units, P) < 0;
    const F = belowBid ? times(P, t.bid!) - C : 0;

    // Next year's rate (art. 21): only a loss ratio at the threshold *and* a changed contract
    // allow an increase; the wanted rate w = r × L / B; beyond the limits, a new tender.
    const reaches =
      t.threshold !== undefined &&
      P > 0 &&
      compareProducts(C, t.threshold.scale, t.threshold.units, P) >= 0;
    const changed = input.contractChange ?? (options.contractChange !== 'never' && reaches);
    let next = r;
    let retender = false;
    if (reaches && changed) {
      const w = mulMulDivRound(r, C, t.bid!.scale, P, t.bid!.units);
      if (w > Number.MAX_SAFE_INTEGER) throw beyond('wanted rate', year);
      const allowed = Math.min(times(r, t.annual!), times(r0, t.cumulative!));
      if (w <= allowed) next = Math.max(r, w);
      else {
        next = w;
        retender = true;
      }
    }
    const periodEnds = retender || yearOfPeriod >= rules.contractYears;

    // Profit cap: the insurer's take T above Q = round(q × P) is the excess.
    let X = 0;
    let Xret = 0;
    let Kout = 0;
    if (rules.profitCap) {
      const T = rules.profitCap.includesOperatingCost ? G - F : G - F - E;
      const Q = times(P, t.cap!);
      X = T > Q ? T - Q : 0;
      const destination =
        periodEnds && rules.profitCap.excess === 'carry_over'
          ? rules.profitCap.atPeriodEnd
          : rules.profitCap.excess;
      if (destination === 'carry_over') Kout = X;
      else Xret = X;
    }

    // Loss sharing: the scheme money itself ran out (operating cost is the insurer's own).
    const loss = G < 0 ? -G : 0;
    const cause = input.lossCause ?? 'insurer';
    const shared =
      rules.lossSharing !== undefined && (rules.lossSharing.causes === 'any' || cause === 'policy');
    const Z = shared && loss > 0 ? times(loss, t.poolShare!) : 0;

    // Holdback: what the assessment does not release stays with the pool.
    let H = 0;
    let W = 0;
    let score: number | null = null;
    if (rules.holdback) {
      score = input.assessmentScore ?? rules.holdback.assessmentScore;
      if (!(score >= 0 && score <= 1))
        throw new YibaoError(`year ${year}: the assessment score must be in [0, 1], got ${score}`, {
          field: 'assessment_score',
        });
      const s = input.assessmentScore === undefined ? t.score! : exactOf(score, 'assessment_score');
      H = times(P, t.holdback!);
      W = H - times(H, s);
    }

    balance += F + Xret + W - Z;
    out.push({
      year,
      period,
      yearOfPeriod,
      rate: r / RATE_SCALE,
      premium: P,
      claims: C,
      lossRatio: P > 0 ? C / P : null,
      operatingCost: E,
      carryIn: Kin,
      schemeMoney: G,
      refund: F,
      excess: X,
      returnedToPool: Xret,
      carryOver: Kout,
      loss,
      poolLossShare: Z,
      holdback: H,
      withheld: W,
      insurerResult: G - F - X - W - E + Z,
      poolNetCost: P - F - Xret - W + Z,
      poolBalance: balance,
      assessmentScore: score,
      contractChanged: changed,
      lossCause: cause,
      nextRate: next / RATE_SCALE,
      retender,
    });
    carry = Kout;
    if (periodEnds) {
      period++;
      yearOfPeriod = 1;
      r0 = next;
    } else yearOfPeriod++;
    r = next;
  }
  return out;
}
