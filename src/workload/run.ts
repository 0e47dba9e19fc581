/**
 * Runs a workload: per block of persons, generate contribution bases and events from the
 * block's own streams, settle them with the fast engine, and keep the aggregates; then
 * reduce the blocks in order.
 *
 *   blocks ──(workers)──▶ generate ─▶ settleColumns ─▶ block aggregates ─▶ sums, OOP quantiles
 */
import * as path from 'node:path';
import { compilePlan, type Plan } from '../engine/fast/plan';
import { settleColumns } from '../engine/fast/settle-columns';
import { CATEGORIES, GROUPS } from '../model/codes';
import { allocateEvents } from '../model/columns';
import { roundHalfUp } from '../model/round';
import { runBlocks } from '../parallel/pool';
import { lognormalFromMeanCv, standardNormal } from '../random/samplers';
import { BLOCK_SIZE, createStream, type Stream } from '../random/stream';
import type { Workload } from './config';
import { quantileOfSparse } from './quantile';

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
  /** out-of-pocket of persons with a positive one, fen, in person order */
  oopPositive: Float64Array;
}

/**
 * Loads the workload file and its scheme and compiles the plan. The loaders (YAML, the
 * schema validator) are required here, not at the top, so that worker threads, which get
 * the compiled plan in their arguments, start without loading them.
 */
function prepare(file: string): PreparedWorkload {
  const { loadWorkload } = require('./config') as typeof import('./config');
  const { loadScheme } = require('../scheme/load') as typeof import('../scheme/load');
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
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const yuan = Math.exp(mu + sigma * standardNormal(s));
    // the contribution is reckoned per person on a base in whole fen, rounded to the fen
    sum += roundHalfUp(roundHalfUp(yuan * 100) * rate);
  }
  return sum;
}

/** Scratch columns reused from block to block (a worker runs one block at a time). */
let scratch: { counts: Uint8Array; claimant: Uint32Array } | undefined;
function scratchFor(kinds: number) {
  if (!scratch || scratch.counts.length < BLOCK_SIZE * kinds)
    scratch = { counts: new Uint8Array(BLOCK_SIZE * kinds), claimant: new Uint32Array(BLOCK_SIZE) };
  return scratch;
}

/**
 * Draws every person's event counts (Poisson by inversion, inline: one uniform and
 * usually one comparison per person and kind) and lists the persons with any event.
 */
function countEvents(n: number, p0: Float64Array, lambda: Float64Array, s: Stream) {
  const kinds = p0.length;
  const { counts, claimant } = scratchFor(kinds);
  let claimants = 0;
  let events = 0;
  for (let i = 0; i < n; i++) {
    let any = 0;
    for (let k = 0; k < kinds; k++) {
      let u = s.next();
      let p = p0[k];
      let c = 0;
      while (u >= p && p > 0) {
        u -= p;
        c++;
        p *= lambda[k] / c;
      }
      counts[i * kinds + k] = c;
      any += c;
    }
    if (any > 0) {
      claimant[claimants++] = i;
      events += any;
    }
  }
  return { counts, claimant, claimants, events };
}

