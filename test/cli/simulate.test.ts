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
      // the scenario, then the ledger's columns as `yibao ledger` writes them, then cash and burden
      assert.match(
        rows[0],
        /^scenario,year,period,rate,premium,claims,loss_ratio,.*,pool_balance,next_rate,retender,scheme_cash_low,pool_cash_low,persons/,
      );
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')).rate, 0.004);
      assert.deepEqual(fs.readdirSync(dir).sort(), [
        'run.json',
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
        'run.json',
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
      assert.deepEqual(fs.readdirSync(two).sort(), ['report.html', 'report.xlsx', 'run.json']);
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
    assert.ok(p.rate > 0.02 && p.rate < 0.15, `rate ${p.rate}`);
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
    assert.equal(c.flagged, false);
  });

  it('compare flags a variant that lowers a payment rate within a cooperation period (art. 14)', async () => {
    const variant = 'layers.large_expense.components.0.bands.0.rate=0.7';
    const args = ['compare', '--scheme', 'dazhou-2023', '--variant', variant, ...SMALL];
    const json = await runCli([...args, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const c = JSON.parse(json.stdout);
    assert.equal(c.flagged, true);
    assert.deepEqual(c.benefitCuts, [
      {
        parameter: 'layers.large_expense.components.0.bands.0.rate',
        kind: 'payment rate lowered',
        baseline: 0.75,
        variant: 0.7,
      },
    ]);
    const text = await runCli(args);
    assert.match(
      text.stdout,
      /⚠ payment rate lowered: layers\.large_expense\.components\.0\.bands\.0\.rate 0\.75 → 0\.7 — not allowed within a cooperation period \(达市府规〔2023〕2号 art\. 14\)/,
    );
    assert.match(text.stdout, /当年基金收支 scheme money/);
    assert.match(text.stdout, /承办机构经营结果 insurer result/);
  });

  it('simulate prints the scheme money, the insurer result and the pool balance under their names', async () => {
    const r = await runCli(['simulate', '--scheme', 'ordos-2018', ...SMALL]);
    assert.equal(r.code, 0, r.stderr);
    for (const label of [
      '当年基金收支 中位数 scheme money median',
      '承办机构经营结果 均值 insurer result mean',
      '基金结余 中位数 pool balance median',
      '基金净支出 均值 pool net cost mean',
    ])
      assert.ok(r.stdout.includes(label), label);
    assert.doesNotMatch(r.stdout, /balance 结余/);
  });

  it('simulate --rate 0 shows the loss ratio as undefined, not 0.0%', async () => {
    const r = await runCli(['simulate', '--scheme', 'ordos-2018', ...SMALL, '--rate', '0']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /净赔付率 中位数 net loss ratio median +— +—/);
    const json = await runCli([
      'simulate',
      '--scheme',
      'ordos-2018',
      ...SMALL,
      '--rate',
      '0',
      '--json',
    ]);
    assert.equal(JSON.parse(json.stdout).years[0].lossRatio, null);
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
      /--rate must not be negative, got '-5'/,
    ],
    [
      'bad override',
      ['simulate', '--scheme', 'ordos-2018', '--set', 'fund.nothing=1'],
      /field 'fund.nothing': cannot override: no parameter 'nothing' here/,
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
      'an unknown contract change',
      ['simulate', '--scheme', 'dazhou-2023', '--contract-change', 'sometimes'],
      /--contract-change must be when_needed or never/,
    ],
    [
      'an unknown loss cause',
      ['simulate', '--scheme', 'guiyang-2023', '--loss-cause', 'weather'],
      /--loss-cause must be policy or insurer/,
    ],
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
      /unknown option '--bogus'/,
    ],
  ] as const) {
    it(`refuses ${what} with exit status 2 and nothing on stdout`, async () => {
      const r = await runCli([...args]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    });
  }

  it('simulate without --report loads neither the report writer nor DuckDB (built CLI, fresh process)', () => {
    const main = path.join(__dirname, '..', '..', 'dist', 'cli', 'main.js');
    const script = `require(${JSON.stringify(main)}).main(['simulate', '--scheme', 'ordos-2018', '--persons', '500', '--scenarios', '1', '--years', '1', '--json'], { stdout: () => {}, stderr: () => {}, interactive: false }).then((code) => console.log(code, Object.keys(require.cache).some((f) => f.includes('/exceljs/') || f.includes('/@duckdb/'))))`;
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
