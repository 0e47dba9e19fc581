/**
 * The grid's interpolation: biquadratic weights reproduce any quadratic response exactly
 * and bilinear weights are non-negative and sum to one; a factor without spread averages
 * its three nodes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  gridOf,
  linearWeights,
  POINTS,
  pointFactors,
  quadraticWeights,
} from '../../../src/simulate/large-pool/grid';
import type { ScenarioYear } from '../../../src/simulate/scenarios';

const at = (frequency: number, cost: number): ScenarioYear => ({
  frequency,
  cost,
  wage: 1,
  members: 1,
  perCapita: 1,
});
const paths = [
  [at(1, 1), at(0.9, 1.05)],
  [at(1, 1), at(1.2, 1.2)],
  [at(1, 1), at(1.05, 0.95)],
];

describe('simulate/large-pool/grid: nodes and weights', () => {
  test('the nodes span each year’s factors; a year without spread has one value', () => {
    const [y1, y2] = gridOf(paths);
    assert.deepEqual(y1.frequency, [1, 1, 1]);
    assert.deepEqual(y2.frequency, [0.9, 1.05, 1.2]);
    assert.deepEqual(
      y2.cost.map((c) => +c.toFixed(10)),
      [0.95, 1.075, 1.2],
    );
    assert.equal(pointFactors(y2, 5).frequency, 1.05);
    assert.equal(pointFactors(y2, 5).cost, 1.2);
  });

  test('biquadratic weights are exact for a quadratic response', () => {
    const g = gridOf(paths)[1];
    const response = (f: number, c: number) =>
      3 + 2 * f - c + 0.7 * f * c + 1.3 * c * c - 0.4 * f * f;
    const values = Array.from({ length: POINTS }, (_, p) => {
      const x = pointFactors(g, p);
      return response(x.frequency, x.cost);
    });
    for (const [f, c] of [
      [0.93, 1.01],
      [1.17, 0.96],
      [1.0, 1.19],
    ]) {
      const w = quadraticWeights(g, f, c);
      const interpolated = values.reduce((t, v, p) => t + w[p] * v, 0);
      assert.ok(Math.abs(interpolated - response(f, c)) < 1e-9, `${f}, ${c}`);
    }
  });

  test('bilinear weights are non-negative, sum to one, and use at most four points', () => {
    const g = gridOf(paths)[1];
    for (const [f, c] of [
      [0.9, 0.95],
      [1.1, 1.1],
      [1.2, 1.2],
      [1.0, 1.0],
    ]) {
      const w = linearWeights(g, f, c);
      assert.ok(w.every((x) => x >= 0));
      assert.ok(Math.abs(w.reduce((t, x) => t + x, 0) - 1) < 1e-12);
      assert.ok(w.filter((x) => x > 0).length <= 4);
    }
  });

  test('an axis without spread averages its nodes', () => {
    const g = gridOf(paths)[0];
    const w = quadraticWeights(g, 1, 1);
    for (const x of w) assert.ok(Math.abs(x - 1 / 9) < 1e-12);
  });
});
