/**
 * Policy impact: a baseline and a variant settled on the same people, scenarios and events
 * (common random numbers), so each scenario gives a paired difference; the mean difference
 * comes with a 95% confidence interval over scenarios. A variant that changes nothing shows
 * exactly zero. Money in yuan. A variant that raises a deductible or lowers a payment rate
 * is flagged, with the baseline's rule against it within a cooperation period (art. 14).
 */
import { GROUPS, STATUSES } from '../model/codes';
import { type BenefitCut, benefitCuts } from '../scheme/benefit-cuts';
import type { Slice } from './aggregate';
import {
  applyContract,
  type ContractOptions,
  type RunInfo,
  type VariantRun,
  type YearOutcome,
} from './simulate';

export interface Difference {
  baseline: number;
  variant: number;
  /** mean of the paired differences (variant − baseline) */
  difference: number;
  /** 95% confidence interval of the mean difference */
  low: number;
  high: number;
}

function paired(base: number[], variant: number[]): Difference {
  const n = base.length;
  const d = base.map((b, i) => variant[i] - b);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const md = mean(d);
  const sd = n > 1 ? Math.sqrt(d.reduce((a, x) => a + (x - md) ** 2, 0) / (n - 1)) : 0;
  const half = (1.96 * sd) / Math.sqrt(n);
  return {
    baseline: mean(base),
    variant: mean(variant),
    difference: md,
    low: md - half,
    high: md + half,
  };
}

export interface SliceImpact {
  slice: string;
  persons: number;
  /** out-of-pocket per person, yuan: baseline, variant, change */
  oopPerPerson: Difference;
  /** insured payments per person, yuan */
  insuredPerPerson: Difference;
}

export interface Comparison {
  years: {
    year: number;
    /** cost to the fund: what the insured layers pay, yuan */
    claims: Difference;
    premium: Difference;
    /** null when a premium is 0 (the loss ratio is undefined) */
    lossRatio: Difference | null;
    /** 当年基金收支, 承办机构经营结果, 基金净支出, 基金结余 */
    schemeMoney: Difference;
    insurerResult: Difference;
    poolNetCost: Difference;
    poolBalance: Difference;
    oopMean: Difference;
    aboveAlert: Difference;
    catastrophicCapacity: Difference;
    catastrophicConsumption: Difference[];
  }[];
  /** deductibles raised and payment rates lowered by the variant, with their parameters */
  benefitCuts: BenefitCut[];
  /**
   * The baseline's rule forbidding such cuts within a cooperation period (Dazhou art. 14),
   * or null where its text has none; `flagged` when the variant breaks it.
   */
  benefitCutRule: { source: string; note?: string } | null;
  flagged: boolean;
  /** over all years, per person-year */
  byGroup: SliceImpact[];
  byStatus: SliceImpact[];
  byDecile: SliceImpact[];
}

function sliceImpacts(
  base: VariantRun,
  variant: VariantRun,
  key: 'byGroup' | 'byStatus' | 'byDecile',
  names: readonly string[],
): SliceImpact[] {
  const perScenario = (run: VariantRun, i: number, f: (s: Slice) => number) =>
    run.agg.map((years) => {
      const persons = years.reduce((t, a) => t + a[key][i].persons, 0);
      return persons > 0 ? years.reduce((t, a) => t + f(a[key][i]), 0) / 100 / persons : 0;
    });
  return names.map((slice, i) => ({
    slice,
    persons:
      base.agg.reduce((t, ys) => t + ys.reduce((u, a) => u + a[key][i].persons, 0), 0) /
      (base.agg.length * base.agg[0].length),
    oopPerPerson: paired(
      perScenario(base, i, (s) => s.oop),
      perScenario(variant, i, (s) => s.oop),
    ),
    insuredPerPerson: paired(
      perScenario(base, i, (s) => s.insured),
      perScenario(variant, i, (s) => s.insured),
    ),
  }));
}

/** Paired differences of `variant` against `base`, each at its own funding rate. */
export function compareRuns(
  base: VariantRun,
  variant: VariantRun,
  info: RunInfo,
  contract: ContractOptions = {},
): Comparison {
  const ob = applyContract(base, base.funding.rate, contract);
  const ov = applyContract(variant, variant.funding.rate, contract);
  const cuts = benefitCuts(base.scheme, variant.scheme);
  const rule = base.fund.noBenefitCutsWithinPeriod
    ? (base.scheme.raw.fund as Record<string, { source: string; note?: string }>)
        .no_benefit_cuts_within_period
    : null;
  const years = Array.from({ length: info.years }, (_, y) => {
    const pick = <T>(xs: T[][], f: (x: T) => number) => xs.map((row) => f(row[y]));
    const pair = <T>(b: T[][], v: T[][], f: (x: T) => number) => paired(pick(b, f), pick(v, f));
    const money = (key: keyof YearOutcome) => pair(ob, ov, (o) => (o[key] as number) / 100);
    const perPerson =
      (f: (a: VariantRun['agg'][number][number]) => number) =>
      (a: VariantRun['agg'][number][number]) =>
        f(a) / a.persons;
    const undefinedRatio = [...ob, ...ov].some((o) => o[y].lossRatio === null);
    return {
      year: y + 1,
      claims: money('claims'),
      premium: money('premium'),
      lossRatio: undefinedRatio ? null : pair(ob, ov, (o) => o.lossRatio!),
      schemeMoney: money('schemeMoney'),
      insurerResult: money('insurerResult'),
      poolNetCost: money('poolNetCost'),
      poolBalance: money('poolBalance'),
      oopMean: pair(
        base.agg,
        variant.agg,
        perPerson((a) => a.oop / 100),
      ),
      aboveAlert: pair(base.agg, variant.agg, (a) => a.aboveAlert),
      catastrophicCapacity: pair(
        base.agg,
        variant.agg,
        perPerson((a) => a.catastrophicCapacity),
      ),
      catastrophicConsumption: base.agg[0][0].catastrophicConsumption.map((_, k) =>
        pair(
          base.agg,
          variant.agg,
          perPerson((a) => a.catastrophicConsumption[k]),
        ),
      ),
    };
  });
  return {
    years,
    benefitCuts: cuts,
    benefitCutRule: rule,
    flagged: rule !== null && cuts.length > 0,
    byGroup: sliceImpacts(base, variant, 'byGroup', GROUPS),
    byStatus: sliceImpacts(base, variant, 'byStatus', STATUSES),
    byDecile: sliceImpacts(
      base,
      variant,
      'byDecile',
      Array.from({ length: 10 }, (_, i) => `D${i + 1}`),
    ),
  };
}
