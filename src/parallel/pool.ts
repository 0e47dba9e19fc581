/**
 * Runs a task over blocks of persons on worker threads, every core by default.
 *
 *   blocks 0..B-1 ──split into contiguous ranges──▶ workers ──task(range)──▶ partial results
 *     ──collected in block order──▶ caller's reduce
 *
 * A task is a named export of a module, `(args, firstBlock, endBlock) => result`. Each
 * block draws from its own random streams, so a block's result does not depend on which
 * worker ran it; results come back in block order, so the reduction is the same whatever
 * the number of workers. `workers: K` means K threads: the calling thread and K − 1 worker
 * threads (`workers: 1`, the calling thread alone).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface TaskRef {
  /** absolute path of the module, without extension (resolved to .ts or .js beside it) */
  module: string;
  name: string;
}

export type BlockTask<A, R> = (args: A, firstBlock: number, endBlock: number) => R;

export interface RunBlocksOptions {
  workers?: number;
  /** called as blocks finish, with the number done */
  onProgress?: (done: number, total: number) => void;
  /** blocks per work unit (smaller: finer progress and balance) */
  chunk?: number;
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
 * then the task's modules) overlaps whatever the caller still has to do — loading a
 * scheme, say — before it knows the task's arguments.
 */
export interface WorkerPool<A, R> {
  /** Runs the task over blocks [0, blocks) and returns the per-unit results in block order. */
  run(args: A, blocks: number, options?: Omit<RunBlocksOptions, 'workers'>): Promise<R[]>;
  /** Stops the workers (after a run, or instead of one). */
  close(): Promise<void>;
}

/**
 * Starts `threads − 1` workers for `task` (the calling thread is the last of the
 * `threads`); `threads` defaults to every core. Run it once, then it closes itself.
 */
export function startWorkers<A, R>(task: TaskRef, threads?: number): WorkerPool<A, R> {
  const count = Math.max(1, threads ?? defaultWorkers()) - 1;
  // Under tsx (tests, benchmarks from source) the worker registers tsx's CommonJS hook
  // before loading the TypeScript worker; built code loads worker.js directly.
  const workerData = { module: resolveModule(task.module), name: task.name };
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
    run: async (args, blocks, options = {}) => {
      try {
        return await runOn(workers.slice(0, Math.max(0, blocks - 1)), task, args, blocks, options);
      } finally {
        await close();
      }
    },
  };
}

/** Runs `task` over blocks [0, blocks) and returns the per-unit results in block order. */
export async function runBlocks<A, R>(
  task: TaskRef,
  args: A,
  blocks: number,
  options: RunBlocksOptions = {},
): Promise<R[]> {
  const threads = Math.max(1, Math.min(options.workers ?? defaultWorkers(), blocks));
  return startWorkers<A, R>(task, threads).run(args, blocks, options);
}

/** The calling thread and `workers` share the units of blocks [0, blocks). */
async function runOn<A, R>(
  workers: Worker[],
  task: TaskRef,
  args: A,
  blocks: number,
  options: Omit<RunBlocksOptions, 'workers'>,
): Promise<R[]> {
  const threads = workers.length + 1;
  const chunk = Math.max(1, options.chunk ?? Math.ceil(blocks / (threads * 4)));
  const units: [number, number][] = [];
  for (let b = 0; b < blocks; b += chunk) units.push([b, Math.min(blocks, b + chunk)]);
  const results: R[] = new Array(units.length);
  let done = 0;
  // progress from the start: a bar at 0% before the first unit is done
  options.onProgress?.(0, blocks);
  // The calling thread works too, taking units between handling the workers' messages,
  // so one thread's start-up is saved and no core idles.
  let next = 0;
  let failed = false;
  const take = () => (next < units.length ? next++ : -1);
  const finish = (i: number, result: R) => {
    results[i] = result;
    done += units[i][1] - units[i][0];
    options.onProgress?.(done, blocks);
  };
  const pool = workers.map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        let inFlight = 0;
        const feed = () => {
          const i = take();
          if (i < 0) {
            if (inFlight === 0) worker.postMessage(null);
            return;
          }
          inFlight++;
          worker.postMessage({ unit: i, first: units[i][0], end: units[i][1] });
        };
        worker.on('message', (msg: { unit: number; result: R }) => {
          inFlight--;
          finish(msg.unit, msg.result);
          feed();
        });
        worker.on('error', reject);
        worker.on('exit', (code) =>
          code === 0 || failed ? resolve() : reject(new Error(`worker exited with code ${code}`)),
        );
        // the arguments once (a structured clone each time would cost), then two units
        // queued, so that a worker never waits for the calling thread to hand it work
        worker.postMessage({ args });
        feed();
        feed();
      }),
  );
  const fn = require(resolveModule(task.module))[task.name] as BlockTask<A, R>;
  try {
    for (;;) {
      // let the workers' messages in before taking the next unit
      await new Promise<void>((resolve) => setImmediate(resolve));
      const i = take();
      if (i < 0) break;
      finish(i, fn(args, units[i][0], units[i][1]));
    }
  } catch (error) {
    // the workers are about to be terminated: their exit is not a second error
    failed = true;
    throw error;
  }
  await Promise.all(pool);
  return results;
}
