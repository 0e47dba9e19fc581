/**
 * Exact sample quantiles of a large sample most of whose values are zero, given only the
 * positive values (in parts, as the blocks produced them) and the number of zeros: the
 * value at rank ceil(q·n) (the inverse of the empirical distribution function, "type 1").
 *
 * A sort would be O(n log n) and a selection over a concatenated copy needs the copy.
 * Instead one pass counts the values into logarithmic bins, a second gathers only the bins
 * that hold the wanted ranks, and a selection finds each rank in its bin.
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
 * (all positive). Returns NaN for an empty sample.
 */
export function quantilesOfSparse(
  parts: readonly (Float64Array | Uint32Array)[],
  zeros: number,
  qs: readonly number[],
): number[] {
  const positives = parts.reduce((n, p) => n + p.length, 0);
  const n = positives + zeros;
  if (n === 0) return qs.map(() => Number.NaN);
  // each quantile's rank among the positive values (1-based), 0 when it falls on a zero
  const ranks = qs.map((q) => Math.max(0, Math.max(1, Math.ceil(q * n)) - zeros));
  if (ranks.every((r) => r === 0)) return qs.map(() => 0);
  const counts = countBins(parts);
  // the bin holding each wanted rank, and how many values lie in the bins below it
  const bins = ranks.map((rank) => {
    let below = 0;
    let bin = 0;
    while (below + counts[bin] < rank) below += counts[bin++];
    return { bin, below };
  });
  // one pass gathers the values of every wanted bin
  const wanted = new Int32Array(QUANTILE_BINS).fill(-1);
  const gathered: Float64Array[] = [];
  const filled: number[] = [];
  bins.forEach(({ bin }, k) => {
    if (ranks[k] > 0 && wanted[bin] < 0) {
      wanted[bin] = gathered.length;
      gathered.push(new Float64Array(counts[bin]));
      filled.push(0);
    }
  });
  for (const part of parts)
    for (let i = 0; i < part.length; i++) {
      const slot = wanted[binOf(part[i])];
      if (slot >= 0) gathered[slot][filled[slot]++] = part[i];
    }
  return ranks.map((rank, k) =>
    rank === 0 ? 0 : select(gathered[wanted[bins[k].bin]], rank - bins[k].below - 1),
  );
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
