/**
 * `simulate`: a scheme over Y years and S scenarios, and the fund under its rules. The one
 * Monte Carlo path of yibao: simulate, price, compare, candidates, report, sensitivity,
 * pooling, the notebooks and the benchmark workloads all run through `runVariants`.
 *
 *   1. schemes, calibration ─▶ pool size, scenario paths (scenarios.ts)
 *   2. worker threads start; meanwhile plans compile (engine/fast/plan.ts) and the
 *      generators' models are built (generate/) — plain numbers, sent to each thread once
 *   3. units (block × run of scenarios) on every thread (task.ts): draw, settle every
 *      variant on the same events, add to (variant, scenario, year) cells in the thread
 *   4. each thread's cells and out-of-pocket distributions, merged here (exact sums)
 *   5. per variant: funding base ─▶ premium at the rate, contract rules ─▶ results
 *
 * `runVariants` settles several variants of a scheme on the same people, scenarios and
 * events (common random numbers): `compare` and `price` stand on it. A variant that
 * changes neither the settlement nor what is summed (only funding or contract rules)
 * shares the baseline's sums instead of being settled again. Before the threads start,
 * the run's memory and time are estimated (./resources.ts): what cannot fit is refused.
 */

import * as path from 'node:path';
import { loadCalibration, resolveCalibrationFile } from '../calibration/load';
import type { Calibration } from '../calibration/model';
import { compilePlan } from '../engine/fast/plan';
import { YibaoError } from '../errors';
import { type CashPosition, cashPositions } from '../fund/cash';
import {
  type LedgerOptions,
  type LedgerYear,
  type LedgerYearInput,
  runLedger,
} from '../fund/ledger';
import {
  type FundingRule,
  type FundRules,
  fundingOf,
  fundRulesOf,
  type LossCause,
} from '../fund/rules';
import { claimsModel } from '../generate/claims';
import { type PoolSize, populationModel } from '../generate/population';
import * as msg from '../messages';
import { GROUPS } from '../model/codes';
import { MAX_RUN_SECONDS } from '../model/limits';
import { startWorkers } from '../parallel/pool';
import { BLOCK_SIZE } from '../random/stream';
import { loadScheme, resolveFile } from '../scheme/load';
import type { Overrides } from '../scheme/overrides';
import type { Scheme } from '../scheme/types';
import { type AccumulateContext, CellLayout, type YearAggregate, yearAggregate } from './aggregate';
import { aidBudgetPlan } from './aid-budget';
import type { MethodInfo } from './large-pool/method';
import { OopDistribution, type OopQuantiles } from './oop-distribution';
import { planRun, type RunPlan } from './resources';
import { type ScenarioYear, scenarioPaths } from './scenarios';
import type { SimulationTaskArgs, SimulationTaskResult, VariantTask } from './task';

export interface Progress {
  /**
   * work done and in all, in persons × scenarios (a unit weighs its block's persons times
   * its scenarios), so that the share done, and the time left drawn from it, follow the
   * work and not the count of units, which differ in size (the last block and the last
   * run of scenarios are short)
   */
  done: number;
  total: number;
  /** scenarios whose every block is done */
  scenariosDone: number;
  scenarios: number;
}

export interface SimulateOptions {
  /** years to project (default: the contract's years) */
  years?: number;
  scenarios?: number;
  /** insured persons in year 1 (default: the scheme's pool, else the calibration's) */
  persons?: number;
  seed?: number;
  /** threads (default: every core when the run is long enough to repay a worker) */
  workers?: number;
  /** calibration id or path (default `default`) */
  calibration?: string;
  /** figures of the calibration to set first (`claims.inpatient.cost.cv`: 1.2) */
  calibrationOverrides?: Overrides;
  /** one best-estimate path: scenario factors at their means */
  deterministic?: boolean;
  /** year of the per-capita resident funding (pool_share; default: the latest given) */
  fundingYear?: number;
  onProgress?: (progress: Progress) => void;
  /** told the run's estimated threads, memory and time before the work starts */
  onPlan?: (plan: RunPlan) => void;
  /** run even when the estimate is longer than a day (model/limits.ts MAX_RUN_SECONDS) */
  force?: boolean;
  /**
   * About how many person-years a unit of work holds (tuning only: the numbers do not
   * depend on it; default 1,000,000)
   */
  unitPersonYears?: number;
}

