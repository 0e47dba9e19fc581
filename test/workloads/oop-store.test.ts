/**
 * The out-of-pocket store keeps every positive amount of a run for the exact percentiles:
 * amounts of 2^32 fen or more go to their own list rather than being cut to 32 bits, and
 * each unit gets exactly the amounts added since the last one.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isLarge, OopStore } from '../../src/workload/oop-store';
import { quantilesOfSparse } from '../../src/workload/quantile';

function add(store: OopStore, amounts: number[]): void {
  const buffer = store.reserve(amounts.length);
  let n = store.length;
  for (const fen of amounts) {
    if (isLarge(fen)) store.addLarge(fen);
    else buffer[n++] = fen;
  }
  store.length = n;
}

describe('workload/oop-store', () => {
  test('units hold what was added since the last one, large amounts included', () => {
    const store = new OopStore();
    add(store, [5, 2 ** 32, 7]);
    const first = store.takeUnit();
    add(store, [1, 2 ** 40 + 3]);
    // past the first growth of the buffer: earlier units keep their amounts
    add(
      store,
      Array.from({ length: 200_000 }, (_, i) => 1 + i),
    );
    const second = store.takeUnit();
    assert.deepEqual(Array.from(first.small), [5, 7]);
    assert.deepEqual(Array.from(first.large), [2 ** 32]);
    assert.equal(second.small.length, 200_001);
    assert.equal(second.small[0], 1);
    assert.equal(second.small[200_000], 200_000);
    assert.deepEqual(Array.from(second.large), [2 ** 40 + 3]);
    assert.deepEqual(Array.from(store.takeUnit().small), []);
  });

  test('a large amount counts at its full value in the percentiles', () => {
    const store = new OopStore();
    add(store, [3, 2 ** 33, 9]);
    const unit = store.takeUnit();
    // 7 zeros, then 3, 9 and the large amount: ranks 8, 9 and 10
    assert.deepEqual(quantilesOfSparse([unit.small, unit.large], 7, [0.8, 0.9, 1]), [
      3,
      9,
      2 ** 33,
    ]);
  });
});
