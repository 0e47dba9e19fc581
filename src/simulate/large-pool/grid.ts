/**
 * The large-pool method's grid (docs/large-pool.md): per projection year, three nodes on
 * the utilisation axis and three on the cost axis, spanning the scenarios' factors of that
 * year; and the interpolation weights of a scenario's (f, c) on them. A grid point g is
 * index fi·3 + ci. An axis whose factors do not spread has its three nodes at one value.
 */
import type { ScenarioYear } from '../scenarios';

export const NODES = 3;
export const POINTS = NODES * NODES;

/** One year's nodes: utilisation (frequency) factors and cost factors, ascending. */
export interface YearGrid {
  frequency: number[];
  cost: number[];
}

function nodesOf(values: number[]): number[] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, (lo + hi) / 2, hi];
}

/** The grid of each year of `paths` (paths[s][y]). */
export function gridOf(paths: ScenarioYear[][]): YearGrid[] {
  const years = paths[0].length;
  return Array.from({ length: years }, (_, y) => ({
    frequency: nodesOf(paths.map((p) => p[y].frequency)),
    cost: nodesOf(paths.map((p) => p[y].cost)),
  }));
}

/** The factors of grid point g of a year (wage, membership, funding at 1: applied after). */
export function pointFactors(grid: YearGrid, g: number): ScenarioYear {
  return {
    frequency: grid.frequency[Math.floor(g / NODES)],
    cost: grid.cost[g % NODES],
    wage: 1,
    members: 1,
    perCapita: 1,
  };
}

/** A degenerate axis (no spread, up to float noise): its nodes are averaged. */
function flat(nodes: number[]): boolean {
  return nodes[2] - nodes[0] <= 1e-12 * Math.max(1, Math.abs(nodes[2]));
}

/** Lagrange weights of x on three nodes (quadratic interpolation). */
function quadratic(nodes: number[], x: number): number[] {
  if (flat(nodes)) return [1 / 3, 1 / 3, 1 / 3];
  const [a, b, c] = nodes;
  return [
    ((x - b) * (x - c)) / ((a - b) * (a - c)),
    ((x - a) * (x - c)) / ((b - a) * (b - c)),
    ((x - a) * (x - b)) / ((c - a) * (c - b)),
  ];
}

/** Piecewise-linear weights of x on three nodes: non-negative, summing to one. */
function linear(nodes: number[], x: number): number[] {
  if (flat(nodes)) return [1 / 3, 1 / 3, 1 / 3];
  const w = [0, 0, 0];
  const k = x <= nodes[1] ? 0 : 1;
  const t = Math.min(1, Math.max(0, (x - nodes[k]) / (nodes[k + 1] - nodes[k])));
  w[k] = 1 - t;
  w[k + 1] = t;
  return w;
}

function product(wf: number[], wc: number[]): Float64Array {
  const w = new Float64Array(POINTS);
  for (let i = 0; i < NODES; i++) for (let j = 0; j < NODES; j++) w[i * NODES + j] = wf[i] * wc[j];
  return w;
}

/** Biquadratic weights of (f, c): the mean's interpolation (some weights negative). */
export function quadraticWeights(grid: YearGrid, f: number, c: number): Float64Array {
  return product(quadratic(grid.frequency, f), quadratic(grid.cost, c));
}

/** Bilinear weights of (f, c): non-negative, for covariances and distributions. */
export function linearWeights(grid: YearGrid, f: number, c: number): Float64Array {
  return product(linear(grid.frequency, f), linear(grid.cost, c));
}
