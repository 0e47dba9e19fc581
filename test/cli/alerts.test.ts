import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { WORKED_BASIC } from '../engine/helpers';
import { HEADER, runCli, tempFile } from './run-cli';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'claims-huangshan-dated.csv');
const DATED = `${HEADER},date`;
/** The basic rules the cases below were worked by hand with (test/fixtures). */
const WORKED = ['--set', `basic=${WORKED_BASIC}`];

describe('cli/alerts', () => {
  test('lists the example’s persons quarter by quarter, with the reason and the out-of-pocket so far', async () => {
    const r = await runCli([
      'alerts',
      '--scheme',
      'huangshan-2022',
      '--claims',
      EXAMPLE,
      ...WORKED,
    ]);
    assert.equal(r.code, 0, r.stderr);
    // T1 tekun, no bill: listed for the status every quarter.
    // B1 dibao, March: the bill of H1, out-of-pocket 13,601.87 — status and out-of-pocket from Q1.
    // R1 none: 4,125 in February, 17,925 after July (test/engine/quarterly-alerts) — from Q3.
    // M1 monitored, May: 90,000 − 59,625 − 3,225 − 8,490 = 18,660 — from Q2.
    // V1 relapsed_poverty, August: 90,000 − 59,625 − 8,368.75 − 5,403.75 = 16,602.50 — from Q3.
    // I1 illness_poverty, October, level 3, total 200,000, scope 180,000: basic 107,400;
    //   critical illness 0.6 × 35,000 + 0.65 × 22,600 = 35,690; aid 0.6 × (36,910 − 7,500)
    //   = 17,646; out-of-pocket 39,264 — Q4.
    // E1 employee: 712 in January, 13,892 after November — Q4 only.
    assert.equal(
      r.stdout,
      `quarter,person_id,group,status,listed_for,oop_to_date
2024Q1,T1,resident,tekun,status,0.00
2024Q1,B1,resident,dibao,status+out_of_pocket,13601.87
2024Q2,T1,resident,tekun,status,0.00
2024Q2,B1,resident,dibao,status+out_of_pocket,13601.87
2024Q2,M1,resident,monitored,out_of_pocket,18660.00
2024Q3,T1,resident,tekun,status,0.00
2024Q3,B1,resident,dibao,status+out_of_pocket,13601.87
2024Q3,R1,resident,none,out_of_pocket,17925.00
2024Q3,M1,resident,monitored,out_of_pocket,18660.00
2024Q3,V1,resident,relapsed_poverty,out_of_pocket,16602.50
2024Q4,T1,resident,tekun,status,0.00
2024Q4,B1,resident,dibao,status+out_of_pocket,13601.87
2024Q4,R1,resident,none,out_of_pocket,17925.00
2024Q4,M1,resident,monitored,out_of_pocket,18660.00
2024Q4,V1,resident,relapsed_poverty,out_of_pocket,16602.50
2024Q4,I1,resident,illness_poverty,out_of_pocket,39264.00
2024Q4,E1,employee,none,out_of_pocket,13892.00
`,
    );
  });

  test('lists only the quarters up to the latest event; --format json and --out', async () => {
    const file = tempFile(
      'c.csv',
      `${DATED}\nA,resident,dibao,1,inpatient,2,1000,800,0,0,2024-05-31\n`,
    );
    const out = tempFile('list.json', '');
    const r = await runCli([
      'alerts',
      '--scheme',
      'huangshan-2022',
      '--claims',
      file,
      '--format',
      'json',
      '--out',
      out,
      ...WORKED,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /1 persons read; listed per quarter: 2024Q1 1, 2024Q2 1/);
    const rows = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.deepEqual(
      rows.map((x: { quarter: string }) => x.quarter),
      ['2024Q1', '2024Q2'],
    );
    // level 2, scope 800 → basic 0.75 × 300 = 225; aid 0.7 × 575 = 402.50; out-of-pocket
    // 1,000 − 225 − 402.50 = 372.50
    assert.deepEqual(rows[1], {
      quarter: '2024Q2',
      person_id: 'A',
      group: 'resident',
      status: 'dibao',
      listed_for: 'status',
      oop_to_date: 372.5,
    });
  });

  test('the example of --help runs', async () => {
    const help = await runCli(['alerts', '--help']);
    const example = /Example:\n\s+yibao (.*)\n/.exec(help.stdout)![1].split(' ');
    const r = await runCli(example);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith('quarter,person_id'));
  });
});

describe('cli/alerts: bad input is refused with its place, exit 2, nothing written', () => {
  const cases: { name: string; csv: string; scheme?: string; place: string; message: RegExp }[] = [
    {
      name: 'a file without dates',
      csv: `${HEADER}\nA,resident,none,1,inpatient,2,1000,800,0,0\n`,
      place: ":1: column 'date'",
      message: /needs each event's date/,
    },
    {
      name: 'events of two years',
      csv: `${DATED}\nA,resident,none,1,inpatient,2,1000,800,0,0,2023-12-30\nB,resident,none,1,inpatient,2,1000,800,0,0,2024-01-02\n`,
      place: ":3: column 'date'",
      message: /2024-01-02 is not in 2023, the year of line 2/,
    },
    {
      name: 'a bad date',
      csv: `${DATED}\nA,resident,none,1,inpatient,2,1000,800,0,0,2024-04-31\n`,
      place: ":2: column 'date'",
      message: /not a date written YYYY-MM-DD/,
    },
    {
      name: 'a file with no event',
      csv: `${DATED}\nA,resident,tekun,,,,,,,,\n`,
      place: "column 'date'",
      message: /no event in the file/,
    },
    {
      name: 'a scheme without a quarterly list',
      csv: `${DATED}\nA,employee,none,1,inpatient,2,1000,800,0,0,2024-01-02\n`,
      scheme: 'dazhou-2023',
      place: 'dazhou-2023.yaml',
      message: /has no quarterly alert list/,
    },
  ];
  for (const c of cases) {
    test(`refuses ${c.name}`, async () => {
      const file = tempFile('claims.csv', c.csv);
      const out = path.join(path.dirname(file), 'list.csv');
      const r = await runCli([
        'alerts',
        '--scheme',
        c.scheme ?? 'huangshan-2022',
        '--claims',
        file,
        '--out',
        out,
      ]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.includes(c.place), r.stderr);
      assert.match(r.stderr, c.message);
      assert.ok(!fs.existsSync(out), 'nothing written');
    });
  }
});
