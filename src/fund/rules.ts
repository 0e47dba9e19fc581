/**
 * The funding rule and the fund/contract rules of a scheme, read from its `funding` and
 * `fund` blocks (validated by data/schemes/scheme.schema.json; docs/fund-rules.md).
 */
import { YibaoError } from '../errors';
import type { Group, Status } from '../model/codes';
import type { Scheme } from '../scheme/types';

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
  /** share of a person's contribution paid by medical aid, by status */
  contributionSubsidy: Partial<Record<Status, number>>;
  /** indexes (into scheme.layers) of the layers this funding pays for */
  pays: number[];
  /** the unit of `rate`, for people */
  unit: { zh: string; en: string };
}

export interface FundRules {
  contractYears: number;
  settlementPeriods: number;
  openingBalance: number;
  adminShare: number;
  bidNetLossRatio?: number;
  refundBelowBid: boolean;
  holdback?: { share: number; assessmentScore: number };
  profitCap?: { share: number; excess: 'carry_over' | 'return_to_pool' };
  lossSharing?: { poolShare: number };
  rateAdjustment?: { threshold: number; maxAnnual: number; maxCumulative: number };
}

const UNITS: Record<FundingKind, { zh: string; en: string }> = {
  payroll_rate: { zh: '缴费基数的比例', en: 'share of the contribution base' },
  pool_share: { zh: '居民医保筹资总额的比例', en: 'share of the resident pool' },
  per_head: { zh: '元/人/年', en: 'yuan per head per year' },
};

export function fundingOf(scheme: Scheme): FundingRule {
  const f = scheme.funding as Record<string, unknown> & { kind: FundingKind };
  const param = (key: string) => (f[key] as Param | undefined)?.value;
  const rate =
    f.kind === 'payroll_rate'
      ? param('rate')
      : f.kind === 'pool_share'
        ? param('share')
        : param('amount');
  const perCapita = new Map<number, number>();
  for (const [year, p] of Object.entries((f.per_capita_funding ?? {}) as Record<string, Param>))
    perCapita.set(Number(year), p.value);
  const subsidy: Partial<Record<Status, number>> = {};
  for (const [status, p] of Object.entries((f.contribution_subsidy ?? {}) as Record<string, Param>))
    subsidy[status as Status] = p.value;
  return {
    kind: f.kind,
    rate: rate!,
    payers: (f.payers as Group[] | undefined) ?? [],
    perCapitaFunding: perCapita,
    contributionSubsidy: subsidy,
    pays: paidLayers(scheme, f.pays as { layers: string[] } | undefined),
    unit: UNITS[f.kind],
  };
}

function paidLayers(scheme: Scheme, pays: { layers: string[] } | undefined): number[] {
  if (!pays) return scheme.layers.flatMap((l, i) => (l.tier === 'supplementary' ? [i] : []));
  return pays.layers.map((id) => {
    const i = scheme.layers.findIndex((l) => l.id === id);
    if (i < 0)
      throw new YibaoError(`funding.pays names no layer of the scheme: '${id}'`, {
        file: scheme.file,
        field: 'funding.pays.layers',
      });
    return i;
  });
}

export function fundRulesOf(scheme: Scheme): FundRules {
  const f = (scheme.fund ?? {}) as Record<string, unknown>;
  const v = (p: unknown) => (p as Param | undefined)?.value;
  const holdback = f.holdback as Record<string, Param> | undefined;
  const cap = f.profit_cap as { share: Param; excess: 'carry_over' | 'return_to_pool' } | undefined;
  const sharing = f.loss_sharing as Record<string, Param> | undefined;
  const adjust = f.rate_adjustment as Record<string, Param> | undefined;
  return {
    contractYears: v(f.contract_years)!,
    settlementPeriods: v(f.settlement_periods)!,
    openingBalance: v(f.opening_balance) ?? 0,
    adminShare: v(f.admin_share) ?? 0,
    bidNetLossRatio: v(f.bid_net_loss_ratio),
    refundBelowBid: f.refund_below_bid !== undefined,
    holdback: holdback && {
      share: holdback.share.value,
      assessmentScore: holdback.assessment_score?.value ?? 1,
    },
    profitCap: cap && { share: cap.share.value, excess: cap.excess },
    lossSharing: sharing && { poolShare: sharing.pool_share.value },
    rateAdjustment: adjust && {
      threshold: adjust.threshold.value,
      maxAnnual: adjust.max_annual.value,
      maxCumulative: adjust.max_cumulative.value,
    },
  };
}