export interface SchemeRef {
  scheme: string;
  overrides?: Overrides;
}

/** One variant's settled sums, before any rate is applied. */
export interface VariantRun {
  scheme: Scheme;
  funding: FundingRule;
  fund: FundRules;
  /** agg[s][y], money in fen */
  agg: YearAggregate[][];
  /** per year: every person-year's out-of-pocket over all scenarios (exact percentiles) */
  oop: OopQuantiles[];
  /** funding base per scenario and year: premium = rate × base */
  fundingBase: number[][];
}

export interface RunInfo {
  years: number;
  scenarios: number;
  /** the persons simulated in year 1 */
  persons: number;
  /** the insured pool of the (first) scheme, when its file gives it */
  poolPersons?: number;
  seed: number;
  calibration: string;
  deterministic: boolean;
  fundingYear?: number;
  /** names of the counties (pools) */
  counties: string[];
  paths: ScenarioYear[][];
  threads: number;
  /** the run, from the reading of the files to the merged sums */
  seconds: number;
  /** of which reading the files, compiling the plans and building the models */
  setupSeconds: number;
  /** the method that ran, when chosen through runByMethod (large-pool/run.ts) */
  method?: MethodInfo;
}

export const DEFAULT_SCENARIOS = 200;

/** Person-years of a unit of work, about 0.1–0.2 s on one thread. */
const UNIT_PERSON_YEARS = 1_000_000;

function asRef(ref: string | SchemeRef): SchemeRef {
  return typeof ref === 'string' ? { scheme: ref } : ref;
}

/** The scheme's pool as the generator weighs it. */
export function poolOf(scheme: Scheme): PoolSize | undefined {
  const p = scheme.population;
  if (!p) return undefined;
  return {
    byGroup: GROUPS.map((g) => p.byGroup[g]?.value ?? 0),
    counties: p.counties?.map((c) => ({ name: c.name, weight: c.share.value })),
  };
}

/** Refuses a run size (years, scenarios, persons) that is not a whole number ≥ min. */
export function wholeAtLeast(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new YibaoError(msg.run.wholeNumber(name, min, v));
}

/** Mean events per person-year of the calibration, over the scheme's groups. */
function eventsPerPersonYear(cal: Calibration, weights: number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let events = 0;
  for (const c of cal.claims)
    GROUPS.forEach((_, g) => {
      const f = c.frequency;
      const mean = f.kind === 'prevalence' ? f.prevalence[g] * f.events : f.mean[g];
      events += (weights[g] / total) * mean;
    });
  return events;
}

/** What the accumulation of a scheme's sums needs (task.ts). */
function accumulateContext(scheme: Scheme, funding: FundingRule, cal: Calibration) {
  const paid = new Uint8Array(scheme.layers.length);
  for (const l of funding.pays) paid[l] = 1;
  return {
    paid,
    payer: Uint8Array.from(GROUPS, (g) =>
      funding.kind === 'payroll_rate' && funding.payers.includes(g) ? 1 : 0,
    ),
    costBandsFen: Float64Array.from(cal.burden.costBands, (b) => b * 100),
    alertFen: cal.burden.alertThreshold * 100,
    catastrophicCapacityShare: cal.burden.catastrophicCapacityShare,
    sdgShares: Float64Array.from(cal.burden.sdgConsumptionShares),
  } satisfies AccumulateContext;
}

/** The run made ready: everything the threads need, and what the results are read with. */
export interface PreparedRun {
  schemes: Scheme[];
  fundings: FundingRule[];
  funds: FundRules[];
  cal: Calibration;
  args: SimulationTaskArgs;
  layout: CellLayout;
  /** its threads, memory and time (./resources.ts) */
  plan: RunPlan;
  poolPersons?: number;
  /** the reading of the files, compiling the plans and building the models */
  setupSeconds: number;
}

