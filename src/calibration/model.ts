/**
 * The calibration model: what the population and claims generators draw from, as plain
 * numbers (the file's figures with their sources stripped; `raw` keeps them).
 * Arrays indexed by group follow GROUPS; categories follow CATEGORIES.
 */
import type { Group } from '../model/codes';
import type { CredibilityStandard } from './credibility';

export interface MeanCv {
  mean: number;
  cv: number;
}

export interface MeanSd {
  mean: number;
  sd: number;
}

export interface AgeBand {
  from: number;
  to: number;
  weight: number;
}

export type Frequency =
  /** negative binomial events per person-year, mean by group, dispersion r */
  | { kind: 'negbin'; mean: number[]; dispersion: number }
  /** Poisson events per person-year, mean by group (`distribution: poisson`) */
  | { kind: 'poisson'; mean: number[] }
  /** a share of people (by group) in treatment, each with `events` events a year */
  | { kind: 'prevalence'; prevalence: number[]; events: number };

export interface CategoryModel {
  /** index into CATEGORIES */
  category: number;
  frequency: Frequency;
  /** relative frequency by age: the first band whose `to` is at least the age */
  ageFactor: { to: number; value: number }[];
  /** cost per event, mean by group; cv shared */
  costMean: number[];
  costCv: number;
  levels: { level: number; share: number; relativeCost: number }[];
  scopeShare: MeanSd;
  /** share of the out-of-scope part that no layer pays */
  excludedShare: number;
  cancerDrug?: { probability: number; mean: number; cv: number };
}

export interface Calibration {
  id: string;
  file: string;
  population: {
    size: number;
    /** relative size by group */
    members: number[];
    age: AgeBand[][];
    maleShare: number;
    counties: { name: string; weight: number }[];
    /** share by group of each assisted status (STATUSES[1..]) */
    status: number[][];
    /** wages lognormal (mean, cv), held within [floor, ceiling] yuan (缴费基数上下限) */
    contributionBase: MeanCv & { floor: number; ceiling: number };
    /** statusFactor by STATUSES (1 for none) multiplies the mean */
    consumption: MeanCv & { subsistence: number; statusFactor: number[] };
  };
  claims: CategoryModel[];
  scenario: {
    costTrend: MeanSd;
    /** cumulative growth of every frequency (0 when the file has none) */
    utilisationTrend: MeanSd;
    utilisationShock: MeanSd;
    wageGrowth: MeanSd;
    membershipChange: MeanSd;
    perCapitaFundingGrowth: MeanSd;
  };
  /** assumptions varied one at a time for the tornado chart: figures at `paths` × low, × high */
  sensitivity: { name: string; paths: string[]; low: number; high: number }[];
  burden: {
    alertThreshold: number;
    catastrophicCapacityShare: number;
    sdgConsumptionShares: number[];
    /** lower edges of the cost bands, ascending, the first 0 */
    costBands: number[];
  };
  /** how `calibrate` weighs an extract against this file (absent: the default's) */
  credibility?: CredibilityStandard;
  /** the file as read, sources included */
  raw: Record<string, unknown>;
}

export type ByGroup<T> = Record<Group, T>;
