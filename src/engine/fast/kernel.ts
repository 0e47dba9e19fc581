/**
 * The fast engine's inner loop, written out for one Plan.
 *
 * A scheme's shape — how many layers, which components, which terms make each base — is
 * fixed once the plan is compiled, so instead of walking those lists for every event,
 * this module writes the settlement loop as JavaScript with the shape unrolled (layers,
 * components and terms become straight-line code over local variables) and lets V8
 * compile that. The numbers stay in the plan's tables, read as before: by basic-rule
 * index, and by group × status for the layers' effective parameters. The loop is the
 * exact engine's algorithm (../settle.ts) step for step; settle-columns.ts documents the
 * rounding, and the property tests hold the result to the exact engine to the fen.
 *
 * Only numbers and identifiers this module makes go into the source: nothing read from
 * a scheme file is ever pasted into it.
 */
import type { Events } from '../../model/columns';
import { QUANTITIES } from '../../scheme/types';
import {
  CATEGORY_COUNT,
  type Plan,
  type PlanTerms,
  STATUS_COUNT,
  TERM_COVERED,
  TERM_PAID,
  TERM_QUANTITY,
} from './plan-layout';

/** Results are written to `out`'s columns, which the caller has zeroed for `persons`. */
export type SettleKernel = (
  persons: number,
  group: Uint8Array,
  status: Uint8Array,
  events: Events,
  out: SettlementColumns,
) => void;

/** Per-person results in fen (whole numbers held in float64, so sums stay exact). */
export interface SettlementColumns {
  totalFen: Float64Array;
  basicFen: Float64Array;
  /** by layer index (scheme order) */
  layerFen: Float64Array[];
  aidFen: Float64Array;
  oopFen: Float64Array;
  /** by alert, 1 when raised */
  alerts: Uint8Array[];
  /** 1 when a rounding came close enough to a half fen that float error could flip it */
  uncertain: Uint8Array;
  /**
   * Optional, per event: what the layers marked in `paidMask` (by layer index) paid on it,
   * for cash flows by the month of each event.
   */
  eventPaid?: Float64Array;
  paidMask?: Uint8Array;
}

/** A value within this of a half fen is taken as the half (see settle-columns.ts). */
export const ROUND_SLACK = 1e-6;
/** A rounding this close to a half fen flags the person `uncertain`. */
export const TIE_BAND = 1e-3;

/** How a kernel is written out. */
export interface KernelOptions {
  /**
   * Flag near-ties in `uncertain` (default true). A caller that never re-settles a person
   * with decimals (the Monte Carlo run) turns it off: the other columns are the same, and
   * the check, two comparisons per rounding, is about 7% of a simulation's time.
   */
  ties?: boolean;
}

/** Kernels by plan: [with tie flags, without]. */
const kernels = new WeakMap<Plan, (SettleKernel | undefined)[]>();

export function settleKernel(plan: Plan, options: KernelOptions = {}): SettleKernel {
  const ties = options.ties ?? true;
  let pair = kernels.get(plan);
  if (!pair) {
    pair = [undefined, undefined];
    kernels.set(plan, pair);
  }
  const slot = ties ? 0 : 1;
  let kernel = pair[slot];
  if (!kernel) {
    const source = kernelSource(plan, { ties });
    const factory = new Function('plan', 'CATEGORY_COUNT', 'STATUS_COUNT', source);
    kernel = factory(plan, CATEGORY_COUNT, STATUS_COUNT) as SettleKernel;
    pair[slot] = kernel;
  }
  return kernel;
}

/** Local variable of each ledger quantity, by its index in QUANTITIES. */
const QUANTITY_VARIABLE: Record<string, string> = {
  total: 't',
  scope: 'scope',
  excluded: 'excluded',
  cancer_drug_ooc: 'cdo',
  out_of_scope: 'outOfScope',
  deductible: 'deductiblePart',
  eligible: 'eligible',
  basic: 'basic',
  coinsurance: 'coinsurance',
  above_cap: 'aboveCap',
  personal_scope: 'personalScope',
};

