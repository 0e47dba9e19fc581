/**
 * The worker pool: per-unit results come back in unit order whatever the number of
 * threads, and each thread's finish result is collected once (so sums kept in the threads
 * add up to the whole run).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { startWorkers } from '../../src/parallel/pool';

const TASK = {
  module: path.join(__dirname, 'fixtures', 'count-task'),
  name: 'countUnits',
  finish: 'finishCount',
};

describe('parallel/pool', () => {
  test('1, 2 and 3 threads: results in unit order, every unit counted once by the threads', async () => {
    for (const threads of [1, 2, 3]) {
      const pool = startWorkers<{ scale: number }, number[], number>(TASK, threads);
      const progress: number[] = [];
      const { units, finished } = await pool.run({ scale: 3 }, 40, {
        chunk: 3,
        onProgress: (done) => progress.push(done),
      });
      assert.deepEqual(
        units.flat(),
        Array.from({ length: 40 }, (_, i) => i * 3),
        `${threads} threads`,
      );
      assert.equal(finished.length, threads, 'one finish result per thread');
      assert.equal(
        finished.reduce((a, b) => a + b, 0),
        40,
      );
      assert.equal(progress.at(-1), 40);
    }
  });
});
