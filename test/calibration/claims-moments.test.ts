/**
 * The statistics calibrate fits from are computed in DuckDB SQL (calibration/claims-moments.ts);
 * they must give what the JavaScript pass they replaced gave, recorded in
 * test/fixtures/sql-golden/ (README there) before it was removed.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { readClaimsMoments, TAIL_SAMPLE } from '../../src/calibration/claims-moments';
import { calibrateFromClaims } from '../../src/calibration/fit';
import { runCli, scratchDir } from '../cli/run-cli';

const GOLDEN = path.join(__dirname, '..', 'fixtures', 'sql-golden');
const CSV = path.join(GOLDEN, 'claims-2000.csv');
const golden = (name: string) => fs.readFileSync(path.join(GOLDEN, name), 'utf8');

/** Every number of `actual` within `relative` of the golden's; everything else equal. */
function assertClose(actual: unknown, expected: unknown, relative: number, at = ''): void {
  if (typeof expected === 'number') {
    assert.equal(typeof actual, 'number', at);
    const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
    assert.ok(
      Math.abs((actual as number) - expected) / scale <= relative,
      `${at}: ${actual} vs ${expected}`,
    );
  } else if (expected !== null && typeof expected === 'object') {
    assert.deepEqual(Object.keys(actual as object).sort(), Object.keys(expected).sort(), at);
    for (const [k, v] of Object.entries(expected))
      assertClose((actual as Record<string, unknown>)[k], v, relative, `${at}.${k}`);
  } else assert.equal(actual, expected, at);
}

describe('calibration/claims-moments: the SQL statistics give what the JavaScript pass gave', () => {
  test('the same calibration file and summary, to the character', async () => {
    const dir = scratchDir();
    const out = path.join(dir, 'calibrate-2000.yaml');
    const r = await runCli(['calibrate', '--claims', CSV, '--below-min', 'base', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(out, 'utf8'), golden('calibrate-2000.yaml'));
    assert.equal(r.stderr.replace(out, 'calibrate-2000.yaml'), golden('calibrate-2000.stderr.txt'));
    const dazhou = await runCli([
      'calibrate',
      '--claims',
      path.join(__dirname, '..', '..', 'examples', 'claims-dazhou.csv'),
      '--below-min',
      'base',
    ]);
    assert.equal(dazhou.stdout, golden('calibrate-dazhou.yaml'));
  });

  test('every figure, standard error and tail parameter within 1e-12 of the recorded one', async () => {
    const r = await calibrateFromClaims(CSV, { belowMinimum: 'base' });
    const actual = JSON.parse(
      JSON.stringify({
        figures: r.figures,
        categories: r.fitted.categories.map((c) => ({
          ...c,
          sample: undefined,
          figures: undefined,
        })),
        personsSeen: r.fitted.personsSeen,
        events: r.fitted.events,
      }),
    );
    // the sums add the same terms in the same order; only a logarithm may differ in its last bit
    assertClose(actual, JSON.parse(golden('calibrate-2000.fit.json')), 1e-12);
  });

  test('an .xlsx and a Parquet extract with Chinese labels fit as the code CSV does', async () => {
    const examples = path.join(__dirname, '..', '..', 'examples');
    const fit = (name: string) =>
      runCli(['calibrate', '--claims', path.join(examples, name), '--below-min', 'base']);
    const csv = await fit('claims-codes-utf8.csv');
    assert.equal(csv.code, 0, csv.stderr);
    for (const name of ['claims-chinese.xlsx', 'claims-chinese.parquet']) {
      const other = await fit(name);
      assert.equal(other.code, 0, other.stderr);
      // the file's name is in the id, the title and every fitted figure's source
      const named = (text: string, file: string) =>
        text.replaceAll(file, 'FILE').replaceAll(file.replace(/\.[^.]+$/, ''), 'STEM');
      assert.equal(named(other.stdout, name), named(csv.stdout, 'claims-codes-utf8.csv'));
    }
  });

  test('the same file gives the same sums to the last bit, and a sample of at most TAIL_SAMPLE bills', async () => {
    const [a, b] = [await readClaimsMoments(CSV), await readClaimsMoments(CSV)];
    assert.deepEqual(a, b);
    const inpatient = a.categories[0];
    assert.equal(inpatient.sample.length, inpatient.scopeN);
    assert.ok(inpatient.sample.length <= TAIL_SAMPLE);
    assert.equal(
      a.categories.reduce((t, c) => t + c.events, 0),
      a.events,
    );
  });
});
