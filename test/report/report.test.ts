import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { renderPng } from '../../src/charts/render';
import { candidatesReport, runCandidates } from '../../src/report/candidates';
import { candidatesChart, schemeCharts } from '../../src/report/charts';
import { reportHtml } from '../../src/report/html';
import { reportWorkbook } from '../../src/report/workbook';
import { writeReport } from '../../src/report/write';
import { summarize } from '../../src/simulate/metrics';
import { sensitivity } from '../../src/simulate/sensitivity';
import { resultAt, runVariants } from '../../src/simulate/simulate';

const OPTIONS = { scenarios: 12, persons: 3000, years: 2, seed: 5, workers: 1 };

describe('candidate-rate report', () => {
  it('writes a self-contained HTML report with formatted tables', async () => {
    const items = await runCandidates(['dazhou-2023', 'ordos-2018'], OPTIONS);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-report-'));
    try {
      const { files } = await writeReport(dir, candidatesReport(items));
      const html = fs.readFileSync(files[0], 'utf8');
      // offline: no scripts, stylesheets or images fetched from anywhere
      assert.doesNotMatch(html, /<script|<link|src="http|href="http/);
      // the charts are inline SVG with Chinese labels and data marks
      const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      // per scheme: scheme money, pool balance, loss ratio, out-of-pocket, who pays
      assert.equal(svgs.length, 1 + 5 * items.length);
      assert.match(html, /候选费率/);
      // the three amounts under their own names, none of them a bare 'balance'
      for (const label of [
        '当年基金收支 scheme money',
        '承办机构经营结果 insurer result',
        '基金结余 pool balance',
      ])
        assert.ok(html.includes(label), label);
      assert.doesNotMatch(html, /<th>balance/);
      for (const svg of svgs) assert.match(svg, /role-mark/);
      // every assumption shown with its source
      assert.match(html, /art\. 6/);
      // and the calibration's assumptions with their notes (its every figure: the workbook)
      assert.match(html, /校准 calibration default/);
      // figures formatted by kind, headers in words, no local path of the calibration
      // (a summary of few years is turned: a line per figure, headed by its label)
      assert.match(html, /净赔付率 中位数 net loss ratio median/);
      assert.doesNotMatch(html, /loss_ratio_p50|rate_mean/);
      assert.doesNotMatch(html, /\/data\/calibration\//);
      assert.match(html, /<td style="text-align:right">0\.320%<\/td>/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows the medical-aid fund’s yearly spending and quarterly list where the scheme has one', async () => {
    const items = await runCandidates(['huangshan-2022'], OPTIONS);
    const report = candidatesReport(items);
    const table = report.sections
      .flatMap((s) => s.tables ?? [])
      .find((t) => t.title === 'huangshan-2022 medical aid 医疗救助')!;
    assert.equal(table.rows.length, OPTIONS.years);
    const y1 = items[0].summary.years[0].medicalAid!;
    assert.equal(table.rows[0]['subsidies mean 参保资助'], Math.round(y1.subsidy.mean));
    assert.equal(
      table.rows[0]['aid budget mean 救助支出合计'],
      Math.round(y1.benefit.mean + y1.subsidy.mean),
    );
    assert.ok(
      Number(table.rows[0]['list Q4 季度名单']) > Number(table.rows[0]['list Q1 季度名单']),
    );
    const html = await reportHtml(report);
    assert.match(html, /huangshan-2022 medical aid 医疗救助/);
    // the subsidies' figures are shown with their source
    assert.match(html.replace(/<wbr>/g, ''), /medical_aid\.individual_contribution\.2024/);
    assert.match(html, /医保发〔2024〕19号/);
    // a scheme without medical aid has no such table
    const dazhou = candidatesReport(await runCandidates(['dazhou-2023'], { ...OPTIONS, years: 1 }));
    const titles = dazhou.sections.flatMap((s) => s.tables ?? []).filter((t) => t.rows.length);
    assert.ok(!titles.some((t) => t.title.includes('medical aid')));
  });

  it('shows an undefined loss ratio as — in the HTML and the workbook, never 0', async () => {
    const { runs, info } = await runVariants(['ordos-2018'], OPTIONS);
    const result = resultAt(runs[0], info, 0);
    const report = candidatesReport([{ result, summary: summarize(result) }]);
    const candidates = report.sections[0].tables![0];
    const key = 'loss_ratio_p50';
    assert.equal(candidates.rows[0][key], null);
    const html = await reportHtml(report);
    assert.match(html, />—<\/td>/);
    const wb = await reportWorkbook(report);
    const sheet = wb.getWorksheet('候选费率 Candidates')!;
    const column = candidates.columns.findIndex((c) => c.key === key) + 1;
    assert.ok(column > 0, 'the candidates table has the loss ratio');
    assert.equal(sheet.getRow(2).getCell(column).value, '—');
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
