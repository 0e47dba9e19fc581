/**
 * `runByMethod`: a run by brute force (`runVariants`) or by the large-pool method
 * (docs/large-pool.md), with the same result — runs of aggregates per scenario and year,
 * read by the contract ledger and the summaries as brute force's are — and the same
 * scenario factors for a given seed.
 *
 *   scenario paths (as brute force) ─▶ grid per year ─▶ nine grid runs of the core
 *     ─▶ per scenario-year: N·m(f, c) + √N·Σ^½·Z ─▶ aggregates; OOP: the points' mixture
 */

import { loadCalibration, resolveCalibrationFile } from '../../calibration/load';
import { YibaoError } from '../../errors';
import { fundRulesOf } from '../../fund/rules';
import * as msg from '../../messages';
import { MAX_RUN_SECONDS } from '../../model/limits';
import { loadScheme, resolveFile } from '../../scheme/load';
import type { YearAggregate } from '../aggregate';
import { planRun } from '../resources';
import { type ScenarioYear, scenarioPaths } from '../scenarios';
import {
  DEFAULT_SCENARIOS,
  type RunInfo,
  runVariants,
  type SchemeRef,
  type SimulateOptions,
  type VariantRun,
  wholeAtLeast,
} from '../simulate';
import { fromVector } from './aggregate-vector';
import { linearWeights, POINTS, quadraticWeights } from './grid';
import { GRID_PERSONS, prepareGrid, REPLICATES, type SettledGrid, settleGrid } from './grid-run';
import {
  defaultMethod,
  LEAST_PERSONS,
  type Method,
  type MethodInfo,
  MOST_SKEWNESS,
  type YearError,
} from './method';
import { type BaseGrowth, scenarioNormals, scenarioVector } from './normal-sum';
import { OopMixture } from './oop-mixture';

export interface MethodOptions extends SimulateOptions {
  /** the method; `auto` chooses by size (./method.ts); default `mc` */
  method?: Method | 'auto';
}

type Result = { runs: VariantRun[]; info: RunInfo };

/** Person-years the grid settles for a run of `years`. */
export function gridPersonYears(years: number): number {
  return POINTS * REPLICATES * GRID_PERSONS * years;
}

/** The run's size as brute force would read it: persons, scenarios, years. */
function runSize(ref: string | SchemeRef, options: SimulateOptions) {
  const r = typeof ref === 'string' ? { scheme: ref } : ref;
  const scheme = loadScheme(resolveFile(r.scheme), { overrides: r.overrides });
  const years = options.years ?? fundRulesOf(scheme).contractYears;
  const persons =
    options.persons ??
    scheme.population?.persons ??
    loadCalibration(resolveCalibrationFile(options.calibration ?? 'default'), {
      overrides: options.calibrationOverrides,
    }).population.size;
  return { persons, scenarios: options.scenarios ?? DEFAULT_SCENARIOS, years };
}

/** Runs the variants `refs` by the method of `options` (default brute force). */
export async function runByMethod(
  refs: (string | SchemeRef)[],
  options: MethodOptions = {},
): Promise<Result> {
  const given = options.method !== undefined && options.method !== 'auto';
  let method: Method = options.method === 'large-pool' ? 'large-pool' : 'mc';
  if (options.method === 'auto') {
    const { persons, scenarios, years } = runSize(refs[0], options);
    method = defaultMethod(persons, scenarios, years, gridPersonYears(years));
  }
  if (method === 'large-pool') return runLargePool(refs, options, given);
  const { runs, info } = await runVariants(refs, options);
  return { runs, info: { ...info, method: { method, given } } };
}

