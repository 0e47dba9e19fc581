import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  excelFormat,
  formatFigure,
  formatRate,
  roundTo,
  storedFigure,
  UNDEFINED_FIGURE,
} from '../../src/format/numbers';
import { columnsOf, htmlTable, textTable, transposedTable, wordsOf } from '../../src/format/table';
import { padText, textWidth } from '../../src/format/width';

describe('format/numbers: one rule per kind of figure', () => {
  test('money: yuan to the fen with separators, 万元 from yuan', () => {
    assert.equal(formatFigure(4061150.6401, 'yuan'), '4,061,150.64');
    assert.equal(formatFigure(1316.2063, 'yuan'), '1,316.21');
    assert.equal(formatFigure(4061150.6401, 'wan'), '406.12');
    assert.equal(formatFigure(-2552, 'wan'), '-0.26');
    // a tiny negative rounds to zero, never to '-0.00'
    assert.equal(formatFigure(-0.001, 'yuan'), '0.00');
  });

  test('shares and probabilities as percentages with one decimal', () => {
    assert.equal(formatFigure(0.3679, 'percent'), '36.8%');
    assert.equal(formatFigure(0, 'probability'), '0.0%');
    assert.equal(formatFigure(0.57, 'probability'), '57.0%');
    assert.equal(formatFigure(1.0519, 'percent'), '105.2%');
  });

  test("rates in the scheme's unit with fixed decimals; formatRate as a policy writes them", () => {
    assert.equal(formatFigure(0.0032, 'rate', 'payroll_rate'), '0.320%');
    assert.equal(formatFigure(0.0032417, 'rate', 'payroll_rate'), '0.324%');
    assert.equal(formatFigure(0.08, 'rate', 'pool_share'), '8.00%');
    assert.equal(formatFigure(60, 'rate', 'per_head'), '60.00 元/人');
    assert.equal(formatRate('payroll_rate', 0.0032), '0.32%');
    assert.equal(formatRate('pool_share', 0.08), '8%');
    assert.equal(formatRate('per_head', 60), '60 元/人');
  });

  test('counts, head counts, indexes, flags and text', () => {
    assert.equal(formatFigure(50000, 'count'), '50,000');
    assert.equal(formatFigure(78.45, 'headcount'), '78.5');
    assert.equal(formatFigure(2023, 'index'), '2023');
    assert.equal(formatFigure(true, 'flag'), '是 yes');
    assert.equal(formatFigure('达州', 'text'), '达州');
    assert.equal(formatFigure(27491.84, 'number'), '27,491.84');
    assert.equal(formatFigure(0.0032000000000000006, 'number'), '0.0032');
    // undescribed figures: whole as they are, else four significant digits, two decimals at least
    assert.equal(formatFigure(12345, 'decimal'), '12,345');
    assert.equal(formatFigure(4061150.6401, 'decimal'), '4,061,150.64');
    assert.equal(formatFigure(0.36791, 'decimal'), '0.3679');
    assert.equal(formatFigure(-0.004123, 'decimal'), '-0.004123');
  });

  test('a figure that is not defined reads —', () => {
    for (const kind of ['yuan', 'wan', 'percent', 'probability', 'rate', 'count'] as const) {
      assert.equal(formatFigure(null, kind), UNDEFINED_FIGURE);
      assert.equal(formatFigure(undefined, kind), UNDEFINED_FIGURE);
      assert.equal(formatFigure(Number.NaN, kind), UNDEFINED_FIGURE);
      assert.equal(storedFigure(null, kind), null);
    }
  });

  test('stored figures are numbers rounded to what they mean, without float noise', () => {
    assert.equal(storedFigure(0.0031999999999999893, 'rate', 'payroll_rate'), 0.0032);
    assert.equal(storedFigure(0.0032000000000000006, 'rate', 'pool_share'), 0.0032);
    assert.equal(storedFigure(446492.01849999995, 'yuan'), 446492.02);
    assert.equal(storedFigure(4061150.6401, 'wan'), 406.115064); // to the fen
    assert.equal(storedFigure(0.12153479283277581, 'percent'), 0.12153479);
    assert.equal(storedFigure(78.45, 'headcount'), 78.45);
    assert.equal(storedFigure(Number.POSITIVE_INFINITY, 'percent'), null);
    assert.equal(roundTo(1.005, 2), 1.01);
    assert.equal(roundTo(-1.005, 2), -1.01);
  });

  test('spreadsheet formats show a stored figure as the text rule does', () => {
    assert.equal(excelFormat('yuan'), '#,##0.00');
    assert.equal(excelFormat('percent'), '0.0%');
    assert.equal(excelFormat('rate', 'payroll_rate'), '0.000%');
    assert.equal(excelFormat('rate', 'pool_share'), '0.00%');
    assert.equal(excelFormat('rate', 'per_head'), '#,##0.00" 元/人"');
    assert.equal(excelFormat('count'), '#,##0');
  });
});

