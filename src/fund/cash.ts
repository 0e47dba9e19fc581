/**
 * Cash within the year, for the settled years of a ledger (docs/fund-rules.md, "Cash"):
 *
 *   scheme money (the insurer's separate account): carry-in at the start of the year;
 *     the premium less the holdback in equal instalments at the start of each settlement
 *     period; the claims out month by month.
 *   pool: its balance; it keeps the holdback as each instalment is paid; the year's
 *     settlement (refund, excess returned, loss share, holdback released) is paid at the end
 *     of month `settledByMonth` of the next year (Dazhou art. 18: 次年6月底前清算).
 *
 * The low of each is the lowest month-end position of the year; below 0 it is an intra-year
 * cash shortfall, which a year can have without a deficit (scheme money < 0 at year end).
 */
import { YibaoError } from '../errors';
import type { LedgerYear } from './ledger';
import type { FundRules } from './rules';

export interface CashPosition {
  /** lowest month-end cash of the year's scheme money, fen */
  schemeCashLow: number;
  /** lowest month-end cash of the pool, fen */
  poolCashLow: number;
}

/** The k-th of n parts of `total` fen, whole fen, the parts summing to `total` exactly. */
function part(total: number, k: number, n: number): number {
  return Math.floor((total * (k + 1)) / n) - Math.floor((total * k) / n);
}

/** What the pool receives from the year's settlement, less what it pays: F + X_ret + W − Z. */
export function settlementOf(y: LedgerYear): number {
  return y.refund + y.returnedToPool + y.withheld - y.poolLossShare;
}

/**
 * The cash lows of each settled year (in order from year 1). `monthlyClaims[y]` gives year
 * y's claims by month: 12 values in fen summing to its claims.
 */
export function cashPositions(
  rules: FundRules,
  years: readonly LedgerYear[],
  monthlyClaims: readonly ArrayLike<number>[],
): CashPosition[] {
  const periods = rules.settlementPeriods;
  const settleMonth = rules.settledByMonth - 1;
  // the pool's opening balance: its balance after year 1 less year 1's settlement
  let pool = years.length > 0 ? years[0].poolBalance - settlementOf(years[0]) : 0;
  return years.map((y, i) => {
    const months = monthlyClaims[i];
    let sum = 0;
    for (let m = 0; m < 12; m++) sum += months[m];
    if (months.length !== 12 || sum !== y.claims)
      throw new YibaoError(
        `year ${y.year}: the monthly claims (${months.length} values, Σ ${sum} fen) must be 12 values summing to the claims (${y.claims} fen)`,
      );
    const previous = i > 0 ? years[i - 1] : undefined;
    const instalments = y.premium - y.holdback;
    let scheme = y.carryIn;
    let schemeLow = Number.POSITIVE_INFINITY;
    let poolLow = Number.POSITIVE_INFINITY;
    for (let m = 0; m < 12; m++) {
      if ((m * periods) % 12 === 0) {
        const k = (m * periods) / 12;
        scheme += part(instalments, k, periods);
        pool += part(y.holdback, k, periods);
      }
      scheme -= months[m];
      if (m === settleMonth && previous)
        // refund and excess in, loss share out, the released holdback paid to the insurer
        pool += settlementOf(previous) - previous.holdback;
      schemeLow = Math.min(schemeLow, scheme);
      poolLow = Math.min(poolLow, pool);
    }
    return { schemeCashLow: schemeLow, poolCashLow: poolLow };
  });
}
