/**
 * The funding rule and the fund/contract rules of a scheme, read from its `funding` and
 * `fund` blocks (validated by data/schemes/scheme.schema.json; docs/fund-rules.md).
 */
import { YibaoError } from '../errors';
import * as msg from '../messages';
import type { Group } from '../model/codes';
import type { Scheme } from '../scheme/types';
import { FUNDING_UNITS } from './units';

type Param = { value: number; source: string; note?: string };

export type FundingKind = 'payroll_rate' | 'pool_share' | 'per_head';

export interface FundingRule {
  kind: FundingKind;
  /** the scheme's own rate: share of the contribution base, share of the pool, or yuan per head */
  rate: number;
  /** groups that pay on payroll (payroll_rate) */
  payers: Group[];
  /** per-capita resident funding by year (pool_share) */
  perCapitaFunding: Map<number, number>;
  /** indexes (into scheme.layers) of the layers this funding pays for */
  pays: number[];
  /** the unit of `rate`, for people */
  unit: { zh: string; en: string };
}

/** Whose doing a loss was (Guiyang part 7(4)): a policy loss is shared, an insurer's is not. */
export type LossCause = 'policy' | 'insurer';

/**
 * The contract between the pool and the insurer (the scheme's `fund` block; every field a
 * parameter there with its source, docs/fund-rules.md). Shares and amounts as in the file:
 * shares as decimals, money in yuan.
 */
export interface FundRules {
  /** years of a cooperation period (a new period and its first-year rate every so many) */
  contractYears: number;
  /** premium instalments a year, each at the start of its period */
  settlementPeriods: 1 | 2 | 4 | 12;
  /** month of the next year by whose end the year's settlement is paid */
  settledByMonth: number;
  /** the pool's balance brought in, yuan */
  openingBalance: number;
  /** a year's operating cost, unless given: round(adminShare × premium) */
  adminShare: number;
  bidNetLossRatio?: number;
  /** below the bid the insurer refunds round(bid × premium) − claims */
  refundBelowBid: boolean;
  /** share of the premium held back until the assessment; the default score releasing it */
  holdback?: { share: number; assessmentScore: number };
  profitCap?: {
    share: number;
    /** the cap covers profit and operating cost (take = G − F), else profit after it */
    includesOperatingCost: boolean;
    excess: 'carry_over' | 'return_to_pool';
    /** where a carried-over excess goes in the last year of a cooperation period */
    atPeriodEnd: 'carry_over' | 'return_to_pool';
  };
  /** the pool pays `poolShare` of a loss whose cause is shared */
  lossSharing?: { poolShare: number; causes: 'any' | 'policy' };
  /** art. 21-style rule for next year's rate; the wanted rate aims at the bid */
  rateAdjustment?: { threshold: number; maxAnnual: number; maxCumulative: number };
  /** within a cooperation period no deductible may rise and no payment rate fall */
  noBenefitCutsWithinPeriod: boolean;
  /** how pooling splits the opening balance among county pools (absent: pooling refuses) */
  countyOpeningBalance?: 'premium_share' | 'insured_share';
}

export function fundingOf(scheme: Scheme): FundingRule {
  const f = scheme.funding as Record<string, unknown> & { kind: FundingKind };
  const param = (key: string) => (f[key] as Param | undefined)?.value;
  const rate = param(FUNDING_UNITS[f.kind].field);
  const perCapita = new Map<number, number>();
  for (const [year, p] of Object.entries((f.per_capita_funding ?? {}) as Record<string, Param>))
    perCapita.set(Number(year), p.value);
  return {
    kind: f.kind,
    rate: rate!,
    payers: (f.payers as Group[] | undefined) ?? [],
    perCapitaFunding: perCapita,
    pays: paidLayers(scheme, f.pays as { layers: string[] } | undefined),
    unit: { zh: FUNDING_UNITS[f.kind].zh, en: FUNDING_UNITS[f.kind].en },
  };
}

function paidLayers(scheme: Scheme, pays: { layers: string[] } | undefined): number[] {
  if (!pays) return scheme.layers.flatMap((l, i) => (l.tier === 'supplementary' ? [i] : []));
  return pays.layers.map((id) => {
    const i = scheme.layers.findIndex((l) => l.id === id);
    if (i < 0)
      throw new YibaoError(msg.scheme.fundingPaysUnknown(id), {
        file: scheme.file,
        field: 'funding.pays.layers',
      });
    return i;
  });
}

/** The contract rules of a scheme's `fund` block (validated by the schema on load). */
export function fundRulesOf(scheme: Scheme): FundRules {
  const f = (scheme.fund ?? {}) as Record<string, unknown>;
  const v = <T = number>(p: unknown) => (p as { value: T } | undefined)?.value;
  const holdback = f.holdback as Record<string, Param> | undefined;
  const cap = f.profit_cap as Record<string, { value: never }> | undefined;
  const sharing = f.loss_sharing as Record<string, { value: never }> | undefined;
  const adjust = f.rate_adjustment as Record<string, Param> | undefined;
  return {
    contractYears: v(f.contract_years)!,
    settlementPeriods: v(f.settlement_periods)! as FundRules['settlementPeriods'],
    settledByMonth: v(f.settled_by_month)!,
    openingBalance: v(f.opening_balance)!,
    adminShare: v(f.admin_share)!,
    bidNetLossRatio: v(f.bid_net_loss_ratio),
    refundBelowBid: f.refund_below_bid !== undefined,
    holdback: holdback && {
      share: holdback.share.value,
      assessmentScore: holdback.assessment_score.value,
    },
    profitCap: cap && {
      share: v(cap.share)!,
      includesOperatingCost: v<boolean>(cap.includes_operating_cost)!,
      excess: v(cap.excess)!,
      // absent only where the excess goes back to the pool every year anyway
      atPeriodEnd: v(cap.at_period_end) ?? v(cap.excess)!,
    },
    lossSharing: sharing && { poolShare: v(sharing.pool_share)!, causes: v(sharing.causes)! },
    rateAdjustment: adjust && {
      threshold: adjust.threshold.value,
      maxAnnual: adjust.max_annual.value,
      maxCumulative: adjust.max_cumulative.value,
    },
    noBenefitCutsWithinPeriod: v<boolean>(f.no_benefit_cuts_within_period) ?? false,
    countyOpeningBalance: v(f.county_opening_balance),
  };
}
