/**
 * Exact sample quantiles of a large sample most of whose values are zero, given only the
 * positive values (in parts, as the blocks produced them) and the number of zeros: the
 * value at rank ceil(q·n) (the inverse of the empirical distribution function, "type 1").
 *
 * A sort would be O(n log n) and a selection over a concatenated copy needs the copy.
 * Instead the values are counted into logarithmic bins (by whoever produced them, as they
 * went, or here in one pass), one pass gathers only the bin that holds the wanted rank,
 * and a selection finds the rank there.
 */

/** Bins per power of two: the bin of v ≥ 1 is its binary exponent and top mantissa bits. */
const SUB_BITS = 8;
/** Values at or above 2^32 (over 42 million yuan in fen) share the last bin. */
export const QUANTILE_BINS = 33 << SUB_BITS;

/** The bin of a value: bins are in increasing order of the values they hold. */
export function binOf(v: number): number {
  if (v < 1) return 0;
  if (v >= 4294967296) return QUANTILE_BINS - 1;
  const x = v >>> 0;
  const exponent = 31 - Math.clz32(x);
  const mantissa = exponent >= SUB_BITS ? x >>> (exponent - SUB_BITS) : x << (SUB_BITS - exponent);
  return ((exponent + 1) << SUB_BITS) | (mantissa & ((1 << SUB_BITS) - 1));
}

/**
 * The quantiles `qs` of the sample made of `zeros` zeros and the values of `parts`
 * (all positive). `histogram`, the values' counts by binOf, is counted here if not given.
 * Returns NaN for an empty sample.
 */
export function quantilesOfSparse(
  parts: readonly (Float64Array | Uint32Array)[],
  zeros: number,
  qs: readonly number[],
  histogram?: Uint32Array,
): number[] {
  const positives = parts.reduce((n, p) => n + p.length, 0);
  const n = positives + zeros;
  if (n === 0) return qs.map(() => Number.NaN);
  return qs.map((q) => {
    const rank = Math.max(1, Math.ceil(q * n)); // 1-based
    if (rank <= zeros) return 0;
    histogram ??= countBins(parts);
    // the bin holding the (rank − zeros)-th smallest positive value
    let below = 0;
    let bin = 0;
    while (below + histogram[bin] < rank - zeros) below += histogram[bin++];
    const inBin = new Float64Array(histogram[bin]);
    let m = 0;
    for (const part of parts)
      for (let i = 0; i < part.length; i++) if (binOf(part[i]) === bin) inBin[m++] = part[i];
    return select(inBin, rank - zeros - below - 1);
  });
}

function countBins(parts: readonly (Float64Array | Uint32Array)[]): Uint32Array {
  const histogram = new Uint32Array(QUANTILE_BINS);
  for (const part of parts) for (let i = 0; i < part.length; i++) histogram[binOf(part[i])]++;
  return histogram;
}

/** The k-th smallest (0-based) of `values`, reordering it in place (Hoare's quickselect). */
export function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}
