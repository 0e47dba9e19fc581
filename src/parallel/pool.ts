/**
 * Runs a task over units of work on worker threads, every core by default.
 *
 *   units 0..U-1 ──handed out one message at a time──▶ threads ──task(args, first, end)──▶
 *     per-unit results ── then, once per thread, finish(args) ──▶ per-thread results
 *
 * A task is a module with named exports: `(args, first, end) => result` for units, and
 * optionally `(args) => result` to collect what a thread kept over its units (sums merged
 * inside the thread instead of sent per unit). Each unit draws from its own random
 * streams, so a unit's numbers do not depend on which thread ran it. `workers: K` means K
 * threads: the calling thread and K − 1 worker threads (`workers: 1`, the calling thread
 * alone). The arguments go to each worker once, as the first message.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface TaskRef {
  /** absolute path of the module, without extension (resolved to .ts or .js beside it) */
  module: string;
  /** the export run on units */
  name: string;
  /** the export run once per thread at the end, if any */
  finish?: string;
}

export type UnitTask<A, R> = (args: A, first: number, end: number) => R;
export type FinishTask<A, F> = (args: A) => F;

export interface RunOptions {
  /** called as units finish: units done, units in all, and the range just finished */
  onProgress?: (done: number, total: number, first: number, end: number) => void;
  /** units per message (smaller: finer progress and balance) */
  chunk?: number;
}

export interface RunResult<R, F> {
  /** per message, in unit order (none kept where the task returns null) */
  units: R[];
  /** per thread (in no particular order) */
  finished: F[];
}

export function defaultWorkers(): number {
  return typeof os.availableParallelism === 'function'
    ? os.availableParallelism()
    : os.cpus().length;
}

const runningTs = __filename.endsWith('.ts');
const WORKER_FILE = path.join(__dirname, `worker${runningTs ? '.ts' : '.js'}`);

function resolveModule(module: string): string {
  return `${module}${runningTs ? '.ts' : '.js'}`;
}

/**
 * Worker threads started ahead of the work, so that their start-up (a fresh V8 isolate,
 * then the task's modules) overlaps whatever the caller still has to do — loading files,
 * compiling plans — before it knows the task's arguments.
 */
export interface WorkerPool<A, R, F> {
  /** Runs the task over units [0, units). */
  run(args: A, units: number, options?: RunOptions): Promise<RunResult<R, F>>;
  /** Stops the workers (after a run, or instead of one). */
  close(): Promise<void>;
}

/**
 * Starts `threads − 1` workers for `task` (the calling thread is the last of the
 * `threads`); `threads` defaults to every core. Run it once, then it closes itself.
 */
export function startWorkers<A, R, F = never>(
  task: TaskRef,
  threads?: number,
): WorkerPool<A, R, F> {
  const count = Math.max(1, threads ?? defaultWorkers()) - 1;
  // Under tsx (tests, benchmarks from source) the worker registers tsx's CommonJS hook
  // before loading the TypeScript worker; built code loads worker.js directly.
  const workerData = { module: resolveModule(task.module), name: task.name, finish: task.finish };
  const workers = Array.from({ length: count }, () =>
    runningTs
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER_FILE)});`, {
          eval: true,
          workerData,
        })
      : new Worker(WORKER_FILE, { workerData }),
  );
  const close = async () => {
    await Promise.all(workers.map((w) => w.terminate()));
  };
  return {
    close,
    run: async (args, units, options = {}) => {
      try {
        return await runOn<A, R, F>(workers, task, args, units, options);
      } finally {
        await close();
      }
    },
  };
}

/** The calling thread and `workers` share units [0, units). */
async function runOn<A, R, F>(
  workers: Worker[],
  task: TaskRef,
  args: A,
  units: number,
  options: RunOptions,
): Promise<RunResult<R, F>> {
  const chunk = Math.max(1, options.chunk ?? Math.ceil(units / ((workers.length + 1) * 4)));
  // ranges by arithmetic, not a list: a run of 10^12 persons has 10^8 of them
  const rangeCount = Math.ceil(units / chunk);
  const firstOf = (i: number) => i * chunk;
  const endOf = (i: number) => Math.min(units, (i + 1) * chunk);
  // a task that keeps its results in the thread returns null per range: none are kept
  const results: R[] = [];
  const finished: F[] = [];
  let done = 0;
  // progress from the start: a bar at 0% before the first range is done
  options.onProgress?.(0, units, 0, 0);
  // The calling thread works too, taking ranges between handling the workers' messages,
  // so one thread's start-up is saved and no core idles.
  let next = 0;
  let failed = false;
  const take = () => (next < rangeCount ? next++ : -1);
  const finish = (i: number, result: R) => {
    if (result !== null) results[i] = result;
    done += endOf(i) - firstOf(i);
    options.onProgress?.(done, units, firstOf(i), endOf(i));
  };
  const pool = workers.map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        let inFlight = 0;
        const feed = () => {
          const i = take();
          if (i < 0) {
            // no more work: the worker sends what it kept (if the task keeps anything), then stops
            if (inFlight === 0) worker.postMessage(null);
            return;
          }
          inFlight++;
          worker.postMessage({ unit: i, first: firstOf(i), end: endOf(i) });
        };
        worker.on('message', (msg: { unit: number; result: R } | { finished: F }) => {
          if ('finished' in msg) {
            finished.push(msg.finished);
            return;
          }
          inFlight--;
          finish(msg.unit, msg.result);
          feed();
        });
        worker.on('error', reject);
        worker.on('exit', (code) =>
          code === 0 || failed ? resolve() : reject(new Error(`worker exited with code ${code}`)),
        );
        // the arguments once (a structured clone each time would cost), then two ranges
        // queued, so that a worker never waits for the calling thread to hand it work
        worker.postMessage({ args });
        feed();
        feed();
      }),
  );
  const taskModule = require(resolveModule(task.module));
  const fn = taskModule[task.name] as UnitTask<A, R>;
  try {
    for (;;) {
      // let the workers' messages in before taking the next range
      await new Promise<void>((resolve) => setImmediate(resolve));
      const i = take();
      if (i < 0) break;
      finish(i, fn(args, firstOf(i), endOf(i)));
    }
    if (task.finish) finished.push((taskModule[task.finish] as FinishTask<A, F>)(args));
  } catch (error) {
    // the workers are about to be terminated: their exit is not a second error
    failed = true;
    throw error;
  }
  await Promise.all(pool);
  return { units: results, finished };
}
