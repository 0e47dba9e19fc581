/**
 * Runs a task over blocks of persons on worker threads, every core by default.
 *
 *   blocks 0..B-1 ──split into contiguous ranges──▶ workers ──task(range)──▶ partial results
 *     ──collected in block order──▶ caller's reduce
 *
 * A task is a named export of a module, `(args, firstBlock, endBlock) => result`. Each
 * block draws from its own random streams, so a block's result does not depend on which
 * worker ran it; results come back in block order, so the reduction is the same whatever
 * the number of workers. With `workers: 1` the task runs on the calling thread.
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

/** Runs `task` over blocks [0, blocks) and returns the per-unit results in block order. */
export async function runBlocks<A, R>(
  task: TaskRef,
  args: A,
  blocks: number,
  options: RunBlocksOptions = {},
): Promise<R[]> {
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), blocks));
  const chunk = Math.max(1, options.chunk ?? Math.ceil(blocks / (workers * 4)));
  const units: [number, number][] = [];
  for (let b = 0; b < blocks; b += chunk) units.push([b, Math.min(blocks, b + chunk)]);
  const results: R[] = new Array(units.length);
  let done = 0;
  if (workers === 1) {
    // eslint-style dynamic require: the task module is chosen by the caller
    const fn = require(resolveModule(task.module))[task.name] as BlockTask<A, R>;
    for (const [i, [first, end]] of units.entries()) {
      results[i] = fn(args, first, end);
      done += end - first;
      options.onProgress?.(done, blocks);
    }
    return results;
  }
  let next = 0;
  const pool = Array.from({ length: workers }, () => {
    // Under tsx (tests, benchmarks from source) the worker registers tsx's CommonJS hook
    // before loading the TypeScript worker; built code loads worker.js directly.
    const workerData = { module: resolveModule(task.module), name: task.name };
    const worker = runningTs
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER_FILE)});`, {
          eval: true,
          workerData,
        })
      : new Worker(WORKER_FILE, { workerData });
    return new Promise<void>((resolve, reject) => {
      const feed = () => {
        if (next >= units.length) {
          worker.postMessage(null);
          return;
        }
        const i = next++;
        worker.postMessage({ unit: i, args, first: units[i][0], end: units[i][1] });
      };
      worker.on('message', (msg: { unit: number; result: R }) => {
        results[msg.unit] = msg.result;
        done += units[msg.unit][1] - units[msg.unit][0];
        options.onProgress?.(done, blocks);
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`worker exited with code ${code}`)),
      );
      feed();
    });
  });
  await Promise.all(pool);
  return results;
}
