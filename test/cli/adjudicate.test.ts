import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { HEADER, runCli, tempFile } from './run-cli';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

describe('cli/adjudicate', () => {
  test('the worked examples come out to the fen, one row per person in input order', async () => {
    const claims = path.join(EXAMPLES, 'claims-worked-examples.csv');
    const dazhou = await runCli([
      'adjudicate',
      '--scheme',
      'dazhou-2023',
      '--claims',
      tempFile('d.csv', `${HEADER}\nD1,employee,none,1,inpatient,3,55000,50000,0,0\n`),
    ]);
    assert.equal(dazhou.code, 0, dazhou.stderr);
    assert.equal(
      dazhou.stdout,
      'person_id,total,basic,large_expense,aid,oop\nD1,55000.00,43788.00,1059.00,0.00,10153.00\n',
    );
    const huangshan = await runCli([
      'adjudicate',
      '--scheme',
      'huangshan-2022',
      '--claims',
      claims,
    ]);
    assert.equal(huangshan.code, 0, huangshan.stderr);
    const lines = huangshan.stdout.trim().split('\n');
    assert.equal(lines[0], 'person_id,total,basic,critical_illness,aid,oop,alert');
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',')[0]),
      ['D1', 'G1', 'G2', 'H1', 'O1'],
    );
    assert.equal(lines[4], 'H1,90000.00,63680.00,5733.00,7410.90,13176.10,true');
  });

  test('ordos columns and the O1 example', async () => {
    const file = tempFile(
      'o.csv',
      `${HEADER}\nO1,employee,none,1,inpatient,3,90000,60000,2000,10000\n`,
    );
    const r = await runCli(['adjudicate', '--scheme', 'ordos-2018', '--claims', file]);
    assert.equal(
      r.stdout,
      'person_id,total,basic,large_medical,supplementary_line1,supplementary_line2,supplementary_line3,aid,oop\n' +
        'O1,90000.00,52688.00,0.00,0.00,1593.60,7000.00,0.00,28718.40\n',
    );
  });

  test('a person listed with no event still gets a row, and seq orders events', async () => {
    const file = tempFile(
      'c.csv',
      `${HEADER}\nA,employee,none,,,,,,,\nB,employee,none,2,inpatient,1,30000,30000,0,0\nB,employee,none,1,inpatient,3,220000,220000,0,0\n`,
    );
    const r = await runCli(['adjudicate', '--scheme', 'dazhou-2023', '--claims', file]);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.trim().split('\n');
    assert.equal(rows[1], 'A,0.00,0.00,0.00,0.00,0.00');
    // seq 1 first: the level-3 stay takes the whole 100,000 cap (0.89 × 219,200 is more), so
    // S = 0.11 × 100,000 / 0.89 and A = 219,200 − 100,000 / 0.89 + 29,700 (the level-1 stay
    // gets nothing): 0.75 × (S − 4,000) + 0.85 × A = 122,329.04. In the other order the
    // level-1 stay is paid first (0.95 × 29,700) and the layer pays 122,529.27.
    assert.equal(rows[2], 'B,250000.00,100000.00,122329.04,0.00,27670.96');
  });

  test('columns may come in any order; --format json and --out', async () => {
    const file = tempFile(
      'j.csv',
      'seq,person_id,group,status,category,level,total,scope,excluded,cancer_drug_ooc\n1,D1,employee,none,inpatient,3,55000,50000,0,0\n',
    );
    const out = tempFile('out.json', '');
    const r = await runCli([
      'adjudicate',
      '--scheme',
      'dazhou-2023',
      '--claims',
      file,
      '--format',
      'json',
      '--out',
      out,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.deepEqual(JSON.parse(fs.readFileSync(out, 'utf8')), [
      { person_id: 'D1', total: 55000, basic: 43788, large_expense: 1059, aid: 0, oop: 10153 },
    ]);
  });
});

