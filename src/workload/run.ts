/**
 * Runs a workload: per block of persons, generate contribution bases and events from the
 * block's own streams, settle them with the fast engine, and keep the aggregates; then
 * reduce the blocks in order.
 *
 *   blocks ──(workers)──▶ generate ─▶ settleColumns ─▶ block aggregates ─▶ sums, OOP quantiles
 */
import * as path from 'node:path';
import type { Plan } from '../engine/fast/plan-layout';
import {
  allocateSettlement,
  type FastSettlement,
  settleColumns,
} from '../engine/fast/settle-columns';
import { CATEGORIES, GROUPS } from '../model/codes';
import { allocateEvents, type Events } from '../model/columns';
import { roundHalfUp } from '../model/round';
import { defaultWorkers, startWorkers } from '../parallel/pool';
import { fastExp } from '../random/exp';
import { fillStandardNormal, lognormalFromMeanCv } from '../random/samplers';
import { BLOCK_SIZE, createStream, type Stream } from '../random/stream';
import { type ClaimantCounts, ClaimantSampler } from './claimants';
import type { Workload } from './config';
import { isLarge, type OopAmounts, OopStore } from './oop-store';
import { quantilesOfSparse } from './quantile';

/** A workload made ready on the calling thread: the scheme compiled once, sent to workers. */
export interface PreparedWorkload {
  workload: Workload;
  plan: Plan;
  /** index of the workload's layer in the scheme */
  layer: number;
}

export interface WorkloadArgs {
  prepared: PreparedWorkload;
  persons: number;
  seed: number;
}

/** What one range of blocks contributes. Money in fen (exact sums). */
export interface BlockResult {
  persons: number;
  admissions: number;
  premiumFen: number;
  basicFen: number;
  layerFen: number;
  beneficiaries: number;
  oopFen: number;
  /** out-of-pocket of persons with a positive one, fen */
  oopPositive: OopAmounts;
}

/**
 * Loads the workload file and its scheme and compiles the plan. The loaders (YAML, the
 * schema validator, the plan compiler with decimal.js) are required here, not at the top,
 * so that worker threads, which get the compiled plan in their arguments, start without
 * loading them.
 */
export function prepareWorkload(file: string): PreparedWorkload {
  const { loadWorkload } = require('./config') as typeof import('./config');
  const { loadScheme } = require('../scheme/load') as typeof import('../scheme/load');
  const { compilePlan } = require('../engine/fast/plan') as typeof import('../engine/fast/plan');
  const workload = loadWorkload(file);
  const scheme = loadScheme(workload.scheme, { overrides: workload.schemeOverrides });
  const layer = scheme.layers.findIndex((l) => l.id === workload.layer);
  if (layer < 0)
    throw new Error(
      `workload ${workload.id}: scheme ${scheme.id} has no layer '${workload.layer}'`,
    );
  return { workload, plan: compilePlan(scheme), layer };
}

/** Σ over a block of each person's payroll contribution, in fen. */
function payrollPremiumFen(n: number, s: Stream, mu: number, sigma: number, rate: number) {
  const z = fillStandardNormal(s, scratch.normalsFor(n), n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const yuan = fastExp(mu + sigma * z[i]);
    // the contribution is reckoned per person on a base in whole fen, rounded to the fen
    sum += roundHalfUp(roundHalfUp(yuan * 100) * rate);
  }
  return sum;
}

/**
 * Columns reused from block to block by one thread (a worker runs one block at a time),
 * grown when a block needs more, so that the hot loop makes no garbage.
 */
class BlockScratch {
  events: Events = allocateEvents(0);
  group = new Uint8Array(0);
  status = new Uint8Array(0);
  settlement: FastSettlement | undefined;
  private settlementPlan: Plan | undefined;
  normals = new Float64Array(0);

  private sampler: { workload: Workload; sampler: ClaimantSampler } | undefined;

  /** The workload's claimant sampler, kept from unit to unit with its columns. */
  samplerFor(workload: Workload): ClaimantSampler {
    if (this.sampler?.workload !== workload)
      this.sampler = {
        workload,
        sampler: new ClaimantSampler(workload.claims.map((c) => c.frequency)),
      };
    return this.sampler.sampler;
  }

  normalsFor(count: number): Float64Array {
    if (this.normals.length < count) this.normals = new Float64Array(Math.max(count, BLOCK_SIZE));
    return this.normals;
  }

  eventsFor(count: number): Events {
    if (this.events.person.length < count) this.events = allocateEvents(Math.ceil(count * 1.25));
    this.events.count = count;
    return this.events;
  }

  personsFor(plan: Plan, persons: number, group: number) {
    if (this.group.length < persons) {
      const capacity = Math.max(persons, BLOCK_SIZE);
      this.group = new Uint8Array(capacity);
      this.status = new Uint8Array(capacity);
    }
    // the result columns have one column per layer and alert of the plan
    if (this.settlementPlan !== plan || this.settlement!.oopFen.length < persons) {
      this.settlement = allocateSettlement(plan, this.group.length);
      this.settlementPlan = plan;
    }
    this.group.fill(group, 0, persons);
    return { group: this.group, status: this.status, settlement: this.settlement! };
  }
}
const scratch = new BlockScratch();

