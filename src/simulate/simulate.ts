/**
 * `simulate`: a scheme over Y years and S scenarios, and the fund under its rules.
 *
 *   calibration ─▶ scenario paths ─▶ units (scenario × block) on worker threads
 *     ─▶ (variant, scenario, year) sums ─▶ premium at the rate, contract rules ─▶ results
 *
 * `runVariants` settles several variants of a scheme on the same people, scenarios and
 * events (common random numbers): `compare` and `price` stand on it. Before the work, the
 * run's memory and time are estimated (./resources.ts): what cannot fit is refused.
 */

import * as path from 'node:path';
import { loadCalibration, resolveCalibrationFile } from '../calibration/load';
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
import { populationSampler } from '../generate/population';
import * as msg from '../messages';
import { defaultWorkers, startWorkers } from '../parallel/pool';
import { BLOCK_SIZE } from '../random/stream';
import { loadScheme, resolveFile } from '../scheme/load';
import type { Overrides } from '../scheme/overrides';
import type { Scheme } from '../scheme/types';
import { emptyAggregate, mergeAggregate, type YearAggregate } from './aggregate';
import { HISTOGRAM_BINS } from './histogram';
import { bytesPerPerson, countNumbers, planRun, type RunPlan } from './resources';
import { type ScenarioYear, scenarioPaths } from './scenarios';
import {
  type SimulationTaskArgs,
  type SimulationTaskResult,
  simulateUnits,
  type VariantRef,
} from './task';

export interface SimulateOptions {
  /** years to project (default: the contract's years) */
  years?: number;
  scenarios?: number;
  /** insured persons in year 1 (default: the calibration's pool size) */
  persons?: number;
  seed?: number;
  workers?: number;
  /** calibration id or path (default `default`) */
  calibration?: string;
  /** figures of the calibration to set first (`claims.inpatient.cost.cv`: 1.2) */
  calibrationOverrides?: Overrides;
  /** one best-estimate path: scenario factors at their means */
  deterministic?: boolean;
  /** year of the per-capita resident funding (pool_share; default: the latest given) */
  fundingYear?: number;
  onProgress?: (done: number, total: number) => void;
  /** told the run's estimated memory and time before the work starts */
  onPlan?: (plan: RunPlan) => void;
}

/** Runs of more blocks than this have one block timed first, for the estimate of their time. */
const TIMED_RUN_BLOCKS = 64;

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
  /** per year: out-of-pocket histograms (all persons; claimants) over every scenario */
  oopHistograms: Float64Array[];
  claimantHistograms: Float64Array[];
  /** funding base per scenario and year: premium = rate × base */
  fundingBase: number[][];
}

export interface RunInfo {
  years: number;
  scenarios: number;
  persons: number;
  seed: number;
  calibration: string;
  deterministic: boolean;
  fundingYear?: number;
  /** names of the counties (pools) of the calibration */
  counties: string[];
  paths: ScenarioYear[][];
  seconds: number;
}

export const DEFAULT_SCENARIOS = 200;

function asRef(ref: string | SchemeRef): SchemeRef {
  return typeof ref === 'string' ? { scheme: ref } : ref;
}