describe('cli/adjudicate: bad input is refused with file, line and column, exit 2, nothing on stdout', () => {
  const row = 'P1,employee,none,1,inpatient,3,1000,800,100,0';
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
      csv: `person_id,group,status,seq,category,level,total,scope,excluded\n`,
      line: 1,
      column: 'cancer_drug_ooc',
      message: /missing column/,
    },
    {
      name: 'an unknown column',
      csv: `${HEADER},colour\n`,
      line: 1,
      column: 'colour',
      message: /unknown column/,
    },
    {
      name: 'a non-number',
      csv: `${HEADER}\nP1,employee,none,1,inpatient,3,1,000,800,100,0\n`,
      line: 2,
      message: /expected 10 fields, found 11/,
    },
    {
      name: 'an amount that is not a number',
      csv: `${HEADER}\nP1,employee,none,1,inpatient,3,abc,800,100,0\n`,
      line: 2,
      column: 'total',
      message: /not an amount/,
    },
    {
      name: 'a negative amount',
      csv: `${HEADER}\nP1,employee,none,1,inpatient,3,1000,-800,100,0\n`,
      line: 2,
      column: 'scope',
      message: /negative/,
    },
    {
      name: 'more than two decimals',
      csv: `${HEADER}\nP1,employee,none,1,inpatient,3,1000.005,800,100,0\n`,
      line: 2,
      column: 'total',
      message: /at most two decimals/,
    },
    {
      name: 'scope above total',
      csv: `${HEADER}\nP1,employee,none,1,inpatient,3,1000,1200,0,0\n`,
      line: 2,
      column: 'scope',
      message: /more than total/,
    },
    {
      name: 'excluded beyond the out-of-scope cost',
      csv: `${HEADER}\nP1,employee,none,1,inpatient,3,1000,800,150,100\n`,
      line: 2,
      column: 'cancer_drug_ooc',
      message: /more than total − scope/,
    },
    {
      name: 'an unknown category',
      csv: `${HEADER}\nP1,employee,none,1,surgery,3,1000,800,100,0\n`,
      line: 2,
      column: 'category',
      message: /unknown category 'surgery'/,
    },
    {
      name: 'an unknown group',
      csv: `${HEADER}\nP1,farmer,none,1,inpatient,3,1000,800,100,0\n`,
      line: 2,
      column: 'group',
      message: /unknown group 'farmer'/,
    },
    {
      name: 'an unknown status',
      csv: `${HEADER}\nP1,employee,poor,1,inpatient,3,1000,800,100,0\n`,
      line: 2,
      column: 'status',
      message: /unknown status 'poor'/,
    },
    {
      name: 'an unknown level',
      csv: `${HEADER}\nP1,employee,none,1,inpatient,4,1000,800,100,0\n`,
      line: 2,
      column: 'level',
      message: /unknown level '4'/,
    },
    {
      name: 'a seq that is not a whole number',
      csv: `${HEADER}\nP1,employee,none,first,inpatient,3,1000,800,100,0\n`,
      line: 2,
      column: 'seq',
      message: /not a whole number/,
    },
    {
      name: 'a repeated seq',
      csv: `${HEADER}\n${row}\n${row}\n`,
      line: 3,
      column: 'seq',
      message: /seq 1 twice/,
    },
    {
      name: 'rows disagreeing on group',
      csv: `${HEADER}\n${row}\nP1,retiree,none,2,inpatient,3,1000,800,100,0\n`,
      line: 3,
      column: 'group',
      message: /has group 'employee' on line 2 and 'retiree' here/,
    },
    {
      name: 'rows disagreeing on status',
      csv: `${HEADER}\n${row}\nP1,employee,dibao,2,inpatient,3,1000,800,100,0\n`,
      line: 3,
      column: 'status',
      message: /has status 'none'/,
    },
    {
      name: "a person's rows apart",
      csv: `${HEADER}\n${row}\nP2,employee,none,1,inpatient,3,1000,800,100,0\nP1,employee,none,2,inpatient,3,1000,800,100,0\n`,
      line: 4,
      column: 'person_id',
      message: /not together/,
    },
    {
      name: 'an empty person id',
      csv: `${HEADER}\n,employee,none,1,inpatient,3,1000,800,100,0\n`,
      line: 2,
      column: 'person_id',
      message: /is empty/,
    },
    {
      name: 'a group the scheme does not cover',
      csv: `${HEADER}\nP1,resident,none,1,inpatient,3,1000,800,100,0\n`,
      line: 2,
      column: 'group',
      message: /not covered by scheme dazhou-2023/,
    },
    { name: 'an empty file', csv: '', line: 1, message: /empty/ },
    {
      name: 'an amount of 309 digits (never Infinity.NaN)',
      csv: `${HEADER}\nP1,employee,none,1,inpatient,3,${'9'.repeat(309)},0,0,0\n`,
      line: 2,
      column: 'total',
      message:
        /'9{40}…' \(309 characters\) is more than the largest amount accepted, 1,000,000,000,000 yuan/,
    },
    {
      name: 'an amount a fen above 10^12 yuan',
      csv: `${HEADER}\nP1,employee,none,1,inpatient,3,1000000000000.01,1000000000000.01,0,0\n`,
      line: 2,
      column: 'total',
      message: /more than the largest amount accepted/,
    },
    {
      name: "a person's year above 10^12 yuan in all",
      csv: `${HEADER}\nP1,employee,none,1,inpatient,3,600000000000,0,0,0\nP1,employee,none,2,inpatient,3,600000000000,0,0,0\n`,
      line: 3,
      column: 'total',
      message: /person 'P1': the year's total is more than the largest amount accepted/,
    },
    {
      name: 'a seq above 2^53 − 1 (2^53 + 1 would read as 2^53)',
      csv: `${HEADER}\nP1,employee,none,9007199254740993,inpatient,3,1000,800,100,0\n`,
      line: 2,
      column: 'seq',
      message: /more than the largest seq accepted, 9007199254740991/,
    },
    {
      name: 'a line longer than 65,536 characters',
      csv: `${HEADER}\nP1,employee,none,1,inpatient,3,1000,800,100,0\n${'x'.repeat(70000)}\n`,
      line: 3,
      message: /longer than 65,536 characters/,
    },
    {
      name: 'an error after many good rows (no partial output)',
      csv: `${HEADER}\n${Array.from({ length: 5000 }, (_, i) => `Q${i},employee,none,1,inpatient,3,1000,800,100,0`).join('\n')}\nZ,employee,none,1,inpatient,3,x,800,100,0\n`,
      line: 5002,
      column: 'total',
      message: /not an amount/,
    },
  ];
  for (const c of cases) {
    test(`refuses ${c.name}`, async () => {
      const file = tempFile('claims.csv', c.csv);
      const r = await runCli([
        'adjudicate',
        '--scheme',
        c.scheme ?? 'dazhou-2023',
        '--claims',
        file,
      ]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.includes(`${file}:${c.line}`), `no ${file}:${c.line} in: ${r.stderr}`);
      if (c.column)
        assert.ok(r.stderr.includes(`column '${c.column}'`), `no column in: ${r.stderr}`);
      assert.match(r.stderr, c.message);
    });
  }

  test('the largest amount and seq are accepted, and lines may end in \\r\\n or \\r', async () => {
    const rows = [
      HEADER,
      'P1,employee,none,9007199254740991,inpatient,3,1000000000000,0,0,0',
      'P2,employee,none,1,inpatient,3,55000,50000,0,0',
    ];
    for (const end of ['\r\n', '\r']) {
      const r = await runCli([
        'adjudicate',
        '--scheme',
        'dazhou-2023',
        '--claims',
        tempFile('ends.csv', rows.join(end) + end),
      ]);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.match(lines[1], /^P1,1000000000000\.00,/);
      // basic (50,000 − 800) × 89%; large expense (5,412 − 4,000) × 75% (basic-defaults.yaml)
      assert.equal(lines[2], 'P2,55000.00,43788.00,1059.00,0.00,10153.00');
    }
  });

  test('a missing file is refused with its name', async () => {
    const r = await runCli([
      'adjudicate',
      '--scheme',
      'dazhou-2023',
      '--claims',
      '/nonexistent/claims.csv',
    ]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /\/nonexistent\/claims\.csv: cannot read the claims file: no such file or directory/,
    );
  });

  test('an unknown option and a missing option point at --help', async () => {
    const unknown = await runCli(['adjudicate', '--schem', 'x']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--schem.*yibao adjudicate --help/s);
    const missing = await runCli(['adjudicate', '--scheme', 'dazhou-2023']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing --claims/);
  });

  test('a bad --out is not left half-written on bad input', async () => {
    const out = tempFile('out.csv', 'previous content\n');
    const file = tempFile(
      'claims.csv',
      `${HEADER}\n${row}\nP2,employee,none,1,inpatient,3,x,800,100,0\n`,
    );
    const r = await runCli([
      'adjudicate',
      '--scheme',
      'dazhou-2023',
      '--claims',
      file,
      '--out',
      out,
    ]);
    assert.equal(r.code, 2);
    assert.equal(fs.readFileSync(out, 'utf8'), 'previous content\n');
  });
});
