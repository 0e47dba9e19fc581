/**
 * The out-of-pocket amounts of many person-years (all the scenarios of a year), kept so
 * that every percentile is exact — the sample quantile of type 1, the value at rank
 * ⌈q·n⌉ — in memory that does not grow with the persons.
 *
 * Amounts are whole fen. Zeros are not stored (their number is the persons less the
 * amounts added). An amount below the dense limit is counted in `dense[amount]`, one
 * counter per fen value; larger ones are kept as they are, in `over` (below 2^32 fen) or
 * `large`. The dense limit starts small and is raised fourfold (up to MAX_DENSE, about
 * 42,000 yuan) whenever the kept amounts outgrow the counters, so a small run stays small
 * and a large one costs at most 16 MB of counters plus its tail above MAX_DENSE.
 */

const LARGE = 2 ** 32;
const FIRST_DENSE = 1 << 12;
const MAX_DENSE = 1 << 22;
/** The most the counters of one distribution take. */
export const MAX_DENSE_BYTES = MAX_DENSE * Uint32Array.BYTES_PER_ELEMENT;
/**
 * Counting an amount is a random access into up to 16 MB of counters: a cache miss each
 * time. So amounts wait in small buckets of nearby values (a sixteenth of a power of two
 * each: PENDING_BUCKETS in all, 90 KB) and are counted a bucket at a time, each bucket's
 * counters lying close together.
 */
const PENDING = 64;
const PENDING_BUCKETS = 22 << 4;

/** The parts of a distribution, to send across threads (copies, not views). */
export interface OopParts {
  dense: Uint32Array;
  over: Uint32Array;
  large: Float64Array;
}

/** What a run's results read of a year's out-of-pocket distribution (brute force, or the large-pool mixture). */
export interface OopQuantiles {
  quantiles(qs: readonly number[], n: number): number[];
  sample(count: number, n: number): number[];
}

export class OopDistribution implements OopQuantiles {
  private dense = new Uint32Array(FIRST_DENSE);
  private over = new Uint32Array(1024);
  private overLength = 0;
  private large: number[] = [];
  private readonly pending = new Uint32Array(PENDING_BUCKETS * PENDING);
  private readonly pendingLength = new Uint8Array(PENDING_BUCKETS);
  /** amounts added (all positive) */
  positives = 0;

  /** Adds a positive amount in whole fen. */
  add(fen: number): void {
    this.positives++;
    if (fen >= this.dense.length) {
      this.keep(fen);
      return;
    }
    // the bucket: the binary exponent and the next four bits
    const e = 31 - Math.clz32(fen);
    const b = (e << 4) | ((e >= 4 ? fen >>> (e - 4) : fen << (4 - e)) & 15);
    const n = this.pendingLength[b]++;
    this.pending[b * PENDING + n] = fen;
    if (n + 1 === PENDING) this.count(b);
  }

  /** Counts bucket b's pending amounts. */
  private count(b: number): void {
    const dense = this.dense;
    const pending = this.pending;
    const from = b * PENDING;
    const to = from + this.pendingLength[b];
    for (let i = from; i < to; i++) dense[pending[i]]++;
    this.pendingLength[b] = 0;
  }

  private countAll(): void {
    for (let b = 0; b < PENDING_BUCKETS; b++) if (this.pendingLength[b] > 0) this.count(b);
  }

  private keep(fen: number): void {
    if (fen >= LARGE) {
      this.large.push(fen);
      return;
    }
    if (this.overLength === this.over.length) {
      // as many kept amounts as a quarter of the counters: more counters pay
      if (this.dense.length < MAX_DENSE && this.overLength >= this.dense.length >> 2) {
        this.raiseDense();
        if (fen < this.dense.length) {
          this.dense[fen]++;
          return;
        }
      }
      if (this.overLength === this.over.length) {
        const grown = new Uint32Array(this.over.length * 2);
        grown.set(this.over);
        this.over = grown;
      }
    }
    this.over[this.overLength++] = fen;
  }

