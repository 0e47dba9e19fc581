/**
 * A year's aggregate read as a vector and back is the same aggregate: the large-pool
 * method builds every scenario's figures in that vector.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fromVector, shapeOf, toVector } from '../../../src/simulate/large-pool/aggregate-vector';
import { runVariants } from '../../../src/simulate/simulate';

describe('simulate/large-pool/aggregate-vector: an aggregate as numbers', () => {
  test('round trip, with the funding bases and months located', async () => {
    const { runs } = await runVariants(['guiyang-2023'], {
      persons: 3000,
      scenarios: 2,
      years: 1,
      workers: 1,
    });
    const a = runs[0].agg[1][0];
    const shape = shapeOf(a);
    const v = new Float64Array(shape.length);
    toVector(a, v);
    assert.deepEqual(fromVector(a, v), a);
    assert.equal(v[shape.index.persons], a.persons);
    assert.equal(v[shape.index.insured], a.insured);
    assert.deepEqual(Array.from(v.subarray(...shape.months)), a.monthlyInsured);
    assert.ok(shape.fundingBase[shape.index.fundingBase] === 1);
  });
});
