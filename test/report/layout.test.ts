import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Column, Row } from '../../src/format/table';
import { htmlTable } from '../../src/format/table';
import { PAGE_COLUMNS, pageTables } from '../../src/report/layout';

const figures = (n: number): Column[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `f${i}`,
    label: { zh: `指标${i}`, en: `figure ${i}` },
    kind: 'percent' as const,
  }));
const scheme: Column = { key: 'scheme', label: { zh: '方案', en: 'scheme' }, kind: 'text' };
const rate: Column = {
  key: 'rate',
  label: { zh: '费率', en: 'rate' },
  kind: 'rate',
  rateUnit: (row) => (row.scheme === 'ordos-2018' ? 'per_head' : 'payroll_rate'),
};
const rows = (n: number, columns: Column[]): Row[] =>
  Array.from({ length: n }, (_, r) => ({
    scheme: r === 1 ? 'ordos-2018' : `scheme-${r}`,
    rate: r === 1 ? 60 : 0.0032,
    ...Object.fromEntries(
      columns
        .filter((c) => c.kind === 'percent')
        .map((c, i) => [c.key, (r + 1) * 0.01 + i * 0.001]),
    ),
  }));

describe('tables laid out for an A4 page', () => {
  it('leaves a table that fits as it is', () => {
    const columns = [scheme, ...figures(PAGE_COLUMNS - 1)];
    const [only, ...more] = pageTables(columns, rows(20, columns));
    assert.equal(more.length, 0);
    assert.equal(only.columns, columns);
    assert.ok(!only.turned);
  });

  it('turns a wide table of few rows: a line per figure, a column per row, each cell by its own rule', () => {
    const columns = [scheme, rate, ...figures(12)];
    const data = rows(3, columns);
    const [turned, ...more] = pageTables(columns, data);
    assert.equal(more.length, 0);
    assert.ok(turned.turned);
    assert.equal(turned.columns.length, 1 + data.length);
    assert.deepEqual(
      turned.columns.slice(1).map((c) => c.label.en),
      ['scheme-0', 'ordos-2018', 'scheme-2'],
    );
    assert.equal(turned.rows.length, columns.length - 1);
    // the rate in each candidate's own unit; a share as a percentage
    assert.equal(turned.rows[0].measure, '费率 rate');
    assert.deepEqual([turned.rows[0].r0, turned.rows[0].r1], ['0.320%', '60.00 元/人']);
    assert.equal(turned.rows[1].r2, '3.0%');
    // figures right-aligned, labels left
    const html = htmlTable(turned.columns, turned.rows);
    assert.match(
      html,
      /<td style="text-align:left">费率 rate<\/td><td style="text-align:right">0\.320%<\/td>/,
    );
  });

  it('splits a wide table of many rows into groups of columns, each repeating the first', () => {
    const columns = [scheme, ...figures(15)];
    const data = rows(40, columns);
    const parts = pageTables(columns, data);
    assert.equal(parts.length, Math.ceil(15 / (PAGE_COLUMNS - 1)));
    for (const p of parts) {
      assert.ok(p.columns.length <= PAGE_COLUMNS);
      assert.equal(p.columns[0], scheme);
      assert.equal(p.rows, data);
    }
    // every column once, in order
    assert.deepEqual(
      parts.flatMap((p) => p.columns.slice(1).map((c) => c.key)),
      columns.slice(1).map((c) => c.key),
    );
  });
});
