/**
 * The simulation's block task, run on worker threads: a unit is (scenario, block of
 * persons); for each year it rolls the block's persons forward, draws their claims from
 * the unit's own stream, settles them under every variant of the scheme (the same events
 * for all: common random numbers) and adds them to the (variant, scenario, year) sums.
 */
import { loadCalibration } from '../calibration/load';
import type { Calibration } from '../calibration/model';
import { compilePlan, type Plan } from '../engine/fast/plan';
import { settleColumns } from '../engine/fast/settle-columns';
import { fundingOf } from '../fund/rules';
import { claimsSampler } from '../generate/claims';
import { ageBy, type PopulationSampler, populationSampler } from '../generate/population';
import { GROUPS } from '../model/codes';
import type { Population } from '../model/columns';
import { lognormalFromMeanCv, normalQuantile } from '../random/samplers';
import { BLOCK_SIZE, createStream } from '../random/stream';
import { loadScheme } from '../scheme/load';
import type { Overrides } from '../scheme/overrides';
import {
  type AccumulateContext,
  accumulate,
  DECILES,
  emptyAggregate,
  type YearAggregate,
} from './aggregate';
import { type AidBudgetPlan, accumulateAidBudget, aidBudgetPlan } from './aid-budget';
import { HISTOGRAM_BINS } from './histogram';
import type { ScenarioYear } from './scenarios';

export interface VariantRef {
  scheme: string;
  overrides?: Overrides;
}

export interface SimulationTaskArgs {
  variants: VariantRef[];
  calibration: string;
  calibrationOverrides?: Overrides;
  seed: number;
  persons: number;
  years: number;
  /** paths[s][y] */
  paths: ScenarioYear[][];
  blocksPerScenario: number;
}

export interface TaskCell {
  variant: number;
  scenario: number;
  year: number;
  agg: YearAggregate;
}

export interface SimulationTaskResult {
  cells: TaskCell[];
  /** per variant and year: out-of-pocket histograms of all persons and of claimants */
  oopHistograms: Float64Array[][];
  claimantHistograms: Float64Array[][];
}

interface Prepared {
  cal: Calibration;
  plans: Plan[];
  contexts: Omit<AccumulateContext, 'payrollBase' | 'lastMonth'>[];
  payers: Uint8Array[];
  layerCounts: number[];
  aidBudgets: AidBudgetPlan[];
  sampler: PopulationSampler;
  claims: ReturnType<typeof claimsSampler>;
  blocks: Map<number, Population>;
}

const prepared = new Map<string, Prepared>();

function prepare(args: SimulationTaskArgs): Prepared {
  const key = JSON.stringify([
    args.variants,
    args.calibration,
    args.calibrationOverrides,
    args.seed,
  ]);
  let p = prepared.get(key);
  if (p) return p;
  const cal = loadCalibration(args.calibration, { overrides: args.calibrationOverrides });
  const schemes = args.variants.map((v) => loadScheme(v.scheme, { overrides: v.overrides }));
  const fundings = schemes.map(fundingOf);
  const consumption = lognormalFromMeanCv(
    cal.population.consumption.mean,
    cal.population.consumption.cv,
  );
  // deciles of consumption from its lognormal distribution (of people with no status; not
  // from the sample), so that every block and variant uses the same edges
  const decileEdges = Float64Array.from({ length: DECILES - 1 }, (_, i) =>
    Math.exp(consumption.mu + consumption.sigma * normalQuantile((i + 1) / DECILES)),
  );
  p = {
    cal,
    plans: schemes.map((s) => compilePlan(s)),
    contexts: fundings.map((funding) => {
      return {
        pays: funding.pays,
        decileEdges,
        costBands: cal.burden.costBands,
        alertThreshold: cal.burden.alertThreshold,
        catastrophicCapacityShare: cal.burden.catastrophicCapacityShare,
        sdgShares: cal.burden.sdgConsumptionShares,
      };
    }),
    payers: fundings.map((funding) =>
      Uint8Array.from(GROUPS, (g) =>
        funding.kind === 'payroll_rate' && funding.payers.includes(g) ? 1 : 0,
      ),
    ),
    layerCounts: schemes.map((s) => s.layers.length),
    aidBudgets: schemes.map(aidBudgetPlan),
    // every variant covers the baseline's members: the same people in all of them
    sampler: populationSampler(cal, schemes[0].members),
    claims: claimsSampler(cal),
    blocks: new Map(),
  };
  prepared.set(key, p);
  return p;
}

