import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootstrapError } from '../../src/simulate/bootstrap';

describe('bootstrapError', () => {
  it('an estimate that does not depend on the sample has no error (the doc example)', () => {
    const e = bootstrapError(1, 'example', 200, (sample) => sample.length);
    assert.deepEqual(e, { standardError: 0, low: 200, high: 200 });
  });

  it("the error of a mean is about the values' sd / √n, the same for the same seed", () => {
    // 400 values 0, 1, 2, 3 repeated: sd = √1.25, so the mean's error is √1.25 / 20 ≈ 0.0559
    const values = Array.from({ length: 400 }, (_, i) => i % 4);
    const mean = (sample: readonly number[]) =>
      sample.reduce((a, s) => a + values[s], 0) / sample.length;
    const e = bootstrapError(7, 'test/mean', values.length, mean, 400);
    assert.ok(Math.abs(e.standardError - Math.sqrt(1.25) / 20) < 0.01, `${e.standardError}`);
    assert.ok(e.low < 1.5 && 1.5 < e.high);
    assert.deepEqual(bootstrapError(7, 'test/mean', values.length, mean, 400), e);
    assert.notDeepEqual(bootstrapError(8, 'test/mean', values.length, mean, 400), e);
  });
});