/** Source of `Σ sign × term`, as an expression over the event's locals. */
function termsExpression(terms: PlanTerms): string {
  const parts: string[] = [];
  for (let i = 0; i < terms.kind.length; i++) {
    const index = terms.index[i];
    const value =
      terms.kind[i] === TERM_QUANTITY
        ? QUANTITY_VARIABLE[QUANTITIES[index]]
        : terms.kind[i] === TERM_PAID
          ? `pay${index}`
          : terms.kind[i] === TERM_COVERED
            ? `(pay${index} / eff${index}.coveredRate)`
            : '0';
    if (!value) throw new Error(`settleKernel: no variable for quantity ${index}`);
    parts.push(`${numberLiteral(terms.sign[i])} * ${value}`);
  }
  // from 0, term by term, as a running sum would add them
  return ['0', ...parts].join(' + ');
}

function numberLiteral(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`settleKernel: not a finite number: ${x}`);
  return `(${String(x)})`;
}

/**
 * Rounds `value` half-up into `target`, flagging a near-tie unless `exact` or `ties` is
 * false (source).
 */
function roundInto(target: string, value: string, exact: string, ties: boolean): string {
  if (!ties)
    return `{
        ${target} = Math.floor(${value} + 0.5 + ${ROUND_SLACK});
      }`;
  return `{
        const shifted = ${value} + 0.5;
        ${target} = Math.floor(shifted + ${ROUND_SLACK});
        if (!(${exact})) {
          const d = shifted - ${target};
          if (d < ${TIE_BAND} && d > -${TIE_BAND}) nearTie = true;
        }
      }`;
}

/** The settlement of one event by layer `li` (source), leaving its payment in pay<li>. */
function layerSource(plan: Plan, li: number, ties: boolean): string {
  const layer = plan.layers[li];
  const components = layer.components.map((component, ci) => {
    const acc = `acc${li}_${ci}`;
    const base = `
      let base = ${termsExpression(component.base)};
      if (!perEvent) { ${acc} += base; base = ${acc}; }`;
    if (component.topUp) {
      // top up what is already paid (less) to rate × base
      return `{${base}
      let less = ${termsExpression(component.less)};
      if (!perEvent) { ${acc}less += less; less = ${acc}less; }
      const topUp = rate${li}_${ci}[0] * base - less;
      if (topUp > 0) raw += topUp;
    }`;
    }
    // marginal bands
    return `{${base}
      const from = from${li}_${ci};
      const to = to${li}_${ci};
      const rate = rate${li}_${ci};
      for (let b = 0; b < from.length; b++) {
        if (base <= from[b]) break;
        const top = Math.min(base, to[b]);
        if (top > from[b]) raw += rate[b] * (top - from[b]);
      }
    }`;
  });
  return `
    pay${li} = 0;
    if (eff${li}.applies && mask${li}[c] !== 0) {
      const perEvent = yearMode${li}[c] === 0;
      let raw = 0;
      ${components.join('\n      ')}
      let owed = 0;
      ${roundInto('owed', 'raw', String(layer.exactRounding), ties)}
      if (owed > eff${li}.cap) owed = eff${li}.cap;
      let pay = perEvent ? owed : owed - yearPaid${li};
      const room = eff${li}.annualCap - paidInYear${li};
      if (pay > room) pay = room;
      if (pay < 0) pay = 0;
      if (pay > t - paid) pay = t - paid; // guard: never more than the event's cost left
      pay${li} = pay;
      paid += pay;
      if (!perEvent) yearPaid${li} += pay;
      paidInYear${li} += pay;
    }`;
}

