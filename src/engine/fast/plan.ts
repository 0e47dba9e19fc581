/**
 * A scheme compiled for the fast engine: every rule that can apply, resolved once through
 * ../rules.ts (the exact engine's resolver, so both engines read the same numbers) and
 * converted to float64 in fen. Nothing here is per person.
 */
import { CATEGORIES, GROUPS, LEVELS, STATUSES } from '../../model/codes';
import { QUANTITIES, type Scheme, type Term } from '../../scheme/types';
import { cachedBasicTerms, cachedEffectiveLayers } from '../rules';

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

const compiled = new WeakMap<Scheme, Plan>();

/** Compiles (once per Scheme object) the plan the fast engine runs. */
export function compilePlan(scheme: Scheme): Plan {
  const cached = compiled.get(scheme);
  if (cached) return cached;
  const size = GROUPS.length * CATEGORY_COUNT * 3 * 2;
  const plan: Plan = {
    schemeId: scheme.id,
    annualCap: Float64Array.from(GROUPS, (g) => scheme.basic.groups[g].annualCap.value * 100),
    deductible: new Float64Array(size),
    share: new Float64Array(size),
    coShare: new Float64Array(size),
    pays: new Uint8Array(size),
    shareExact: new Uint8Array(size),
    layers: [],
    member: Uint8Array.from(GROUPS, (g) => (scheme.members.includes(g) ? 1 : 0)),
    alertAbove: Float64Array.from(scheme.alerts, (a) => a.oopAbove.value * 100),
    columnLayers: [],
    aidLayers: [],
  };
  GROUPS.forEach((group, g) => {
    CATEGORIES.forEach((_, c) => {
      for (const level of LEVELS) {
        for (const first of [0, 1]) {
          const terms = cachedBasicTerms(scheme, group, c, level, first === 1);
          const i = basicIndex(g, c, level, first);
          plan.deductible[i] = terms.deductible.toNumber() * 100;
          plan.share[i] = terms.share.toNumber();
          plan.coShare[i] = terms.coShare.toNumber();
          plan.pays[i] = terms.pays ? 1 : 0;
          plan.shareExact[i] = fourDecimals(plan.share[i]) ? 1 : 0;
        }
      }
    });
  });
  const effectiveByGs = GROUPS.flatMap((group) =>
    STATUSES.map((status) => cachedEffectiveLayers(scheme, group, status)),
  );
  scheme.layers.forEach((layer, li) => {
    (layer.tier === 'aid' ? plan.aidLayers : plan.columnLayers).push(li);
    const components = layer.components.map((component) => ({
      topUp: component.kind === 'top_up',
      base: planTerms(component.base),
      less: planTerms(component.less),
      bandCount: component.bands.length,
    }));
    const effective = effectiveByGs.map((layers) => {
      const eff = layers[li];
      return {
        applies: eff.applies,
        from: eff.components.map((bands) =>
          Float64Array.from(bands, (b) => b.from.toNumber() * 100),
        ),
        to: eff.components.map((bands) =>
          Float64Array.from(bands, (b) =>
            b.to ? b.to.toNumber() * 100 : Number.POSITIVE_INFINITY,
          ),
        ),
        rate: eff.components.map((bands) => Float64Array.from(bands, (b) => b.rate.toNumber())),
        cap: eff.cap ? eff.cap.value * 100 : Number.POSITIVE_INFINITY,
        annualCap: eff.annualCap ? eff.annualCap.value * 100 : Number.POSITIVE_INFINITY,
        coveredRate: eff.components[0][0].rate.toNumber(),
      };
    });
    plan.layers.push({
      id: layer.id,
      exactRounding:
        components.every((c) => wholeFenTerms(c.base) && wholeFenTerms(c.less)) &&
        effective.every(
          (eff) =>
            eff.rate.every((rates) => rates.every(fourDecimals)) &&
            eff.from.every((edges) => edges.every(Number.isInteger)),
        ),
      isAid: layer.tier === 'aid',
      categoryMask: Uint8Array.from(layer.categoryMask, (m) => (m ? 1 : 0)),
      yearMode: Uint8Array.from(layer.accumulate, (a) => (a === 'year' ? 1 : 0)),
      components,
      effective,
    });
  });
  compiled.set(scheme, plan);
  return plan;
}

/** Quantities that are whole fen: all but coinsurance and above-cap, which divide by a share. */
const WHOLE_FEN_QUANTITIES = new Set<string>(
  QUANTITIES.filter((q) => q !== 'coinsurance' && q !== 'above_cap'),
);

function wholeFenTerms(terms: PlanTerms): boolean {
  return Array.from(terms.kind).every(
    (kind, i) =>
      kind === TERM_PAID ||
      (kind === TERM_QUANTITY && WHOLE_FEN_QUANTITIES.has(QUANTITIES[terms.index[i]])),
  );
}

function fourDecimals(rate: number): boolean {
  const scaled = rate * 1e4;
  return Math.abs(scaled - Math.round(scaled)) < 1e-9;
}

function planTerms(terms: Term[]): PlanTerms {
  return {
    kind: Int8Array.from(terms, (t) =>
      t.kind === 'quantity' ? TERM_QUANTITY : t.kind === 'paid' ? TERM_PAID : TERM_COVERED,
    ),
    index: Int32Array.from(terms, (t) =>
      t.kind === 'quantity' ? QUANTITIES.indexOf(t.quantity) : t.layer,
    ),
    sign: Float64Array.from(terms, (t) => t.sign),
  };
}
