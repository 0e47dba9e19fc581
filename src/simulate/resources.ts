/**
 * How much memory and time a simulation will take, said before it starts, and what cannot
 * fit refused at once instead of after minutes of swapping:
 *
 *   run size (scenarios × blocks × years × variants, threads)
 *     ──sizes of the structures it keeps──▶ bytes on the calling thread's heap, bytes in all
 *     ──one block timed──▶ seconds, roughly
 *
 * What a run keeps grows with it: every (scenario, block) unit sends back one aggregate per
 * year and variant, kept until the end (simulate.ts merges them in block order, so that the
 * sums are the same whatever the number of threads), and every unit of work two
 * out-of-pocket histograms per year and variant. Each thread also holds the populations
 * of the blocks it has drawn (up to POPULATION_CACHE_BLOCKS, as simulate/task.ts keeps them).
 */
import * as os from 'node:os';
import * as v8 from 'node:v8';
import { BLOCK_SIZE } from '../random/stream';
import { HISTOGRAM_BINS } from './histogram';

/**
 * Bytes of the calling thread's heap one number of a kept aggregate takes: measured 31 on
 * Node 20 for a YearAggregate received from a worker (objects, arrays and their headers
 * over the 330 numbers of an aggregate with 3 layers and 6 counties).
 */
const BYTES_PER_KEPT_NUMBER = 32;
/** A thread before any work: its isolate and yibao's modules (measured 60–90 MB of RSS). */
const THREAD_BASE_BYTES = 100 * 2 ** 20;
/** Populations of blocks a thread keeps drawn (simulate/task.ts clears its cache past 256). */
const POPULATION_CACHE_BLOCKS = 257;
/** Units of work at most: each keeps its histograms until the end. */
const MAX_UNITS = 2000;
/** A unit of work should take about this long, so that progress moves every second or so. */
const UNIT_SECONDS = 0.5;
/** The share of the calling thread's heap, and of the machine's memory, a run may plan to use. */
const USABLE_SHARE = 0.8;

export interface RunSize {
  scenarios: number;
  years: number;
  variants: number;
  blocksPerScenario: number;
  threads: number;
  /** numbers in one year's aggregate of one variant (see aggregate.ts) */
  aggregateNumbers: number;
  /** bytes of one person's population columns */
  personBytes: number;
}

export interface RunPlan extends RunSize {
  /** (scenario, block) units */
  blocks: number;
  /** blocks per unit of work handed to a thread */
  chunk: number;
  /** bytes kept on the calling thread's heap by the end */
  heapBytes: number;
  /** bytes of every thread together at the peak */
  bytes: number;
  heapLimit: number;
  memoryLimit: number;
  /** whether it fits in the heap and in memory */
  fits: boolean;
  /** seconds, roughly (from one block timed), when measured */
  seconds?: number;
}

/** The memory this machine gives the process: its cgroup's limit, or the machine's memory. */
function memoryLimit(): number {
  const constrained =
    typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  return constrained > 0 ? Math.min(constrained, os.totalmem()) : os.totalmem();
}

/** Numbers in a (nested) aggregate: what it costs to keep one. */
export function countNumbers(value: unknown): number {
  if (typeof value === 'number') return 1;
  if (ArrayBuffer.isView(value)) return (value as unknown as ArrayLike<number>).length;
  if (value && typeof value === 'object')
    return Object.values(value).reduce((n: number, v) => n + countNumbers(v), 0);
  return 0;
}

/** Bytes of the typed-array columns of one person (a drawn population of one). */
export function bytesPerPerson(population: object): number {
  let bytes = 0;
  for (const v of Object.values(population))
    if (ArrayBuffer.isView(v))
      bytes += (v as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  return bytes;
}

/**
 * The plan of a run: memory from the sizes of what it keeps, and — given the seconds one
 * block took (all years and variants) — the time and the unit of work.
 */
export function planRun(size: RunSize, secondsPerBlock?: number): RunPlan {
  const blocks = size.scenarios * size.blocksPerScenario;
  const threads = Math.max(1, Math.min(size.threads, blocks));
  const byTime =
    secondsPerBlock !== undefined && secondsPerBlock > 0
      ? Math.max(1, Math.floor(UNIT_SECONDS / secondsPerBlock))
      : Number.POSITIVE_INFINITY;
  const chunk = Math.max(
    1,
    Math.min(Math.ceil(blocks / (threads * 4)), byTime),
    Math.ceil(blocks / MAX_UNITS),
  );
  const units = Math.ceil(blocks / chunk);
  const cell = size.aggregateNumbers * BYTES_PER_KEPT_NUMBER;
  const cells = (blocks + size.scenarios) * size.years * size.variants;
  const heapBytes = cells * cell;
  const histograms = units * 2 * size.variants * size.years * HISTOGRAM_BINS * 8;
  const perThread =
    THREAD_BASE_BYTES +
    Math.min(size.blocksPerScenario, POPULATION_CACHE_BLOCKS) * BLOCK_SIZE * size.personBytes;
  const bytes = heapBytes + histograms + threads * perThread;
  const heapLimit = v8.getHeapStatistics().heap_size_limit;
  const memory = memoryLimit();
  // seconds: the blocks shared by the threads; two threads on this kind of machine do
  // 1.3–1.6 times the work of one, not twice
  const speedUp = threads === 1 ? 1 : threads * 0.75;
  return {
    ...size,
    threads,
    blocks,
    chunk,
    heapBytes,
    bytes,
    heapLimit,
    memoryLimit: memory,
    fits: heapBytes <= heapLimit * USABLE_SHARE && bytes <= memory * USABLE_SHARE,
    seconds: secondsPerBlock === undefined ? undefined : (secondsPerBlock * blocks) / speedUp,
  };
}

/** Whether a plan is large enough to say so before it runs: a minute, or a GiB. */
export function isLarge(plan: RunPlan): boolean {
  return (plan.seconds ?? 0) > 60 || plan.bytes > 2 ** 30;
}
