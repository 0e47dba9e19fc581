/**
 * The out-of-pocket percentiles are exact: OopDistribution must give the type-1 sample
 * quantile (the value at rank ⌈q·n⌉) that sorting the whole sample, zeros included, gives
 * — whatever the split into distributions merged, with ties, amounts beyond the dense
 * counters and beyond 2^32 fen.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStream } from '../../src/random/stream';
import { OopDistribution } from '../../src/simulate/oop-distribution';

const QS = [0, 0.001, 0.5, 0.9, 0.95, 0.99, 0.999, 1];

function sortedQuantile(sorted: Float64Array, q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

/** Positive whole fen: many ties, a long tail, a few above 2^32. */
function amount(s: ReturnType<typeof createStream>): number {
  const kind = s.next();
  if (kind < 0.3) return 1 + Math.floor(s.next() * 20);
  if (kind < 0.97) return Math.max(1, Math.floor(Math.exp(s.next() * 17)));
  return Math.floor(2 ** 32 * (1 + s.next()));
}

describe('simulate/oop-distribution: exact quantiles of a mostly-zero sample', () => {
  test('agrees with a full sort, split into parts merged in any order', () => {
    const s = createStream(11, 'oop-distribution-test');
    for (let trial = 0; trial < 20; trial++) {
      const parts = Array.from({ length: 1 + (trial % 4) }, () => new OopDistribution());
      const values: number[] = [];
      const n = 200 + Math.floor(s.next() * 20000);
      for (let i = 0; i < n; i++) {
        const v = amount(s);
        values.push(v);
        parts[i % parts.length].add(v);
      }
      const zeros = Math.floor(s.next() * 3 * n);
      const merged = new OopDistribution();
      for (const p of trial % 2 ? parts : [...parts].reverse()) merged.merge(p.parts());
      const all = new Float64Array(zeros + n);
      all.set(values, zeros);
      all.sort();
      assert.equal(merged.positives, n);
      assert.deepEqual(
        merged.quantiles(QS, zeros + n),
        QS.map((q) => sortedQuantile(all, q)),
        `trial ${trial}`,
      );
      const cut = all[Math.floor(all.length / 2)];
      assert.equal(
        merged.countAbove(cut),
        all.filter((v) => v > cut).length,
        'count above the median',
      );
    }
  });

  test('the dense counters grow when many amounts are large, and nothing is lost', () => {
    const d = new OopDistribution();
    const values: number[] = [];
    for (let i = 0; i < 300_000; i++) {
      const v = 1 + ((i * 7919) % 3_000_000);
      values.push(v);
      d.add(v);
    }
    values.sort((a, b) => a - b);
    assert.deepEqual(
      d.quantiles([0.1, 0.5, 0.99], values.length),
      [0.1, 0.5, 0.99].map((q) => values[Math.ceil(q * values.length) - 1]),
    );
  });

  test('q·n that is a whole number is not pushed up by float error (rank ⌈q·n⌉)', () => {
    const d = new OopDistribution();
    // 95% of 10^7 persons is exactly rank 9,500,000, a zero; the next rank is the amount 5
    d.add(5);
    for (let i = 0; i < 499_999; i++) d.add(7);
    assert.deepEqual(d.quantiles([0.95, 0.9500001], 10_000_000), [0, 5]);
  });

  test('an empty sample has no quantiles; zeros only give 0', () => {
    assert.deepEqual(new OopDistribution().quantiles([0.5], 0), [Number.NaN]);
    assert.deepEqual(new OopDistribution().quantiles([0.5, 1], 10), [0, 0]);
  });
});
