/**
 * The simulation's work, run on every thread (the calling one and the workers): a unit is
 * one block of persons under a run of consecutive scenarios.
 *
 *   unit (block, scenarios) ─▶ the block's persons (drawn once for the unit)
 *     per scenario, year: the claims (own streams) ─▶ per variant: settle ─▶ add to the
 *     (variant, scenario, year) cell and the year's out-of-pocket distribution
 *   finish ─▶ the thread's cells and distributions, once, merged by the caller
 *
 * A thread gets the run's arguments once — compiled plans, the generators' models, the
 * scenario paths, all plain numbers — so it loads neither YAML, nor the schema, nor
 * decimal.js. Its memory is reused from block to block; its sums are whole numbers, so
 * the caller's merge gives the same result whatever the threads did.
 */
import type { Plan } from '../engine/fast/plan-layout';
import {
  allocateSettlement,
  type FastSettlement,
  settleColumns,
} from '../engine/fast/settle-columns';
import { ClaimsDrawer, type ClaimsModel } from '../generate/claims';
import { PopulationBlock, type PopulationModel } from '../generate/population';
import { CATEGORIES, GROUPS } from '../model/codes';
import { BLOCK_SIZE, createStream, type Stream } from '../random/stream';
import {
  type AccumulateContext,
  addCell,
  addClaimants,
  type CellDimensions,
  CellLayout,
  ClaimantKeys,
  personSums,
} from './aggregate';
import { type AidBudgetPlan, addQuarterlyList } from './aid-budget';
import { OopDistribution, type OopParts } from './oop-distribution';
import type { ScenarioYear } from './scenarios';

/** Persons of the throw-away block each thread runs first (RunState.prime). */
const PRIMING_PERSONS = 2048;

/** The kernel's option for a run: no near-tie flags (nothing is re-settled exactly). */
const NO_TIES = { ties: false } as const;

/** One variant of the scheme as the threads need it. */
export interface VariantTask {
  plan: Plan;
  ctx: AccumulateContext;
  /** the medical-aid fund's quarterly list, counted on the claimants */
  aidBudget: AidBudgetPlan;
  /** an earlier variant with the same plan and context, whose sums this one shares; or −1 */
  sameAs: number;
}

export interface SimulationTaskArgs {
  seed: number;
  years: number;
  scenarios: number;
  /** year-1 insured persons: with paths[s][y].members, the persons of each year */
  persons: number;
  paths: ScenarioYear[][];
  /** blocks of BLOCK_SIZE persons a scenario-year can reach */
  blocks: number;
  /** scenarios per unit (units run block by block within a run of scenarios) */
  scenariosPerUnit: number;
  population: PopulationModel;
  claims: ClaimsModel;
  variants: VariantTask[];
  dims: CellDimensions;
  /**
   * Scenario s settles the persons brute force would draw as block s, in place of
   * the unit's block: the large-pool grid's replicates are scenarios, and each is
   * to be a sample of persons of its own, not the same persons under new claims.
   */
  personsByScenario?: boolean;
}

/** What a thread hands back at the end of a run. */
export interface SimulationTaskResult {
  /** cells [variant][scenario][year], each layout.size long, flattened */
  cells: Float64Array;
  /** out-of-pocket distributions [variant][year] */
  oop: OopParts[][];
}

/** The persons of scenario-year (s, y) in `block` (0 when the block is beyond them). */
export function personsInBlock(args: SimulationTaskArgs, s: number, y: number, block: number) {
  const insured = Math.round(args.persons * args.paths[s][y].members);
  return Math.min(Math.max(insured - block * BLOCK_SIZE, 0), BLOCK_SIZE);
}

/** The streams of one block's claims in one scenario-year: one per category. */
export function claimStreams(
  seed: number,
  model: ClaimsModel,
  s: number,
  y: number,
  block: number,
): Stream[] {
  return model.categories.map((t) =>
    createStream(seed, `claims/${CATEGORIES[t.category]}`, s, y, block),
  );
}

