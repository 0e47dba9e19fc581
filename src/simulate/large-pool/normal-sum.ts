/**
 * A scenario-year's aggregate in the large-pool method (docs/large-pool.md):
 * N·m(f, c) + √N·Σ(f, c)^½·Z, with m interpolated biquadratically over the grid and the
 * noise drawn from the bilinear neighbours' replicate deviations — Σ_g √w_g Σ_r z_gr D_gr,
 * whose covariance is the bilinear interpolation of the points' covariances. Z comes from
 * the scenario's own stream, the same for every variant (common random numbers).
 */
import { fillStandardNormal } from '../../random/samplers';
import { createStream } from '../../random/stream';
import { linearWeights, POINTS, quadraticWeights } from './grid';
import type { SettledGrid } from './grid-run';

/** The standard normals of a scenario-year: R per grid point. */
export function scenarioNormals(seed: number, s: number, y: number, replicates: number) {
  return fillStandardNormal(
    createStream(seed, 'large-pool', s, y),
    new Float64Array(POINTS * replicates),
  );
}

/** How a scenario's funding base grows: with wages (payroll), with per-capita funding, or not. */
export type BaseGrowth = 'wage' | 'perCapita' | 'none';

export interface ScenarioYearInput {
  persons: number;
  frequency: number;
  cost: number;
  /** the factor the funding base grows by (wage growth, per-capita funding growth, or 1) */
  baseGrowth: number;
  /** payroll funding: the aggregate's own funding bases grow with wages too */
  wage: number;
  z: Float64Array;
}

/** The vector of a scenario-year of variant v, as numbers in fen and persons. */
export function scenarioVector(
  grid: SettledGrid,
  v: number,
  y: number,
  input: ScenarioYearInput,
  payroll: boolean,
  out: Float64Array,
): { vector: Float64Array; fundingBase: number } {
  const { shape, replicates: R } = grid;
  const K = shape.length;
  const points = grid.points[v][y];
  const wq = quadraticWeights(grid.grids[y], input.frequency, input.cost);
  const wl = linearWeights(grid.grids[y], input.frequency, input.cost);
  const N = input.persons;
  const root = Math.sqrt(N);
  out.fill(0);
  let fundingBase = 0;
  for (let g = 0; g < POINTS; g++) {
    const p = points[g];
    const a = wq[g] * N;
    if (a !== 0) {
      for (let k = 0; k < K; k++) out[k] += a * p.mean[k];
      fundingBase += a * p.fundingBase;
    }
    if (wl[g] <= 0) continue;
    const b = Math.sqrt(wl[g]) * root;
    for (let r = 0; r < R; r++) {
      const c = b * input.z[g * R + r];
      const d = p.deviations;
      const at = r * K;
      for (let k = 0; k < K; k++) out[k] += c * d[at + k];
    }
  }
  // sums of whole fen and whole persons: rounded, and never below nothing
  for (let k = 0; k < K; k++) {
    if (shape.fundingBase[k]) out[k] = Math.max(0, out[k] * (payroll ? input.wage : 1));
    else out[k] = Math.max(0, Math.round(out[k]));
  }
  out[shape.index.persons] = N;
  apportionMonths(out, shape.months, out[shape.index.insured]);
  return { vector: out, fundingBase: fundingBase * input.baseGrowth };
}

/**
 * The insured payments by month, each drawn with its own noise, made to add up to the
 * year's insured payments (the cash positions are checked against them): the shares kept,
 * rounded by largest remainder so that the months are whole fen.
 */
function apportionMonths(out: Float64Array, [from, to]: [number, number], total: number): void {
  let sum = 0;
  for (let k = from; k < to; k++) sum += out[k];
  const months = to - from;
  const exact = Array.from({ length: months }, (_, m) =>
    sum > 0 ? (out[from + m] / sum) * total : total / months,
  );
  let left = total;
  for (let m = 0; m < months; m++) {
    out[from + m] = Math.floor(exact[m]);
    left -= out[from + m];
  }
  const order = exact.map((_, m) => m).sort((a, b) => (exact[b] % 1) - (exact[a] % 1));
  for (let i = 0; i < left; i++) out[from + order[i % months]]++;
}
