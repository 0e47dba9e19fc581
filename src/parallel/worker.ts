/**
 * Worker side of ./pool.ts: loads the task module once, then runs units as they come; at
 * the end (a null message) sends what the task's finish export returns, if it has one.
 * Typed-array buffers in the results are transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';

const {
  module: modulePath,
  name,
  finish,
} = workerData as {
  module: string;
  name: string;
  finish?: string;
};
const taskModule = require(modulePath);
const task = taskModule[name] as (args: unknown, first: number, end: number) => unknown;

function transferables(value: unknown, out: ArrayBuffer[] = []): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && !out.includes(value.buffer)) out.push(value.buffer);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) transferables(v, out);
  }
  return out;
}

// The run's arguments come once, in the first message; then units: { unit, first, end }.
let args: unknown;
parentPort!.on(
  'message',
  (msg: { args: unknown } | { unit: number; first: number; end: number } | null) => {
    if (msg === null) {
      if (finish) {
        const finished = taskModule[finish](args);
        parentPort!.postMessage({ finished }, transferables(finished));
      }
      parentPort!.close();
      return;
    }
    if ('args' in msg) {
      args = msg.args;
      return;
    }
    const result = task(args, msg.first, msg.end);
    parentPort!.postMessage({ unit: msg.unit, result }, transferables(result));
  },
);
