/**
 * `yibao alerts`, `reconcile` and `ledger` read their inputs as claims are read and write
 * their results as adjudicate does: a missing file or a folder is refused in words (no
 * ENOENT), a device or an oversized table is refused, a file that is not UTF-8 is refused
 * at its line with a hint unless --encoding says what it is (GB18030 read to the same
 * numbers), --out is checked before the work (nothing written), and a write that fails is
 * exit status 1, leaving an earlier file as it was.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { HEADER, runCli, scratchDir, tempFile } from './run-cli';

/** GB18030 bytes of a few names, checked by decoding them back below. */
const GB = {
  修武县: Buffer.from([0xd0, 0xde, 0xce, 0xe4, 0xcf, 0xd8]),
  张三: Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
  居民: Buffer.from([0xbe, 0xd3, 0xc3, 0xf1]),
  低保: Buffer.from([0xb5, 0xcd, 0xb1, 0xa3]),
  政策: Buffer.from([0xd5, 0xfe, 0xb2, 0xdf]),
};

/** A file of the parts, each a text (written as UTF-8) or GB18030 bytes. */
function fileOf(name: string, parts: (string | Buffer)[]): string {
  const file = tempFile(name, '');
  fs.writeFileSync(
    file,
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))),
  );
  return file;
}

const HISTORY =
  'county,year,premium,compliant_claims,non_compliant_claims,operating_cost,employer_arrears,compliant_due_unpaid\n';
const YEARS = 'year,funding_base,claims,loss_cause\n';

interface Command {
  name: 'alerts' | 'reconcile' | 'ledger';
  /** what the input is called in messages */
  what: string;
  /** the arguments for an input file */
  args: (file: string) => string[];
  /** the same input as UTF-8 text and as GB18030 bytes (the UTF-8 version's non-ASCII text) */
  utf8: string;
  gb18030: (string | Buffer)[];
  /** a bad input, refused at line 2 */
  bad: string;
}

const COMMANDS: Command[] = [
  {
    name: 'alerts',
    what: 'claims',
    args: (file) => ['alerts', '--scheme', 'huangshan-2022', '--claims', file],
    utf8: `${HEADER},date\n张三,居民,低保,1,inpatient,2,90000,80000,0,0,2024-03-12\n`,
    gb18030: [
      `${HEADER},date\n`,
      GB.张三,
      ',',
      GB.居民,
      ',',
      GB.低保,
      ',1,inpatient,2,90000,80000,0,0,2024-03-12\n',
    ],
    bad: `${HEADER},date\nA,resident,none,1,inpatient,2,1000,1200,0,0,2024-03-12\n`,
  },
  {
    name: 'reconcile',
    what: 'history',
    args: (file) => ['reconcile', '--scheme', 'jiaozuo-2022', '--history', file],
    utf8: `${HISTORY}修武县,2021,1000,800,0,30,0,0\n`,
    gb18030: [HISTORY, GB.修武县, ',2021,1000,800,0,30,0,0\n'],
    bad: `${HISTORY}A,2021,1000,-800,0,30,0,0\n`,
  },
  {
    name: 'ledger',
    what: 'years',
    args: (file) => ['ledger', '--scheme', 'guiyang-2023', '--years', file],
    // the years hold no Chinese text a ledger accepts: the GB18030 file is ASCII here, and
    // the non-ASCII case is the refusal below, whose message shows the decoded word
    utf8: `${YEARS}1,1000000,500000.00,policy\n`,
    gb18030: [`${YEARS}1,1000000,500000.00,policy\n`],
    bad: `${YEARS}1,1000000,-5,policy\n`,
  },
];

