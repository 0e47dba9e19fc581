/**
 * A scheme compiled for the fast engine: every rule that can apply, resolved once through
 * ../rules.ts (the exact engine's resolver, so both engines read the same numbers) and
 * converted to float64 in fen. Nothing here is per person.
 */
import { CATEGORIES, GROUPS, LEVELS, STATUSES } from '../../model/codes';
import { QUANTITIES, type Scheme, type Term } from '../../scheme/types';
import { cachedBasicTerms, cachedEffectiveLayers } from '../rules';
import {
  basicIndex,
  CATEGORY_COUNT,
  type Plan,
  type PlanTerms,
  TERM_COVERED,
  TERM_PAID,
  TERM_QUANTITY,
} from './plan-layout';

export * from './plan-layout';

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
