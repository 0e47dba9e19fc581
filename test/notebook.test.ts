/** Notebook helpers: DataFrames through the optional danfojs (a devDependency here). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toDataFrame } from '../src/notebook';

test('toDataFrame flattens nested values into a.b columns', () => {
  const df = toDataFrame([
    { scheme: 'x', lossRatio: { p50: 0.9, p95: 1.1 } },
    { scheme: 'y', lossRatio: { p50: 0.8, p95: 1.0 } },
  ]);
  assert.deepEqual(df.columns, ['scheme', 'lossRatio.p50', 'lossRatio.p95']);
  assert.deepEqual(df.values, [
    ['x', 0.9, 1.1],
    ['y', 0.8, 1.0],
  ]);
});
