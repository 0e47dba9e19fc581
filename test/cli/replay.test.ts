import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli, scratchDir } from './run-cli';

const ROOT = path.resolve(__dirname, '..', '..');
const SMALL = ['--scenarios', '6', '--persons', '1500', '--years', '2', '--workers', '1'];
const freshDir = scratchDir;

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const withoutSeconds = (text: string) =>
  JSON.stringify(JSON.parse(text), (k, v) => (k === 'seconds' ? undefined : v));
const withoutTiming = (html: string) =>
  html.replace(/<section class="timing">[\s\S]*?<\/section>/g, '');

describe('cli/replay: every result file records its run, and replay reproduces it', () => {
  test('simulate, then replay: every file the same, byte for byte, timing aside', async () => {
    const a = freshDir();
    const b = freshDir();
    const sim = await runCli([
      'simulate',
      '--scheme',
      'guiyang-2023',
      ...SMALL,
      '--set',
      'funding.share=0.09',
      '--report',
      '--out',
      a,
    ]);
    assert.equal(sim.code, 0, sim.stderr);
    const record = JSON.parse(read(a, 'run.json'));
    // what replays it: the command, the code, the inputs with their hashes, the overrides
    assert.deepEqual(record.command, [
      'simulate',
      '--scheme',
      'guiyang-2023',
      ...SMALL,
      '--set',
      'funding.share=0.09',
      '--report',
    ]);
    assert.equal(
      record.yibao.version,
      JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    );
    assert.equal(record.seed, 1);
    assert.equal(record.schemes[0].id, 'guiyang-2023');
    assert.equal(record.schemes[0].sha256, sha256(record.schemes[0].file));
    assert.equal(record.schemes[0].basic.sha256, sha256(record.schemes[0].basic.file));
    // an override as the command line gave it: its text (read in the scheme's unit) and origin
    assert.deepEqual(record.schemes[0].overrides, {
      'funding.share': { text: '0.09', origin: '--set funding.share=0.09' },
    });
    assert.equal(record.calibration.id, 'default');
    assert.equal(record.calibration.sha256, sha256(record.calibration.file));
    assert.deepEqual(JSON.parse(read(a, 'summary.json')).run, record);
    const html = read(a, 'report.html');
    assert.match(html, /运行信息 Run information/);
    assert.ok(html.includes(record.schemes[0].sha256));

    const replay = await runCli(['replay', path.join(a, 'summary.json'), '--out', b]);
    assert.equal(replay.code, 0, replay.stderr + replay.stdout);
    assert.match(replay.stdout, /replayed: 6 files the same as the original, timing aside/);
    // checked here too, without replay's own comparison
    for (const name of ['scenarios.csv', 'summary.csv']) assert.equal(read(b, name), read(a, name));
    for (const name of ['summary.json', 'run.json'])
      assert.equal(withoutSeconds(read(b, name)), withoutSeconds(read(a, name)));
    assert.equal(withoutTiming(read(b, 'report.html')), withoutTiming(html));
    assert.notEqual(
      JSON.parse(read(a, 'summary.json')).seconds,
      undefined,
      'the timing is there, set aside',
    );
  });

  test('replay of a --json summary, and a difference found', async () => {
    const dir = freshDir();
    const sim = await runCli(['simulate', '--scheme', 'ordos-2018', ...SMALL, '--json']);
    assert.equal(sim.code, 0, sim.stderr);
    const file = path.join(dir, 'ordos.json');
    fs.writeFileSync(file, sim.stdout);
    const same = await runCli(['replay', file]);
    assert.equal(same.code, 0, same.stderr + same.stdout);
    assert.match(same.stdout, /ordos\.json\s+same/);
    const changed = JSON.parse(sim.stdout);
    changed.years[0].lossRatio.p50 += 0.01;
    fs.writeFileSync(file, JSON.stringify(changed));
    const differs = await runCli(['replay', file]);
    assert.equal(differs.code, 1);
    assert.match(differs.stdout, /ordos\.json\s+differs: line \d+/);
  });

  test('replay refuses when an input file has changed since the run (--force replays anyway)', async () => {
    const dir = freshDir();
    const scheme = path.join(dir, 'mine.yaml');
    fs.copyFileSync(path.join(ROOT, 'data', 'schemes', 'ordos-2018.yaml'), scheme);
    fs.copyFileSync(
      path.join(ROOT, 'data', 'schemes', 'basic-defaults.yaml'),
      path.join(dir, 'basic-defaults.yaml'),
    );
    const out = path.join(dir, 'out');
    const sim = await runCli(['simulate', '--scheme', scheme, ...SMALL, '--out', out]);
    assert.equal(sim.code, 0, sim.stderr);
    fs.appendFileSync(scheme, '# edited\n');
    const refused = await runCli(['replay', path.join(out, 'run.json')]);
    assert.equal(refused.code, 2);
    assert.match(
      refused.stderr,
      /mine\.yaml has changed since the run \(sha256 [0-9a-f]{12}… then/,
    );
    // forced: the figures are the same (a comment changed), the record says the new hash
    const forced = await runCli(['replay', path.join(out, 'run.json'), '--force']);
    assert.equal(forced.code, 1, forced.stderr + forced.stdout);
    assert.match(forced.stderr, /note: .*mine\.yaml has changed/);
    assert.match(forced.stdout, /scenarios\.csv\s+same/);
    assert.match(forced.stdout, /run\.json\s+differs: .*"sha256"/);
  });

  test('replay refuses a file without a run record, in words', async () => {
    const dir = freshDir();
    const cases: [string, string, RegExp][] = [
      ['nothing.json', '{"scheme": "x"}', /has no run record/],
      ['broken.json', '{', /not JSON/],
      ['odd.json', '{"command": "simulate"}', /run record's 'command' is missing/],
      [
        'other.json',
        '{"command": ["adjudicate"], "cwd": "/", "yibao": {"version": "0"}, "schemes": [], "calibration": {"file": "x"}}',
        /'adjudicate' is not a command whose run can be replayed/,
      ],
    ];
    for (const [name, text, message] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      const r = await runCli(['replay', file]);
      assert.equal(r.code, 2, name);
      assert.match(r.stderr, message);
      assert.ok(r.stderr.includes(file), r.stderr);
    }
  });
});

describe('cli/simulate: a run writes its files as one set', () => {
  test('a new run replaces the whole set of an earlier one: no stale report beside a newer summary', async () => {
    const dir = freshDir();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine\n');
    const first = await runCli([
      'simulate',
      '--scheme',
      'ordos-2018',
      ...SMALL,
      '--report',
      '--out',
      dir,
    ]);
    assert.equal(first.code, 0, first.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'report.html')));
    const second = await runCli([
      'simulate',
      '--scheme',
      'ordos-2018',
      ...SMALL,
      '--seed',
      '2',
      '--out',
      dir,
    ]);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(fs.readdirSync(dir).sort(), [
      'notes.txt',
      'run.json',
      'scenarios.csv',
      'summary.csv',
      'summary.json',
    ]);
    assert.equal(JSON.parse(read(dir, 'summary.json')).run.seed, 2);
  });

  test('a set that cannot be written leaves the earlier set whole and no staging folder', async () => {
    const dir = freshDir();
    const first = await runCli(['simulate', '--scheme', 'ordos-2018', ...SMALL, '--out', dir]);
    assert.equal(first.code, 0, first.stderr);
    const before = read(dir, 'summary.json');
    fs.mkdirSync(path.join(dir, 'report.html')); // the report cannot take its place
    const second = await runCli([
      'simulate',
      '--scheme',
      'ordos-2018',
      ...SMALL,
      '--seed',
      '3',
      '--report',
      '--out',
      dir,
    ]);
    assert.equal(second.code, 1);
    assert.match(second.stderr, /cannot write to .*report\.html: it is a folder, not a file\n$/);
    assert.equal(read(dir, 'summary.json'), before);
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.startsWith('.')),
      [],
    );
  });
});
