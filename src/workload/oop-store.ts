/**
 * The positive out-of-pocket amounts of one run, as one thread produces them, kept for the
 * exact percentiles (./quantile.ts).
 *
 * Memory is the cost here, not arithmetic: on these machines a first touch of a fresh
 * page costs about 12 µs, so storing 1.4 million amounts as float64 and copying them per
 * unit of work cost more than settling them. So amounts are held as whole fen in 32 bits
 * (amounts of 2^32 fen or more, over 42 million yuan, go to a separate list, so nothing is
 * lost), in one buffer per run and thread that only grows; a unit's share of it is handed
 * out as a view on the calling thread and copied only when it must cross to another one.
 */
import { isMainThread } from 'node:worker_threads';

const LARGE = 2 ** 32;

/** A unit's amounts: whole fen below 2^32 in `small`, the rest in `large`. */
export interface OopAmounts {
  small: Uint32Array;
  large: Float64Array;
}

export class OopStore {
  private small: Uint32Array;
  private used = 0;
  private large: number[] = [];
  private unitStart = 0;
  private unitLargeStart = 0;

  /**
   * `expected`: about how many amounts the run will add. Room for them is reserved at
   * once (pages are only mapped when first written), so the buffer need not grow and be
   * copied, which would touch every page twice.
   */
  constructor(expected = 0) {
    this.small = new Uint32Array(Math.max(1 << 16, Math.ceil(expected)));
  }

  /** Room for `more` amounts; returns the buffer to write them to from `this.length`. */
  reserve(more: number): Uint32Array {
    if (this.small.length < this.used + more) {
      const grown = new Uint32Array(Math.max(this.used + more, 2 * this.small.length));
      grown.set(this.small.subarray(0, this.used));
      this.small = grown;
    }
    return this.small;
  }

  get length(): number {
    return this.used;
  }

  /** After writing amounts below 2^32 into reserve()'s buffer up to `length`. */
  set length(n: number) {
    this.used = n;
  }

  /** An amount of 2^32 fen or more. */
  addLarge(fen: number): void {
    this.large.push(fen);
  }

  /** The amounts added since the last call: a view here, a copy for a worker's reply. */
  takeUnit(): OopAmounts {
    const small = this.small.subarray(this.unitStart, this.used);
    const large = Float64Array.from(this.large.slice(this.unitLargeStart));
    this.unitStart = this.used;
    this.unitLargeStart = this.large.length;
    return { small: isMainThread ? small : small.slice(), large };
  }
}

/** Whether an amount in fen must go to addLarge. */
export function isLarge(fen: number): boolean {
  return fen >= LARGE;
}
