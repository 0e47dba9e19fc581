/**
 * A histogram of amounts on log-spaced bins, mergeable by adding counts, for the
 * out-of-pocket percentiles of millions of person-years without keeping them. Bin 0 holds
 * zeros; then BINS_PER_DECADE bins a decade from 1 yuan to 10^DECADES yuan (relative bin
 * width 1.2%); the last bin holds everything above. Quantiles interpolate within a bin.
 */
const BINS_PER_DECADE = 200;
const DECADES = 7;
export const HISTOGRAM_BINS = 2 + BINS_PER_DECADE * DECADES;

/** The bin of an amount in yuan. */
export function binOf(yuan: number): number {
  if (yuan <= 0) return 0;
  if (yuan < 1) return 1;
  const b = 1 + Math.floor(Math.log10(yuan) * BINS_PER_DECADE);
  return b >= HISTOGRAM_BINS ? HISTOGRAM_BINS - 1 : b;
}

/** Lower edge of bin b (b ≥ 1). */
export function binLow(b: number): number {
  return b <= 1 ? 0 : 10 ** ((b - 1) / BINS_PER_DECADE);
}

export function binHigh(b: number): number {
  return 10 ** (b / BINS_PER_DECADE);
}

/** The q-quantile of a histogram (counts per bin), interpolated within the bin. */
export function histogramQuantile(counts: ArrayLike<number>, q: number): number {
  let n = 0;
  for (let b = 0; b < counts.length; b++) n += counts[b];
  if (n === 0) return Number.NaN;
  const target = q * n;
  let seen = 0;
  for (let b = 0; b < counts.length; b++) {
    const c = counts[b];
    if (c > 0 && seen + c >= target) {
      if (b === 0) return 0;
      const within = (target - seen) / c;
      return binLow(b) + within * (binHigh(b) - binLow(b));
    }
    seen += c;
  }
  return binHigh(counts.length - 1);
}

/** Share of the counts above an amount (the CCDF), counting a straddled bin pro rata. */
export function histogramShareAbove(counts: ArrayLike<number>, yuan: number): number {
  let n = 0;
  let above = 0;
  const cut = binOf(yuan);
  for (let b = 0; b < counts.length; b++) {
    n += counts[b];
    if (b > cut) above += counts[b];
    else if (b === cut && b > 0) {
      const lo = binLow(b);
      const hi = binHigh(b);
      above += (counts[b] * (hi - yuan)) / (hi - lo);
    }
  }
  return n === 0 ? 0 : above / n;
}

/**
 * A stratified sample of `n` amounts standing for the histogram's distribution (the
 * quantiles at (i + ½)/n), for charts that take values, such as a CCDF.
 */
export function histogramSample(counts: ArrayLike<number>, n: number): number[] {
  return Array.from({ length: n }, (_, i) => histogramQuantile(counts, (i + 0.5) / n));
}
