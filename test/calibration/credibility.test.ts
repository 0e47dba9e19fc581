import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { blend, credibilityFactor, fullCredibilityEvents } from '../../src/calibration/credibility';
import { figurePath } from '../../src/calibration/figures';
import { calibrateFromClaims } from '../../src/calibration/fit';
import { loadCalibration } from '../../src/calibration/load';
import { calibrationReport } from '../../src/calibration/report';
import { renderPng } from '../../src/charts/render';
import { reportHtml } from '../../src/report/html';
import { writeClaims } from './generated-claims';

const KNOWN = path.join(__dirname, '..', 'fixtures', 'calibration-known.yaml');
const STANDARD = { minEvents: 30, probability: 0.9, tolerance: 0.05 };

describe('calibration/credibility: limited fluctuation', () => {
  test('the classical standard: 1,082 events for full credibility of a Poisson frequency', () => {
    assert.ok(Math.abs(fullCredibilityEvents(STANDARD) - 1082.2) < 0.5);
    // n events among N persons: x = n / N, se = √n / N, so Z = √(n / 1,082)
    for (const n of [10, 100, 500, 1000]) {
      const N = 50_000;
      const z = credibilityFactor(n / N, Math.sqrt(n) / N, STANDARD);
      assert.ok(Math.abs(z - Math.sqrt(n / fullCredibilityEvents(STANDARD))) < 1e-12, `n ${n}`);
    }
    assert.equal(credibilityFactor(2000 / 50_000, Math.sqrt(2000) / 50_000, STANDARD), 1);
    assert.equal(credibilityFactor(1, null, STANDARD), 0);
    assert.equal(blend(10, 2, 0.25), 4);
  });
});

describe('calibration/credibility: the blend moves toward the data as the extract grows', () => {
  const known = loadCalibration(KNOWN);
  const base = loadCalibration('default');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-credibility-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('Z rises with n and the written figure nears the fitted one and the truth', async () => {
    const at = 'claims.inpatient.cost.mean.employee';
    const rows: { n: number; z: number; written: number; fitted: number }[] = [];
    for (const size of [1_000, 4_000, 60_000]) {
      const file = path.join(dir, `claims-${size}.csv`);
      const persons = writeClaims(known.file, file, size, 99);
      const r = await calibrateFromClaims(file, { persons, belowMinimum: 'base' });
      const f = r.figures.find((x) => figurePath(x) === at)!;
      assert.ok(f.written !== null, `${size}: ${f.events} events`);
      rows.push({ n: f.events, z: f.z, written: f.written, fitted: f.fitted });
      if (size === 4_000) {
        // the report names every figure, and charts every category with a tail
        const report = calibrationReport(r);
        const html = await reportHtml(report);
        // a figure's path may break after each dot (<wbr>): read it without the breaks
        assert.match(html.replaceAll('<wbr>', ''), /claims\.inpatient\.cost\.mean\.employee/);
        assert.ok((html.match(/<svg/g) ?? []).length >= 1);
        const qq = report.sections[2].charts![0];
        const png = await renderPng(qq);
        assert.ok(png.length > 10_000);
        if (process.env.YIBAO_KEEP_CHARTS) fs.writeFileSync(process.env.YIBAO_KEEP_CHARTS, png);
      }
    }
    const truth = known.claims.find((c) => c.category === 0)!.costMean[0];
    const baseValue = base.claims.find((c) => c.category === 0)!.costMean[0];
    for (let i = 1; i < rows.length; i++) {
      assert.ok(rows[i].n > rows[i - 1].n);
      assert.ok(rows[i].z > rows[i - 1].z || rows[i].z === 1, `Z ${rows[i - 1].z} → ${rows[i].z}`);
      const gap = (r: (typeof rows)[number]) => Math.abs(r.written - r.fitted) / r.fitted;
      assert.ok(
        gap(rows[i]) < gap(rows[i - 1]) || gap(rows[i]) === 0,
        'the blend nears the fitted figure',
      );
    }
    assert.ok(rows[1].z > rows[0].z, `Z ${rows[0].z} → ${rows[1].z}`);
    assert.equal(rows[2].z, 1);
    assert.ok(rows[0].z < 0.6, `small extract: Z ${rows[0].z}`);
    // the small extract is pulled toward the base, the large one lands near the truth
    assert.ok(Math.abs(rows[0].written - baseValue) < Math.abs(rows[0].fitted - baseValue));
    assert.ok(Math.abs(rows[2].written / truth - 1) < 0.08, `${rows[2].written} vs ${truth}`);
  });
});
