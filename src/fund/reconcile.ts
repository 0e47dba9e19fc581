/**
 * The historical reconciliation of county pools when they merge into one city pool
 * (Jiaozuo, 焦医保〔2022〕62号 part 4; the scheme's `reconciliation` block; docs/fund-rules.md
 * "Reconciliation of county pools"). Pure arithmetic in whole fen on each county's yearly
 * history up to the reconciliation date:
 *
 *   admitted cost    = Σ years min(operating cost, round(ceiling × premium))
 *   balance          = Σ premium − Σ compliant claims − admitted cost − compliant claims due but unpaid
 *   to city          = max(balance, 0)       上解至市级职工大额保险基金支出户, for later compliant claims
 *   policy overspend = max(−balance, 0)      政策性超支: made good by later policy adjustment
 *   insurer bears    = Σ non-compliant claims + Σ operating cost above the ceiling   违规支出
 *   arrears          = Σ employer arrears: a receivable still to collect (继续催缴), not income
 *
 * Compliant claims due but unpaid are still owed (纳入支付计划尽快支付), so they come off the
 * balance; non-compliant claims and cost above the ceiling never entered it, so a negative
 * balance is a policy overspend only. The total row adds the counties' rows, column by column.
 */
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { shareOfFen } from '../model/round';
import type { Scheme } from '../scheme/types';

export interface ReconcileRules {
  /** the reconciliation date, YYYY-MM-DD: no history after its year */
  asOf: string;
  /** share of each year's premium admitted as operating cost */
  operatingCostCeiling: number;
}

/** One county's year, money in whole fen. */
export interface CountyYear {
  county: string;
  year: number;
  premium: number;
  compliantClaims: number;
  nonCompliantClaims: number;
  operatingCost: number;
  employerArrears: number;
  compliantDueUnpaid: number;
}

/** A county's reconciliation (or the total's), money in whole fen. */
export interface Reconciliation {
  county: string;
  years: number;
  premium: number;
  compliantClaims: number;
  nonCompliantClaims: number;
  operatingCost: number;
  admittedCost: number;
  /** operating cost above the ceiling, borne by the insurer */
  excessOperatingCost: number;
  compliantDueUnpaid: number;
  balance: number;
  toCity: number;
  policyOverspend: number;
  insurerBears: number;
  arrearsReceivable: number;
}

export const TOTAL_ROW = 'total';

/** The scheme's reconciliation rules, or a refusal naming the scheme. */
export function reconcileRulesOf(scheme: Scheme): ReconcileRules {
  const r = scheme.raw.reconciliation;
  if (!r) throw new YibaoError(msg.reconcile.noRules(scheme.id), { file: scheme.file });
  return { asOf: r.as_of.date, operatingCostCeiling: r.operating_cost_ceiling.value };
}

/** Reconciles each county (in order of first appearance) and adds the total row. */
export function reconcile(
  rules: ReconcileRules,
  history: CountyYear[],
): { counties: Reconciliation[]; total: Reconciliation } {
  const byCounty = new Map<string, Reconciliation>();
  for (const y of history) {
    let r = byCounty.get(y.county);
    if (!r) {
      r = empty(y.county);
      byCounty.set(y.county, r);
    }
    const ceiling = shareOfFen(rules.operatingCostCeiling, y.premium);
    r.years++;
    r.premium += y.premium;
    r.compliantClaims += y.compliantClaims;
    r.nonCompliantClaims += y.nonCompliantClaims;
    r.operatingCost += y.operatingCost;
    r.admittedCost += Math.min(y.operatingCost, ceiling);
    r.excessOperatingCost += Math.max(y.operatingCost - ceiling, 0);
    r.compliantDueUnpaid += y.compliantDueUnpaid;
    r.arrearsReceivable += y.employerArrears;
  }
  const counties = [...byCounty.values()];
  for (const r of counties) {
    r.balance = r.premium - r.compliantClaims - r.admittedCost - r.compliantDueUnpaid;
    r.toCity = Math.max(r.balance, 0);
    r.policyOverspend = Math.max(-r.balance, 0);
    r.insurerBears = r.nonCompliantClaims + r.excessOperatingCost;
  }
  const total = empty(TOTAL_ROW);
  for (const r of counties) for (const k of AMOUNTS) total[k] += r[k];
  return { counties, total };
}

/** The numeric fields of a reconciliation, in output order. */
export const AMOUNTS = [
  'years',
  'premium',
  'compliantClaims',
  'nonCompliantClaims',
  'operatingCost',
  'admittedCost',
  'excessOperatingCost',
  'compliantDueUnpaid',
  'balance',
  'toCity',
  'policyOverspend',
  'insurerBears',
  'arrearsReceivable',
] as const satisfies readonly Exclude<keyof Reconciliation, 'county'>[];

function empty(county: string): Reconciliation {
  return {
    county,
    years: 0,
    premium: 0,
    compliantClaims: 0,
    nonCompliantClaims: 0,
    operatingCost: 0,
    admittedCost: 0,
    excessOperatingCost: 0,
    compliantDueUnpaid: 0,
    balance: 0,
    toCity: 0,
    policyOverspend: 0,
    insurerBears: 0,
    arrearsReceivable: 0,
  };
}
