/**
 * Exact sample quantiles of a large sample most of whose values are zero, given only the
 * positive values and the number of zeros: the value at rank ceil(q·n) (the inverse of the
 * empirical distribution function, "type 1"), found by selection in O(n) instead of a sort.
 */
export function quantileOfSparse(positive: Float64Array, zeros: number, q: number): number {
  const n = positive.length + zeros;
  if (n === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * n)); // 1-based
  if (rank <= zeros) return 0;
  const values = Float64Array.from(positive);
  return select(values, rank - zeros - 1);
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