/** The factory's body: tables in closure, then the kernel function. */
export function kernelSource(plan: Plan, options: KernelOptions = {}): string {
  const ties = options.ties ?? true;
  const L = plan.layers.length;
  const each = (f: (li: number) => string, sep = '\n') =>
    Array.from({ length: L }, (_, li) => f(li)).join(sep);
  const componentsOf = (li: number) => plan.layers[li].components.map((_, ci) => ci);
  return `
"use strict";
const { annualCap, pays, share: shares, deductible, shareExact, coShare, layers, alertAbove } = plan;
${each((li) => `const mask${li} = layers[${li}].categoryMask, yearMode${li} = layers[${li}].yearMode, effective${li} = layers[${li}].effective;`)}
return function settle(persons, group, status, events, out) {
  const eventPerson = events.person, eventCategory = events.category, eventLevel = events.level;
  const eventTotal = events.total, eventScope = events.scope;
  const eventExcluded = events.excluded, eventCdo = events.cancerDrugOoc;
  const count = events.count;
  const { totalFen, basicFen, aidFen, oopFen, uncertain, layerFen, alerts, eventPaid, paidMask } = out;
  let e = 0;
  for (let p = 0; p < persons; p++) {
    if (e < count && eventPerson[e] < p)
      throw new Error('settleColumns: events are not sorted by person (event ' + e + ')');
    // most person-years have no event: their outputs stay zero
    if (e >= count || eventPerson[e] !== p) continue;
    const g = group[p];
    const gs = g * STATUS_COUNT + status[p];
    let capLeft = annualCap[g];
    let seen = 0;
    let total = 0;
    let basicSum = 0;
    let nearTie = false;
${each(
  (li) => `    const eff${li} = effective${li}[gs];
${componentsOf(li)
  .map(
    (ci) =>
      `    const from${li}_${ci} = eff${li}.from[${ci}], to${li}_${ci} = eff${li}.to[${ci}], rate${li}_${ci} = eff${li}.rate[${ci}];
    let acc${li}_${ci} = 0, acc${li}_${ci}less = 0;`,
  )
  .join('\n')}
    let yearPaid${li} = 0, paidInYear${li} = 0, pay${li} = 0;`,
)}
    for (; e < count && eventPerson[e] === p; e++) {
      const c = eventCategory[e];
      const first = seen & (1 << c) ? 0 : 1;
      seen |= 1 << c;
      const t = Math.floor(eventTotal[e] * 100 + 0.5);
      const scope = Math.floor(eventScope[e] * 100 + 0.5);
      const bi = ((g * CATEGORY_COUNT + c) * 3 + eventLevel[e] - 1) * 2 + first;
      let eligible = 0;
      let basic = 0;
      let covered = 0;
      if (pays[bi]) {
        const share = shares[bi];
        eligible = scope - deductible[bi];
        if (eligible < 0) eligible = 0;
        ${roundInto('basic', 'share * eligible', 'shareExact[bi] === 1', ties)}
        if (basic > capLeft) basic = capLeft;
        capLeft -= basic;
        if (share > 0) covered = basic / share;
      }
      const excluded = Math.floor(eventExcluded[e] * 100 + 0.5);
      const cdo = Math.floor(eventCdo[e] * 100 + 0.5);
      const outOfScope = t - scope;
      const deductiblePart = scope - eligible;
      const coinsurance = coShare[bi] * covered;
      const aboveCap = eligible - covered;
      const personalScope = scope - basic;
      total += t;
      basicSum += basic;
      let paid = basic;
${each((li) => layerSource(plan, li, ties))}
      if (eventPaid !== undefined)
        eventPaid[e] = 0${each((li) => ` + (paidMask[${li}] !== 0 ? pay${li} : 0)`, '')};
    }
    totalFen[p] = total;
    basicFen[p] = basicSum;
${each((li) => `    layerFen[${li}][p] = paidInYear${li};`)}
    let layersSum = 0;
    let aid = 0;
${each((li) => `    layersSum += paidInYear${li};${plan.layers[li].isAid ? ` aid += paidInYear${li};` : ''}`)}
    aidFen[p] = aid;
    const oop = total - basicSum - layersSum;
    oopFen[p] = oop;
    for (let a = 0; a < alertAbove.length; a++) alerts[a][p] = oop > alertAbove[a] ? 1 : 0;
    uncertain[p] = nearTie ? 1 : 0;
  }
  if (e < count)
    throw new Error('settleColumns: event ' + e + ' names person ' + eventPerson[e] + ', beyond ' + persons + ' persons');
};`;
}