/** Steps 1 and 2 (without the threads): files read, sizes fixed, plans and models built. */
export function prepareRun(
  refs: (string | SchemeRef)[],
  options: SimulateOptions = {},
): PreparedRun {
  const started = performance.now();
  const variants = refs.map(asRef);
  const schemes = variants.map((v) =>
    loadScheme(resolveFile(v.scheme), { overrides: v.overrides }),
  );
  for (const variant of schemes.slice(1)) checkCovers(schemes[0], variant);
  const funds = schemes.map(fundRulesOf);
  const fundings = schemes.map(fundingOf);
  const cal = loadCalibration(resolveCalibrationFile(options.calibration ?? 'default'), {
    overrides: options.calibrationOverrides,
  });
  const poolPersons = schemes[0].population?.persons;
  const years = options.years ?? funds[0].contractYears;
  const scenarios = options.scenarios ?? DEFAULT_SCENARIOS;
  const persons = options.persons ?? poolPersons ?? cal.population.size;
  const seed = options.seed ?? 1;
  wholeAtLeast('years', years, 1);
  wholeAtLeast('scenarios', scenarios, 1);
  wholeAtLeast('persons', persons, 1);
  const claims = claimsModel(cal);
  // every variant covers the baseline's members: the same people in all of them
  const pool = poolOf(schemes[0]);
  const population = populationModel(cal, schemes[0].members, { pool, drawAge: claims.usesAge });
  const tasks: VariantTask[] = [];
  const keys: string[] = [];
  schemes.forEach((scheme, v) => {
    const plan = compilePlan(scheme);
    const ctx = accumulateContext(scheme, fundings[v], cal);
    const aidBudget = aidBudgetPlan(scheme);
    // a variant with the same settlement and sums as an earlier one shares them
    const key = JSON.stringify([{ ...plan, schemeId: '' }, ctx, aidBudget], (_, x) =>
      ArrayBuffer.isView(x) ? Array.from(x as Uint8Array) : x,
    );
    tasks.push({ plan, ctx, aidBudget, sameAs: keys.indexOf(key) });
    keys.push(key);
  });
  const dims = {
    layers: schemes.reduce((most, s) => Math.max(most, s.layers.length), 0),
    sdgShares: cal.burden.sdgConsumptionShares.length,
    counties: population.countyNames.length,
    costBands: cal.burden.costBands.length,
  };
  const blockPersonYears = Math.min(persons, BLOCK_SIZE) * years;
  const weights =
    pool?.byGroup ??
    GROUPS.map((g, i) => (schemes[0].members.includes(g) ? cal.population.members[i] : 0));
  const layout = new CellLayout(dims);
  const plan = planRun({
    scenarios,
    years,
    persons,
    variants: tasks.length,
    settled: tasks.filter((t) => t.sameAs < 0).length,
    cellNumbers: layout.size,
    personYears: persons * years * scenarios,
    eventsPerPersonYear: eventsPerPersonYear(cal, weights),
    threads: options.workers,
  });
  // checked before the scenario paths, which are themselves scenarios × years objects
  if (!plan.fits) throw new YibaoError(msg.run.doesNotFit(plan));
  if (plan.tooLong && !options.force) throw new YibaoError(msg.run.tooLong(plan, MAX_RUN_SECONDS));
  const paths = scenarioPaths(cal, seed, scenarios, years, options.deterministic ?? false);
  const blocks = blocksOf(paths, persons);
  const scenariosPerUnit = Math.min(
    scenarios,
    Math.max(1, Math.ceil((options.unitPersonYears ?? UNIT_PERSON_YEARS) / blockPersonYears)),
  );
  return {
    schemes,
    fundings,
    funds,
    cal,
    poolPersons,
    layout,
    plan,
    setupSeconds: (performance.now() - started) / 1000,
    args: {
      seed,
      years,
      scenarios,
      persons,
      paths,
      blocks,
      scenariosPerUnit,
      population,
      claims,
      variants: tasks,
      dims,
    },
  };
}

/**
 * Blocks of persons a run needs: enough for the most insured of any scenario-year. A loop,
 * not Math.max(...): spreading 150,000 path-years (50,000 scenarios × 3 years) into
 * arguments overflows the stack.
 */
export function blocksOf(paths: ScenarioYear[][], persons: number): number {
  let mostInsured = 0;
  for (const path of paths)
    for (const f of path) mostInsured = Math.max(mostInsured, Math.round(persons * f.members));
  return Math.max(1, Math.ceil(mostInsured / BLOCK_SIZE));
}

/**
 * Variants are settled on the baseline's people: a variant that does not cover one of its
 * groups would settle them by rules that do not apply to them (adjudicate refuses such a
 * person too).
 */
