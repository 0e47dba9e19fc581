/**
 * The out-of-pocket distribution of a year's person-years over all scenarios, in the
 * large-pool method: a mixture of the grid points' distributions, point g weighted by the
 * person-years the scenarios put on it (Σ_s N_s · w_g, bilinear weights, so none is
 * negative). Read like the brute-force distribution (./../oop-distribution.ts): the value
 * at rank ⌈q·n⌉ of n person-years, the zeros being n less the positive amounts.
 */
import type { OopDistribution, OopQuantiles } from '../oop-distribution';

/** One grid point's distribution: its distinct positive amounts (fen, ascending) and counts. */
export interface PointDistribution {
  values: Float64Array;
  counts: Float64Array;
  /** person-years it was drawn from (zeros included) */
  personYears: number;
}

/** A grid point's distribution, from the brute-force distribution of its person-years. */
export function pointDistribution(d: OopDistribution, personYears: number): PointDistribution {
  const parts = d.parts();
  let distinct = 0;
  for (let v = 1; v < parts.dense.length; v++) if (parts.dense[v] !== 0) distinct++;
  const tail = Float64Array.from([...parts.over, ...parts.large]).sort();
  const values = new Float64Array(distinct + tail.length);
  const counts = new Float64Array(values.length);
  let k = 0;
  for (let v = 1; v < parts.dense.length; v++)
    if (parts.dense[v] !== 0) {
      values[k] = v;
      counts[k++] = parts.dense[v];
    }
  for (const v of tail) {
    if (k > distinct && values[k - 1] === v) counts[k - 1]++;
    else {
      values[k] = v;
      counts[k++] = 1;
    }
  }
  return { values: values.subarray(0, k), counts: counts.subarray(0, k), personYears };
}

export class OopMixture implements OopQuantiles {
  private values?: Float64Array;
  /** cumulative mass up to and including each value */
  private cumulative?: Float64Array;
  /** the mass of the positive amounts, in person-years */
  readonly positives: number;

  /** `weights[g]`: the person-years the scenarios put on point g. */
  constructor(
    private readonly points: PointDistribution[],
    private readonly weights: number[],
  ) {
    let positives = 0;
    points.forEach((p, g) => {
      let c = 0;
      for (const x of p.counts) c += x;
      positives += (weights[g] * c) / p.personYears;
    });
    this.positives = positives;
  }

  /** The points' amounts merged in ascending order, with their weighted counts. */
  private merged(): { values: Float64Array; cumulative: Float64Array } {
    if (this.values && this.cumulative) return { values: this.values, cumulative: this.cumulative };
    const used = this.points.filter((_, g) => this.weights[g] > 0);
    const scale = this.points
      .map((p, g) => this.weights[g] / p.personYears)
      .filter((_, g) => this.weights[g] > 0);
    const total = used.reduce((t, p) => t + p.values.length, 0);
    const values = new Float64Array(total);
    const cumulative = new Float64Array(total);
    const at = used.map(() => 0);
    let mass = 0;
    let k = 0;
    for (;;) {
      let best = -1;
      for (let i = 0; i < used.length; i++)
        if (
          at[i] < used[i].values.length &&
          (best < 0 || used[i].values[at[i]] < used[best].values[at[best]])
        )
          best = i;
      if (best < 0) break;
      const v = used[best].values[at[best]];
      mass += used[best].counts[at[best]] * scale[best];
      at[best]++;
      if (k > 0 && values[k - 1] === v) cumulative[k - 1] = mass;
      else {
        values[k] = v;
        cumulative[k++] = mass;
      }
    }
    this.values = values.subarray(0, k);
    this.cumulative = cumulative.subarray(0, k);
    return { values: this.values, cumulative: this.cumulative };
  }

  /** The quantiles `qs` in fen of `n` person-years (as OopDistribution.quantiles). */
  quantiles(qs: readonly number[], n: number): number[] {
    if (n === 0) return qs.map(() => Number.NaN);
    const zeros = Math.max(0, n - this.positives);
    const { values, cumulative } = this.merged();
    return qs.map((q) => {
      const rank = Math.max(1, Math.ceil(Number((q * n).toPrecision(15)))) - zeros;
      if (rank <= 0) return 0;
      // the first value whose cumulative mass reaches the rank (masses are not whole)
      let lo = 0;
      let hi = values.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] >= rank - 1e-9) hi = mid;
        else lo = mid + 1;
      }
      return values[lo];
    });
  }

  sample(count: number, n: number): number[] {
    const qs = Array.from({ length: count }, (_, i) => (i + 0.5) / count);
    return this.quantiles(qs, n).map((fen) => fen / 100);
  }
}
