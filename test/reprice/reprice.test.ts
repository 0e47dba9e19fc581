import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { loadCalibration } from '../../src/calibration/load';
import { CLAIMS_COLUMNS } from '../../src/io/claims-csv';
import { writeGeneratedClaims } from '../../src/io/write-claims';
import { repriceRows } from '../../src/reprice/output';
import { repriceClaims } from '../../src/reprice/reprice';
import { loadScheme } from '../../src/scheme/load';
import { runCli, tempFile } from '../cli/run-cli';

const HEADER = CLAIMS_COLUMNS.join(',');
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const cal = loadCalibration('default');
/** `yibao reprice` of Dazhou's example claims, with the rest of the arguments. */
const repriceDazhou = (...args: string[]) =>
  runCli([
    'reprice',
    '--scheme',
    'dazhou-2023',
    '--claims',
    path.join(EXAMPLES, 'claims-dazhou.csv'),
    ...args,
  ]);

function value(rows: ReturnType<typeof repriceRows>, slice: string, measure: string, i = 0) {
  const r = rows.find((x) => x.slice === slice && x.measure === measure);
  assert.ok(r, `${slice} / ${measure}`);
  return r.values[i];
}

describe('reprice: last year’s claims under a variant, exact', () => {
  test('a hand-worked employee year, with the deductible lowered and a 10% cost trend', async () => {
    // D1 trended by 10%: total 60,500, scope 55,000; basic 0.89 × 54,200 = 48,238;
    // coinsurance 0.11 × 54,200 = 5,962; large expense 0.75 × (5,962 − 4,000) = 1,471.50,
    // and 0.75 × (5,962 − 3,000) = 2,221.50 with the deductible at 3,000
    const file = tempFile('d1.csv', `${HEADER}\nD1,employee,none,1,inpatient,3,55000,50000,0,0\n`);
    const base = loadScheme('dazhou-2023');
    const variant = loadScheme('dazhou-2023', {
      overrides: { 'layers.large_expense.components.0.bands.0.from': 3000 },
    });
    const r = await repriceClaims(file, base, [{ name: 'from 3000', scheme: variant }], cal, {
      trend: { cost: 0.1, utilisation: 0, seed: 1 },
    });
    const rows = repriceRows(r);
    assert.equal(value(rows, 'billed', 'yuan'), '60500.00');
    assert.equal(value(rows, 'basic', 'yuan'), '48238.00');
    assert.equal(value(rows, 'large_expense', 'yuan'), '1471.50');
    assert.equal(value(rows, 'large_expense', 'yuan', 1), '2221.50');
    const le = rows.find((x) => x.slice === 'large_expense' && x.measure === 'yuan')!;
    assert.deepEqual(le.differences, ['750.00']);
    const oop = rows.find((x) => x.slice === 'out-of-pocket' && x.measure === 'yuan')!;
    assert.deepEqual(oop.differences, ['-750.00']);
    // one person, one claimant, and they gain
    const gainers = rows.find(
      (x) => x.slice === 'group: employee' && x.measure === 'persons paying less',
    )!;
    assert.deepEqual(gainers.values, ['0', '1']);
    // out-of-pocket 60,500 − 48,238 − 1,471.50 = 10,790.50 > 10,000; 10,040.50 after
    const alert = rows.find((x) => x.table === 'alert')!;
    assert.deepEqual(alert.values, ['1', '1']);
  });

  test('without a trend the fund totals are what adjudicate pays, layer by layer, to the fen', async () => {
    const claims = path.join(EXAMPLES, 'claims-dazhou.csv');
    const adj = await runCli(['adjudicate', '--scheme', 'dazhou-2023', '--claims', claims]);
    assert.equal(adj.code, 0, adj.stderr);
    const [head, ...lines] = adj.stdout.trim().split('\n');
    const columns = head.split(',');
    const sumOf = (column: string) =>
      lines
        .map((l) => Math.round(Number(l.split(',')[columns.indexOf(column)]) * 100))
        .reduce((a, b) => a + b, 0);
    const r = await repriceDazhou(
      '--variant',
      'layers.large_expense.cap=300000',
      '--format',
      'json',
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    for (const column of ['basic', 'large_expense', 'aid', 'oop', 'total']) {
      const slice = column === 'oop' ? 'out-of-pocket' : column === 'total' ? 'billed' : column;
      const row = out.rows.find(
        (x: { slice: string; measure: string }) => x.slice === slice && x.measure === 'yuan',
      );
      assert.equal(Math.round(Number(row.values[0]) * 100), sumOf(column), column);
      // a variant that changes nothing: exactly zero everywhere
      assert.equal(Number(row.differences[0]), 0);
    }
    assert.equal(out.scheme, 'dazhou-2023');
    assert.deepEqual(out.trend, { cost: 0, utilisation: 0, seed: 1 });
    // what the run read, with each file's hash: the claims, the schemes, the calibration
    const sha256 = (file: string) =>
      createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    assert.equal(out.claims_sha256, sha256(claims));
    assert.deepEqual(out.run.command.slice(0, 3), ['reprice', '--scheme', 'dazhou-2023']);
    assert.equal(out.run.schemes.length, 2);
    for (const s of out.run.schemes) assert.equal(s.sha256, sha256(s.file));
    assert.equal(out.run.schemes[1].overrides['layers.large_expense.cap'].text, '300000');
    assert.equal(out.run.calibration.sha256, sha256(out.run.calibration.file));
  });
});

describe('reprice: the utilisation trend', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-reprice-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('adds about u more claimants, the same whatever the order of the persons', async () => {
    const file = path.join(dir, 'claims.csv');
    writeGeneratedClaims('guiyang-2023', file, { persons: 20_000, seed: 5 });
    // the same persons, in reverse order (each person's rows kept together)
    const [head, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
    const byPerson = new Map<string, string[]>();
    for (const l of lines) {
      const id = l.slice(0, l.indexOf(','));
      byPerson.set(id, [...(byPerson.get(id) ?? []), l]);
    }
    const reversed = path.join(dir, 'reversed.csv');
    fs.writeFileSync(reversed, `${head}\n${[...byPerson.values()].reverse().flat().join('\n')}\n`);
    const scheme = loadScheme('guiyang-2023');
    const trend = { cost: 0, utilisation: 0.02, seed: 3 };
    const none = await repriceClaims(file, scheme, [], cal);
    const a = await repriceClaims(file, scheme, [], cal, { trend });
    const b = await repriceClaims(reversed, scheme, [], cal, { trend });
    assert.equal(a.claimants, b.claimants);
    assert.equal(
      a.schemes[0].paid.get('critical_illness'),
      b.schemes[0].paid.get('critical_illness'),
    );
    assert.equal(a.billed, b.billed);
    const growth = a.claimants / none.claimants - 1;
    // ~15,000 claimants: the share drawn twice is 2% ± 0.12% (one standard error)
    assert.ok(Math.abs(growth - 0.02) < 0.005, `growth ${growth}`);
    assert.equal(a.insured, none.insured);
    const other = await repriceClaims(file, scheme, [], cal, { trend: { ...trend, seed: 4 } });
    assert.notEqual(other.billed, a.billed);
  });
});

describe('cli/reprice', () => {
  test('refuses what it cannot do, with exit status 2 and nothing on stdout', async () => {
    const claims = path.join(EXAMPLES, 'claims-dazhou.csv');
    const dazhou = (...more: string[]) => ['--scheme', 'dazhou-2023', '--claims', claims, ...more];
    const variant = (...more: string[]) => dazhou('--variant', 'funding.rate=0.004', ...more);
    for (const [args, message] of [
      [dazhou(), /missing --variant/],
      [
        dazhou('--variant', 'x=1'),
        /field 'x': cannot override: no parameter 'x' here \(--variant x=1\)/,
      ],
      [variant('--cost-trend', 'six'), /--cost-trend must be a number \(0\.9 or 90%\), got 'six'/],
      [dazhou('--variant', 'nope.yaml'), /no such file/],
      [
        variant('--utilisation-trend', '150%'),
        /--utilisation-trend must be above -100% and at most 100%, got '150%'/,
      ],
      [
        // checked before the work: the missing claims file is not reached
        [
          '--scheme',
          'dazhou-2023',
          '--claims',
          '/nonexistent/c.csv',
          '--variant',
          'funding.rate=0.004',
          '--out',
          '/nonexistent/r.csv',
        ],
        /cannot write to \/nonexistent\/r\.csv: there is no folder \/nonexistent/,
      ],
      [
        variant('--report', claims),
        /cannot write to .*claims-dazhou\.csv: it is a file; --out takes a folder/,
      ],
      [
        ['--scheme', 'guiyang-2023', '--claims', claims, '--variant', 'funding.share=0.09'],
        /group 'employee' is not covered by scheme guiyang-2023/,
      ],
    ] as const) {
      const r = await runCli(['reprice', ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    }
    const help = await runCli(['reprice', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Example:\n {2}yibao reprice/);
  });

  test('--out and --report write the table and the HTML and Excel report', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-reprice-cli-'));
    const out = path.join(dir, 'reprice.csv');
    const r = await repriceDazhou(
      '--variant',
      'layers.large_expense.components.0.bands.0.rate=0.8',
      '--variant',
      'layers.large_expense.components.0.bands.0.from=3000',
      '--utilisation-trend',
      '2%',
      '--out',
      out,
      '--report',
      path.join(dir, 'report'),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    const csv = fs.readFileSync(out, 'utf8').split('\n');
    assert.equal(csv[0].split(',').length, 3 + 3 + 2);
    assert.ok(fs.existsSync(path.join(dir, 'report', 'report.html')));
    assert.ok(fs.existsSync(path.join(dir, 'report', 'report.xlsx')));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
