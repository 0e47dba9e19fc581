/**
 * How much memory and time a simulation will take, said before it starts, and what cannot
 * be done refused at once instead of after minutes of work:
 *
 *   run size (variants × scenarios × years, the cell's length, person-years, events)
 *     ──what the threads and the calling thread keep──▶ bytes on the calling thread's
 *       heap, bytes in all
 *     ──seconds per person-year and per event (measured)──▶ threads, seconds, roughly
 *
 * What a run keeps does not grow with its persons (task.ts): each thread reuses one
 * block's columns, and keeps one cell of sums per (settled variant, scenario, year) and
 * one out-of-pocket distribution per (settled variant, year) — at most 16 MB of counters
 * (oop-distribution.ts) — handed to the calling thread once, at the end. The calling
 * thread merges them, reads each cell as a YearAggregate (objects: these fill its heap)
 * and runs the ledger of every scenario.
 */
import * as os from 'node:os';
import * as v8 from 'node:v8';
import { MAX_RUN_SECONDS } from '../model/limits';
import { MAX_DENSE_BYTES } from './oop-distribution';

/**
 * Single-thread seconds of a person-year (drawing persons, the sums of every person) and
 * of an event (drawing, settling, adding the claimant), measured with `npm run bench` on
 * guiyang-2023 and dazhou-2023 under the default calibration and on the benchmark
 * workloads. An event's drawing is about 60% of its cost and is shared by the variants;
 * its settlement and sums, the rest, are paid again by every variant settled.
 */
const SECONDS_PER_PERSON_YEAR = 5e-9;
const SECONDS_PER_EVENT = 6e-8;
const EVENT_DRAW_SHARE = 0.6;
/** A worker pays for its start-up (a fresh V8 isolate, the modules) beyond this much work. */
const SECONDS_PER_EXTRA_THREAD = 0.6;
/** Two threads on this kind of machine do 1.3–1.8 times the work of one, not twice. */
const THREAD_EFFICIENCY = 0.75;
/** A thread before any work: its isolate and yibao's modules (measured 60–90 MB of RSS). */
const THREAD_BASE_BYTES = 100 * 2 ** 20;
/** A thread's working columns: a block's persons, claims and settlement (measured ~40 MB). */
const THREAD_WORK_BYTES = 64 * 2 ** 20;
/**
 * Bytes of the calling thread's heap one number of a YearAggregate takes (objects, arrays
 * and their headers: measured 31 on Node 20), and one scenario-year's ledger outcome.
 */
const BYTES_PER_VIEW_NUMBER = 32;
const BYTES_PER_OUTCOME = 1024;
/** The share of the calling thread's heap, and of the machine's memory, a run may plan to use. */
const USABLE_SHARE = 0.8;

export interface RunSize {
  scenarios: number;
  years: number;
  /** year-1 persons */
  persons: number;
  /** variants of the run, and those settled (the others share an earlier one's sums) */
  variants: number;
  settled: number;
  /** numbers in one cell of sums (aggregate.ts CellLayout) */
  cellNumbers: number;
  /** person-years in all (every scenario and year) */
  personYears: number;
  /** mean events per person-year of the calibration */
  eventsPerPersonYear: number;
  /** threads asked for; default: as many as repay their start-up */
  threads?: number;
}

export interface RunPlan extends RunSize {
  threads: number;
  /** bytes kept on the calling thread's heap by the end */
  heapBytes: number;
  /** bytes of every thread together at the peak */
  bytes: number;
  heapLimit: number;
  memoryLimit: number;
  /** whether it fits in the heap and in memory */
  fits: boolean;
  /** seconds, roughly, on `threads` */
  seconds: number;
  /** whether the estimate is beyond MAX_RUN_SECONDS (refused unless forced) */
  tooLong: boolean;
}

/** The memory this machine gives the process: its cgroup's limit, or the machine's memory. */
function memoryLimit(): number {
  const constrained =
    typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  return constrained > 0 ? Math.min(constrained, os.totalmem()) : os.totalmem();
}

function cores(): number {
  return typeof os.availableParallelism === 'function'
    ? os.availableParallelism()
    : os.cpus().length;
}

/** Single-thread seconds of a run of this size. */
export function singleThreadSeconds(size: RunSize): number {
  const eventCost = EVENT_DRAW_SHARE + (1 - EVENT_DRAW_SHARE) * size.settled;
  return (
    size.personYears *
    (SECONDS_PER_PERSON_YEAR + SECONDS_PER_EVENT * size.eventsPerPersonYear * eventCost)
  );
}

/** Threads for a run when the caller does not say: every core, if a worker repays itself. */
export function threadsFor(seconds: number): number {
  return Math.max(1, Math.min(cores(), 1 + Math.floor(seconds / SECONDS_PER_EXTRA_THREAD)));
}

/** The plan of a run: its threads, memory and time. */
export function planRun(size: RunSize): RunPlan {
  const single = singleThreadSeconds(size);
  const threads = Math.max(1, size.threads ?? threadsFor(single));
  const cells = size.settled * size.scenarios * size.years * size.cellNumbers * 8;
  const distributions = size.settled * size.years * MAX_DENSE_BYTES;
  const kept = cells + distributions;
  const heapBytes =
    size.variants *
    size.scenarios *
    size.years *
    (size.cellNumbers * BYTES_PER_VIEW_NUMBER + BYTES_PER_OUTCOME);
  // every thread keeps its own; the calling thread also receives each worker's and merges
  const bytes =
    threads * (THREAD_BASE_BYTES + THREAD_WORK_BYTES + kept) + threads * kept + heapBytes;
  const heapLimit = v8.getHeapStatistics().heap_size_limit;
  const memory = memoryLimit();
  const seconds = single / (threads === 1 ? 1 : threads * THREAD_EFFICIENCY);
  return {
    ...size,
    threads,
    heapBytes,
    bytes,
    heapLimit,
    memoryLimit: memory,
    fits: heapBytes <= heapLimit * USABLE_SHARE && bytes <= memory * USABLE_SHARE,
    seconds,
    tooLong: seconds > MAX_RUN_SECONDS,
  };
}

/** Whether a plan is large enough to say so before it runs: a minute, or a GiB. */
export function isLarge(plan: RunPlan): boolean {
  return plan.seconds > 60 || plan.bytes > 2 ** 30;
}
