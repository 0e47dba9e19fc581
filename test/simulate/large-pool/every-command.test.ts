/**
 * price, compare and tender run on a large-pool run as on a brute-force one, and say which
 * method ran: the price for a target loss ratio agrees with brute force's on the same
 * scenarios within their Monte Carlo errors; compare's paired difference keeps its common
 * random numbers (a benefit change moves the claims by the same amount, within the
 * interval, under both methods); tender, and the report's methods, say the method with its
 * grid and error.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../cli/run-cli';

const RUN = ['--persons', '200000', '--scenarios', '20', '--years', '1', '--seed', '5'];

// biome-ignore lint/suspicious/noExplicitAny: the parsed JSON of three different commands
async function json(args: string[]): Promise<Record<string, any>> {
  const r = await runCli([...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('simulate/large-pool: price, compare and tender by either method', () => {
  test('price: the same rate within the two runs’ errors', async () => {
    const args = ['price', '--scheme', 'dazhou-2023', '--target-loss-ratio', '60%', ...RUN];
    const mc = await json([...args, '--method', 'mc']);
    const lp = await json([...args, '--method', 'large-pool']);
    assert.equal(lp.method.method, 'large-pool');
    assert.equal(mc.method.method, 'mc');
    const allowed = 3 * Math.hypot(mc.standardError, lp.standardError) + 0.03 * mc.rate;
    assert.ok(Math.abs(lp.rate - mc.rate) <= allowed, `${lp.rate} vs ${mc.rate} (±${allowed})`);
  });

  test('compare: a lower threshold costs the same under both methods', async () => {
    const args = [
      'compare',
      '--scheme',
      'guiyang-2023',
      '--variant',
      'layers.critical_illness.components.0.bands.0.from=5000',
      ...RUN,
    ];
    const mc = await json([...args, '--method', 'mc']);
    const lp = await json([...args, '--method', 'large-pool']);
    const dm = mc.years[0].claims;
    const dl = lp.years[0].claims;
    // a paired difference: narrow intervals, both positive, and the two differences close
    assert.ok(dl.low > 0 && dm.low > 0);
    assert.ok(dl.high - dl.low < 0.2 * dl.difference, JSON.stringify(dl));
    assert.ok(
      Math.abs(dl.difference - dm.difference) < 0.1 * dm.difference,
      `${dl.difference} vs ${dm.difference}`,
    );
  });

  test('tender: the text says the method, its grid and its error', async () => {
    const r = await runCli([
      'tender',
      '--scheme',
      'guiyang-2023',
      ...RUN,
      '--method',
      'large-pool',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /method large-pool \(--method\)/);
    assert.match(
      r.stdout,
      /grid: 3 utilisation × 3 cost factors a year, each settled as 16 replicates of 65,536 persons/,
    );
    assert.match(
      r.stdout,
      /year 1: claims' approximation error — interpolation ≤ [\d.]+%, grid sampling/,
    );
  });

  test('report: its methods say which method made each candidate, with the grid and error', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-lp-report-'));
    const r = await runCli([
      'report',
      '--schemes',
      'guiyang-2023,dazhou-2023',
      ...RUN,
      '--method',
      'large-pool',
      '--out',
      out,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const text = fs.readFileSync(path.join(out, 'report.html'), 'utf8').replace(/<[^>]+>/g, '');
    const methods = text.slice(text.indexOf('方法 Methods'), text.indexOf('假设 Assumptions'));
    for (const id of ['guiyang-2023', 'dazhou-2023'])
      assert.match(
        methods,
        new RegExp(
          `${id}: method large-pool \\(--method\\); grid: 3 utilisation × 3 cost factors a year.*year 1: claims' approximation error`,
        ),
      );
    fs.rmSync(out, { recursive: true, force: true });
  });
});
