/** Notebook helpers: tables, stated figures, DataFrames through the optional danfojs (a devDependency here). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertStated, notebookTable, priceColumns, rowsOf, toDataFrame } from '../src/notebook';

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

test('a notebook table shows the shared keys by their kind and label, a hint overriding them', () => {
  const html = notebookTable(
    [{ year: 2024, premium_mean: 12_345_678, loss_ratio_p50: 0.3141, share: 0.5, other: 1.23456 }],
    { share: { kind: 'percent', label: { zh: '份额', en: 'share' } } },
  );
  assert.match(html, /年度<br>year/);
  assert.match(html, />2024</); // a year, not 2,024
  assert.match(html, /保费 均值<br>premium mean \(万元\)/);
  assert.match(html, />1,234.57</);
  assert.match(html, /净赔付率 中位数<br>net loss ratio median/);
  assert.match(html, />31.4%</);
  assert.match(html, /份额<br>share/);
  assert.match(html, />50.0%</);
  assert.match(html, /<th style="text-align:right">other<\/th>/); // undescribed: its key in words
  assert.match(html, />1.235</);
  const overridden = notebookTable([{ premium_mean: 60 }], {
    premium_mean: { kind: 'yuan', label: { zh: '人均保费', en: 'premium a head' } },
  });
  assert.match(overridden, /人均保费<br>premium a head \(元\)/);
  assert.match(overridden, />60.00</);
});

test('a price table reads its rates in the scheme unit and its target as a share', () => {
  const rows = rowsOf.prices([
    {
      target: { lossRatio: 0.9 },
      rate: 0.0012705,
      standardError: 0.0000191,
      low: 0.00124,
      high: 0.0013,
      currentRate: 0.0032,
      atCurrentRate: 0.3642,
    },
    {
      target: { deficitProbability: 0.05 },
      rate: 58.65,
      standardError: 0.71,
      low: 57.47,
      high: 59.93,
      currentRate: 60,
      atCurrentRate: 0.05,
    },
  ]);
  const payroll = notebookTable(rows.slice(0, 1), priceColumns('payroll_rate'));
  assert.match(payroll, /预期赔付率 expected loss ratio 90.0%/);
  assert.match(payroll, /费率<br>rate \(占缴费基数 of payroll\)/);
  assert.match(payroll, />0.127%</);
  assert.match(payroll, />1.5%</); // relative error
  assert.match(payroll, />0.320%</); // the current rate
  assert.match(payroll, />36.4%</);
  const perHead = notebookTable(rows.slice(1), priceColumns('per_head'));
  assert.match(perHead, /P\(deficit in some year\) ≤ 5.0%/);
  assert.match(perHead, />58.65 元\/人</);
});
