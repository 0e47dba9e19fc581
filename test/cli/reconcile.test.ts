import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { runCli, tempFile } from './run-cli';

const CASES: { name: string; history: string; expected: string }[] = parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'reconcile-cases.yaml'), 'utf8'),
).cases;
const HEADER =
  'county,year,premium,compliant_claims,non_compliant_claims,operating_cost,employer_arrears,compliant_due_unpaid';
const reconcile = (file: string, ...more: string[]) =>
  runCli(['reconcile', '--scheme', 'jiaozuo-2022', '--history', file, ...more]);

describe('cli/reconcile: the hand-worked cases of test/fixtures/reconcile-cases.yaml, to the fen', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const r = await reconcile(tempFile('history.csv', c.history));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, c.expected);
    });
  }
});

describe('cli/reconcile', () => {
  test('--format json gives the same rows with amounts as numbers; --out writes the file', async () => {
    const file = tempFile('history.csv', CASES[1].history);
    const out = path.join(path.dirname(file), 'reconciled.json');
    const r = await reconcile(file, '--format', 'json', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /reconciled 1 counties as of 2022-06-30: to the city account 0.00, policy overspend 20000.00, insurer bears 22500.50/,
    );
    const rows = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.deepEqual(
      rows.map((x: { county: string }) => x.county),
      ['B', 'total'],
    );
    assert.equal(rows[0].balance, -20000);
    assert.equal(rows[0].insurer_bears, 22500.5);
    assert.equal(rows[0].years, 2);
  });

  test('the example of --help runs', async () => {
    const help = await runCli(['reconcile', '--help']);
    const example = /Example:\n\s+yibao (.*)\n/.exec(help.stdout)![1].split(' ');
    const r = await runCli(example);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^county,years,premium/);
    assert.match(r.stdout, /\ntotal,12,/);
  });
});

describe('cli/reconcile: bad input is refused with file, line and column, exit 2, nothing written', () => {
  const row = 'A,2021,1000,800,0,30,0,0';
  const cases: {
    name: string;
    csv: string;
    line: number;
    column?: string;
    message: RegExp;
    scheme?: string;
  }[] = [
    {
      name: 'a missing column',
      csv: 'county,year,premium\n',
      line: 1,
      column: 'compliant_claims',
      message: /missing column 'compliant_claims'/,
    },
    {
      name: 'an unknown column',
      csv: `${HEADER},remark\n`,
      line: 1,
      column: 'remark',
      message: /unknown column 'remark'/,
    },
    {
      name: 'a column twice',
      csv: `${HEADER},premium\n`,
      line: 1,
      column: 'premium',
      message: /appears twice/,
    },
    {
      name: 'a row of the wrong length',
      csv: `${HEADER}\nA,2021,1000\n`,
      line: 2,
      message: /expected 8 fields, found 3/,
    },
    {
      name: 'an amount that is not a number',
      csv: `${HEADER}\nA,2021,1000,8oo,0,30,0,0\n`,
      line: 2,
      column: 'compliant_claims',
      message: /'8oo' is not an amount in yuan/,
    },
    {
      name: 'a negative amount',
      csv: `${HEADER}\nA,2021,1000,800,0,-30,0,0\n`,
      line: 2,
      column: 'operating_cost',
      message: /negative/,
    },
    {
      name: 'three decimals',
      csv: `${HEADER}\nA,2021,1000.001,800,0,30,0,0\n`,
      line: 2,
      column: 'premium',
      message: /at most two decimals/,
    },
    {
      name: 'an empty amount',
      csv: `${HEADER}\nA,2021,1000,800,,30,0,0\n`,
      line: 2,
      column: 'non_compliant_claims',
      message: /is empty \(write 0 for none\)/,
    },
    {
      name: 'an empty county',
      csv: `${HEADER}\n,2021,1000,800,0,30,0,0\n`,
      line: 2,
      column: 'county',
      message: /is empty/,
    },
    {
      name: 'a county named like the total row',
      csv: `${HEADER}\nTotal,2021,1000,800,0,30,0,0\n`,
      line: 2,
      column: 'county',
      message: /name of the total row/,
    },
    {
      name: 'a year that is not a year',
      csv: `${HEADER}\nA,21,1000,800,0,30,0,0\n`,
      line: 2,
      column: 'year',
      message: /'21' is not a year/,
    },
    {
      name: 'a year after the reconciliation date',
      csv: `${HEADER}\nA,2023,1000,800,0,30,0,0\n`,
      line: 2,
      column: 'year',
      message: /2023 is after the reconciliation date 2022-06-30/,
    },
    {
      name: 'a county-year twice',
      csv: `${HEADER}\n${row}\nB,2021,1,1,0,0,0,0\n${row}\n`,
      line: 4,
      column: 'year',
      message: /county 'A' has 2021 twice \(also on line 2\)/,
    },
    {
      name: 'an unclosed quote',
      csv: `${HEADER}\n"A,2021,1000,800,0,30,0,0\n`,
      line: 2,
      message: /quoted field is not closed/,
    },
    { name: 'an empty file', csv: '', line: 1, message: /the file is empty/ },
  ];
  for (const c of cases) {
    test(`refuses ${c.name}`, async () => {
      const file = tempFile('history.csv', c.csv);
      const out = path.join(path.dirname(file), 'out.csv');
      const r = await reconcile(file, '--out', out);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.includes(`${file}:${c.line}`), `no ${file}:${c.line} in: ${r.stderr}`);
      if (c.column)
        assert.ok(r.stderr.includes(`column '${c.column}'`), `no column in: ${r.stderr}`);
      assert.match(r.stderr, c.message);
      assert.ok(!fs.existsSync(out), 'nothing written');
    });
  }

  test('refuses a scheme without a reconciliation block, and a missing file', async () => {
    const file = tempFile('history.csv', `${HEADER}\n${row}\n`);
    const other = await runCli(['reconcile', '--scheme', 'huangshan-2022', '--history', file]);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /huangshan-2022 has no reconciliation block/);
    const missing = await reconcile('/no/such/history.csv');
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /\/no\/such\/history.csv: cannot read the history file: no such file or directory/,
    );
  });
});
