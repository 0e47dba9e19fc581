/**
 * The fast engine: settles columns of events (sorted by person, in date order) through a
 * compiled Plan, in one pass, in float64 fen. It is the exact engine's algorithm
 * (../settle.ts) step for step — see that file for the why of each step — without
 * decimals, objects per person or closures per event.
 *
 * Rounding to the fen is half-up; a value within ROUND_SLACK of a half fen is taken as the
 * half (the exact value is then almost surely the tie itself, which rounds up). Each
 * rounding also checks how close it came to a half fen: a person any of whose roundings
 * came within TIE_BAND is flagged `uncertain`, so a caller that needs every fen exact
 * (adjudicate) can settle just those persons again with decimals.
 */
import type { Events } from '../../model/columns';
import { roundHalfUp } from '../../model/round';
import {
  basicIndex,
  type Plan,
  type PlanTerms,
  QUANTITY_COUNT,
  STATUS_COUNT,
  TERM_COVERED,
  TERM_PAID,
  TERM_QUANTITY,
} from './plan-layout';

const ROUND_SLACK = 1e-6;
const TIE_BAND = 1e-3;

/** Per-person results in fen (whole numbers held in float64, so sums stay exact). */
export interface FastSettlement {
  persons: number;
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
}

// quantity slots (QUANTITIES order in ../../scheme/types.ts)
const Q_TOTAL = 0;
const Q_SCOPE = 1;
const Q_EXCLUDED = 2;
const Q_CDO = 3;
const Q_OUT_OF_SCOPE = 4;
const Q_DEDUCTIBLE = 5;
const Q_ELIGIBLE = 6;
const Q_BASIC = 7;
const Q_COINSURANCE = 8;
const Q_ABOVE_CAP = 9;
const Q_PERSONAL_SCOPE = 10;

let roundedNearTie = false;

/**
 * Round half-up to a whole fen, noting a near-tie unless the caller knows the value is an
 * exact multiple of 0.0001 fen (then a value within the slack of a half is the half).
 */
function roundFen(v: number, decidable = false): number {
  const shifted = v + 0.5;
  const r = Math.floor(shifted + ROUND_SLACK);
  const d = shifted - r;
  if (!decidable && d < TIE_BAND && d > -TIE_BAND) roundedNearTie = true;
  return r;
}

export interface SettleColumnsInput {
  persons: number;
  /** per person: index into GROUPS and STATUSES */
  group: Uint8Array;
  status: Uint8Array;
  events: Events;
}

/** Zeroed result columns for `persons` persons. */
export function allocateSettlement(plan: Plan, persons: number): FastSettlement {
  return {
    persons,
    totalFen: new Float64Array(persons),
    basicFen: new Float64Array(persons),
    layerFen: plan.layers.map(() => new Float64Array(persons)),
    aidFen: new Float64Array(persons),
    oopFen: new Float64Array(persons),
    alerts: Array.from(plan.alertAbove, () => new Uint8Array(persons)),
    uncertain: new Uint8Array(persons),
  };
}

/**
 * Settles every person. Persons with no events get zeros. Throws if an event's person is
 * out of range or the events are not sorted by person.
 *
 * `into`, columns from an earlier call (at least `persons` long), is reused instead of
 * allocating new ones: hot loops that settle block after block then make no garbage.
 */