function checkCovers(baseline: Scheme, variant: Scheme): void {
  const missing = baseline.members.filter((g) => !variant.members.includes(g));
  if (missing.length > 0)
    throw new YibaoError(
      msg.run.variantDoesNotCover(variant.id, baseline.id, missing, variant.members),
      { file: variant.file, field: 'members' },
    );
}

/** Settles every variant on the same people and scenarios. */
export async function runVariants(
  refs: (string | SchemeRef)[],
  options: SimulateOptions = {},
): Promise<{ runs: VariantRun[]; info: RunInfo }> {
  return runPrepared(prepareRun(refs, options), options);
}

/** Steps 3–5 of a run made ready by `prepareRun` (with the same options). */
export async function runPrepared(
  run: PreparedRun,
  options: SimulateOptions = {},
): Promise<{ runs: VariantRun[]; info: RunInfo }> {
  const started = performance.now();
  const { args, plan, setupSeconds } = run;
  options.onPlan?.(plan);
  const chunks = Math.ceil(args.scenarios / args.scenariosPerUnit);
  const units = chunks * args.blocks;
  const threads = Math.min(plan.threads, units);
  const pool = startWorkers<SimulationTaskArgs, null, SimulationTaskResult | null>(
    { module: path.join(__dirname, 'task'), name: 'simulateUnits', finish: 'finishSimulation' },
    threads,
  );
  // progress: a scenario is done when all the blocks of its run of scenarios are
  const blocksDone = new Uint32Array(chunks);
  let scenariosDone = 0;
  const scenariosOf = (c: number) =>
    Math.min(args.scenariosPerUnit, args.scenarios - c * args.scenariosPerUnit);
  // a unit's work: its scenarios × its block's year-1 persons
  const workOf = (u: number) =>
    scenariosOf(Math.floor(u / args.blocks)) *
    Math.min(Math.max(args.persons - (u % args.blocks) * BLOCK_SIZE, 1), BLOCK_SIZE);
  let workTotal = 0;
  for (let u = 0; u < units; u++) workTotal += workOf(u);
  let workDone = 0;
  const unitPersonYears = Math.min(args.persons, BLOCK_SIZE) * args.years * args.scenariosPerUnit;
  const { finished } = await pool.run(args, units, {
    chunk: Math.max(1, Math.floor(200_000 / unitPersonYears)),
    onProgress: (_done, _total, first, end) => {
      for (let u = first; u < end; u++) {
        const c = Math.floor(u / args.blocks);
        workDone += workOf(u);
        if (++blocksDone[c] === args.blocks) scenariosDone += scenariosOf(c);
      }
      options.onProgress?.({
        done: workDone,
        total: workTotal,
        scenariosDone,
        scenarios: args.scenarios,
      });
    },
  });
  const runs = collect(run, options, finished);
  return {
    runs,
    info: {
      years: args.years,
      scenarios: args.scenarios,
      persons: args.persons,
      poolPersons: run.poolPersons,
      seed: args.seed,
      calibration: run.cal.id,
      deterministic: options.deterministic ?? false,
      fundingYear:
        runs[0].funding.kind === 'pool_share'
          ? fundingYearOf(runs[0].funding, options.fundingYear)
          : undefined,
      counties: args.population.countyNames,
      paths: args.paths,
      threads,
      seconds: setupSeconds + (performance.now() - started) / 1000,
      setupSeconds,
    },
  };
}

/** Steps 4 and 5: the threads' sums merged, read as each variant's aggregates. */
function collect(
  run: PreparedRun,
  options: SimulateOptions,
  finished: (SimulationTaskResult | null)[],
): VariantRun[] {
  const { args, layout } = run;
  const { scenarios: S, years: Y } = args;
  const V = args.variants.length;
  const cells = new Float64Array(V * S * Y * layout.size);
  const oop = args.variants.map(() => Array.from({ length: Y }, () => new OopDistribution()));
  for (const part of finished) {
    if (!part) continue;
    for (let k = 0; k < cells.length; k++) cells[k] += part.cells[k];
    part.oop.forEach((years, v) => {
      years.forEach((parts, y) => {
        oop[v][y].merge(parts);
      });
    });
  }
  return run.schemes.map((scheme, v) => {
    const funding = run.fundings[v];
    const owner = args.variants[v].sameAs >= 0 ? args.variants[v].sameAs : v;
    const agg = args.paths.map((path, s) =>
      path.map((f, y) =>
        yearAggregate(layout, cells, ((owner * S + s) * Y + y) * layout.size, {
          payroll: funding.kind === 'payroll_rate',
          wage: f.wage,
          aidBudget: args.variants[v].aidBudget,
          layers: scheme.layers.length,
        }),
      ),
    );
    const perCapita = perCapitaFunding(funding, options.fundingYear);
    const fundingBase = agg.map((row, s) =>
      row.map((a, y) =>
        funding.kind === 'pool_share'
          ? a.persons * perCapita * args.paths[s][y].perCapita
          : a.fundingBase,
      ),
    );
    return { scheme, funding, fund: run.funds[v], agg, oop: oop[owner], fundingBase };
  });
}

