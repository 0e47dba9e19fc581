/**
 * Which persons of a block have events, and how many of each kind, in time proportional
 * to the claimants rather than to the persons.
 *
 * Each person has independent Poisson(λ_k) counts for kinds k = 1..K. Their total is
 * Poisson(Λ), Λ = Σ λ_k, and given the total the kinds are multinomial with probabilities
 * λ_k / Λ. So instead of drawing K counts for every person, most of them zero, we draw:
 *
 *   - the number of persons with no event before the next claimant: geometric, with
 *     P(no event) = e^(−Λ) per person;
 *   - that claimant's total: Poisson(Λ) given at least one event;
 *   - each event's kind, when there is more than one kind: categorical on λ_k / Λ.
 *
 * The first two are inverted from a 32-bit number each with tables of 32-bit thresholds
 * (no logarithm), so the counts have the distribution of per-person Poisson draws made
 * from 32-bit uniforms — the resolution of the streams — and cost nothing for the persons
 * without events.
 */
import type { Stream } from '../random/stream';

export interface ClaimantCounts {
  /** persons with at least one event, in person order (block-relative indices) */
  claimant: Uint32Array;
  /** events of kind k of claimant j at [j · kinds + k] */
  counts: Uint16Array;
  claimants: number;
  events: number;
}

/** Above this total rate the inversion tables lose precision (e^−Λ underflows early). */
export const MAX_TOTAL_RATE = 30;

const TWO_32 = 2 ** 32;

/** Longest table an inversion keeps (a geometric's tail beyond it is drawn again). */
const TABLE_LIMIT = 4096;

/**
 * Inversion of a discrete distribution on 0, 1, 2 … from a 32-bit uniform integer u: the
 * value is the least k with u < below[k], found from a guide table indexed by u's top byte
 * (Chen and Asau), so in one or two comparisons. A table cut at TABLE_LIMIT values leaves
 * u ≥ below[last] to the caller (`beyond`).
 */
class Inversion {
  readonly below: Float64Array;
  private readonly guide: Uint32Array;

  /** `cdf(k)`: P(X ≤ k), increasing to 1. */
  constructor(cdf: (k: number) => number) {
    const below: number[] = [];
    for (let k = 0; k < TABLE_LIMIT; k++) {
      const edge = Math.min(TWO_32, Math.ceil(cdf(k) * TWO_32));
      below.push(edge);
      // the remaining probability is below the resolution of a 32-bit uniform
      if (edge >= TWO_32) break;
    }
    // a sentinel: u at or above the last edge stops here, at index `beyond`
    below.push(TWO_32);
    this.below = Float64Array.from(below);
    this.guide = new Uint32Array(256);
    for (let top = 0, k = 0; top < 256; top++) {
      while (this.below[k] <= top * 2 ** 24) k++;
      this.guide[top] = k;
    }
  }

  /** The value for u, or `beyond` when u falls past the table's last edge. */
  draw(u: number): number {
    let k = this.guide[u >>> 24];
    while (u >= this.below[k]) k++;
    return k;
  }

  get beyond(): number {
    return this.below.length - 1;
  }
}

/**
 * Geometric gaps: P(G ≥ g) = q^g. Beyond the table, G ≥ `beyond`, and by the geometric's
 * lack of memory G − beyond is again such a gap: drawn again and added.
 */
class GeometricGaps {
  private readonly table: Inversion;

  constructor(q: number) {
    this.table = new Inversion((g) => 1 - q ** (g + 1));
  }

  draw(s: Stream): number {
    let gap = 0;
    for (;;) {
      const g = this.table.draw(s.nextUint32());
      if (g < this.table.beyond) return gap + g;
      gap += g;
    }
  }
}

/** A reusable drawer for one set of kinds' rates; `draw` fills and returns its own arrays. */
export class ClaimantSampler {
  private readonly rates: Float64Array;
  private readonly total: number;
  /** persons without an event before the next claimant */
  private readonly gap: GeometricGaps;
  /** a claimant's events, less one */
  private readonly extra: Inversion;
  private out: ClaimantCounts = {
    claimant: new Uint32Array(0),
    counts: new Uint16Array(0),
    claimants: 0,
    events: 0,
  };

  constructor(rates: ArrayLike<number>) {
    this.rates = Float64Array.from(rates);
    let total = 0;
    for (const r of this.rates) {
      if (!(r >= 0)) throw new RangeError(`ClaimantSampler: rates must be ≥ 0, got ${r}`);
      total += r;
    }
    if (!(total < MAX_TOTAL_RATE))
      throw new RangeError(`ClaimantSampler: the rates must sum to below ${MAX_TOTAL_RATE}`);
    this.total = total;
    // (with no rate at all, draw() never asks: nobody has an event)
    const pNone = total > 0 ? Math.exp(-total) : 0.5;
    this.gap = new GeometricGaps(pNone);
    // P(events ≤ 1 + k | events ≥ 1) for Poisson(Λ): its cdf, from k = 0
    const poissonCdf = [pNone];
    let term = pNone;
    this.extra = new Inversion((k) => {
      while (poissonCdf.length <= k + 1) {
        term *= total / poissonCdf.length;
        poissonCdf.push(poissonCdf[poissonCdf.length - 1] + term);
      }
      return total > 0 ? (poissonCdf[k + 1] - pNone) / (1 - pNone) : 1;
    });
  }

  /** Draws the claimants among `persons` persons from stream `s`. */
  draw(persons: number, s: Stream): ClaimantCounts {
    const kinds = this.rates.length;
    const out = this.reserve(persons, kinds);
    const { claimant, counts } = out;
    let claimants = 0;
    let events = 0;
    if (this.total > 0) {
      for (let i = this.gap.draw(s); i < persons; ) {
        const c = 1 + this.extra.draw(s.nextUint32());
        const row = claimants * kinds;
        if (kinds === 1) counts[row] = c;
        else {
          for (let k = 0; k < kinds; k++) counts[row + k] = 0;
          for (let e = 0; e < c; e++) counts[row + this.kindOf(s.next() * this.total)]++;
        }
        claimant[claimants++] = i;
        events += c;
        i += 1 + this.gap.draw(s);
      }
    }
    out.claimants = claimants;
    out.events = events;
    return out;
  }

  /** The kind whose slice of [0, Λ) holds `x`. */
  private kindOf(x: number): number {
    const last = this.rates.length - 1;
    let k = 0;
    let edge = this.rates[0];
    while (x >= edge && k < last) edge += this.rates[++k];
    return k;
  }

  private reserve(persons: number, kinds: number): ClaimantCounts {
    if (this.out.claimant.length < persons) {
      this.out.claimant = new Uint32Array(persons);
      this.out.counts = new Uint16Array(persons * kinds);
    }
    return this.out;
  }
}
