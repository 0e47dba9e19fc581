/**
 * Files and output: places that cannot take a result are refused before the work, in one
 * line with exit 2; a write that fails (a full disk) is exit 1 with one line, never a
 * success and never a stack trace; input files that are not files, or not data, are
 * refused in words; an interrupted adjudicate leaves no temporary file behind.
 *
 * Some cases run the built command (bin/yibao.js, as users run it: npm test builds first)
 * in a child process, with its standard output on /dev/full or its temporary folder fresh.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { COMMANDS } from '../../src/cli/main';
import { assertRefused, HEADER, runCli, scratchDir, tempFile } from './run-cli';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'yibao.js');
const SMALL = ['--scenarios', '4', '--persons', '1000', '--years', '1', '--workers', '1'];
const ROW = 'employee,none,1,inpatient,3,1000,800,100,0';
const CLAIMS = tempFile('claims.csv', `${HEADER}\nP1,${ROW}\n`);

/** A claims file of `rows` persons, one event each. */
function claimsOf(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) lines.push(`P${i},${ROW}`);
  return tempFile(`claims-${rows}.csv`, `${lines.join('\n')}\n`);
}

const freshDir = scratchDir;

// The commands' modules are loaded (and compiled by tsx) once before the tests, so that
// the time a refusal takes is the command's own: loading simulate's modules alone takes
// about 5 s on a loaded machine, which is not work the check should have come before.
before(() => {
  for (const command of COMMANDS) command.load();
});

/** Runs the built CLI; stdout to a file descriptor or captured; a fresh TMPDIR. */
function runBuilt(args: string[], options: { stdout?: number; tmpdir?: string } = {}) {
  const tmpdir = options.tmpdir ?? freshDir();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: tmpdir },
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr, tmpdir };
}

/** One line on stderr, no stack trace. */
function assertOneLine(stderr: string): void {
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
  assert.doesNotMatch(stderr, /\n\s+at |node:internal|Error:/);
}

/** A mounted tmpfs (read-only, or tiny), where the machine lets us mount one (root). */
function tryMount(options: string): string | null {
  const dir = freshDir();
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
  if (r.status === 0) return dir;
  fs.rmdirSync(dir);
  return null;
}

function unmount(dir: string | null): void {
  if (!dir) return;
  spawnSync('umount', [dir], { stdio: 'ignore' });
  fs.rmSync(dir, { recursive: true, force: true });
}

