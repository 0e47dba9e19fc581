/**
 * Settles the large-pool grid with the brute-force core (docs/large-pool.md): for each of
 * the nine grid points, one run of R replicates, each one block of persons of its own, whose scenario
 * paths are the point's factors in every year. Kept per variant, year and point: the mean
 * per person of every number of the year's aggregate, the replicates' deviations scaled
 * so that Σ_r D_r D_rᵀ is the covariance per person, and the out-of-pocket distribution.
 */
import { BLOCK_SIZE } from '../../random/stream';
import type { YearAggregate } from '../aggregate';
import type { OopDistribution } from '../oop-distribution';
import type { ScenarioYear } from '../scenarios';
import {
  type PreparedRun,
  prepareRun,
  runPrepared,
  type SchemeRef,
  type SimulateOptions,
} from '../simulate';
import { shapeOf, toVector, type VectorShape } from './aggregate-vector';
import { gridOf, POINTS, pointFactors, type YearGrid } from './grid';
import { type PointDistribution, pointDistribution } from './oop-mixture';

/** Replicates of a grid point, and the persons of each (one block, drawn as brute force's block r). */
export const REPLICATES = 16;
export const GRID_PERSONS = BLOCK_SIZE;

/** One grid point's figures of one variant and year. */
export interface PointFigures {
  /** mean per person of each number of the aggregate */
  mean: Float64Array;
  /** R deviations (R × length): Σ_r D_r D_rᵀ is the covariance per person */
  deviations: Float64Array;
  /** funding base per person (wage growth and funding growth at 1) */
  fundingBase: number;
  oop: PointDistribution;
}

export interface SettledGrid {
  grids: YearGrid[];
  /** points[v][y][g] */
  points: PointFigures[][][];
  /** an aggregate of each variant, the shape its vectors are read back into */
  templates: YearAggregate[];
  shape: VectorShape;
  /** persons of a replicate, and replicates */
  persons: number;
  replicates: number;
  /** the per-capita funding's year (resident pool funding), as brute force reports it */
  fundingYear?: number;
  seconds: number;
}

/** The grid's run made ready: R replicates, each a block of persons of its own, over the run's years. */
export function prepareGrid(refs: (string | SchemeRef)[], options: SimulateOptions): PreparedRun {
  const prepared = prepareRun(refs, {
    ...options,
    persons: GRID_PERSONS,
    scenarios: REPLICATES,
    deterministic: false,
    // one replicate a unit: as many units as replicates, to spread over the threads
    unitPersonYears: GRID_PERSONS,
  });
  // each replicate a block of persons of its own, so replicates differ in persons too
  prepared.args.personsByScenario = true;
  return prepared;
}

/**
 * Runs the grid for the scenario paths `paths` (paths[s][y], the scenarios' own factors).
 * `onPoint` is told each point as it is done.
 */
export async function settleGrid(
  prepared: PreparedRun,
  paths: ScenarioYear[][],
  options: SimulateOptions,
  onPoint?: (done: number, total: number) => void,
): Promise<SettledGrid> {
  const started = performance.now();
  const years = paths[0].length;
  const grids = gridOf(paths);
  const R = prepared.args.scenarios;
  const n = prepared.args.persons;
  const gridOptions = { ...options, onPlan: undefined, onProgress: undefined };
  const V = prepared.schemes.length;
  const points: PointFigures[][][] = Array.from({ length: V }, () =>
    Array.from({ length: years }, () => []),
  );
  let templates: YearAggregate[] = [];
  let shape: VectorShape | undefined;
  let fundingYear: number | undefined;
  for (let g = 0; g < POINTS; g++) {
    const path = grids.map((grid) => pointFactors(grid, g));
    prepared.args.paths = Array.from({ length: R }, () => path.map((f) => ({ ...f })));
    prepared.args.blocks = 1;
    const { runs, info } = await runPrepared(prepared, gridOptions);
    fundingYear = info.fundingYear;
    if (!shape) {
      shape = shapeOf(runs[0].agg[0][0]);
      templates = runs.map((run) => run.agg[0][0]);
    }
    const K = shape.length;
    runs.forEach((run, v) => {
      for (let y = 0; y < years; y++) {
        const mean = new Float64Array(K);
        const deviations = new Float64Array(R * K);
        let fundingBase = 0;
        for (let r = 0; r < R; r++) {
          toVector(run.agg[r][y], deviations, r * K);
          fundingBase += run.fundingBase[r][y];
        }
        for (let r = 0; r < R; r++)
          for (let k = 0; k < K; k++) mean[k] += deviations[r * K + k] / R;
        const scale = 1 / Math.sqrt((R - 1) * n);
        for (let r = 0; r < R; r++)
          for (let k = 0; k < K; k++)
            deviations[r * K + k] = (deviations[r * K + k] - mean[k]) * scale;
        for (let k = 0; k < K; k++) mean[k] /= n;
        // the OOP distribution of variants that share their sums is the same object
        const oop = run.oop[y] as OopDistribution;
        const owner = prepared.args.variants[v].sameAs;
        points[v][y][g] = {
          mean,
          deviations,
          fundingBase: fundingBase / (R * n),
          oop: owner >= 0 ? points[owner][y][g].oop : pointDistribution(oop, R * n),
        };
      }
    });
    onPoint?.(g + 1, POINTS);
  }
  return {
    grids,
    points,
    templates,
    shape: shape!,
    persons: n,
    replicates: R,
    fundingYear,
    seconds: (performance.now() - started) / 1000,
  };
}