  /** Four times the counters; kept amounts that now fit move into them. */
  private raiseDense(to = Math.min(this.dense.length * 4, MAX_DENSE)): void {
    if (to <= this.dense.length) return;
    const dense = new Uint32Array(to);
    dense.set(this.dense);
    this.dense = dense;
    let kept = 0;
    for (let i = 0; i < this.overLength; i++) {
      const v = this.over[i];
      if (v < to) dense[v]++;
      else this.over[kept++] = v;
    }
    this.overLength = kept;
  }

  /** The parts, for a thread's reply (the distribution is not to be used after). */
  parts(): OopParts {
    this.countAll();
    return {
      dense: this.dense,
      over: this.over.subarray(0, this.overLength),
      large: Float64Array.from(this.large),
    };
  }

  /** Adds another distribution's amounts (taking over its counters when this one is empty). */
  merge(parts: OopParts): void {
    this.countAll();
    if (this.positives === 0 && parts.dense.length >= this.dense.length) {
      this.dense = parts.dense;
      for (let v = 1; v < parts.dense.length; v++) this.positives += parts.dense[v];
      for (const v of parts.over) this.add(v);
      for (const v of parts.large) this.add(v);
      return;
    }
    this.raiseDense(parts.dense.length);
    const dense = this.dense;
    for (let v = 0; v < parts.dense.length; v++) {
      const c = parts.dense[v];
      if (c !== 0) {
        dense[v] += c;
        this.positives += c;
      }
    }
    for (const v of parts.over) this.add(v);
    for (const v of parts.large) this.add(v);
  }

  /**
   * The quantiles `qs` (each in [0, 1]) in fen, of `n` person-years of which these are
   * the positive amounts (the rest are zeros); NaN for an empty sample.
   */
  quantiles(qs: readonly number[], n: number): number[] {
    const zeros = n - this.positives;
    if (zeros < 0) throw new RangeError(`OopDistribution: ${n} persons, ${this.positives} amounts`);
    if (n === 0) return qs.map(() => Number.NaN);
    this.countAll();
    // ranks among the positive amounts (1-based); q·n is rounded to 15 digits first so that
    // an exact integer product is not pushed up by float error
    const ranks = qs.map((q) => Math.max(1, Math.ceil(Number((q * n).toPrecision(15)))) - zeros);
    const order = ranks.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b]);
    const out = new Array<number>(qs.length).fill(0);
    let k = 0;
    while (k < order.length && ranks[order[k]] <= 0) k++;
    let seen = 0;
    const dense = this.dense;
    for (let v = 1; v < dense.length && k < order.length; v++) {
      seen += dense[v];
      while (k < order.length && ranks[order[k]] <= seen) out[order[k++]] = v;
    }
    if (k < order.length) {
      const tail = Float64Array.from(this.over.subarray(0, this.overLength));
      tail.sort();
      const large = Float64Array.from(this.large).sort();
      for (; k < order.length; k++) {
        const r = ranks[order[k]] - seen;
        out[order[k]] = r <= tail.length ? tail[r - 1] : large[r - tail.length - 1];
      }
    }
    return out;
  }

  /**
   * `count` amounts in yuan standing for the distribution of `n` person-years: the
   * quantiles at (i + ½)/count, for charts that take values, such as a CCDF.
   */
  sample(count: number, n: number): number[] {
    const qs = Array.from({ length: count }, (_, i) => (i + 0.5) / count);
    return this.quantiles(qs, n).map((fen) => fen / 100);
  }

  /** How many amounts are above `fen`. */
  countAbove(fen: number): number {
    this.countAll();
    let count = 0;
    const from = Math.max(Math.floor(fen) + 1, 1);
    for (let v = from; v < this.dense.length; v++) count += this.dense[v];
    for (let i = 0; i < this.overLength; i++) if (this.over[i] > fen) count++;
    for (const v of this.large) if (v > fen) count++;
    return count;
  }
}
