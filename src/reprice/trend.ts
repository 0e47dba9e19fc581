/**
 * Next year's trend on last year's claims (`yibao reprice --cost-trend --utilisation-trend`):
 *
 *   cost trend c: every amount × (1 + c), rounded half-up to the fen, so the scheme meets
 *     next year's bills (excluded is held within total − scope − cancer drugs after rounding)
 *   utilisation trend u: each person with claims counts 1 + B times, B = 1 with probability
 *     u (u < 0: 0 times with probability −u), drawn from a hash of (seed, person_id), so the
 *     draw is the same whatever the file's order or size; the insured count is unchanged,
 *     so the share of insured with claims grows by u
 */

import { D, roundFen } from '../engine/money';
import type { ClaimRow, ClaimsPerson } from '../io/claims-csv';

export interface Trend {
  /** relative cost growth, e.g. 0.06 */
  cost: number;
  /** relative growth of persons with claims, e.g. 0.02 */
  utilisation: number;
  seed: number;
}

export const NO_TREND: Trend = { cost: 0, utilisation: 0, seed: 1 };

/** Amounts × (1 + c), to the fen; the person as given when c is 0. */
export function trendedPerson(person: ClaimsPerson, trend: Trend): ClaimsPerson {
  if (trend.cost === 0) return person;
  const factor = new D(1).plus(trend.cost);
  const scale = (text: string) => roundFen(new D(text).times(factor));
  const events = person.events.map((e): ClaimRow => {
    const total = scale(e.total);
    const scope = scale(e.scope);
    const cancer = scale(e.cancerDrugOoc);
    // rounding each part apart can overshoot the out-of-scope cost by a fen
    const room = total.minus(scope).minus(cancer);
    const excluded = D.min(scale(e.excluded), room);
    return {
      ...e,
      total: total.toFixed(2),
      scope: scope.toFixed(2),
      excluded: excluded.toFixed(2),
      cancerDrugOoc: cancer.toFixed(2),
    };
  });
  return { ...person, events };
}

/** A uniform number in [0, 1) from (seed, id): FNV-1a, then a murmur3 finaliser. */
export function uniformOf(seed: number, id: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** How many times a person counts next year: 1, or 0 or 2 by the utilisation trend. */
export function copiesOf(person: ClaimsPerson, trend: Trend): number {
  if (trend.utilisation === 0 || person.events.length === 0) return 1;
  const u = uniformOf(trend.seed, person.personId);
  if (trend.utilisation > 0) return u < trend.utilisation ? 2 : 1;
  return u < -trend.utilisation ? 0 : 1;
}