describe('format/width and format/table: Chinese text lines up', () => {
  test('East Asian wide characters take two cells', () => {
    assert.equal(textWidth('loss ratio'), 10);
    assert.equal(textWidth('赔付率'), 6);
    assert.equal(textWidth('（市级统筹）'), 12);
    assert.equal(textWidth('é'), 1);
    assert.equal(padText('赔付率', 8, 'left'), '赔付率  ');
    assert.equal(padText('12', 4, 'right'), '  12');
  });

  test('a text table pads by display width: every line as wide, figures right-aligned', () => {
    const columns = [
      { key: 'name', label: { zh: '方案', en: 'scheme' }, kind: 'text' as const },
      { key: 'lr', label: { zh: '赔付率', en: 'loss ratio' }, kind: 'percent' as const },
      { key: 'balance', label: { zh: '结余', en: 'balance' }, kind: 'wan' as const },
    ];
    const rows = [
      { name: '达州市职工大额医疗费用补助', lr: 0.399, balance: 1147029 },
      { name: 'ordos', lr: null, balance: -25520 },
    ];
    const lines = textTable(columns, rows).split('\n');
    assert.equal(lines.length, 4, 'two header lines (Chinese, English) and two rows');
    assert.deepEqual(lines[0].split(/\s+/), ['方案', '赔付率', '结余']);
    assert.match(lines[1], /balance \(万元\)$/);
    assert.match(lines[2], /^达州市职工大额医疗费用补助 +39\.9% +114\.70$/);
    assert.match(lines[3], /^ordos +— +-2\.55$/);
    // the figure columns end at the same display column on every line
    const widths = lines.map(textWidth);
    assert.equal(new Set(widths).size, 1, `line widths ${widths}`);
  });

  test('a transposed table has a line per column and a column per row', () => {
    const columns = [
      { key: 'lr', label: { zh: '赔付率', en: 'loss ratio' }, kind: 'percent' as const },
    ];
    const text = transposedTable(columns, [{ lr: 0.5 }, { lr: 0.75 }], (_, i) => `y${i}`);
    assert.match(text, /^赔付率 loss ratio +50\.0% +75\.0%$/m);
  });

  test('undescribed rows get words for headers and a kind from their values', () => {
    assert.equal(wordsOf('lossRatio.p50'), 'loss ratio p50');
    assert.equal(wordsOf('oop_mean_per_person'), 'oop mean per person');
    const cols = columnsOf([{ scheme: 'x', n: 3, ok: true }], { n: 'count' });
    assert.deepEqual(
      cols.map((c) => [c.key, c.kind]),
      [
        ['scheme', 'text'],
        ['n', 'count'],
        ['ok', 'flag'],
      ],
    );
    const html = htmlTable(cols, [{ scheme: '<x>', n: 12345, ok: false }]);
    assert.match(html, /<td style="text-align:left">&lt;x&gt;<\/td>/);
    assert.match(html, /<td style="text-align:right">12,345<\/td>/);
  });
});

test('the examples of docs/outputs.md give the results they show', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'outputs.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(doc);
  assert.ok(block, 'docs/outputs.md has a TypeScript example');
  const examples = [...block[1].matchAll(/^(.+); \/\/ '(.*)'$/gm)];
  assert.ok(examples.length >= 3);
  for (const [, expression, expected] of examples) {
    const run = new Function('formatFigure', 'formatRate', `return ${expression};`);
    assert.equal(run(formatFigure, formatRate), expected, expression);
  }
});
