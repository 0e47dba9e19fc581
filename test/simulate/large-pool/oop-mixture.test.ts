/**
 * The large-pool out-of-pocket mixture reads like brute force: with one point, or equal
 * points, it gives the exact type-1 quantiles of the pooled sample; with weights, those of
 * the sample where each point's person-years count as its weight says.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStream } from '../../../src/random/stream';
import { OopMixture, pointDistribution } from '../../../src/simulate/large-pool/oop-mixture';
import { OopDistribution } from '../../../src/simulate/oop-distribution';

const QS = [0.5, 0.9, 0.95, 0.99];

function sample(seed: number, n: number, scale: number): number[] {
  const s = createStream(seed, 'oop-mixture-test');
  return Array.from({ length: n }, () =>
    s.next() < 0.6 ? 0 : Math.floor(Math.exp(s.next() * 12) * scale),
  );
}

function distribution(values: number[]): OopDistribution {
  const d = new OopDistribution();
  for (const v of values) if (v > 0) d.add(v);
  return d;
}

describe('simulate/large-pool/oop-mixture: the grid points’ distributions mixed', () => {
  test('two points of equal weight give the pooled sample’s exact quantiles', () => {
    const a = sample(1, 5000, 1);
    const b = sample(2, 5000, 3);
    const pooled = distribution([...a, ...b]);
    const mix = new OopMixture(
      [pointDistribution(distribution(a), 5000), pointDistribution(distribution(b), 5000)],
      [5000, 5000],
    );
    assert.deepEqual(mix.quantiles(QS, 10000), pooled.quantiles(QS, 10000));
  });

  test('weights count a point’s person-years as many times over', () => {
    const a = sample(3, 4000, 1);
    const b = sample(4, 4000, 5);
    // b weighted three times: the sample a + b + b + b
    const pooled = distribution([...a, ...b, ...b, ...b]);
    const mix = new OopMixture(
      [pointDistribution(distribution(a), 4000), pointDistribution(distribution(b), 4000)],
      [4000, 12000],
    );
    assert.deepEqual(mix.quantiles(QS, 16000), pooled.quantiles(QS, 16000));
    assert.ok(Math.abs(mix.positives - pooled.positives) < 1e-6);
  });
});
