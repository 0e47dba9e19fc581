/**
 * The fund and contract rules, year by year (SCHEMES.md §3–7; docs/fund-rules.md). Pure
 * arithmetic on one scenario's yearly totals, in whole fen:
 *
 *   premium  = rate × funding base                      (rate adjusted after each year)
 *   admin    = admin share × premium                    (the insurer's operating cost)
 *   paid     = premium − holdback + holdback × assessment score
 *   margin   = paid + carry-over in − claims − admin
 *   refund   = bid × premium − claims, when the loss ratio is below the bid
 *   margin above the profit cap → carried over, or returned to the pool
 *   a negative margin → the pool's share of it paid to the insurer
 *   balance  = opening + Σ (premium − claims − admin)   (the scheme account: is the rate enough?)
 */
import type { FundRules } from './rules';

export interface YearInput {
  /** premium = round(rate × fundingBase): Σ contribution bases, per-capita × persons, or persons */
  fundingBase: number;
  /** what the insured layers paid, yuan */
  claims: number;
  /** claims by month (12 values summing to `claims`), for the cash position within the year */
  monthlyClaims?: ArrayLike<number>;
}

export interface YearOutcome {
  year: number;
  rate: number;
  premium: number;
  claims: number;
  admin: number;
  /** claims / premium: the net loss ratio of art. 13 */
  lossRatio: number;
  paidToInsurer: number;
  /** holdback kept by the pool after the assessment */
  withheld: number;
  refund: number;
  returnedToPool: number;
  carryOver: number;
  /** the pool's share of a loss, paid to the insurer */
  poolLossShare: number;
  /** the insurer's result for the year: kept margin less its share of a loss */
  insurerResult: number;
  /** net cost to the pool: premium − withheld − refund − returned + its loss share */
  poolCost: number;
  /** scheme account after the year */
  balance: number;
  /** lowest cash position of the scheme account within the year (settlement periods) */
  cashLow: number;
  /** the adjustment wanted for next year went beyond the limits: a new tender (art. 21) */
  retender: boolean;
}

const fen = (yuan: number) => Math.round(yuan * 100);

/** Runs the contract over the years of one scenario; `rate` is the first year's rate. */
export function runContract(rules: FundRules, rate: number, years: YearInput[]): YearOutcome[] {
  const out: YearOutcome[] = [];
  let balanceFen = fen(rules.openingBalance);
  let carryFen = 0;
  let currentRate = rate;
  let cumulativeFactor = 1;
  for (const [y, input] of years.entries()) {
    const yearRate = currentRate;
    const premiumFen = Math.round(yearRate * input.fundingBase * 100);
    const claimsFen = fen(input.claims);
    const adminFen = Math.round(premiumFen * rules.adminShare);
    const holdbackFen = rules.holdback ? Math.round(premiumFen * rules.holdback.share) : 0;
    const releasedFen = rules.holdback
      ? Math.round(holdbackFen * rules.holdback.assessmentScore)
      : 0;
    const withheldFen = holdbackFen - releasedFen;
    const paidFen = premiumFen - withheldFen;
    let marginFen = paidFen + carryFen - claimsFen - adminFen;
    let refundFen = 0;
    const lossRatio = premiumFen > 0 ? claimsFen / premiumFen : 0;
    if (rules.refundBelowBid && rules.bidNetLossRatio !== undefined) {
      if (lossRatio < rules.bidNetLossRatio) {
        refundFen = Math.round(rules.bidNetLossRatio * premiumFen) - claimsFen;
        marginFen -= refundFen;
      }
    }
    let returnedFen = 0;
    let carryOutFen = 0;
    let poolLossFen = 0;
    let insurerFen = marginFen;
    if (marginFen > 0 && rules.profitCap) {
      const keepFen = Math.min(marginFen, Math.round(rules.profitCap.share * premiumFen));
      const excessFen = marginFen - keepFen;
      if (rules.profitCap.excess === 'carry_over') carryOutFen = excessFen;
      else returnedFen = excessFen;
      insurerFen = keepFen;
    } else if (marginFen < 0 && rules.lossSharing) {
      poolLossFen = Math.round(-marginFen * rules.lossSharing.poolShare);
      insurerFen = marginFen + poolLossFen;
    }
    // cash position of the scheme account through the year's settlement periods
    const periods = rules.settlementPeriods;
    const perPeriod = (premiumFen - adminFen) / periods;
    const monthly = input.monthlyClaims;
    let cash = balanceFen;
    let cashLow = balanceFen;
    for (let p = 0; p < periods; p++) {
      let paid = 0;
      if (monthly) {
        for (let m = Math.floor((p * 12) / periods); m < Math.floor(((p + 1) * 12) / periods); m++)
          paid += fen(monthly[m]);
      } else paid = claimsFen / periods;
      cash += perPeriod - paid;
      cashLow = Math.min(cashLow, cash);
    }
    balanceFen += premiumFen - claimsFen - adminFen;
    carryFen = carryOutFen;
    // rate for next year (art. 21): no increase below the threshold; above it, the increase
    // that brings the loss ratio back to the threshold, within the annual and cumulative caps
    let retender = false;
    const adj = rules.rateAdjustment;
    if (adj && lossRatio >= adj.threshold) {
      const wanted = lossRatio / adj.threshold;
      const allowed = Math.min(1 + adj.maxAnnual, (1 + adj.maxCumulative) / cumulativeFactor);
      const factor = Math.max(1, Math.min(wanted, allowed));
      retender = wanted > allowed + 1e-12;
      cumulativeFactor *= factor;
      currentRate = rate * cumulativeFactor;
    }
    out.push({
      year: y + 1,
      rate: yearRate,
      premium: premiumFen / 100,
      claims: claimsFen / 100,
      admin: adminFen / 100,
      lossRatio,
      paidToInsurer: paidFen / 100,
      withheld: withheldFen / 100,
      refund: refundFen / 100,
      returnedToPool: returnedFen / 100,
      carryOver: carryOutFen / 100,
      poolLossShare: poolLossFen / 100,
      insurerResult: insurerFen / 100,
      poolCost: (premiumFen - withheldFen - refundFen - returnedFen + poolLossFen) / 100,
      balance: balanceFen / 100,
      cashLow: Math.round(cashLow) / 100,
      retender,
    });
  }
  return out;
}
