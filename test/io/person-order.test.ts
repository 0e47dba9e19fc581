import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { firstReappearance, PersonOrder } from '../../src/io/person-order';
import { runCli, tempFile } from '../cli/run-cli';

const HEADER = 'person_id,group,status,seq,category,level,total,scope,excluded,cancer_drug_ooc';

async function* runsOf(ids: string[]) {
  for (const [i, id] of ids.entries()) yield { id, line: i + 2 };
}

describe('io/person-order: rows of a person together, in bounded memory', () => {
  test('a crowded filter suspects wrongly, and the second pass clears every false suspect', async () => {
    const order = new PersonOrder(0, 1 << 10); // 1,024 bits for 5,000 persons
    const ids = Array.from({ length: 5000 }, (_, i) => `P${i}`);
    for (const [i, id] of ids.entries()) order.start(id, i + 2);
    assert.ok(order.suspects.size > 1000, `${order.suspects.size} suspects`);
    assert.equal(await firstReappearance(order.suspects, runsOf(ids)), null);
  });

  test('a real reappearance is found at its line, among false suspects', async () => {
    const order = new PersonOrder(0, 1 << 10);
    const ids = [...Array.from({ length: 3000 }, (_, i) => `P${i}`), 'P17', 'Q1'];
    for (const [i, id] of ids.entries()) order.start(id, i + 2);
    assert.ok(order.suspects.has('P17'), 'a true repeat is always suspected');
    assert.deepEqual(await firstReappearance(order.suspects, runsOf(ids)), {
      id: 'P17',
      line: 3002,
      first: 19,
    });
  });

  test('adjudicate refuses a person whose rows are apart at the line where they reappear', async () => {
    const file = tempFile(
      'apart.csv',
      `${HEADER}\nA,employee,none,1,inpatient,3,1000,900,0,0\nB,employee,none,1,inpatient,3,1000,900,0,0\n\nA,employee,none,2,inpatient,3,1000,900,0,0\n`,
    );
    const r = await runCli(['adjudicate', '--scheme', 'dazhou-2023', '--claims', file]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /apart\.csv:5: column 'person_id': rows of person 'A' are not together \(the person's rows began on line 2\)/,
    );
  });
});