/** The workload's claim kinds as columns, for the event loop (no objects in it). */
interface KindTable {
  count: number;
  category: Uint8Array;
  level: Uint8Array;
  mu: Float64Array;
  sigma: Float64Array;
  scopeShare: Float64Array;
}

function kindTable(workload: Workload): KindTable {
  const claims = workload.claims;
  const cost = claims.map((c) => lognormalFromMeanCv(c.costMean, c.costCv));
  return {
    count: claims.length,
    category: Uint8Array.from(claims, (c) => CATEGORIES.indexOf(c.category)),
    level: Uint8Array.from(claims, (c) => c.level),
    mu: Float64Array.from(cost, (c) => c.mu),
    sigma: Float64Array.from(cost, (c) => c.sigma),
    scopeShare: Float64Array.from(claims, (c) => c.scopeShare),
  };
}

/** Fills `cols` with the claimants' events, kind by kind (costs lognormal, to the fen). */
function drawEvents(drawn: ClaimantCounts, kinds: KindTable, s: Stream, cols: Events): void {
  const { counts, claimants } = drawn;
  const K = kinds.count;
  const z = fillStandardNormal(s, scratch.normalsFor(drawn.events), drawn.events);
  let e = 0;
  for (let j = 0; j < claimants; j++) {
    for (let k = 0; k < K; k++) {
      for (let c = counts[j * K + k]; c > 0; c--) {
        const fen = roundHalfUp(fastExp(kinds.mu[k] + kinds.sigma[k] * z[e]) * 100);
        cols.person[e] = j;
        cols.category[e] = kinds.category[k];
        cols.level[e] = kinds.level[k];
        cols.total[e] = fen / 100;
        cols.scope[e] = roundHalfUp(fen * kinds.scopeShare[k]) / 100;
        e++;
      }
    }
  }
}

/** Adds one block's settled claimants to `result`, and their positive amounts to `store`. */
function addSettled(
  settled: FastSettlement,
  layer: number,
  result: BlockResult,
  store: OopStore,
): void {
  const paidByLayer = settled.layerFen[layer];
  const basic = settled.basicFen;
  const oopFen = settled.oopFen;
  const positive = store.reserve(settled.persons);
  let np = store.length;
  let basicSum = 0;
  let layerSum = 0;
  let oopSum = 0;
  let beneficiaries = 0;
  for (let j = 0; j < settled.persons; j++) {
    basicSum += basic[j];
    const paid = paidByLayer[j];
    layerSum += paid;
    if (paid > 0) beneficiaries++;
    const oop = oopFen[j];
    oopSum += oop;
    if (oop > 0) {
      if (isLarge(oop)) store.addLarge(oop);
      else positive[np++] = oop;
    }
  }
  result.basicFen += basicSum;
  result.layerFen += layerSum;
  result.oopFen += oopSum;
  result.beneficiaries += beneficiaries;
  store.length = np;
}

function emptyResult(): BlockResult {
  return {
    persons: 0,
    admissions: 0,
    premiumFen: 0,
    basicFen: 0,
    layerFen: 0,
    beneficiaries: 0,
    oopFen: 0,
    oopPositive: { small: new Uint32Array(0), large: new Float64Array(0) },
  };
}

/**
 * Runs blocks [first, end) of the workload on this thread; `persons` caps the last block.
 * Each block has its own streams, so its numbers do not depend on the thread that runs it.
 */
function runBlocksHere(
  args: WorkloadArgs,
  first: number,
  end: number,
  persons: number,
  store: OopStore,
): BlockResult {
  const { workload, plan, layer } = args.prepared;
  const result = emptyResult();
  const g = GROUPS.indexOf(workload.group);
  const base = workload.base ? lognormalFromMeanCv(workload.base.mean, workload.base.cv) : null;
  const kinds = kindTable(workload);
  const sampler = scratch.samplerFor(workload);
  for (let block = first; block < end; block++) {
    const n = Math.min(BLOCK_SIZE, persons - block * BLOCK_SIZE);
    if (n <= 0) break;
    const people = createStream(args.seed, `workload/${workload.id}/population`, 0, 0, block);
    const claims = createStream(args.seed, `workload/${workload.id}/claims`, 0, 0, block);
    result.premiumFen +=
      workload.premium.kind === 'per_head'
        ? n * Math.round(workload.premium.amount * 100)
        : payrollPremiumFen(n, people, base!.mu, base!.sigma, workload.premium.rate);
    // Only persons with an event can be paid or pay anything, so they alone are drawn and
    // settled: compact index j is person claimant[j] of the block.
    const drawn = sampler.draw(n, claims);
    const cols = scratch.eventsFor(drawn.events);
    drawEvents(drawn, kinds, claims, cols);
    const { group, status, settlement } = scratch.personsFor(plan, drawn.claimants, g);
    const settled = settleColumns(
      plan,
      { persons: drawn.claimants, group, status, events: cols },
      settlement,
    );
    addSettled(settled, layer, result, store);
    result.persons += n;
    result.admissions += drawn.events;
  }
  result.oopPositive = store.takeUnit();
  return result;
}

