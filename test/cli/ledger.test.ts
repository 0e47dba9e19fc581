/**
 * `yibao ledger`: the hand-worked ledgers (test/fund/cases, the worked Ordos and Dazhou
 * ledgers among them) reproduced through the command to the fen, in CSV and JSON; the input
 * columns in any order; and a table of bad inputs, each refused with file, line and column,
 * exit status 2 and nothing written.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runLedger } from '../../src/fund/ledger';
import { LEDGER_COLUMNS } from '../../src/fund/ledger-columns';
import { fundRulesOf } from '../../src/fund/rules';
import { loadScheme } from '../../src/scheme/load';
import { ledgerCases, sameCell, yearsCsv } from '../fund/cases';
import { runCli, tempFile } from './run-cli';

const setArgs = (set: Record<string, unknown>) =>
  Object.entries(set).flatMap(([k, v]) => ['--set', `${k}=${v}`]);

describe('yibao ledger: the hand-worked ledgers, to the fen', () => {
  for (const c of ledgerCases()) {
    it(`${c.name}: CSV and JSON`, async () => {
      const years = tempFile('years.csv', yearsCsv(c));
      const args = ['ledger', '--scheme', c.scheme, '--years', years, '--rate', String(c.rate)];
      const csv = await runCli([...args, ...setArgs(c.set)]);
      assert.equal(csv.code, 0, csv.stderr);
      const [head, ...rows] = csv.stdout.trimEnd().split('\n');
      assert.equal(head, LEDGER_COLUMNS.map((k) => k.column).join(','));
      assert.equal(rows.length, c.expected.length);
      for (const [i, line] of rows.entries()) {
        const cells = line.split(',');
        for (const [j, column] of LEDGER_COLUMNS.entries())
          assert.ok(
            sameCell(cells[j], c.expected[i][column.column]),
            `year ${i + 1}, ${column.column}: ${cells[j]} ≠ ${c.expected[i][column.column]}`,
          );
      }
      const json = await runCli([...args, ...setArgs(c.set), '--format', 'json']);
      assert.equal(json.code, 0, json.stderr);
      const parsed = JSON.parse(json.stdout) as Record<string, unknown>[];
      for (const [i, row] of parsed.entries()) {
        assert.deepEqual(
          Object.keys(row),
          LEDGER_COLUMNS.map((k) => k.column),
        );
        for (const column of LEDGER_COLUMNS) {
          const v = row[column.column];
          assert.ok(
            sameCell(v === null ? null : String(v), c.expected[i][column.column]),
            `JSON year ${i + 1}, ${column.column}: ${v}`,
          );
        }
      }
    });
  }

  it('reads the columns in any order and uses the scheme rate by default; --out writes the file', async () => {
    const years = tempFile(
      'years.csv',
      'claims,assessment_score,year,funding_base\n500000.00,1,1,10000\n720000.00,0.5,2,10000\n',
    );
    const out = path.join(path.dirname(years), 'ledger.csv');
    const r = await runCli(['ledger', '--scheme', 'ordos-2018', '--years', years, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(
      lines[2],
      '2,1,60.00000000,600000.00,720000.00,1.200000,18000.00,52000.00,-68000.00,0.00,0.00,0.00,0.00,68000.00,34000.00,60000.00,-112000.00,574000.00,26000.00,60.00000000,false',
    );
  });

  it('takes --rate as a percentage too, and overrides with --set', async () => {
    const years = tempFile('years.csv', 'year,funding_base,claims\n1,1000000000,2000000.00\n');
    const r = await runCli([
      'ledger',
      '--scheme',
      'dazhou-2023',
      '--years',
      years,
      '--rate',
      '0.32%',
      '--set',
      'fund.bid_net_loss_ratio=0.85',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const [y] = JSON.parse(r.stdout);
    assert.equal(y.rate, 0.0032);
    assert.equal(y.refund, 720000); // round(0.85 × 3,200,000) − 2,000,000
  });
});

describe('yibao ledger: bad input is refused with file, line and column, nothing written', () => {
  const H = 'year,funding_base,claims';
  const cases: [string, string, string[], RegExp][] = [
    ['a missing column', 'year,claims\n1,10\n', [], /:1: column 'funding_base': missing column/],
    ['an unknown column', `${H},bonus\n1,10,10,1\n`, [], /:1: column 'bonus': unknown column/],
    [
      'a column twice',
      `${H},claims\n1,10,10,10\n`,
      [],
      /:1: column 'claims': column 'claims' appears twice/,
    ],
    ['a year out of order', `${H}\n1,10,10\n3,10,10\n`, [], /:3: column 'year': expected year 2/],
    ['a first year not 1', `${H}\n0,10,10\n`, [], /:2: column 'year': expected year 1/],
    ['a word for an amount', `${H}\n1,10,ten\n`, [], /:2: column 'claims': 'ten' is not an amount/],
    ['three decimals', `${H}\n1,10,10.001\n`, [], /:2: column 'claims': '10.001' is not an amount/],
    ['a negative amount', `${H}\n1,-10,10\n`, [], /:2: column 'funding_base': '-10' is negative/],
    ['an empty amount', `${H}\n1,10,\n`, [], /:2: column 'claims': is empty/],
    [
      'an amount beyond 10^12 yuan',
      `${H}\n1,10,1000000000000.01\n`,
      [],
      /:2: column 'claims': .* is more than the largest amount accepted, 1,000,000,000,000 yuan/,
    ],
    ['a wrong field count', `${H}\n1,10\n`, [], /:2: expected 3 fields, found 2/],
    ['an unclosed quote', `${H}\n1,"10,10\n`, [], /:2: a quoted field is not closed/],
    ['an empty file', '', [], /:1: the file is empty/],
    ['a header alone', `${H}\n`, [], /:1: no years after the header/],
    [
      'a score above 1',
      `${H},assessment_score\n1,10,10,1.5\n`,
      ['--scheme', 'ordos-2018'],
      /:2: column 'assessment_score': '1.5' is not a score/,
    ],
    [
      'a score for a scheme without holdback',
      `${H},assessment_score\n1,10,10,1\n`,
      [],
      /:2: column 'assessment_score': the scheme has no holdback/,
    ],
    [
      'contract_change not a boolean',
      `${H},contract_change\n1,10,10,yes\n`,
      [],
      /:2: column 'contract_change': 'yes' is not true or false/,
    ],
    [
      'contract_change without a rate rule',
      `${H},contract_change\n1,10,10,true\n`,
      ['--scheme', 'ordos-2018'],
      /:2: column 'contract_change': the scheme has no rate adjustment/,
    ],
    [
      'an unknown loss cause',
      `${H},loss_cause\n1,10,10,weather\n`,
      ['--scheme', 'guiyang-2023'],
      /:2: column 'loss_cause': unknown loss cause 'weather'/,
    ],
    [
      'a loss cause without loss sharing',
      `${H},loss_cause\n1,10,10,policy\n`,
      [],
      /:2: column 'loss_cause': the scheme has no loss sharing/,
    ],
  ];
  for (const [what, text, extra, message] of cases)
    it(what, async () => {
      const years = tempFile('years.csv', text);
      const out = path.join(path.dirname(years), 'out.csv');
      const scheme = extra.length ? extra : ['--scheme', 'dazhou-2023'];
      const r = await runCli(['ledger', ...scheme, '--years', years, '--out', out]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(
        r.stderr,
        new RegExp(`^yibao ledger: ${years.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
      assert.match(r.stderr, message);
      assert.ok(!fs.existsSync(out), 'nothing written');
      assert.ok(!r.stderr.includes('    at '), 'no stack trace');
    });

  const good = () => tempFile('years.csv', `${H}\n1,10,10\n`);
  const usage: [string, () => string[], RegExp][] = [
    [
      'a missing years file',
      () => ['--years', '/nonexistent/years.csv'],
      /cannot read the years file: no such file or directory/,
    ],
    [
      'a folder for the years file',
      () => ['--years', path.dirname(good())],
      /cannot read the years file: it is a folder, not a file/,
    ],
    [
      'a rate with 9 decimals',
      () => ['--years', good(), '--rate', '0.003215555'],
      /--rate must be a number ≥ 0 with at most 8 decimals/,
    ],
    ['a rate that is a word', () => ['--years', good(), '--rate', 'low'], /--rate must be/],
    [
      'an unknown format',
      () => ['--years', good(), '--format', 'xml'],
      /--format must be csv or json/,
    ],
    ['no --years', () => [], /missing --years/],
    [
      'an unknown override',
      () => ['--years', good(), '--set', 'fund.nothing=1'],
      /field 'fund\.nothing': cannot override: no parameter 'nothing' here \(--set fund\.nothing=1\)/,
    ],
  ];
  for (const [what, args, message] of usage)
    it(what, async () => {
      const r = await runCli(['ledger', '--scheme', 'dazhou-2023', ...args()]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    });
});

describe('yibao ledger: the examples of the README and docs/fund-rules.md', () => {
  for (const doc of ['README.md', 'docs/fund-rules.md'])
    it(`${doc}: the command prints what the page shows`, async () => {
      const text = fs.readFileSync(path.join(__dirname, '..', '..', doc), 'utf8');
      const block = /```sh\nnpx yibao (ledger [^\n]*)\n```\n\n```\n([\s\S]*?)```/.exec(text);
      assert.ok(block, `${doc} has a ledger example and its output`);
      const r = await runCli(block[1].split(' '));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, block[2]);
    });

  it('docs/fund-rules.md: the code example gives the figure it states', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'fund-rules.md'), 'utf8');
    const block = /```ts\n(import [^\n]*\n)([\s\S]*?)```/.exec(text);
    assert.ok(block, 'a TypeScript example');
    const body = block[2];
    const stated = /\/\/ ([\d_]+) fen/.exec(body);
    assert.ok(stated, 'the example states its result');
    const last = body.trim().split('\n').pop()!.replace(/;.*$/, '');
    const run = new Function('fundRulesOf', 'loadScheme', 'runLedger', `${body}\nreturn ${last};`);
    assert.equal(run(fundRulesOf, loadScheme, runLedger), Number(stated[1].replace(/_/g, '')));
  });
});