/** Settles every variant on the same people and scenarios. */
export async function runVariants(
  refs: (string | SchemeRef)[],
  options: SimulateOptions = {},
): Promise<{ runs: VariantRun[]; info: RunInfo }> {
  const started = performance.now();
  const variants: VariantRef[] = refs.map(asRef).map((r) => ({
    scheme: resolveFile(r.scheme),
    overrides: r.overrides,
  }));
  const schemes = variants.map((v) => loadScheme(v.scheme, { overrides: v.overrides }));
  for (const variant of schemes.slice(1)) checkCovers(schemes[0], variant);
  const funds = schemes.map(fundRulesOf);
  const calibrationFile = resolveCalibrationFile(options.calibration ?? 'default');
  const cal = loadCalibration(calibrationFile, { overrides: options.calibrationOverrides });
  const years = options.years ?? funds[0].contractYears;
  const scenarios = options.scenarios ?? DEFAULT_SCENARIOS;
  const persons = options.persons ?? cal.population.size;
  const seed = options.seed ?? 1;
  for (const [name, v, min] of [
    ['years', years, 1],
    ['scenarios', scenarios, 1],
    ['persons', persons, 1],
  ] as const)
    if (!Number.isInteger(v) || v < min)
      throw new YibaoError(`${name} must be a whole number ≥ ${min}, got ${v}`);
  const cal0 = cal.population.counties.length;
  const size = {
    scenarios,
    years,
    variants: variants.length,
    // before the scenario paths (themselves scenarios × years), a bound from below
    blocksPerScenario: Math.ceil(persons / BLOCK_SIZE),
    threads: options.workers ?? defaultWorkers(),
    aggregateNumbers: countNumbers(
      emptyAggregate(
        schemes.reduce((most, s) => Math.max(most, s.layers.length), 0),
        cal0,
        cal.burden.costBands.length,
        cal.burden.sdgConsumptionShares.length,
      ),
    ),
    personBytes: bytesPerPerson(populationSampler(cal, schemes[0].members).draw(seed, 0, 1)),
  };
  if (!planRun(size).fits) throw new YibaoError(msg.run.doesNotFit(planRun(size)));
  const paths = scenarioPaths(cal, seed, scenarios, years, options.deterministic ?? false);
  const blocksPerScenario = blocksPerScenarioOf(paths, persons);
  const args: SimulationTaskArgs = {
    variants,
    calibration: calibrationFile,
    calibrationOverrides: options.calibrationOverrides,
    seed,
    persons,
    years,
    paths,
    blocksPerScenario,
  };
  size.blocksPerScenario = blocksPerScenario;
  let plan = planRun(size);
  if (!plan.fits) throw new YibaoError(msg.run.doesNotFit(plan));
  // the workers start (a fresh isolate each) while this thread times a block
  const pool = startWorkers<SimulationTaskArgs, SimulationTaskResult>(
    { module: path.join(__dirname, 'task'), name: 'simulateUnits' },
    plan.threads,
  );
  try {
    if (plan.blocks > TIMED_RUN_BLOCKS) {
      // the first block loads and compiles; the second is timed (its result is not used:
      // every block is settled again in the run, so the numbers do not depend on this)
      simulateUnits(args, 0, 1);
      const started = performance.now();
      simulateUnits(args, 1, 2);
      plan = planRun(size, (performance.now() - started) / 1000);
    }
    options.onPlan?.(plan);
  } catch (e) {
    await pool.close();
    throw e;
  }
  const parts = await pool.run(args, plan.blocks, {
    onProgress: options.onProgress,
    chunk: plan.chunk,
  });
  const runs: VariantRun[] = schemes.map((scheme, v) => {
    const agg = Array.from({ length: scenarios }, () =>
      Array.from({ length: years }, () =>
        emptyAggregate(
          scheme.layers.length,
          cal0,
          cal.burden.costBands.length,
          cal.burden.sdgConsumptionShares.length,
        ),
      ),
    );
    const sumHistograms = (key: 'oopHistograms' | 'claimantHistograms') =>
      Array.from({ length: years }, (_, y) => {
        const h = new Float64Array(HISTOGRAM_BINS);
        for (const part of parts) {
          const from = part[key][v][y];
          for (let b = 0; b < HISTOGRAM_BINS; b++) h[b] += from[b];
        }
        return h;
      });
    for (const part of parts)
      for (const cell of part.cells)
        if (cell.variant === v) mergeAggregate(agg[cell.scenario][cell.year], cell.agg);
    const funding = fundingOf(scheme);
    const perCapita = perCapitaFunding(funding, options.fundingYear);
    const fundingBase = agg.map((row, s) =>
      row.map((a, y) =>
        funding.kind === 'payroll_rate'
          ? a.fundingBase
          : funding.kind === 'pool_share'
            ? a.persons * perCapita * paths[s][y].perCapita
            : a.persons,
      ),
    );
    return {
      scheme,
      funding,
      fund: funds[v],
      agg,
      oopHistograms: sumHistograms('oopHistograms'),
      claimantHistograms: sumHistograms('claimantHistograms'),
      fundingBase,
    };
  });
  return {
    runs,
    info: {
      years,
      scenarios,
      persons,
      seed,
      calibration: cal.id,
      deterministic: options.deterministic ?? false,
      fundingYear:
        runs[0].funding.kind === 'pool_share'
          ? fundingYearOf(runs[0].funding, options.fundingYear)
          : undefined,
      counties: cal.population.counties.map((c) => c.name),
      paths,
      seconds: (performance.now() - started) / 1000,
    },
  };
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

/**
 * Blocks of persons per scenario: enough for the largest membership of any scenario-year.
 * A loop, not Math.max(...): spreading 150,000 path-years (50,000 scenarios × 3 years) into
 * arguments overflows the stack.
 */
export function blocksPerScenarioOf(paths: ScenarioYear[][], persons: number): number {
  let maxMembers = 0;
  for (const scenario of paths)
    for (const year of scenario) maxMembers = Math.max(maxMembers, year.members);
  return Math.ceil((persons * maxMembers + 1) / BLOCK_SIZE);
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
