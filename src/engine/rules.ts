/**
 * The parameters that apply to one person and event, resolved from a normalized scheme.
 * Both engines read rules only through these functions, so they cannot disagree on
 * which number applies (the fast engine converts the exact values to float64 once).
 */
import { CATEGORIES, type Group, type Level, type Status } from '../model/codes';
import type { BasicRules, Layer, Param } from '../scheme/types';
import { D, type Dec, minD, ZERO } from './money';

export interface BasicTerms {
  /** the deductible this event bears (0 when it bears none) */
  deductible: Dec;
  deductibleSource?: Param;
  share: Dec;
  /** 1 − share: the coinsurance rate */
  coShare: Dec;
  shareSources: Param[];
  /** does the basic fund see this category at all */
  pays: boolean;
}

/**
 * Deductible and fund share for an event.
 * @param firstOfYear whether this is the person's first event of its category this year
 */
export function basicTerms(
  basic: BasicRules,
  group: Group,
  categoryIndex: number,
  level: Level,
  firstOfYear: boolean,
): BasicTerms {
  const rule = basic.categories[categoryIndex];
  const g = basic.groups[group];
  if (rule.mode === 'none')
    return { deductible: ZERO, share: ZERO, coShare: ZERO, shareSources: [], pays: false };
  const shareLevel = rule.mode === 'first_event_of_year' ? rule.shareLevel : level;
  const { share, sources } = groupShare(basic, group, shareLevel);
  if (rule.mode === 'first_event_of_year') {
    return {
      deductible: firstOfYear ? new D(rule.deductible.value) : ZERO,
      deductibleSource: rule.deductible,
      share,
      coShare: new D(1).minus(share),
      shareSources: sources,
      pays: true,
    };
  }
  const deductible = g.deductible[level - 1];
  return {
    deductible: new D(deductible.value),
    deductibleSource: deductible,
    share,
    coShare: new D(1).minus(share),
    shareSources: sources,
    pays: true,
  };
}

/** A group's fund share at a level, with the retiree bonus and its ceiling applied. */
export function groupShare(
  basic: BasicRules,
  group: Group,
  level: Level,
): { share: Dec; sources: Param[] } {
  const g = basic.groups[group];
  const base = g.share[level - 1];
  let share = new D(base.value);
  const sources = [base];
  if (g.shareBonus) {
    share = share.plus(g.shareBonus.value);
    sources.push(g.shareBonus);
    if (g.shareMax) {
      share = minD(share, new D(g.shareMax.value));
      sources.push(g.shareMax);
    }
  }
  return { share, sources };
}

export interface EffectiveBand {
  from: Dec;
  /** upper edge (the next band's original start), or null for the last band */
  to: Dec | null;
  rate: Dec;
  fromSource: Param;
  rateSources: Param[];
}

export interface EffectiveLayer {
  /** false when the person's group or status is outside the layer */
  applies: boolean;
  components: EffectiveBand[][];
  cap: Param | null;
  annualCap: Param | null;
  /** the caps as decimals (null when none) */
  capValue: Dec | null;
  annualCapValue: Dec | null;
  /** sources of the modifiers that applied */
  modifierSources: string[];
}

function modifierApplies(
  m: { statuses?: Status[]; groups?: Group[] },
  group: Group,
  status: Status,
): boolean {
  return (!m.statuses || m.statuses.includes(status)) && (!m.groups || m.groups.includes(group));
}

/**
 * A layer's bands and caps for a person of this group and status: eligibility, then
 * modifiers (e.g. the tekun/dibao tilt: a lower first deductible, +rate, no cap) in order.
 */
export function effectiveLayer(layer: Layer, group: Group, status: Status): EffectiveLayer {
  const applies =
    (!layer.statuses || layer.statuses.includes(status)) &&
    (!layer.groups || layer.groups.includes(group));
  const modifiers = layer.modifiers.filter((m) => modifierApplies(m, group, status));
  let cap: Param | null = layer.cap ?? null;
  const components = layer.components.map((c) =>
    c.bands.map((band, i): EffectiveBand => {
      let from = band.from;
      let rate = new D(band.rate.value);
      const rateSources = [band.rate];
      for (const m of modifiers) {
        if (i === 0 && m.deductible) from = m.deductible;
        if (m.rateAdd) {
          rate = rate.plus(m.rateAdd.value);
          rateSources.push(m.rateAdd);
        }
      }
      const next = c.bands[i + 1];
      return {
        from: new D(from.value),
        to: next ? new D(next.from.value) : null,
        rate,
        fromSource: from,
        rateSources,
      };
    }),
  );
  for (const m of modifiers) {
    if (m.noCap) cap = null;
    else if (m.cap) cap = m.cap;
  }
  return {
    applies,
    components,
    cap,
    annualCap: layer.annualCap ?? null,
    capValue: cap ? new D(cap.value) : null,
    annualCapValue: layer.annualCap ? new D(layer.annualCap.value) : null,
    modifierSources: modifiers.map((m) => m.source),
  };
}

/** Marginal bands applied to an accumulated base: Σ rate × (part of base inside the band). */
export function applyBands(bands: EffectiveBand[], base: Dec): Dec {
  let sum = ZERO;
  for (const band of bands) {
    if (base.lessThanOrEqualTo(band.from)) break;
    const top = band.to && base.greaterThan(band.to) ? band.to : base;
    // a modifier may move a first band's start past the next band's start: nothing in it
    if (top.greaterThan(band.from)) sum = sum.plus(band.rate.times(top.minus(band.from)));
  }
  return sum;
}

export const CATEGORY_COUNT = CATEGORIES.length;

/**
 * Everything settle needs for one scheme, resolved once: basic terms by
 * group × category × level × first-of-year, effective layers by group × status.
 * Cached per Scheme object (schemes are not mutated after loading).
 */
export interface ResolvedScheme {
  basic: Map<string, BasicTerms>;
  layers: Map<string, EffectiveLayer[]>;
  annualCap: Map<Group, Dec>;
}

const resolved = new WeakMap<object, ResolvedScheme>();

export function resolveScheme(scheme: { basic: BasicRules; layers: Layer[] }): ResolvedScheme {
  let r = resolved.get(scheme);
  if (!r) {
    r = { basic: new Map(), layers: new Map(), annualCap: new Map() };
    resolved.set(scheme, r);
  }
  return r;
}

export function cachedBasicTerms(
  scheme: { basic: BasicRules; layers: Layer[] },
  group: Group,
  categoryIndex: number,
  level: Level,
  firstOfYear: boolean,
): BasicTerms {
  const cache = resolveScheme(scheme).basic;
  const key = `${group}/${categoryIndex}/${level}/${firstOfYear}`;
  let terms = cache.get(key);
  if (!terms) {
    terms = basicTerms(scheme.basic, group, categoryIndex, level, firstOfYear);
    cache.set(key, terms);
  }
  return terms;
}

export function cachedEffectiveLayers(
  scheme: { basic: BasicRules; layers: Layer[] },
  group: Group,
  status: Status,
): EffectiveLayer[] {
  const cache = resolveScheme(scheme).layers;
  const key = `${group}/${status}`;
  let layers = cache.get(key);
  if (!layers) {
    layers = scheme.layers.map((l) => effectiveLayer(l, group, status));
    cache.set(key, layers);
  }
  return layers;
}
