import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { renderPng } from '../../src/charts/render';
import { candidatesReport, runCandidates } from '../../src/report/candidates';
import { candidatesChart, schemeCharts } from '../../src/report/charts';
import { writeReport } from '../../src/report/write';
import { sensitivity } from '../../src/simulate/sensitivity';

const OPTIONS = { scenarios: 12, persons: 3000, years: 2, seed: 5, workers: 1 };

describe('candidate-rate report', () => {
  it('writes a self-contained HTML report with formatted tables', async () => {
    const items = await runCandidates(['dazhou-2023', 'ordos-2018'], OPTIONS);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-report-'));
    try {
      const files = await writeReport(dir, candidatesReport(items));
      const html = fs.readFileSync(files[0], 'utf8');
      // offline: no scripts, stylesheets or images fetched from anywhere
      assert.doesNotMatch(html, /<script|<link|src="http|href="http/);
      // the charts are inline SVG with Chinese labels and data marks
      const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      assert.equal(svgs.length, 1 + 4 * items.length);
      assert.match(html, /候选费率/);
      assert.match(html, /基金结余/);
      for (const svg of svgs) assert.match(svg, /role-mark/);
      // every assumption shown with its source
      assert.match(html, /art\. 6/);
      assert.match(html, /NHSA 2023/);
      // figures formatted by kind, headers in words, no local path of the calibration
      assert.match(html, /赔付率 中位数<br>loss ratio median/);
      assert.doesNotMatch(html, /loss_ratio_p50|rate_mean/);
      assert.doesNotMatch(html, /\/data\/calibration\//);
      assert.match(html, /<td style="text-align:right">0\.320%<\/td>/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders every report chart to a non-trivial PNG', async () => {
    const items = await runCandidates(['guiyang-2023'], OPTIONS);
    const charts = schemeCharts(items[0].result, items[0].summary, {
      alertThreshold: 10000,
      costBands: [0, 1000, 5000, 20000, 50000, 100000, 300000],
    });
    for (const spec of [candidatesChart(items), ...Object.values(charts)]) {
      const png = await renderPng(spec);
      assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
      assert.ok(png.length > 10_000, `PNG of ${png.length} bytes`);
    }
  });
});

describe('sensitivity', () => {
  it('moves the loss ratio the way each assumption says', async () => {
    const s = await sensitivity('guiyang-2023', { ...OPTIONS, persons: 6000 });
    assert.equal(s.rows.length, 6);
    const byName = new Map(s.rows.map((r) => [r.assumption.split(' ')[0], r]));
    for (const name of ['住院频率', '次均住院费用']) {
      const r = byName.get(name)!;
      assert.ok(r.low < s.base && s.base < r.high, `${name}: ${r.low} ${s.base} ${r.high}`);
    }
  });
});
