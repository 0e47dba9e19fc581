/**
 * A calibration file is data a user gives: a bad one is refused with the file, the line
 * and the field, and the default one loads with every figure sourced.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadCalibration } from '../../src/calibration/load';
import { YibaoError } from '../../src/errors';
import { scenarioPaths } from '../../src/simulate/scenarios';

const DEFAULT = path.join(__dirname, '..', '..', 'data', 'calibration', 'default.yaml');
const text = fs.readFileSync(DEFAULT, 'utf8');

/** The default file with one line replaced; the line number of the change. */
function edited(find: string, replace: string): { file: string; line: number } {
  const at = text.indexOf(find);
  assert.ok(at >= 0, `default.yaml has '${find}'`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-cal-'));
  const file = path.join(dir, 'bad.yaml');
  fs.writeFileSync(file, text.slice(0, at) + replace + text.slice(at + find.length));
  return { file, line: text.slice(0, at).split('\n').length };
}

describe('calibration files', () => {
  it('the default loads: seven categories, six counties, sources everywhere', () => {
    const cal = loadCalibration();
    assert.equal(cal.claims.length, 7);
    assert.equal(cal.population.counties.length, 6);
    assert.equal(cal.sensitivity.length, 6);
    assert.equal(cal.burden.alertThreshold, 10000);
  });

  for (const [what, find, replace, field, message] of [
    [
      'a figure without a source',
      'cv: { value: 1.5, source: assumption, note: "heavy right tail',
      'cv: { value: 1.5, note: "heavy right tail',
      'claims.inpatient.cost.cv.source',
      /is required/,
    ],
    [
      'a share above 1',
      'male_share: { value: 0.51,',
      'male_share: { value: 1.51,',
      'population.male_share.value',
      /must be between 0 and 1, got 1.51/,
    ],
    [
      'an amount above 10^12 yuan',
      'mean: { value: 15000, unit: yuan, source: assumption }',
      'mean: { value: 1e30, unit: yuan, source: assumption }',
      'claims.inpatient.cancer_drug.mean.value',
      /must be between 1e-9 and 1000000000000, got 1e\+30/,
    ],
    [
      'an unknown group',
      '      resident: { value: 0.207, source:',
      '      residents: { value: 0.207, source:',
      'claims.inpatient.frequency.residents',
      /is not a group/,
    ],
    [
      'an unknown category',
      '  special_outpatient:\n    frequency:',
      '  special_outpatients:\n    frequency:',
      'claims.special_outpatients',
      /is not a category/,
    ],
    [
      'a cost band out of order',
      '- { value: 5000, unit: yuan, source: assumption, note: "bands for display" }',
      '- { value: 500, unit: yuan, source: assumption, note: "bands for display" }',
      'burden.cost_bands.2',
      /edges must increase/,
    ],
    [
      'a sensitivity path that is not a figure',
      'paths: [claims.inpatient.cost.cv]',
      'paths: [claims.inpatient.cost.sigma]',
      'sensitivity.2.paths.0',
      /is not a figure of this file/,
    ],
  ] as const) {
    it(`refuses ${what}, naming file, line and field`, () => {
      const { file, line } = edited(find, replace);
      assert.throws(
        () => loadCalibration(file),
        (e: unknown) => {
          assert.ok(e instanceof YibaoError, String(e));
          assert.equal(e.place.file, file);
          assert.equal(e.place.field, field);
          assert.ok(
            Math.abs((e.place.line ?? 0) - line) <= 1,
            `line ${e.place.line}, the change is on ${line}`,
          );
          assert.match(e.message, message);
          return true;
        },
      );
    });
  }
});

describe('scenario paths', () => {
  it('the deterministic mode takes every mean: all scenarios follow one path', () => {
    const cal = loadCalibration();
    const paths = scenarioPaths(cal, 1, 5, 3, true);
    for (const p of paths) assert.deepEqual(p, paths[0]);
    const trend = cal.scenario.costTrend.mean;
    assert.ok(Math.abs(paths[0][2].cost - (1 + trend) ** 2) < 1e-12);
    assert.equal(paths[0][0].frequency, Math.exp(cal.scenario.utilisationShock.mean));
  });

  it('random paths are reproducible by seed and independent of how many scenarios are drawn', () => {
    const cal = loadCalibration();
    const few = scenarioPaths(cal, 9, 3, 3);
    const many = scenarioPaths(cal, 9, 10, 3);
    assert.deepEqual(many.slice(0, 3), few);
    assert.notDeepEqual(few[0], few[1]);
  });
});
