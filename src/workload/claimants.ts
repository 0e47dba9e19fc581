/**
 * Which persons of a block have events, and how many of each kind.
 *
 * Each person has independent Poisson(λ_k) counts for kinds k = 1..K. Their total is
 * Poisson(Λ), Λ = Σ λ_k, and given the total the kinds are multinomial with probabilities
 * λ_k / Λ. So each person takes one 32-bit number, all of them drawn in one batch: below
 * e^(−Λ)·2^32 (most persons) the person has no event; otherwise the same number, as a
 * uniform, gives the total by inversion of Poisson(Λ), and — when there is more than one
 * kind — each event's kind is drawn, categorical on λ_k / Λ, from the numbers after the
 * batch. The counts have exactly the distribution of per-person Poisson draws, and only the
 * claimants cost more than a comparison.
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

/** A reusable drawer for one set of kinds' rates; `draw` fills and returns its own arrays. */
export class ClaimantSampler {
  private readonly rates: Float64Array;
  private readonly total: number;
  private readonly pNone: number;
  /** each person's 32-bit number */
  private bits = new Uint32Array(0);
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
    this.pNone = Math.exp(-total);
  }

  /** Draws the claimants among `persons` persons from stream `s`. */
  draw(persons: number, s: Stream): ClaimantCounts {
    const kinds = this.rates.length;
    const out = this.reserve(persons, kinds);
    const { claimant, counts } = out;
    const bits = s.fillUint32(this.bits, persons);
    const total = this.total;
    const pNone = this.pNone;
    const noEventBelow = pNone * 2 ** 32;
    // first the claimants, in a loop kept small enough for V8 to make it tight
    let claimants = 0;
    for (let i = 0; i < persons; i++) if (bits[i] >= noEventBelow) claimant[claimants++] = i;
    let events = 0;
    for (let j = 0; j < claimants; j++) {
      // the total, Poisson(Λ), by inversion of the person's uniform, from c = 1
      let u = bits[claimant[j]] * 2 ** -32 - pNone;
      let p = pNone * total;
      let c = 1;
      while (u >= p && p > 0) {
        u -= p;
        c++;
        p *= total / c;
      }
      const row = j * kinds;
      if (kinds === 1) counts[row] = c;
      else {
        for (let k = 0; k < kinds; k++) counts[row + k] = 0;
        for (let e = 0; e < c; e++) counts[row + this.kindOf(s.next() * total)]++;
      }
      events += c;
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
      this.bits = new Uint32Array(persons);
      this.out.claimant = new Uint32Array(persons);
      this.out.counts = new Uint16Array(persons * kinds);
    }
    return this.out;
  }
}