/** Which groups the population can hold. */
export function groupsPresent(model: PopulationModel): boolean[] {
  const below = model.group.below;
  return GROUPS.map((_, g) => below[g] > (g > 0 ? below[g - 1] : 0));
}

/** A thread's state for one run, built at its first unit. */
class RunState {
  readonly layout: CellLayout;
  readonly pop = new PopulationBlock();
  private readonly keys = new ClaimantKeys();
  readonly drawer: ClaimsDrawer;
  private readonly settlements: FastSettlement[];
  eventPaid = new Float64Array(1 << 16);
  readonly cells: Float64Array;
  readonly oop: OopDistribution[][];
  /** per variant: the person sums of a full block, for the unit's block */
  private readonly fullSums: Float64Array[];
  private fullSumsBlock = -1;
  private readonly sums: Float64Array;

  constructor(readonly args: SimulationTaskArgs) {
    this.layout = new CellLayout(args.dims);
    this.drawer = new ClaimsDrawer(args.claims, groupsPresent(args.population), BLOCK_SIZE);
    this.settlements = args.variants.map((v) => allocateSettlement(v.plan, 4096));
    const V = args.variants.length;
    this.cells = new Float64Array(V * args.scenarios * args.years * this.layout.size);
    this.oop = args.variants.map(() =>
      Array.from({ length: args.years }, () => new OopDistribution()),
    );
    this.fullSums = args.variants.map(() => new Float64Array(this.layout.size));
    this.sums = new Float64Array(this.layout.size);
    this.prime();
  }

  /**
   * Runs every step once on a small block and throws the result away. V8 compiles a hot
   * loop while it first runs (on-stack replacement), before the code after it has ever
   * run; that code then lacks type feedback, and the compiled loop is thrown away at its
   * exit, block after block. One small pass through every line first costs well under a
   * millisecond and saves that.
   */
  private prime(): void {
    const { args, pop, drawer } = this;
    const persons = Math.min(PRIMING_PERSONS, BLOCK_SIZE);
    pop.draw(args.population, args.seed, 0, persons);
    drawer.draw(pop, persons, 0, args.paths[0][0], claimStreams(args.seed, args.claims, 0, 0, 0));
    const scratch = new OopDistribution();
    this.addBlockYear(
      new Float64Array(this.layout.size),
      () => 0,
      (v) => personSums(this.layout, pop, persons, args.variants[v].ctx.payer, this.sums),
      () => scratch,
    );
  }

  /**
   * Settles the drawer's claimants under every variant (but those sharing another's sums)
   * and adds them, with the block's person sums, to the cell at `at(v)` of `cells`.
   */
  private addBlockYear(
    cells: Float64Array,
    at: (v: number) => number,
    sums: (v: number) => Float64Array,
    oop: (v: number) => OopDistribution,
  ): void {
    const { drawer, pop, keys } = this;
    let gathered = false;
    this.args.variants.forEach((variant, v) => {
      if (variant.sameAs >= 0) return;
      const settled = this.settle(v);
      // the claimants' rows and figures are the same under every variant: gathered once
      if (!gathered) keys.gather(drawer, pop, settled.totalFen, variant.ctx.costBandsFen);
      gathered = true;
      addCell(cells, at(v), sums(v));
      this.addQuarterlyList(cells, at(v), variant, settled);
      addClaimants(this.layout, cells, at(v), {
        claims: drawer,
        keys,
        pop,
        settled,
        eventPaid: this.eventPaid,
        ctx: variant.ctx,
        oop: oop(v),
      });
    });
  }

  /** The quarterly list's counts of the drawer's claimants, where the variant has a list. */
  private addQuarterlyList(
    cells: Float64Array,
    at: number,
    variant: VariantTask,
    settled: FastSettlement,
  ): void {
    if (!variant.aidBudget.list) return;
    const { vector, vectorLength } = this.layout;
    const slot = (v: 'aboveThreshold' | 'aboveThresholdOnly') =>
      cells.subarray(at + vector[v], at + vector[v] + vectorLength[v]);
    const { claimants, group, status, events } = this.drawer;
    addQuarterlyList(
      slot('aboveThreshold'),
      slot('aboveThresholdOnly'),
      variant.aidBudget,
      variant.plan,
      { count: claimants, group, status },
      events,
      settled,
    );
  }

