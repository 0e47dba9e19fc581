/**
 * Discrete draws by inversion of a 32-bit uniform, for the generators' hot loops: no
 * logarithm, one or two comparisons, so that skipping persons without events costs
 * next to nothing (generate/claims.ts).
 */
/** Anything that gives 32-bit uniform integers: a Stream, or a batch taken from one. */
export interface Uint32Source {
  nextUint32(): number;
}

const TWO_32 = 2 ** 32;

/** Longest table an inversion keeps (a geometric's tail beyond it is drawn again). */
const TABLE_LIMIT = 4096;

/**
 * Inversion of a discrete distribution on 0, 1, 2 … from a 32-bit uniform integer u: the
 * value is the least k with u < below[k], found from a guide table indexed by u's top byte
 * (Chen and Asau), so in one or two comparisons. A table cut at TABLE_LIMIT values leaves
 * u ≥ below[last] to the caller (`beyond`).
 */
export class Inversion {
  readonly below: Float64Array;
  /** per top byte of u: the first k to look at */
  readonly guide: Uint32Array;

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
 * Geometric gaps: the number of failures before a success of probability p, P(G ≥ g) =
 * (1 − p)^g. Beyond the table, G ≥ `beyond`, and by the geometric's lack of memory
 * G − beyond is again such a gap: drawn again and added.
 */
export class GeometricGaps {
  readonly table: Inversion;

  constructor(p: number) {
    if (!(p > 0 && p <= 1)) throw new RangeError(`GeometricGaps: p must be in (0, 1], got ${p}`);
    const logQ = Math.log1p(-p);
    this.table = new Inversion((g) => -Math.expm1(logQ * (g + 1)));
  }

  draw(s: Uint32Source): number {
    let gap = 0;
    for (;;) {
      const g = this.table.draw(s.nextUint32());
      if (g < this.table.beyond) return gap + g;
      gap += g;
    }
  }
}
