import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './run-cli';

const SMALL = ['--scenarios', '8', '--persons', '2000', '--years', '2', '--workers', '1'];

describe('yibao simulate, price, compare', () => {
  it('simulate --json prints the summary as one JSON document and nothing else', async () => {
    const r = await runCli(['simulate', '--scheme', 'ordos-2018', ...SMALL, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.scheme, 'ordos-2018');
    assert.equal(summary.years.length, 2);
    assert.equal(summary.rate, 60);
  });

  it('simulate --out writes the scenario and summary tables', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-sim-'));
    try {
      const r = await runCli([
        'simulate',
        '--scheme',
        'dazhou-2023',
        ...SMALL,
        '--rate',
        '0.4%',
        '--out',
        dir,
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /0\.4%/);
      const rows = fs.readFileSync(path.join(dir, 'scenarios.csv'), 'utf8').trim().split('\n');
      assert.equal(rows.length, 1 + 8 * 2);
      assert.match(rows[0], /^scenario,year,rate,premium,claims/);
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')).rate, 0.004);
      assert.deepEqual(fs.readdirSync(dir).sort(), [
        'scenarios.csv',
        'summary.csv',
        'summary.json',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('simulate --report and report write the HTML and Excel report', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-rep-'));
    try {
      const one = path.join(dir, 'one');
      const r = await runCli([
        'simulate',
        '--scheme',
        'huangshan-2022',
        ...SMALL,
        '--report',
        '--out',
        one,
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(fs.readdirSync(one).sort(), [
        'report.html',
        'report.xlsx',
        'scenarios.csv',
        'summary.csv',
        'summary.json',
      ]);
      assert.match(
        fs.readFileSync(path.join(one, 'report.html'), 'utf8'),
        /基金测算 Fund projection/,
      );
      const two = path.join(dir, 'two');
      const rep = await runCli([
        'report',
        '--schemes',
        'ordos-2018,jiaozuo-2022',
        ...SMALL,
        '--out',
        two,
      ]);
      assert.equal(rep.code, 0, rep.stderr);
      assert.match(rep.stdout, /ordos-2018[\s\S]*jiaozuo-2022/);
      assert.deepEqual(fs.readdirSync(two).sort(), ['report.html', 'report.xlsx']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('price finds a rate in the scheme unit with its error', async () => {
    const r = await runCli([
      'price',
      '--scheme',
      'guiyang-2023',
      ...SMALL,
      '--target-loss-ratio',
      '0.9',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout);
    assert.ok(p.rate > 0.05 && p.rate < 0.15, `rate ${p.rate}`);
    assert.ok(p.standardError > 0);
  });

  it('compare with a variant that changes nothing shows zero difference', async () => {
    const r = await runCli([
      'compare',
      '--scheme',
      'jiaozuo-2022',
      '--variant',
      'fund.admin_share=0.03',
      ...SMALL,
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const c = JSON.parse(r.stdout);
    for (const y of c.years) assert.equal(y.claims.difference, 0);
  });

  it('simulate --claims-out writes the scenario-years as a claims file adjudicate settles', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-claims-'));
    try {
      const claims = path.join(dir, 'claims.csv');
      const r = await runCli([
        'simulate',
        '--scheme',
        'guiyang-2023',
        ...SMALL,
        '--json',
        '--claims-out',
        claims,
        '--claims-at',
        '2:2',
      ]);
      assert.equal(r.code, 0, r.stderr);
      const persons = /wrote .*claims\.csv: ([\d,]+) persons, .* \(scenario 2 year 2\)/.exec(
        r.stderr,
      );
      assert.ok(persons, r.stderr);
      const rows = fs.readFileSync(claims, 'utf8').trim().split('\n');
      assert.match(rows[0], /^person_id,group,status,seq,category/);
      assert.ok(rows.slice(1).every((row) => row.startsWith('s2-y2-p')));
      const settled = await runCli(['adjudicate', '--scheme', 'guiyang-2023', '--claims', claims]);
      assert.equal(settled.code, 0, settled.stderr);
      assert.equal(
        settled.stdout.trim().split('\n').length,
        1 + Number(persons[1].replace(/,/g, '')),
        'every person settled',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [what, args, message] of [
    ['no scheme', ['simulate', ...SMALL], /missing --scheme/],
    ['unknown scheme', ['simulate', '--scheme', 'nowhere-2020'], /unknown scheme 'nowhere-2020'/],
    [
      'years not a number',
      ['simulate', '--scheme', 'ordos-2018', '--years', 'x'],
      /--years must be a whole number/,
    ],
    [
      'no scenarios',
      ['simulate', '--scheme', 'ordos-2018', '--scenarios', '0'],
      /--scenarios must be a whole number ≥ 1/,
    ],
    [
      'negative rate',
      ['simulate', '--scheme', 'ordos-2018', '--rate=-5'],
      /--rate must be a non-negative number/,
    ],
    [
      'bad override',
      ['simulate', '--scheme', 'ordos-2018', '--set', 'fund.nothing=1'],
      /cannot override 'fund.nothing'/,
    ],
    [
      'unknown calibration',
      ['simulate', '--scheme', 'ordos-2018', '--calibration', 'mars'],
      /unknown calibration 'mars'/,
    ],
    [
      'price without a target',
      ['price', '--scheme', 'ordos-2018'],
      /give one of --target-loss-ratio/,
    ],
    [
      'price with both targets',
      [
        'price',
        '--scheme',
        'ordos-2018',
        '--target-loss-ratio',
        '0.9',
        '--target-deficit-probability',
        '0.1',
      ],
      /give one of/,
    ],
    [
      'deficit probability of 1',
      ['price', '--scheme', 'ordos-2018', '--target-deficit-probability', '1'],
      /must be below 1/,
    ],
    ['compare without a variant', ['compare', '--scheme', 'ordos-2018'], /missing --variant/],
    [
      'claims-at without claims-out',
      ['simulate', '--scheme', 'ordos-2018', ...SMALL, '--claims-at', '1:1'],
      /give --claims-out FILE/,
    ],
    [
      'a claims-at beyond the run',
      [
        'simulate',
        '--scheme',
        'ordos-2018',
        ...SMALL,
        '--claims-out',
        '/tmp/x.csv',
        '--claims-at',
        '9:1',
      ],
      /--claims-at 9:1 is beyond the run's 8 scenarios × 2 years/,
    ],
    [
      'a malformed claims-at',
      ['simulate', '--scheme', 'ordos-2018', '--claims-out', '/tmp/x.csv', '--claims-at', '1-1'],
      /--claims-at takes scenario:year pairs from 1/,
    ],
    ['report without schemes', ['report'], /missing --schemes/],
    [
      'unknown option',
      ['simulate', '--scheme', 'ordos-2018', '--bogus'],
      /Unknown option '--bogus'/,
    ],
  ] as const) {
    it(`refuses ${what} with exit status 2 and nothing on stdout`, async () => {
      const r = await runCli([...args]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    });
  }

  it('simulate without --report does not load the report writer (built CLI, fresh process)', () => {
    const main = path.join(__dirname, '..', '..', 'dist', 'cli', 'main.js');
    const script = `require(${JSON.stringify(main)}).main(['simulate', '--scheme', 'ordos-2018', '--persons', '500', '--scenarios', '1', '--years', '1', '--json'], { stdout: () => {}, stderr: () => {}, interactive: false }).then((code) => console.log(code, Object.keys(require.cache).some((f) => f.includes('/exceljs/'))))`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(r.stdout.trim(), '0 false', r.stderr);
  });

  it('each command has help with an example', async () => {
    for (const name of ['simulate', 'price', 'compare', 'candidates', 'report']) {
      const r = await runCli([name, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /Example:\n {2}yibao /);
    }
  });
});