export function settleColumns(
  plan: Plan,
  input: SettleColumnsInput,
  into?: FastSettlement,
): FastSettlement {
  const { persons, group, status, events } = input;
  const layerCount = plan.layers.length;
  const out = into ? clearFor(into, persons) : allocateSettlement(plan, persons);
  // Offsets of each layer's components in the flat year-base accumulator.
  const baseOffset = new Int32Array(layerCount + 1);
  for (let li = 0; li < layerCount; li++)
    baseOffset[li + 1] = baseOffset[li] + plan.layers[li].components.length;
  // two accumulators per component: its base and (top-ups) what is already paid
  const yearAcc = new Float64Array(2 * baseOffset[layerCount]);
  const yearPaid = new Float64Array(layerCount);
  const paidInYear = new Float64Array(layerCount);
  const paidOnEvent = new Float64Array(layerCount);
  const q = new Float64Array(QUANTITY_COUNT);

  // Every column and table the loop reads, in locals: V8 cannot keep them in registers
  // itself, since a store into one typed array might (for all it knows) change another.
  const eventPerson = events.person;
  const eventCategory = events.category;
  const eventLevel = events.level;
  const eventTotal = events.total;
  const eventScope = events.scope;
  const eventExcluded = events.excluded;
  const eventCdo = events.cancerDrugOoc;
  const count = events.count;
  const { annualCap, pays, share: shares, deductible, shareExact, coShare, layers } = plan;
  const alertAbove = plan.alertAbove;
  const { totalFen, basicFen, layerFen, aidFen, oopFen, alerts, uncertain } = out;
  let e = 0;
  for (let p = 0; p < persons; p++) {
    if (e < count && eventPerson[e] < p)
      throw new Error(`settleColumns: events are not sorted by person (event ${e})`);
    // Most person-years have no event: their outputs stay zero (typed arrays start zeroed).
    if (e >= count || eventPerson[e] !== p) continue;
    const g = group[p];
    const gs = g * STATUS_COUNT + status[p];
    let capLeft = annualCap[g];
    let seen = 0;
    // plain loops: these arrays are a few entries long, and a fill() call per person costs
    // more than the settlement of a typical event
    for (let i = 0; i < yearAcc.length; i++) yearAcc[i] = 0;
    for (let li = 0; li < layerCount; li++) {
      yearPaid[li] = 0;
      paidInYear[li] = 0;
    }
    let total = 0;
    let basicSum = 0;
    roundedNearTie = false;

    for (; e < count && eventPerson[e] === p; e++) {
      const c = eventCategory[e];
      const first = seen & (1 << c) ? 0 : 1;
      seen |= 1 << c;
      const t = roundHalfUp(eventTotal[e] * 100);
      const scope = roundHalfUp(eventScope[e] * 100);
      const bi = basicIndex(g, c, eventLevel[e], first);
      let eligible = 0;
      let basic = 0;
      let covered = 0;
      if (pays[bi]) {
        const share = shares[bi];
        eligible = scope - deductible[bi];
        if (eligible < 0) eligible = 0;
        basic = roundFen(share * eligible, shareExact[bi] === 1);
        if (basic > capLeft) basic = capLeft;
        capLeft -= basic;
        if (share > 0) covered = basic / share;
      }
      q[Q_TOTAL] = t;
      q[Q_SCOPE] = scope;
      q[Q_EXCLUDED] = roundHalfUp(eventExcluded[e] * 100);
      q[Q_CDO] = roundHalfUp(eventCdo[e] * 100);
      q[Q_OUT_OF_SCOPE] = t - scope;
      q[Q_DEDUCTIBLE] = scope - eligible;
      q[Q_ELIGIBLE] = eligible;
      q[Q_BASIC] = basic;
      q[Q_COINSURANCE] = coShare[bi] * covered;
      q[Q_ABOVE_CAP] = eligible - covered;
      q[Q_PERSONAL_SCOPE] = scope - basic;
      total += t;
      basicSum += basic;

      let paid = basic;
      for (let li = 0; li < layerCount; li++) {
        paidOnEvent[li] = 0;
        const layer = layers[li];
        const eff = layer.effective[gs];
        if (!eff.applies || layer.categoryMask[c] === 0) continue;
        const perEvent = layer.yearMode[c] === 0;
        let raw = 0;
        const components = layer.components;
        for (let ci = 0; ci < components.length; ci++) {
          const comp = components[ci];
          const slot = 2 * (baseOffset[li] + ci);
          let base = sumTerms(comp.base, q, paidOnEvent, plan, gs);
          if (!perEvent) {
            yearAcc[slot] += base;
            base = yearAcc[slot];
          }
          const rate = eff.rate[ci];
          if (comp.topUp) {
            // top up what is already paid (less) to rate × base
            let less = comp.less.kind.length ? sumTerms(comp.less, q, paidOnEvent, plan, gs) : 0;
            if (!perEvent) {
              yearAcc[slot + 1] += less;
              less = yearAcc[slot + 1];
            }
            const topUp = rate[0] * base - less;
            if (topUp > 0) raw += topUp;
            continue;
          }
          // marginal bands
          const from = eff.from[ci];
          const to = eff.to[ci];
          for (let b = 0; b < from.length; b++) {
            if (base <= from[b]) break;
            const top = Math.min(base, to[b]);
            if (top > from[b]) raw += rate[b] * (top - from[b]);
          }
        }
        let owed = roundFen(raw, layer.exactRounding);
        if (owed > eff.cap) owed = eff.cap;
        let pay = perEvent ? owed : owed - yearPaid[li];
        const room = eff.annualCap - paidInYear[li];
        if (pay > room) pay = room;
        if (pay < 0) pay = 0;
        if (pay > t - paid) pay = t - paid; // guard: never more than the event's cost left
        paidOnEvent[li] = pay;
        paid += pay;
        if (!perEvent) yearPaid[li] += pay;
        paidInYear[li] += pay;
      }
    }

    totalFen[p] = total;
    basicFen[p] = basicSum;
    let layersSum = 0;
    let aid = 0;
    for (let li = 0; li < layerCount; li++) {
      layerFen[li][p] = paidInYear[li];
      layersSum += paidInYear[li];
      if (layers[li].isAid) aid += paidInYear[li];
    }
    aidFen[p] = aid;
    const oop = total - basicSum - layersSum;
    oopFen[p] = oop;
    for (let a = 0; a < alertAbove.length; a++) alerts[a][p] = oop > alertAbove[a] ? 1 : 0;
    uncertain[p] = roundedNearTie ? 1 : 0;
  }
  if (e < count)
    throw new Error(
      `settleColumns: event ${e} names person ${eventPerson[e]}, beyond ${persons} persons`,
    );
  return out;
}

/** `into`, zeroed for its first `persons` persons (the ones settled ones do not overwrite). */
function clearFor(into: FastSettlement, persons: number): FastSettlement {
  if (into.oopFen.length < persons)
    throw new RangeError(
      `settleColumns: 'into' holds ${into.oopFen.length} persons, not ${persons}`,
    );
  into.persons = persons;
  for (const column of [
    into.totalFen,
    into.basicFen,
    ...into.layerFen,
    into.aidFen,
    into.oopFen,
    ...into.alerts,
    into.uncertain,
  ])
    column.fill(0, 0, persons);
  return into;
}

/** A signed sum of ledger quantities and earlier layers' payments on this event. */
function sumTerms(
  terms: PlanTerms,
  q: Float64Array,
  paidOnEvent: Float64Array,
  plan: Plan,
  gs: number,
): number {
  let sum = 0;
  const kinds = terms.kind;
  for (let ti = 0; ti < kinds.length; ti++) {
    const kind = kinds[ti];
    const index = terms.index[ti];
    const value =
      kind === TERM_QUANTITY
        ? q[index]
        : kind === TERM_PAID
          ? paidOnEvent[index]
          : kind === TERM_COVERED
            ? paidOnEvent[index] / plan.layers[index].effective[gs].coveredRate
            : 0;
    sum += terms.sign[ti] * value;
  }
  return sum;
}