/** The block's persons (all BLOCK_SIZE of them, or up to the largest year's count). */
function populationBlock(p: Prepared, seed: number, block: number): Population {
  let pop = p.blocks.get(block);
  if (!pop) {
    pop = p.sampler.draw(seed, block, BLOCK_SIZE);
    if (p.blocks.size > 256) p.blocks.clear();
    p.blocks.set(block, pop);
  }
  return pop;
}

function prefix(pop: Population, count: number): Population {
  if (count === pop.size) return pop;
  return {
    ...pop,
    size: count,
    group: pop.group.subarray(0, count),
    status: pop.status.subarray(0, count),
    age: pop.age.subarray(0, count),
    sex: pop.sex.subarray(0, count),
    county: pop.county.subarray(0, count),
    base: pop.base.subarray(0, count),
    consumption: pop.consumption.subarray(0, count),
    capacityToPay: pop.capacityToPay.subarray(0, count),
  };
}

/** Units [first, end) of the flattened (scenario, block) grid. */
export function simulateUnits(
  args: SimulationTaskArgs,
  first: number,
  end: number,
): SimulationTaskResult {
  const p = prepare(args);
  const V = args.variants.length;
  const histograms = () =>
    Array.from({ length: V }, () =>
      Array.from({ length: args.years }, () => new Float64Array(HISTOGRAM_BINS)),
    );
  const result: SimulationTaskResult = {
    cells: [],
    oopHistograms: histograms(),
    claimantHistograms: histograms(),
  };
  const counties = p.cal.population.counties.length;
  const bands = p.cal.burden.costBands.length;
  const sdg = p.cal.burden.sdgConsumptionShares.length;
  for (let unit = first; unit < end; unit++) {
    const scenario = Math.floor(unit / args.blocksPerScenario);
    const block = unit % args.blocksPerScenario;
    const whole = populationBlock(p, args.seed, block);
    for (let year = 0; year < args.years; year++) {
      const f = args.paths[scenario][year];
      const insured = Math.round(args.persons * f.members);
      const count = Math.min(Math.max(insured - block * BLOCK_SIZE, 0), BLOCK_SIZE);
      if (count === 0) continue;
      const pop = ageBy(prefix(whole, count), year);
      const events = p.claims
        .forYear({ frequency: f.frequency, cost: f.cost })
        .draw(pop, (category) =>
          createStream(args.seed, `claims/${category}`, scenario, year, block),
        );
      const lastMonth = new Uint8Array(count).fill(255);
      for (let e = 0; e < events.count; e++) lastMonth[events.person[e]] = events.month![e];
      for (let v = 0; v < V; v++) {
        const settled = settleColumns(p.plans[v], {
          persons: count,
          group: pop.group,
          status: pop.status,
          events,
        });
        const payers = p.payers[v];
        let payrollBase: Float64Array | null = null;
        if (payers.some((x) => x)) {
          payrollBase = new Float64Array(count);
          for (let i = 0; i < count; i++)
            payrollBase[i] = payers[pop.group[i]] ? pop.base[i] * f.wage : 0;
        }
        const agg = emptyAggregate(p.layerCounts[v], counties, bands, sdg);
        accumulate(
          agg,
          pop,
          count,
          settled,
          { ...p.contexts[v], payrollBase, lastMonth },
          result.oopHistograms[v][year],
          result.claimantHistograms[v][year],
        );
        accumulateAidBudget(
          agg.aidBudget,
          p.aidBudgets[v],
          p.plans[v],
          pop,
          count,
          events,
          settled,
        );
        result.cells.push({ variant: v, scenario, year, agg });
      }
    }
  }
  return result;
}