describe('cli: an output place that cannot take the result is refused before the work, in one line, exit 2', () => {
  const dir = freshDir();
  const file = path.join(dir, 'a-file.csv');
  fs.writeFileSync(file, 'previous\n');
  let readOnly: string | null = null;
  before(() => {
    readOnly = tryMount('ro,size=1m');
  });
  after(() => unmount(readOnly));
  // a run that would take minutes: refused at once shows the check comes first
  const LONG = ['--scenarios', '100000', '--persons', '200000'];
  const cases: { name: string; args: () => string[]; message: RegExp }[] = [
    {
      name: 'adjudicate --out in a folder that does not exist',
      args: () => [
        'adjudicate',
        '--scheme',
        'dazhou-2023',
        '--claims',
        CLAIMS,
        '--out',
        '/nonexistent/x.csv',
      ],
      message:
        /^yibao adjudicate: cannot write to \/nonexistent\/x\.csv: there is no folder \/nonexistent/,
    },
    {
      name: 'adjudicate --out a folder',
      args: () => ['adjudicate', '--scheme', 'dazhou-2023', '--claims', CLAIMS, '--out', dir],
      message: /cannot write to .*: it is a folder; give a file name/,
    },
    {
      name: 'adjudicate --out below a file',
      args: () => [
        'adjudicate',
        '--scheme',
        'dazhou-2023',
        '--claims',
        CLAIMS,
        '--out',
        `${file}/x.csv`,
      ],
      message: /a-file\.csv is a file, not a folder/,
    },
    {
      name: 'adjudicate --out where writing is not permitted (/sys)',
      args: () => [
        'adjudicate',
        '--scheme',
        'dazhou-2023',
        '--claims',
        CLAIMS,
        '--out',
        '/sys/yibao.csv',
      ],
      message: /cannot write to \/sys\/yibao\.csv: (permission denied|read-only file system)/,
    },
    {
      name: 'calibrate --out a folder',
      args: () => ['calibrate', '--claims', CLAIMS, '--out', dir],
      message: /^yibao calibrate: cannot write to .*: it is a folder/,
    },
    {
      name: 'simulate --out an existing file',
      args: () => ['simulate', '--scheme', 'dazhou-2023', ...LONG, '--out', file],
      message: /^yibao simulate: cannot write to .*a-file\.csv: it is a file; --out takes a folder/,
    },
    {
      name: 'simulate --out in /proc (where recursive mkdir loops for ever)',
      args: () => ['simulate', '--scheme', 'dazhou-2023', ...LONG, '--out', '/proc/sim'],
      message: /^yibao simulate: cannot write to \/proc\/sim: no such file or directory/,
    },
    {
      name: 'simulate --out below a file',
      args: () => ['simulate', '--scheme', 'dazhou-2023', ...LONG, '--out', `${file}/run`],
      message: /a-file\.csv is a file, not a folder/,
    },
    {
      name: 'report --out an existing file',
      args: () => ['report', '--schemes', 'ordos-2018', ...LONG, '--out', file],
      message: /^yibao report: cannot write to .*: it is a file/,
    },
  ];
  for (const c of cases) {
    test(`refuses ${c.name}`, async () => {
      // LONG would run for hours: a refusal within a minute came before the work, even on a
      // machine as loaded as a shared CI host (5 s proved too tight there)
      await assertRefused(c.args(), c.message, 60_000);
      assert.equal(fs.readFileSync(file, 'utf8'), 'previous\n');
    });
  }
  test('refuses simulate --out on a read-only file system (where one can be mounted)', async (t) => {
    if (!readOnly) return t.skip('mount is not permitted here (not root)');
    const r = await runCli([
      'simulate',
      '--scheme',
      'dazhou-2023',
      ...LONG,
      '--out',
      path.join(readOnly, 'x'),
    ]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^yibao simulate: cannot write to .*\/x: read-only file system\n$/);
  });
  test('a folder that simulate may create is created only when the results are written', async () => {
    const out = path.join(dir, 'new', 'deeper');
    const bad = await runCli(['simulate', '--scheme', 'no-such-scheme', '--out', out]);
    assert.equal(bad.code, 2);
    assert.equal(fs.existsSync(path.join(dir, 'new')), false, 'the check left no folder');
    const r = await runCli(['simulate', '--scheme', 'ordos-2018', ...SMALL, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(out, 'summary.json')));
  });
});

describe('cli: input files that are not files, or not data, are refused in words, exit 2', () => {
  const folder = freshDir();
  const cases: { name: string; args: string[]; message: RegExp }[] = [
    {
      name: 'adjudicate --claims a folder',
      args: ['adjudicate', '--scheme', 'dazhou-2023', '--claims', folder],
      message: /: cannot read the claims file: it is a folder, not a file$/,
    },
    {
      name: 'adjudicate --claims /dev/zero (no line breaks: refused at the first line)',
      args: ['adjudicate', '--scheme', 'dazhou-2023', '--claims', '/dev/zero'],
      message: /^yibao adjudicate: \/dev\/zero:1: the line is longer than 65,536 characters/,
    },
    {
      name: 'simulate --scheme /dev/zero (read up to 16 MiB, not 8 GB)',
      args: ['simulate', '--scheme', '/dev/zero'],
      message:
        /^yibao simulate: \/dev\/zero: cannot read the scheme file: it is larger than 16 MiB/,
    },
    {
      name: 'simulate --calibration /dev/zero',
      args: ['simulate', '--scheme', 'ordos-2018', '--calibration', '/dev/zero'],
      message: /\/dev\/zero: cannot read the calibration file: it is larger than 16 MiB/,
    },
    {
      name: 'simulate --scheme a folder',
      args: ['simulate', '--scheme', `${folder}/`],
      message: /: cannot read the scheme file: it is a folder, not a file$/,
    },
  ];
  for (const c of cases) {
    test(`refuses ${c.name}`, () => assertRefused(c.args, c.message, 5000));
  }
});

