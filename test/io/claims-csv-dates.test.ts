/** The optional `date` column of the claims CSV: read, checked, refused with its place. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readClaims } from '../../src/io/claims-csv';
import { HEADER, runCli, tempFile } from '../cli/run-cli';

const DATED = `${HEADER},date`;

async function read(csv: string) {
  const persons = [];
  for await (const p of readClaims(tempFile('claims.csv', csv))) persons.push(p);
  return persons;
}

describe('io/claims-csv: the optional date column', () => {
  test('keeps each event’s date; the column may come anywhere; files without it read as before', async () => {
    const [a] = await read(
      `date,${HEADER}\n2024-02-29,A,resident,none,1,inpatient,2,1000,800,0,0\n2024-12-31,A,resident,none,2,inpatient,2,500,500,0,0\n`,
    );
    assert.deepEqual(
      a.events.map((e) => e.date),
      ['2024-02-29', '2024-12-31'],
    );
    const [b] = await read(`${HEADER}\nB,resident,none,1,inpatient,2,1000,800,0,0\n`);
    assert.equal(b.events[0].date, undefined);
  });

  test('adjudicate accepts a dated file and settles it as without dates', async () => {
    const rows = 'D1,employee,none,1,inpatient,3,55000,50000,0,0';
    const dated = await runCli([
      'adjudicate',
      '--scheme',
      'dazhou-2023',
      '--claims',
      tempFile('d.csv', `${DATED}\n${rows},2023-05-01\n`),
    ]);
    const plain = await runCli([
      'adjudicate',
      '--scheme',
      'dazhou-2023',
      '--claims',
      tempFile('p.csv', `${HEADER}\n${rows}\n`),
    ]);
    assert.equal(dated.code, 0, dated.stderr);
    assert.equal(dated.stdout, plain.stdout);
  });

  const event = 'P1,resident,none,1,inpatient,2,1000,800,0,0';
  const second = 'P1,resident,none,2,inpatient,2,1000,800,0,0';
  const cases: { name: string; csv: string; line: number; column?: string; message: RegExp }[] = [
    {
      name: 'a date not written YYYY-MM-DD',
      csv: `${DATED}\n${event},2024/03/01\n`,
      line: 2,
      message: /'2024\/03\/01' is not a date written YYYY-MM-DD/,
    },
    {
      name: 'a day the month does not have',
      csv: `${DATED}\n${event},2023-02-29\n`,
      line: 2,
      message: /'2023-02-29' is not a date/,
    },
    { name: 'month 13', csv: `${DATED}\n${event},2024-13-01\n`, line: 2, message: /not a date/ },
    {
      name: 'an event without its date',
      csv: `${DATED}\n${event},\n`,
      line: 2,
      message: /every event needs its date/,
    },
    {
      name: 'a date on a row without an event',
      csv: `${DATED}\nP1,resident,none,,,,,,,,2024-01-01\n`,
      line: 2,
      column: 'category',
      message: /seq, level, date and amounts must be empty/,
    },
    {
      name: 'dates against seq order',
      csv: `${DATED}\n${event},2024-05-01\n${second},2024-04-30\n`,
      line: 3,
      message: /date 2024-04-30 \(seq 2\) is before 2024-05-01 of seq 1 \(line 2\)/,
    },
    {
      name: "a person's dates in two years",
      csv: `${DATED}\n${event},2023-12-31\n${second},2024-01-01\n`,
      line: 3,
      message: /is not in 2023.*one year's events/,
    },
  ];
  for (const c of cases) {
    test(`adjudicate refuses ${c.name}, with line and column, exit 2, nothing on stdout`, async () => {
      const file = tempFile('claims.csv', c.csv);
      const r = await runCli(['adjudicate', '--scheme', 'huangshan-2022', '--claims', file]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.includes(`${file}:${c.line}: column '${c.column ?? 'date'}'`), r.stderr);
      assert.match(r.stderr, c.message);
    });
  }
});
