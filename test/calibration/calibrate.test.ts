import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CalibrationFit, calibrateFromClaims } from '../../src/calibration/fit';
import { loadCalibration } from '../../src/calibration/load';
import type { Calibration, CategoryModel } from '../../src/calibration/model';
import { CLAIMS_COLUMNS } from '../../src/io/claims-csv';
import { CATEGORIES, GROUPS } from '../../src/model/codes';
import { runCli, tempFile } from '../cli/run-cli';
import { writeClaims } from './generated-claims';

const KNOWN = path.join(__dirname, '..', 'fixtures', 'calibration-known.yaml');
/** 100,000 persons a group: inpatient means to about 1%, costs to about 1.5% (one sd). */
const PERSONS = 300_000;

function model(cal: Calibration, category: string): CategoryModel {
  const m = cal.claims.find((c) => CATEGORIES[c.category] === category);
  assert.ok(m, `${category} is in the calibration`);
  return m;
}

function near(actual: number, expected: number, relative: number, what: string): void {
  const error = Math.abs(actual / expected - 1);
  assert.ok(
    error <= relative,
    `${what}: ${actual} vs ${expected} (${(error * 100).toFixed(2)}% > ${relative * 100}%)`,
  );
}

function within(actual: number, expected: number, absolute: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= absolute, `${what}: ${actual} vs ${expected}`);
}

