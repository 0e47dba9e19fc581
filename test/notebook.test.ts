/** Notebook helpers: DataFrames through the optional danfojs (a devDependency here). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertStated, toDataFrame } from '../src/notebook';

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

test('assertStated holds a stated figure to the computed one, to the digits written', () => {
  assertStated('rate', 0.001236, '0.12%');
  assertStated('share', 0.526, '53%');
  assertStated('refund', 11_110_000, '1,111万');
  assertStated('count', 1066, '1,066');
  assertStated('ratio', 0.594, '0.59');
  for (const [computed, stated] of [
    [0.001251, '0.12%'],
    [0.536, '53%'],
    [1067, '1,066'],
    [0.6, '0.59'],
  ] as const)
    assert.throws(
      () => assertStated('x', computed, stated),
      /x: the text says .*, the notebook computes/,
    );
  assert.throws(() => assertStated('x', 1, 'about a third'), /is not a figure/);
});