/** Persons of the throw-away block each thread runs first (see runWorkloadBlocks). */
const PRIMING_PERSONS = 2048;
let primed = false;
/** Each run's amounts, by its arguments (a worker gets its own copy of them per run). */
const stores = new WeakMap<WorkloadArgs, OopStore>();

/**
 * The block task (runs on worker threads): blocks [first, end).
 *
 * A thread's first call first runs one small block and throws its result away. V8
 * compiles a hot loop while it is still running for the first time (on-stack
 * replacement), before the code after it has ever run; that code then lacks type
 * feedback and the optimised loop is thrown away at its exit, block after block. One
 * small pass through every line first costs well under a millisecond and saves that.
 */
export function runWorkloadBlocks(args: WorkloadArgs, first: number, end: number): BlockResult {
  if (!primed) {
    primed = true;
    runBlocksHere(args, 0, 1, PRIMING_PERSONS, new OopStore());
  }
  let store = stores.get(args);
  if (!store) {
    // every person of the run could come to this thread; a few more than the expected
    // share of persons with an event have a positive amount
    const anyEvent = -Math.expm1(
      -args.prepared.workload.claims.reduce((a, c) => a + c.frequency, 0),
    );
    store = new OopStore(args.persons * anyEvent * 1.01 + 4096);
    stores.set(args, store);
  }
  return runBlocksHere(args, first, end, args.persons, store);
}

export interface WorkloadSummary {
  workload: string;
  persons: number;
  admissions: number;
  premium: number;
  basic: number;
  layer: number;
  loss_ratio: number;
  beneficiaries: number;
  oop_mean: number;
  oop_p95: number;
  oop_p99: number;
  /** threads the run used */
  threads: number;
}

/**
 * Blocks of work each thread beyond the first must have to repay its start-up: a worker
 * is a fresh V8 isolate that loads and compiles everything again (about 0.2 s before it
 * settles at full speed), and on the 2-core machines here two threads together settle
 * only about 1.4 times what one does. Measured on W2 (`guiyang-resident`): 10M persons,
 * 1 thread 0.24 s, 2 threads 0.33 s; 40M, 0.77 s both; 100M, 2.5 s and 1.8 s.
 */
const BLOCKS_PER_EXTRA_THREAD = 600;

/** Threads for `blocks` blocks when the caller does not say: every core, if it pays. */
export function workloadThreads(blocks: number): number {
  return Math.max(1, Math.min(defaultWorkers(), 1 + Math.floor(blocks / BLOCKS_PER_EXTRA_THREAD)));
}

/** Blocks per unit of work handed to a thread, with workers and alone. */
const UNIT_BLOCKS = 2;
const UNIT_BLOCKS_ALONE = 16;

/**
 * Runs a workload over `persons` persons with `workers` threads (every core by default):
 * from its file (the threads start while it loads) or as prepared by prepareWorkload.
 */
export async function runWorkload(
  source: string | PreparedWorkload,
  options: {
    persons: number;
    seed?: number;
    workers?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<WorkloadSummary> {
  const blocks = Math.ceil(options.persons / BLOCK_SIZE);
  const threads = Math.min(options.workers ?? workloadThreads(blocks), blocks);
  // the workers start first: their start-up overlaps the loading of the files, if any
  const pool = startWorkers<WorkloadArgs, BlockResult>(
    { module: path.join(__dirname, 'run'), name: 'runWorkloadBlocks' },
    threads,
  );
  let args: WorkloadArgs;
  try {
    args = {
      prepared: typeof source === 'string' ? prepareWorkload(path.resolve(source)) : source,
      persons: options.persons,
      seed: options.seed ?? 1,
    };
  } catch (error) {
    await pool.close();
    throw error;
  }
  const { workload } = args.prepared;
  // with workers, small units (a block takes about a millisecond) so the threads finish
  // together; alone, larger ones, each with its fixed costs, but progress still flows
  const parts = await pool.run(args, blocks, {
    onProgress: options.onProgress,
    chunk: threads > 1 ? UNIT_BLOCKS : UNIT_BLOCKS_ALONE,
  });
  const sum = (key: keyof Omit<BlockResult, 'oopPositive'>) =>
    parts.reduce((acc, p) => acc + p[key], 0);
  const persons = sum('persons');
  const positives = parts.flatMap((p) => [p.oopPositive.small, p.oopPositive.large]);
  const [p95, p99] = quantilesOfSparse(
    positives,
    persons - positives.reduce((n, p) => n + p.length, 0),
    [0.95, 0.99],
  );
  return {
    workload: workload.id,
    persons,
    admissions: sum('admissions'),
    premium: sum('premiumFen') / 100,
    basic: sum('basicFen') / 100,
    layer: sum('layerFen') / 100,
    loss_ratio: sum('layerFen') / sum('premiumFen'),
    beneficiaries: sum('beneficiaries'),
    oop_mean: sum('oopFen') / 100 / persons,
    oop_p95: p95 / 100,
    oop_p99: p99 / 100,
    threads,
  };
}
