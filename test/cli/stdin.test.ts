/** `--claims -` reads the claims from standard input, with the same checks as a file. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { HEADER } from './run-cli';

const bin = path.join(__dirname, '..', '..', 'bin', 'yibao.js');

function adjudicate(input: string) {
  return spawnSync(
    process.execPath,
    [bin, 'adjudicate', '--scheme', 'dazhou-2023', '--claims', '-'],
    {
      input,
      encoding: 'utf8',
    },
  );
}

test('adjudicate --claims - settles the claims piped in, as from a file', () => {
  const r = adjudicate(`${HEADER}\nE1,employee,none,1,inpatient,3,55000,50000,0,0\n`);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.stdout,
    // basic (50,000 − 800) × 89%; large expense (5,412 − 4,000) × 75% (basic-defaults.yaml)
    'person_id,total,basic,large_expense,aid,oop\nE1,55000.00,43788.00,1059.00,0.00,10153.00\n',
  );
});

test('adjudicate --claims - refuses a bad line of standard input at its line, nothing written', () => {
  const r = adjudicate(
    `${HEADER}\nE1,employee,none,1,inpatient,3,55000,50000,0,0\nE2,employee,none,1,inpatient,3,1000,1200,0,0\n`,
  );
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    "yibao adjudicate: -:3: column 'scope': scope 1200 is more than total 1000\n",
  );
});