describe('alerts, reconcile, ledger: inputs read as claims are, results written as adjudicate writes them', () => {
  for (const c of COMMANDS) {
    test(`${c.name}: a missing file or a folder is refused in words`, async () => {
      const missing = await runCli(c.args('/nonexistent/input.csv'));
      assert.equal(missing.code, 2);
      assert.match(
        missing.stderr,
        new RegExp(
          `^yibao ${c.name}: /nonexistent/input\\.csv: cannot read the ${c.what} file: no such file or directory\\n$`,
        ),
      );
      assert.doesNotMatch(missing.stderr, /ENOENT/);
      const folder = await runCli(c.args(scratchDir()));
      assert.equal(folder.code, 2);
      assert.match(
        folder.stderr,
        new RegExp(`cannot read the ${c.what} file: it is a folder, not a file\\n$`),
      );
    });

    test(`${c.name}: a device or an oversized file is refused without reading it whole`, async () => {
      const r = await runCli(c.args('/dev/zero'));
      assert.equal(r.code, 2);
      assert.match(
        r.stderr,
        c.name === 'alerts'
          ? /\/dev\/zero:1: the line is longer than 65,536 characters/
          : new RegExp(`/dev/zero: cannot read the ${c.what} file: it is larger than 1 MiB`),
      );
    });

    test(`${c.name}: a file that is not UTF-8 is refused at its line; --encoding gb18030 reads it to the same result`, async () => {
      const gb = fileOf('gb.csv', c.gb18030);
      const utf8 = await runCli(c.args(tempFile('utf8.csv', c.utf8)));
      assert.equal(utf8.code, 0, utf8.stderr);
      const read = await runCli([...c.args(gb), '--encoding', 'gb18030']);
      assert.equal(read.code, 0, read.stderr);
      assert.equal(read.stdout, utf8.stdout);
      if (c.name === 'ledger') return;
      const refused = await runCli(c.args(gb));
      assert.equal(refused.code, 2);
      assert.equal(refused.stdout, '');
      assert.match(
        refused.stderr,
        /gb\.csv:2: bytes? 0x[0-9A-F]{2}( 0x[0-9A-F]{2})* (is|are) not valid UTF-8: .*give --encoding gb18030/,
      );
    });

    test(`${c.name}: --out is checked before the work, and nothing is written`, async () => {
      // the input is bad too: the refusal names the output, so the output was checked first
      const input = tempFile('bad.csv', c.bad);
      for (const [out, message] of [
        [
          '/nonexistent/out.csv',
          /cannot write to \/nonexistent\/out\.csv: there is no folder \/nonexistent/,
        ],
        [scratchDir(), /it is a folder; give a file name/],
      ] as const) {
        const r = await runCli([...c.args(input), '--out', out]);
        assert.equal(r.code, 2);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, message);
      }
      // with a good output place, the bad input is refused and the earlier file kept
      const out = tempFile('out.csv', 'earlier\n');
      const bad = await runCli([...c.args(input), '--out', out]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /bad\.csv:2: /);
      assert.equal(fs.readFileSync(out, 'utf8'), 'earlier\n');
      assert.deepEqual(fs.readdirSync(path.dirname(out)), ['out.csv'], 'no staging file left');
    });

    test(`${c.name}: a write that fails is exit status 1, in one line`, async () => {
      const r = await runCli([...c.args(tempFile('in.csv', c.utf8)), '--out', '/dev/full']);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        `yibao ${c.name}: cannot write to /dev/full: no space left on device\n`,
      );
    });
  }

  test('the GB18030 bytes above are the names they stand for', () => {
    for (const [name, bytes] of Object.entries(GB))
      assert.equal(new TextDecoder('gb18030').decode(bytes), name);
  });

  test('ledger: a GB18030 word is refused as not UTF-8, and with --encoding shown decoded', async () => {
    const file = fileOf('gb.csv', [YEARS, '1,1000000,500000.00,', GB.政策, '\n']);
    const refused = await runCli(['ledger', '--scheme', 'guiyang-2023', '--years', file]);
    assert.equal(refused.code, 2);
    assert.match(
      refused.stderr,
      /gb\.csv:2: bytes? 0x[0-9A-F]{2}( 0x[0-9A-F]{2})* (is|are) not valid UTF-8/,
    );
    const decoded = await runCli([
      'ledger',
      '--scheme',
      'guiyang-2023',
      '--years',
      file,
      '--encoding',
      'gb18030',
    ]);
    assert.equal(decoded.code, 2);
    assert.match(decoded.stderr, /gb\.csv:2: column 'loss_cause': unknown loss cause '政策'/);
  });
});
