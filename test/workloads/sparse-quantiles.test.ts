/**
 * The workloads' percentiles are exact: quantilesOfSparse must give the type-1 sample
 * quantile (the value at rank ceil(q·n)) that sorting the whole sample, zeros included,
 * gives — whatever the split into parts, with ties, tiny and huge values.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStream } from '../../src/random/stream';
import { binOf, QUANTILE_BINS, quantilesOfSparse } from '../../src/workload/quantile';

function sortedQuantile(parts: Float64Array[], zeros: number, q: number): number {
  const all = new Float64Array(zeros + parts.reduce((n, p) => n + p.length, 0));
  let i = zeros;
  for (const p of parts) {
    all.set(p, i);
    i += p.length;
  }
  all.sort();
  return all[Math.max(1, Math.ceil(q * all.length)) - 1];
}

const QS = [0, 0.001, 0.5, 0.9, 0.95, 0.99, 0.999, 1];

describe('workload/quantile: exact quantiles of a mostly-zero sample', () => {
  test('agrees with a full sort on random samples split into parts', () => {
    const s = createStream(11, 'quantile-test');
    for (let trial = 0; trial < 30; trial++) {
      const parts = Array.from({ length: 1 + (trial % 5) }, () => {
        const part = new Float64Array(Math.floor(s.next() * 3000));
        for (let i = 0; i < part.length; i++) {
          const kind = s.next();
          // whole fen from 1 to beyond 2^32 (the last bin), with many ties
          part[i] =
            kind < 0.3
              ? 1 + Math.floor(s.next() * 20)
              : kind < 0.95
                ? Math.floor(Math.exp(s.next() * 16))
                : Math.floor(2 ** 32 * (1 + s.next()));
          if (part[i] < 1) part[i] = 1;
        }
        return part;
      });
      const zeros = Math.floor(s.next() * 20000);
      const quantiles = quantilesOfSparse(parts, zeros, QS);
      QS.forEach((q, k) => {
        assert.equal(quantiles[k], sortedQuantile(parts, zeros, q), `trial ${trial}, q=${q}`);
      });
    }
  });

  test('bins are in the order of their values', () => {
    let previous = binOf(1);
    for (let v = 1; v < 2 ** 34; v = Math.ceil(v * 1.01) + 1) {
      const bin = binOf(v);
      assert.ok(bin >= previous && bin < QUANTILE_BINS, `binOf(${v}) = ${bin} after ${previous}`);
      previous = bin;
    }
  });

  test('an empty sample gives NaN; all zeros give 0', () => {
    assert.ok(Number.isNaN(quantilesOfSparse([], 0, [0.5])[0]));
    assert.deepEqual(quantilesOfSparse([new Float64Array(0)], 10, [0.5, 1]), [0, 0]);
  });
});