  cellAt(v: number, s: number, y: number): number {
    return ((v * this.args.scenarios + s) * this.args.years + y) * this.layout.size;
  }

  /** Person sums of the first `count` persons drawn as `block` under variant v. */
  personSums(v: number, block: number, count: number): Float64Array {
    const payer = this.args.variants[v].ctx.payer;
    if (count < BLOCK_SIZE) return personSums(this.layout, this.pop, count, payer, this.sums);
    if (this.fullSumsBlock !== block) {
      this.args.variants.forEach((variant, u) => {
        if (variant.sameAs < 0)
          personSums(this.layout, this.pop, BLOCK_SIZE, variant.ctx.payer, this.fullSums[u]);
      });
      this.fullSumsBlock = block;
    }
    return this.fullSums[v];
  }

  runUnit(unit: number): void {
    const { args, pop, drawer } = this;
    const chunk = Math.floor(unit / args.blocks);
    const block = unit % args.blocks;
    const first = chunk * args.scenariosPerUnit;
    const end = Math.min(args.scenarios, first + args.scenariosPerUnit);
    let most = 0;
    for (let s = first; s < end; s++)
      for (let y = 0; y < args.years; y++) most = Math.max(most, personsInBlock(args, s, y, block));
    if (most === 0) return;
    if (args.personsByScenario && args.blocks !== 1)
      throw new Error('persons by scenario needs scenarios of one block');
    // the persons are drawn once per unit, or per scenario when each has its own
    let drawn = -1;
    for (let s = first; s < end; s++) {
      const persons = args.personsByScenario ? s : block;
      if (persons !== drawn) pop.draw(args.population, args.seed, persons, most);
      drawn = persons;
      for (let y = 0; y < args.years; y++) {
        const count = personsInBlock(args, s, y, block);
        if (count === 0) continue;
        const f = args.paths[s][y];
        drawer.draw(pop, count, y, f, claimStreams(args.seed, args.claims, s, y, block));
        if (this.eventPaid.length < drawer.events.count)
          this.eventPaid = new Float64Array(drawer.events.count * 2);
        this.addBlockYear(
          this.cells,
          (v) => this.cellAt(v, s, y),
          (v) => this.personSums(v, persons, count),
          (v) => this.oop[v][y],
        );
      }
    }
  }

  /** The claimants of the drawer settled under variant v (columns reused). */
  private settle(v: number): FastSettlement {
    const { plan, ctx } = this.args.variants[v];
    // the columns grow with the claimants (pages are touched only when needed)
    if (this.settlements[v].oopFen.length < this.drawer.claimants)
      this.settlements[v] = allocateSettlement(
        plan,
        Math.min(BLOCK_SIZE, Math.ceil(this.drawer.claimants * 1.25)),
      );
    const out = this.settlements[v];
    out.eventPaid = this.eventPaid;
    out.paidMask = ctx.paid;
    const { claimants, group, status, events } = this.drawer;
    // no person is settled again with decimals here: the near-tie flags are not needed
    return settleColumns(plan, { persons: claimants, group, status, events }, out, NO_TIES);
  }
}

const states = new WeakMap<SimulationTaskArgs, RunState>();

function stateOf(args: SimulationTaskArgs): RunState {
  let state = states.get(args);
  if (!state) {
    state = new RunState(args);
    states.set(args, state);
  }
  return state;
}

/** The block task: units [first, end). Nothing is returned until `finishSimulation`. */
export function simulateUnits(args: SimulationTaskArgs, first: number, end: number): null {
  const state = stateOf(args);
  for (let unit = first; unit < end; unit++) state.runUnit(unit);
  return null;
}

/** The thread's sums for the run (and its state is let go); null if it ran no unit. */
export function finishSimulation(args: SimulationTaskArgs): SimulationTaskResult | null {
  const state = states.get(args);
  if (!state) return null;
  states.delete(args);
  return { cells: state.cells, oop: state.oop.map((years) => years.map((d) => d.parts())) };
}
