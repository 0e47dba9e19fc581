import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sortedByPerson } from '../../src/io/sort-claims';
import { runCli, tempFile } from '../cli/run-cli';

const HEADER = 'person_id,group,status,seq,category,level,total,scope,excluded,cancer_drug_ooc';

describe('io/sort-claims: --sort orders the rows by person, in bounded memory', () => {
  test('runs written to disk and merged give every person’s rows together, in file order', async () => {
    const lines = [HEADER];
    // 60 rows of 13 persons, interleaved; runs of 7 rows force the merge
    for (let i = 0; i < 60; i++)
      lines.push(`P${(i * 7) % 13},employee,none,${i},inpatient,3,100,90,0,0`);
    const out: { line: number; text: string }[] = [];
    for await (const row of sortedByPerson(lines, () => 0, 7)) out.push(row);
    assert.equal(out.length, 61);
    assert.equal(out[0].text, HEADER);
    const ids = out.slice(1).map((r) => r.text.split(',')[0]);
    assert.deepEqual(ids, [...ids].sort());
    for (let i = 2; i < out.length; i++)
      if (ids[i - 1] === ids[i - 2])
        assert.ok(out[i].line > out[i - 1].line, 'file order within a person');
    assert.deepEqual(
      out.map((r) => r.line).sort((a, b) => a - b),
      Array.from({ length: 61 }, (_, i) => i + 1),
    );
  });

  test('adjudicate --sort settles persons whose rows are apart; errors keep the file’s line', async () => {
    const apart = tempFile(
      'apart.csv',
      `${HEADER}\nB,employee,none,1,inpatient,3,1000,900,0,0\nA,employee,none,1,inpatient,3,55000,50000,0,0\nB,employee,none,2,inpatient,3,3000,3000,0,0\n`,
    );
    const together = tempFile(
      'together.csv',
      `${HEADER}\nA,employee,none,1,inpatient,3,55000,50000,0,0\nB,employee,none,1,inpatient,3,1000,900,0,0\nB,employee,none,2,inpatient,3,3000,3000,0,0\n`,
    );
    const refused = await runCli(['adjudicate', '--scheme', 'dazhou-2023', '--claims', apart]);
    assert.equal(refused.code, 2);
    const sorted = await runCli([
      'adjudicate',
      '--scheme',
      'dazhou-2023',
      '--claims',
      apart,
      '--sort',
    ]);
    assert.equal(sorted.code, 0, sorted.stderr);
    const direct = await runCli(['adjudicate', '--scheme', 'dazhou-2023', '--claims', together]);
    assert.equal(sorted.stdout, direct.stdout);
    const bad = tempFile(
      'bad.csv',
      `${HEADER}\nB,employee,none,1,inpatient,3,1000,900,0,0\nA,employee,none,1,inpatient,3,55000,50000,0,0\nB,employee,none,2,inpatient,3,3000,4000,0,0\n`,
    );
    const r = await runCli(['adjudicate', '--scheme', 'dazhou-2023', '--claims', bad, '--sort']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /bad\.csv:4: column 'scope': scope 4000 is more than total 3000/);
  });
});
