/**
 * The shape of a compiled Plan (./plan.ts) and the constants that index it: what the fast
 * engine reads. Kept apart from the compiler, which needs the exact engine's resolver and
 * decimal.js, so that worker threads that only settle load neither.
 */
import { CATEGORIES, STATUSES } from '../../model/codes';
import { QUANTITIES } from '../../scheme/types';

export const CATEGORY_COUNT = CATEGORIES.length;
export const STATUS_COUNT = STATUSES.length;
export const QUANTITY_COUNT = QUANTITIES.length;
/** term kinds of a layer base */
export const TERM_QUANTITY = 0;
export const TERM_PAID = 1;
export const TERM_COVERED = 2;

/** A base (or a top-up's `less`) as parallel arrays of terms. */
export interface PlanTerms {
  kind: Int8Array;
  /** quantity index (into QUANTITIES) or layer index */
  index: Int32Array;
  sign: Float64Array;
}

export interface PlanComponent {
  /** true: max(rate × base − less, 0); false: marginal bands on base */
  topUp: boolean;
  base: PlanTerms;
  less: PlanTerms;
  bandCount: number;
}

/** A layer's parameters for one group × status. */
export interface PlanEffective {
  applies: boolean;
  /** per component, per band: start, end (Infinity for the last), rate; in fen */
  from: Float64Array[];
  to: Float64Array[];
  rate: Float64Array[];
  /** fen; Infinity when none */
  cap: number;
  annualCap: number;
  /** rate of the first band, for covered(this layer) */
  coveredRate: number;
}

export interface PlanLayer {
  id: string;
  /**
   * Every amount this layer rounds is a whole number of fen times rates of at most four
   * decimals, so it is an exact multiple of 0.0001 fen: a value within the rounding slack
   * of a half fen is exactly the half, and float error cannot flip its rounding.
   */
  exactRounding: boolean;
  isAid: boolean;
  categoryMask: Uint8Array;
  /** 1 when the category accumulates over the year, 0 per event */
  yearMode: Uint8Array;
  components: PlanComponent[];
  /** by group × status (group * STATUS_COUNT + status) */
  effective: PlanEffective[];
}

export interface Plan {
  schemeId: string;
  /** by group: the basic fund's annual cap, fen */
  annualCap: Float64Array;
  /** by ((group * CATEGORY_COUNT + category) * 3 + level - 1) * 2 + firstOfYear */
  deductible: Float64Array;
  share: Float64Array;
  coShare: Float64Array;
  pays: Uint8Array;
  /** 1 when share has at most four decimals (basic = round(share × whole fen) is decidable) */
  shareExact: Uint8Array;
  layers: PlanLayer[];
  /** by group: may the scheme settle this group at all */
  member: Uint8Array;
  /** alert thresholds in fen, in scheme order */
  alertAbove: Float64Array;
  /** indices of supplementary layers (output columns), and of aid layers */
  columnLayers: number[];
  aidLayers: number[];
}

export function basicIndex(
  group: number,
  category: number,
  level: number,
  firstOfYear: number,
): number {
  return ((group * CATEGORY_COUNT + category) * 3 + level - 1) * 2 + firstOfYear;
}
