/** Same seed, same numbers, whatever the number of worker threads. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runWorkload } from '../../src/workload/run';

const W1 = path.join(__dirname, '..', '..', 'bench', 'workloads', 'w1-dazhou-employee.yaml');

describe('parallel/pool: reproducibility', () => {
  test('1, 2 and 4 workers give identical results for the same seed', async () => {
    // 5 blocks and a partial one, so that the split between workers differs
    const persons = 5 * 65536 + 12345;
    const runs = [];
    for (const workers of [1, 2, 4]) {
      const { threads, ...figures } = await runWorkload(W1, { persons, seed: 7, workers });
      assert.equal(threads, workers);
      runs.push(figures);
    }
    assert.deepEqual(runs[1], runs[0]);
    assert.deepEqual(runs[2], runs[0]);
    assert.equal(runs[0].persons, persons);
  });

  test('a different seed gives different people', async () => {
    const a = await runWorkload(W1, { persons: 65536, seed: 1, workers: 1 });
    const b = await runWorkload(W1, { persons: 65536, seed: 2, workers: 1 });
    assert.notEqual(a.premium, b.premium);
    assert.notEqual(a.admissions, b.admissions);
  });
});