/** The block task (runs on worker threads): blocks [first, end). */
export function runWorkloadBlocks(args: WorkloadArgs, first: number, end: number): BlockResult {
  const { workload, plan, layer } = args.prepared;
  const result: BlockResult = {
    persons: 0,
    admissions: 0,
    premiumFen: 0,
    basicFen: 0,
    layerFen: 0,
    beneficiaries: 0,
    oopFen: 0,
    oopPositive: new Float64Array(0),
  };
  const positives: Float64Array[] = [];
  const g = GROUPS.indexOf(workload.group);
  const base = workload.base ? lognormalFromMeanCv(workload.base.mean, workload.base.cv) : null;
  const kinds = workload.claims.map((c) => ({
    ...c,
    categoryIndex: CATEGORIES.indexOf(c.category),
    cost: lognormalFromMeanCv(c.costMean, c.costCv),
  }));
  for (const c of workload.claims)
    if (!(c.frequency < 30))
      throw new RangeError(`workload ${workload.id}: frequency must be below 30`);
  const lambda = Float64Array.from(kinds, (c) => c.frequency);
  const p0 = Float64Array.from(lambda, (l) => Math.exp(-l));
  const K = kinds.length;
  for (let block = first; block < end; block++) {
    const start = block * BLOCK_SIZE;
    const n = Math.min(BLOCK_SIZE, args.persons - start);
    if (n <= 0) break;
    const people = createStream(args.seed, `workload/${workload.id}/population`, 0, 0, block);
    const claims = createStream(args.seed, `workload/${workload.id}/claims`, 0, 0, block);
    result.premiumFen +=
      workload.premium.kind === 'per_head'
        ? n * Math.round(workload.premium.amount * 100)
        : payrollPremiumFen(n, people, base!.mu, base!.sigma, workload.premium.rate);
    // Only persons with an event can be paid or pay anything, so they alone are settled:
    // `claimant` maps their compact index to the person.
    const { counts, claimant, claimants, events } = countEvents(n, p0, lambda, claims);
    const cols = allocateEvents(events);
    let e = 0;
    for (let j = 0; j < claimants; j++) {
      const i = claimant[j];
      for (let k = 0; k < K; k++) {
        const kind = kinds[k];
        for (let c = counts[i * K + k]; c > 0; c--) {
          const fen = roundHalfUp(
            Math.exp(kind.cost.mu + kind.cost.sigma * standardNormal(claims)) * 100,
          );
          cols.person[e] = j;
          cols.category[e] = kind.categoryIndex;
          cols.level[e] = kind.level;
          cols.total[e] = fen / 100;
          cols.scope[e] = roundHalfUp(fen * kind.scopeShare) / 100;
          e++;
        }
      }
    }
    const group = new Uint8Array(claimants).fill(g);
    const status = new Uint8Array(claimants);
    const settled = settleColumns(plan, { persons: claimants, group, status, events: cols });
    const positive = new Float64Array(claimants);
    let np = 0;
    let basicFen = 0;
    let layerFen = 0;
    let oopFen = 0;
    let beneficiaries = 0;
    const paidByLayer = settled.layerFen[layer];
    for (let j = 0; j < claimants; j++) {
      basicFen += settled.basicFen[j];
      const paid = paidByLayer[j];
      layerFen += paid;
      if (paid > 0) beneficiaries++;
      const oop = settled.oopFen[j];
      oopFen += oop;
      if (oop > 0) positive[np++] = oop;
    }
    result.basicFen += basicFen;
    result.layerFen += layerFen;
    result.oopFen += oopFen;
    result.beneficiaries += beneficiaries;
    positives.push(positive.subarray(0, np));
    result.persons += n;
    result.admissions += events;
  }
  result.oopPositive = concat(positives);
  return result;
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
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
}

/** Runs a workload file over `persons` persons with `workers` threads. */
export async function runWorkload(
  file: string,
  options: {
    persons: number;
    seed?: number;
    workers?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<WorkloadSummary> {
  const args: WorkloadArgs = {
    prepared: prepare(path.resolve(file)),
    persons: options.persons,
    seed: options.seed ?? 1,
  };
  const { workload } = args.prepared;
  const blocks = Math.ceil(options.persons / BLOCK_SIZE);
  const parts = await runBlocks<WorkloadArgs, BlockResult>(
    { module: path.join(__dirname, 'run'), name: 'runWorkloadBlocks' },
    args,
    blocks,
    { workers: options.workers, onProgress: options.onProgress },
  );
  const sum = (key: keyof Omit<BlockResult, 'oopPositive'>) =>
    parts.reduce((acc, p) => acc + p[key], 0);
  const positives = concat(parts.map((p) => p.oopPositive));
  const persons = sum('persons');
  const zeros = persons - positives.length;
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
    oop_p95: quantileOfSparse(positives, zeros, 0.95) / 100,
    oop_p99: quantileOfSparse(positives, zeros, 0.99) / 100,
  };
}