function fundingYearOf(funding: FundingRule, year?: number): number {
  const known = [...funding.perCapitaFunding.keys()].sort((a, b) => a - b);
  if (year === undefined) return known[known.length - 1];
  if (!funding.perCapitaFunding.has(year))
    throw new YibaoError(
      `no per-capita funding for ${year} in the scheme (known: ${known.join(', ')})`,
    );
  return year;
}

function perCapitaFunding(funding: FundingRule, year?: number): number {
  if (funding.kind !== 'pool_share') return 0;
  return funding.perCapitaFunding.get(fundingYearOf(funding, year))!;
}

/** A settled year of a scenario: the ledger's figures and the cash lows within it, in fen. */
export type YearOutcome = LedgerYear & CashPosition;

/** How the contract is applied to the simulated years (docs/fund-rules.md). */
export interface ContractOptions extends Pick<LedgerOptions, 'contractChange'> {
  /** the cause of every year's loss, for a contract that shares only some (default insurer) */
  lossCause?: LossCause;
}

/** The ledger's inputs of one scenario: each year's funding base and claims (fen). */
export function contractInputs(
  run: VariantRun,
  scenario: number,
  options: ContractOptions = {},
): LedgerYearInput[] {
  return run.agg[scenario].map((a, y) => ({
    fundingBase: run.fundingBase[scenario][y],
    claims: a.insured,
    ...(options.lossCause && { lossCause: options.lossCause }),
  }));
}

/** Runs the ledger from a first-year rate in every scenario, with the cash lows: outcomes[s][y]. */
export function applyContract(
  run: VariantRun,
  rate: number,
  options: ContractOptions = {},
): YearOutcome[][] {
  return run.agg.map((years, s) => {
    const ledger = runLedger(run.fund, rate, contractInputs(run, s, options), options);
    const monthly = years.map((a) => a.monthlyInsured);
    const cash = cashPositions(run.fund, ledger, monthly);
    return ledger.map((y, i) => ({ ...y, ...cash[i] }));
  });
}

export interface SimulationResult {
  scheme: { id: string; title: Scheme['title']; file: string };
  funding: FundingRule;
  fund: FundRules;
  rate: number;
  /** how the contract was applied */
  contract: ContractOptions;
  info: RunInfo;
  run: VariantRun;
  /** outcomes[s][y], money in fen */
  outcomes: YearOutcome[][];
}

/**
 * Projects a scheme's fund over the years and scenarios, at its own rate or `rate`.
 *
 * @example
 * const result = await simulate('dazhou-2023', { scenarios: 100, persons: 20000 });
 * summarize(result).years[0].lossRatio.mean;
 */
export async function simulate(
  scheme: string | SchemeRef,
  options: SimulateOptions & { rate?: number; contract?: ContractOptions } = {},
): Promise<SimulationResult> {
  const { runs, info } = await runVariants([scheme], options);
  return resultAt(runs[0], info, options.rate, options.contract);
}

/** The result of a run at a rate (default: the scheme's own). */
export function resultAt(
  run: VariantRun,
  info: RunInfo,
  rate?: number,
  contract: ContractOptions = {},
): SimulationResult {
  const r = rate ?? run.funding.rate;
  if (!(r >= 0) || !Number.isFinite(r))
    throw new YibaoError(`rate must be a non-negative number, got ${rate}`);
  return {
    scheme: { id: run.scheme.id, title: run.scheme.title, file: run.scheme.file },
    funding: run.funding,
    fund: run.fund,
    rate: r,
    contract,
    info,
    run,
    outcomes: applyContract(run, r, contract),
  };
}