describe('cli: a write that fails is exit 1 and one line, never success, and leaves no temporary file', () => {
  const built = fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'));
  const large = claimsOf(40000); // about 1.5 MB of output: more than one 1 MiB chunk
  for (const [name, claims] of [
    ['a small output', CLAIMS],
    ['an output above 1 MiB', large],
  ] as const) {
    test(`adjudicate > /dev/full, ${name}`, { skip: !built && 'build first' }, () => {
      const full = fs.openSync('/dev/full', 'w');
      try {
        const r = runBuilt(['adjudicate', '--scheme', 'dazhou-2023', '--claims', claims], {
          stdout: full,
        });
        assert.equal(r.code, 1, r.stderr);
        assert.equal(
          r.stderr,
          'yibao adjudicate: cannot write to standard output: no space left on device\n',
        );
        assert.deepEqual(fs.readdirSync(r.tmpdir), [], 'no temporary folder left');
      } finally {
        fs.closeSync(full);
      }
    });
  }
  test('adjudicate --out /dev/full', async () => {
    const r = await runCli([
      'adjudicate',
      '--scheme',
      'dazhou-2023',
      '--claims',
      large,
      '--out',
      '/dev/full',
    ]);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'yibao adjudicate: cannot write to /dev/full: no space left on device\n',
    );
  });
  test('simulate --json > /dev/full', { skip: !built && 'build first' }, () => {
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = runBuilt(['simulate', '--scheme', 'ordos-2018', ...SMALL, '--json'], {
        stdout: full,
      });
      assert.equal(r.code, 1, r.stderr);
      assert.equal(
        r.stderr,
        'yibao simulate: cannot write to standard output: no space left on device\n',
      );
    } finally {
      fs.closeSync(full);
    }
  });
  test('on a full disk, adjudicate --out and simulate --out leave what was there (where a tmpfs can be mounted)', async (t) => {
    const tiny = tryMount('size=64k');
    if (!tiny) return t.skip('mount is not permitted here (not root)');
    try {
      const out = path.join(tiny, 'out.csv');
      fs.writeFileSync(out, 'previous\n');
      const r = await runCli([
        'adjudicate',
        '--scheme',
        'dazhou-2023',
        '--claims',
        large,
        '--out',
        out,
      ]);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        /^yibao adjudicate: cannot write to .*out\.csv: no space left on device\n$/,
      );
      assert.equal(fs.readFileSync(out, 'utf8'), 'previous\n');
      assert.deepEqual(fs.readdirSync(tiny), ['out.csv']);
      const sim = await runCli([
        'simulate',
        '--scheme',
        'ordos-2018',
        ...SMALL,
        '--report',
        '--out',
        path.join(tiny, 'run'),
      ]);
      assert.equal(sim.code, 1);
      assert.match(sim.stderr, /no space left on device\n$/);
      assertOneLine(sim.stderr);
      assert.deepEqual(fs.readdirSync(path.join(tiny, 'run')), [], 'all or none');
    } finally {
      unmount(tiny);
    }
  });
  test('adjudicate with its temporary folder on a full disk (where a tmpfs can be mounted)', {
    skip: !built && 'build first',
  }, (t) => {
    const tiny = tryMount('size=64k');
    if (!tiny) return t.skip('mount is not permitted here (not root)');
    try {
      const r = runBuilt(['adjudicate', '--scheme', 'dazhou-2023', '--claims', large], {
        tmpdir: tiny,
      });
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.match(
        r.stderr,
        /^yibao adjudicate: cannot write to the temporary file .*: no space left on device\n$/,
      );
      assert.deepEqual(fs.readdirSync(tiny), []);
    } finally {
      unmount(tiny);
    }
  });
});

describe('adjudicate: interrupted, it leaves no temporary file; its temporary files are private', () => {
  const built = fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'));
  const claims = claimsOf(400000);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`${signal} while it runs removes $TMPDIR/yibao-adjudicate-*`, {
      skip: !built && 'build first',
    }, async () => {
      const tmpdir = freshDir();
      const child: ChildProcess = spawn(
        process.execPath,
        [BIN, 'adjudicate', '--scheme', 'dazhou-2023', '--claims', claims],
        {
          env: { ...process.env, TMPDIR: tmpdir },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.on('exit', (code, sig) => resolve({ code, signal: sig })),
      );
      // wait until the per-person output is being written
      let file = '';
      for (let i = 0; i < 400 && !file; i++) {
        await new Promise((r) => setTimeout(r, 25));
        const dir = fs.readdirSync(tmpdir).find((d) => d.startsWith('yibao-adjudicate-'));
        const out = dir && path.join(tmpdir, dir, 'out.csv');
        if (out && fs.existsSync(out) && fs.statSync(out).size > 0) file = out;
      }
      assert.ok(file, 'adjudicate started writing its temporary output');
      assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      child.kill(signal);
      const end = await exited;
      assert.equal(end.signal, signal, `ended by the signal (code ${end.code})`);
      assert.deepEqual(fs.readdirSync(tmpdir), []);
    });
  }
});
