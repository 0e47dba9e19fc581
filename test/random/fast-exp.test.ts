/**
 * fastExp stands in for Math.exp in lognormal draws: it must agree with it to a few units
 * in the last place over the whole range where both are finite, and hand the edges
 * (overflow, underflow, NaN) to Math.exp.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fastExp } from '../../src/random/exp';
import { createStream } from '../../src/random/stream';

const ULP = 2 ** -52;

describe('random/exp: fastExp', () => {
  test('within 3 ulp of Math.exp from −700 to 700 and on the lognormal range', () => {
    const s = createStream(5, 'fast-exp');
    for (const [from, width] of [
      [-700, 1400],
      [5, 10],
      [-1, 2],
    ]) {
      let worst = 0;
      for (let i = 0; i < 200_000; i++) {
        const x = from + width * s.next();
        worst = Math.max(worst, Math.abs(fastExp(x) / Math.exp(x) - 1));
      }
      assert.ok(worst <= 3 * ULP, `[${from}, ${from + width}]: ${worst / ULP} ulp`);
    }
  });

  test('exact at 0, and the edges are Math.exp’s', () => {
    assert.equal(fastExp(0), 1);
    for (const x of [-745, -700, 700, 710, Number.NaN, Number.POSITIVE_INFINITY, -Infinity])
      assert.equal(fastExp(x), Math.exp(x), String(x));
  });
});
