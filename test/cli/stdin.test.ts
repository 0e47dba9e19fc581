/**
 * `--claims -` reads the claims from standard input through the same path as a file: the
 * same strict decoder (--encoding), the same line checks, the same order check — whose
 * last pass, since a pipe cannot be read twice, reads the runs kept in a private temporary
 * file — and --sort.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { HEADER } from './run-cli';

const bin = path.join(__dirname, '..', '..', 'bin', 'yibao.js');

function adjudicate(input: string | Buffer, ...extra: string[]) {
  return spawnSync(
    process.execPath,
    [bin, 'adjudicate', '--scheme', 'dazhou-2023', '--claims', '-', ...extra],
    { input, encoding: 'utf8' },
  );
}

const ROW = 'employee,none,1,inpatient,3,55000,50000,0,0';

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

test('adjudicate --claims - refuses a person whose rows are apart, at the line where they come back; --sort orders them', () => {
  const apart = `${HEADER}\nA,${ROW}\nB,${ROW}\nA,employee,none,2,inpatient,3,1000,900,0,0\n`;
  const r = adjudicate(apart);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(
    r.stderr,
    /^yibao adjudicate: -:4: column 'person_id': rows of person 'A' are not together \(the person's rows began on line 2\)/,
  );
  const sorted = adjudicate(apart, '--sort');
  assert.equal(sorted.status, 0, sorted.stderr);
  assert.deepEqual(
    sorted.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').slice(0, 2).join(',')),
    ['A,56000.00', 'B,55000.00'],
  );
});

test('adjudicate --claims - decodes standard input strictly: GB18030 refused without --encoding, read with it', () => {
  // 张三 in GB18030
  const input = Buffer.concat([
    Buffer.from(`${HEADER}\n`),
    Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
    Buffer.from(`,${ROW}\n`),
  ]);
  const refused = adjudicate(input);
  assert.equal(refused.status, 2);
  assert.equal(refused.stdout, '');
  assert.match(
    refused.stderr,
    /^yibao adjudicate: -:2: bytes? 0x[0-9A-F]{2}( 0x[0-9A-F]{2})* (is|are) not valid UTF-8/,
  );
  const read = adjudicate(input, '--encoding', 'gb18030');
  assert.equal(read.status, 0, read.stderr);
  assert.match(read.stdout, /\n张三,55000\.00,43788\.00,/);
});