/** Runs the variants `refs` by the large-pool method. */
export async function runLargePool(
  refs: (string | SchemeRef)[],
  options: SimulateOptions = {},
  given = true,
): Promise<Result> {
  const started = performance.now();
  const prepared = prepareGrid(refs, options);
  const { cal } = prepared;
  const years = prepared.args.years;
  const seed = prepared.args.seed;
  const persons = options.persons ?? prepared.poolPersons ?? cal.population.size;
  const scenarios = options.scenarios ?? DEFAULT_SCENARIOS;
  wholeAtLeast('persons', persons, 1);
  wholeAtLeast('scenarios', scenarios, 1);
  if (persons < LEAST_PERSONS) throw new YibaoError(msg.method.tooSmall(persons, LEAST_PERSONS));
  // the work is the grid's, whatever the pool; what grows with the run is what is kept per
  // variant × scenario × year, checked (as brute force checks it) before the scenario paths
  const plan = planRun({
    ...prepared.plan,
    scenarios,
    persons,
    personYears: gridPersonYears(years),
  });
  if (!plan.fits) throw new YibaoError(msg.run.doesNotFit(plan));
  if (plan.tooLong && !options.force) throw new YibaoError(msg.run.tooLong(plan, MAX_RUN_SECONDS));
  options.onPlan?.(plan);
  const paths = scenarioPaths(cal, seed, scenarios, years, options.deterministic ?? false);
  const setupSeconds = (performance.now() - started) / 1000;
  const grid = await settleGrid(prepared, paths, options, (done, total) =>
    options.onProgress?.({ done, total, scenariosDone: 0, scenarios }),
  );
  const errors = yearErrors(grid, paths, persons);
  const worst = errors.reduce((m, e) => Math.max(m, Math.abs(e.skewness)), 0);
  if (worst > MOST_SKEWNESS)
    throw new YibaoError(msg.method.tooSkewed(worst, MOST_SKEWNESS, persons));
  const runs = prepared.schemes.map((scheme, v) => {
    const funding = prepared.fundings[v];
    const growth: BaseGrowth =
      funding.kind === 'payroll_rate'
        ? 'wage'
        : funding.kind === 'pool_share'
          ? 'perCapita'
          : 'none';
    const out = new Float64Array(grid.shape.length);
    const agg: YearAggregate[][] = [];
    const fundingBase: number[][] = [];
    paths.forEach((path, s) => {
      const row: YearAggregate[] = [];
      const bases: number[] = [];
      path.forEach((f, y) => {
        const { vector, fundingBase: base } = scenarioVector(
          grid,
          v,
          y,
          {
            persons: Math.round(persons * f.members),
            frequency: f.frequency,
            cost: f.cost,
            baseGrowth: growth === 'wage' ? f.wage : growth === 'perCapita' ? f.perCapita : 1,
            wage: f.wage,
            z: scenarioNormals(seed, s, y, grid.replicates),
          },
          funding.kind === 'payroll_rate',
          out,
        );
        row.push(fromVector(grid.templates[v], vector));
        bases.push(base);
      });
      agg.push(row);
      fundingBase.push(bases);
    });
    const oop = grid.grids.map((g, y) => {
      const weights = new Array<number>(POINTS).fill(0);
      paths.forEach((path, s) => {
        const w = linearWeights(g, path[y].frequency, path[y].cost);
        const n = agg[s][y].persons;
        for (let k = 0; k < POINTS; k++) weights[k] += n * w[k];
      });
      return new OopMixture(
        grid.points[v][y].map((p) => p.oop),
        weights,
      );
    });
    return { scheme, funding, fund: prepared.funds[v], agg, oop, fundingBase };
  });
  const method: MethodInfo = {
    method: 'large-pool',
    given,
    largePool: {
      grid: grid.grids,
      replicates: grid.replicates,
      personsPerReplicate: grid.persons,
      personYears: gridPersonYears(years),
      errors,
      seconds: grid.seconds,
    },
  };
  return {
    runs,
    info: {
      years,
      scenarios,
      persons,
      poolPersons: prepared.poolPersons,
      seed,
      calibration: cal.id,
      deterministic: options.deterministic ?? false,
      fundingYear: grid.fundingYear,
      counties: prepared.args.population.countyNames,
      paths,
      threads: prepared.plan.threads,
      seconds: (performance.now() - started) / 1000,
      setupSeconds,
      method,
    },
  };
}

/**
 * Per year, the claims' approximation error (docs/large-pool.md): interpolation (largest
 * biquadratic − bilinear difference over the scenarios), the grid's sampling error, and
 * the skewness at the pool's size from the replicates (pooled over the points).
 */
function yearErrors(grid: SettledGrid, paths: ScenarioYear[][], persons: number): YearError[] {
  const k = grid.shape.index.insured;
  const R = grid.replicates;
  const K = grid.shape.length;
  const n = grid.persons;
  return grid.grids.map((g, y) => {
    const points = grid.points[0][y];
    let interpolation = 0;
    for (const path of paths) {
      const wq = quadraticWeights(g, path[y].frequency, path[y].cost);
      const wl = linearWeights(g, path[y].frequency, path[y].cost);
      let q = 0;
      let l = 0;
      for (let p = 0; p < POINTS; p++) {
        q += wq[p] * points[p].mean[k];
        l += wl[p] * points[p].mean[k];
      }
      if (q > 0) interpolation = Math.max(interpolation, Math.abs(q - l) / q);
    }
    // the centre point's variance per person, and the pooled standardised third moment
    const centre = points[Math.floor(POINTS / 2)];
    let variance = 0;
    for (let r = 0; r < R; r++) variance += centre.deviations[r * K + k] ** 2;
    let m2 = 0;
    let m3 = 0;
    for (const p of points) {
      let v = 0;
      for (let r = 0; r < R; r++) v += p.deviations[r * K + k] ** 2;
      if (v === 0) continue;
      for (let r = 0; r < R; r++) {
        const e = p.deviations[r * K + k] / Math.sqrt(v / R);
        m2 += e * e;
        m3 += e * e * e;
      }
    }
    const skewnessAtGrid = m2 > 0 ? m3 / POINTS / R / (m2 / POINTS / R) ** 1.5 : 0;
    const mean = centre.mean[k];
    const sd = Math.sqrt(variance);
    // the spread of the scenarios' mean claims, and the persons' randomness around it
    const means = paths.map((path) => {
      const wq = quadraticWeights(g, path[y].frequency, path[y].cost);
      let q = 0;
      for (let p = 0; p < POINTS; p++) q += wq[p] * points[p].mean[k];
      return q * Math.round(persons * path[y].members);
    });
    const average = means.reduce((t, x) => t + x, 0) / means.length;
    const between = means.reduce((t, x) => t + (x - average) ** 2, 0) / means.length;
    const own = persons * variance;
    const processShare = own + between > 0 ? own / (own + between) : 1;
    const ownSkewness = skewnessAtGrid * Math.sqrt(n / persons);
    return {
      year: y + 1,
      interpolation,
      sampling: mean > 0 ? sd / mean / Math.sqrt(n * R) : 0,
      samplingToProcess: Math.sqrt(persons / (n * R)),
      processShare,
      ownSkewness,
      skewness: ownSkewness * processShare ** 1.5,
    };
  });
}