describe('calibration/fit: recovering known parameters from generated claims', () => {
  const known = loadCalibration(KNOWN);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-calibrate-'));
  const claimsFile = path.join(dir, 'known-claims.csv');
  const fittedFile = path.join(dir, 'fitted.yaml');
  let fitted: Calibration;
  let fit: CalibrationFit;
  let yaml: string;

  before(async () => {
    const persons = writeClaims(known.file, claimsFile, PERSONS);
    // Base 'default': every recovered figure differs from the default's. Full credibility
    // (k infinite): what is written is what was fitted, to test the fit itself.
    ({ yaml, fitted: fit } = await calibrateFromClaims(claimsFile, {
      persons,
      credibility: { tolerance: Number.POSITIVE_INFINITY },
    }));
    fs.writeFileSync(fittedFile, yaml);
    fitted = loadCalibration(fittedFile);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('inpatient frequency by group within 3%, dispersion within 20%', () => {
    const k = model(known, 'inpatient').frequency;
    const f = model(fitted, 'inpatient').frequency;
    assert.equal(f.kind, 'negbin');
    assert.equal(k.kind, 'negbin');
    if (f.kind !== 'negbin' || k.kind !== 'negbin') return;
    GROUPS.forEach((g, i) => {
      near(f.mean[i], k.mean[i], 0.03, `inpatient frequency ${g}`);
    });
    near(f.dispersion, k.dispersion, 0.2, 'inpatient dispersion');
    const so = model(fitted, 'special_outpatient').frequency;
    assert.equal(so.kind, 'negbin');
    if (so.kind === 'negbin') near(so.dispersion, 0.5, 0.2, 'special outpatient dispersion');
  });

  test('cost mean by group within 5%, cv within 10%', () => {
    for (const category of ['inpatient', 'special_outpatient', 'dialysis']) {
      const k = model(known, category);
      const f = model(fitted, category);
      GROUPS.forEach((g, i) => {
        near(f.costMean[i], k.costMean[i], 0.05, `${category} cost ${g}`);
      });
      near(f.costCv, k.costCv, 0.1, `${category} cv`);
    }
  });

  test('level shares within 0.01, relative costs within 5%, scope share within 0.01', () => {
    for (const category of ['inpatient', 'special_outpatient', 'dialysis']) {
      const k = model(known, category);
      const f = model(fitted, category);
      assert.deepEqual(
        f.levels.map((l) => l.level),
        k.levels.map((l) => l.level),
      );
      k.levels.forEach((l, i) => {
        within(f.levels[i].share, l.share, 0.01, `${category} level ${l.level} share`);
        near(f.levels[i].relativeCost, l.relativeCost, 0.05, `${category} level ${l.level} cost`);
      });
      within(f.scopeShare.mean, k.scopeShare.mean, 0.01, `${category} scope share mean`);
      within(f.scopeShare.sd, k.scopeShare.sd, 0.01, `${category} scope share sd`);
      within(f.excludedShare, k.excludedShare, 0.01, `${category} excluded share`);
    }
    const cancer = model(fitted, 'inpatient').cancerDrug;
    assert.ok(cancer);
    within(cancer.probability, 0.02, 0.003, 'cancer drug probability');
    near(cancer.mean, 20000, 0.15, 'cancer drug mean');
  });

  test('prevalence is fitted and the events a year kept', () => {
    const f = model(fitted, 'dialysis').frequency;
    assert.equal(f.kind, 'prevalence');
    if (f.kind !== 'prevalence') return;
    assert.equal(f.events, 12);
    // About 500 persons on dialysis: the total is known to about 5%.
    const total = f.prevalence.reduce((a, b) => a + b, 0);
    near(total, 0.001 + 0.003 + 0.001, 0.15, 'dialysis prevalence, all groups');
  });

  test('what the extract does not tell is the base’s, comments and sources included', () => {
    const base = loadCalibration('default');
    assert.deepEqual(fitted.population, base.population);
    assert.deepEqual(fitted.scenario, base.scenario);
    assert.deepEqual(model(fitted, 'general_outpatient'), model(base, 'general_outpatient'));
    assert.deepEqual(model(fitted, 'inpatient').ageFactor, model(base, 'inpatient').ageFactor);
    assert.deepEqual(fit.kept, [
      'general_outpatient',
      'single_payment_drug',
      'high_value_drug',
      'chemo_radiotherapy',
    ]);
    assert.match(yaml, /# Per category: frequency of events per person-year by group/);
    const raw = fitted.raw as {
      claims: Record<string, { frequency: Record<string, { source: string }> }>;
    };
    const n = fit.categories.find((c) => c.category === 'inpatient')!.eventsByGroup[0];
    assert.match(
      raw.claims.inpatient.frequency.employee.source,
      new RegExp(
        `^fitted: known-claims\\.csv, n = ${n} events, \\d+ persons, se [\\d.e-]+, full credibility$`,
      ),
    );
    assert.equal(raw.claims.general_outpatient.frequency.employee.source, 'assumption');
  });
});

describe('cli/calibrate', () => {
  const HEADER = CLAIMS_COLUMNS.join(',');

  test('writes a calibration that loadCalibration accepts; persons without events count', async () => {
    const claims = tempFile(
      'small.csv',
      `${HEADER}\nA,employee,none,1,inpatient,3,10000,9000,500,0\nA,employee,none,2,inpatient,2,6000,5400,300,0\nB,employee,none,,,,,,,\nC,retiree,none,1,inpatient,3,20000,18000,1000,0\n`,
    );
    const out = path.join(path.dirname(claims), 'small-fitted.yaml');
    // 3 events: below the minimum of 30, refused and nothing written
    const refused = await runCli(['calibrate', '--claims', claims, '--out', out]);
    assert.equal(refused.code, 2);
    assert.equal(refused.stdout, '');
    assert.equal(fs.existsSync(out), false);
    assert.match(
      refused.stderr,
      /fewer than 30 events:\n {2}claims\.inpatient\.frequency\.employee: 2 events/,
    );
    assert.match(refused.stderr, /--below-min base/);
    // told to keep the base's figures for them: written, with a warning for each
    const kept = await runCli([
      'calibrate',
      '--claims',
      claims,
      '--below-min',
      'base',
      '--out',
      out,
    ]);
    assert.equal(kept.code, 0, kept.stderr);
    assert.match(kept.stderr, /fitted 3 events of 3 insured persons/);
    assert.match(
      kept.stderr,
      /warning: \d+ figure\(s\) from fewer than 30 events, the base's kept: claims\.inpatient\.frequency\.employee \(2\)/,
    );
    const base = loadCalibration('default');
    const cal = loadCalibration(out);
    assert.equal(cal.id, 'fitted-small');
    assert.deepEqual(model(cal, 'inpatient'), model(base, 'inpatient'));
    // told to fit from so few: blended with the base, mostly the base's
    const thin = await runCli([
      'calibrate',
      '--claims',
      claims,
      '--min-events',
      '0',
      '--persons',
      'employee=8,retiree=4',
    ]);
    assert.equal(thin.code, 0, thin.stderr);
    assert.match(thin.stderr, /below full credibility, blended with the base/);
    const g = model(loadCalibration(tempFile('persons.yaml', thin.stdout)), 'inpatient').frequency;
    const b = model(base, 'inpatient').frequency;
    assert.ok(g.kind === 'negbin' && b.kind === 'negbin');
    // fitted 2 events / 8 employees = 0.25; the blend lies between it and the base, near the base
    assert.ok(g.mean[0] > b.mean[0] && g.mean[0] < 0.25, `${g.mean[0]}`);
    assert.ok(g.mean[0] - b.mean[0] < (0.25 - b.mean[0]) / 2);
  });

  test('refuses a bad file with exit status 2 and nothing on stdout', async () => {
    const claims = tempFile(
      'bad.csv',
      `${HEADER}\nA,employee,none,1,inpatient,3,10000,12000,0,0\n`,
    );
    const r = await runCli(['calibrate', '--claims', claims]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /bad\.csv:2: column 'scope'/);
    const noEvents = await runCli([
      'calibrate',
      '--claims',
      tempFile('none.csv', `${HEADER}\nB,employee,none,,,,,,,\n`),
    ]);
    assert.equal(noEvents.code, 2);
    assert.equal(noEvents.stdout, '');
    assert.match(noEvents.stderr, /no events to fit/);
  });

  test('refuses bad --persons and a count below the persons in the file', async () => {
    const claims = tempFile(
      'ok.csv',
      `${HEADER}\nA,resident,none,1,inpatient,3,100,90,5,0\nB,resident,none,,,,,,,\n`,
    );
    for (const [persons, message] of [
      ['worker=3', /unknown group 'worker'/],
      ['resident=x', /not group=<whole number>/],
      ['resident=1', /at least the 2 resident persons/],
      [`resident=${'9'.repeat(309)}`, /--persons 'resident=9{51}…' is beyond 2\^53 − 1/],
    ] as const) {
      const r = await runCli(['calibrate', '--claims', claims, '--persons', persons]);
      assert.equal(r.code, 2, persons);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    }
    const bad = await runCli(['calibrate', '--claims', claims, '--below-min', 'maybe']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--below-min must be refuse or base/);
    const help = await runCli(['calibrate', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Example:\n {2}yibao calibrate --claims/);
  });
});
