import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { renderPng, renderSvg } from '../../src/charts/render';
import {
  candidateComparison,
  ccdfPoints,
  fundBalanceFan,
  lossRatioDistribution,
  oopBurdenCcdf,
  sensitivityTornado,
  whoPaysByBand,
} from '../../src/charts/specs';

// The PNGs are kept for a person to look at; out/ is git-ignored.
const OUT = path.join(__dirname, '..', '..', 'out', 'charts-test');

// A small seeded generator so the sample data, and so the pictures, are the same every run.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Renders both ways, writes the PNG, checks it is a real picture; returns the SVG. */
async function renderAndCheck(name: string, spec: TopLevelSpec, title: string): Promise<string> {
  const svg = await renderSvg(spec);
  const png = await renderPng(spec, { scale: 2 });
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, `${name}.png`), png);

  assert.ok(png.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature');
  assert.ok(png.length > 5 * 1024, `PNG only ${png.length} bytes`);
  // IHDR: width and height are the two big-endian uint32 after the chunk header.
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.ok(width > 300 && height > 300, `PNG is ${width}x${height}`);

  assert.ok(svg.startsWith('<svg'), 'SVG output');
  assert.ok(svg.includes(title), `title ${title} in SVG`);
  assert.ok(svg.includes('Noto Sans CJK SC'), 'CJK font family in SVG');
  return svg;
}

/** Number of mark items of one vega mark type (e.g. 'rect', 'area', 'line') in the SVG. */
function countMarks(svg: string, markType: string): number {
  const group = new RegExp(`<g class="mark-${markType} role-mark[^"]*"[^>]*>(.*?)</g>`, 'gs');
  let items = 0;
  for (const m of svg.matchAll(group)) {
    items += (m[1].match(/<(path|line|text|rect)\b/g) ?? []).length;
  }
  return items;
}

describe('charts', () => {
  test('fund balance fan chart: bands, median and zero line', async () => {
    const rand = rng(1);
    const rows = Array.from({ length: 11 }, (_, i) => {
      // A fund drawing down by ~900万元 a year with widening uncertainty.
      const median = 8000 - 900 * i;
      const sd = 250 + 180 * i;
      return {
        year: 2025 + i,
        p05: median - 1.645 * sd,
        p25: median - 0.674 * sd,
        p50: median + 40 * normal(rand),
        p75: median + 0.674 * sd,
        p95: median + 1.645 * sd,
      };
    });
    const title = '城乡居民医保基金结余预测 Fund balance projection';
    const svg = await renderAndCheck('fund-balance-fan', fundBalanceFan(rows, { title }), title);
    assert.equal(countMarks(svg, 'area'), 2, 'two bands');
    assert.equal(countMarks(svg, 'line'), 1, 'median line');
    assert.ok(countMarks(svg, 'rule') >= 1, 'zero line');
    assert.ok(svg.includes('基金结余 Fund balance (万元)'));
  });

  test('loss ratio histogram with threshold and bid', async () => {
    const rand = rng(2);
    const values = Array.from({ length: 5000 }, () => 0.86 + 0.07 * normal(rand));
    const spec = lossRatioDistribution(values, { bid: 0.82 });
    const svg = await renderAndCheck('loss-ratio', spec, '赔付率分布 Loss ratio distribution');
    assert.ok(countMarks(svg, 'rect') > 10, 'histogram bars');
    assert.equal(countMarks(svg, 'rule'), 2, 'threshold and bid rules');
    assert.ok(svg.includes('90% 调整线 adjustment threshold'));
    assert.ok(svg.includes('投标 bid 82%'));
  });

  test('out-of-pocket CCDF on a log scale, downsampled', async () => {
    const rand = rng(3);
    // 20,000 insured persons: 35% pay nothing, the rest roughly log-normal around 800 yuan.
    const values = Array.from({ length: 20000 }, () =>
      rand() < 0.35 ? 0 : Math.round(Math.exp(6.7 + 1.4 * normal(rand))),
    );
    const points = ccdfPoints(values);
    assert.ok(points.length <= 400 && points.length > 100, `${points.length} points`);
    assert.ok(points.every((p) => p.oop > 0 && p.share > 0 && p.share <= 0.65 + 0.02));
    for (let i = 1; i < points.length; i++) {
      assert.ok(points[i].share <= points[i - 1].share, 'CCDF never rises');
    }
    const spec = oopBurdenCcdf(values, { catastrophic: 50000 });
    const svg = await renderAndCheck('oop-ccdf', spec, '个人自付负担 Out-of-pocket burden');
    assert.equal(countMarks(svg, 'line'), 1, 'CCDF line');
    assert.equal(countMarks(svg, 'rule'), 2, 'alert and catastrophic rules');
    assert.ok(svg.includes('预警线 alert 10,000元'));
  });

  test('who pays, stacked by payer, bands in input order', async () => {
    const rows = [
      { band: '<1千元', basic: 320, supplementary: 0, aid: 15, person: 410 },
      { band: '1千–1万', basic: 2400, supplementary: 60, aid: 120, person: 1300 },
      { band: '1万–5万', basic: 5100, supplementary: 900, aid: 380, person: 1900 },
      { band: '5万–20万', basic: 3900, supplementary: 1700, aid: 520, person: 1400 },
      { band: '>20万', basic: 1200, supplementary: 950, aid: 260, person: 700 },
    ];
    const svg = await renderAndCheck('who-pays', whoPaysByBand(rows), '各费用段支付构成');
    assert.equal(countMarks(svg, 'rect'), rows.length * 4, 'one segment per band and payer');
    for (const label of ['基本医保 basic', '补充 supplementary', '医疗救助 aid', '个人 person']) {
      assert.ok(svg.includes(label), label);
    }
    // Input order on the axis: each band label appears after the previous one.
    const at = rows.map((r) =>
      svg.indexOf(`>${r.band.replace('<', '&lt;').replace('>', '&gt;')}<`),
    );
    assert.ok(at.every((i) => i > 0));
    assert.deepEqual(
      [...at].sort((a, b) => a - b),
      at,
    );
  });

  test('candidate comparison: one panel per metric', async () => {
    const metricsBase: Record<string, [number, number]> = {
      '赔付率 Loss ratio': [0.88, 0.05],
      '基金结余 Balance (万元)': [3200, 900],
      '灾难性支出率 Catastrophic rate': [0.021, 0.004],
    };
    const candidates = ['现行 current', '方案A 起付线1.2万', '方案B 封顶40万'];
    const rows = Object.entries(metricsBase).flatMap(([metric, [m, s]]) =>
      candidates.map((candidate, k) => {
        const p50 = m * (1 + 0.04 * (k - 1));
        return { candidate, metric, p05: p50 - 1.645 * s, p50, p95: p50 + 1.645 * s };
      }),
    );
    const title = '候选方案比较 Candidate comparison';
    const formats = { '赔付率 Loss ratio': '.0%', '灾难性支出率 Catastrophic rate': '.1%' };
    const spec = candidateComparison(rows, { title, formats });
    const svg = await renderAndCheck('candidates', spec, title);
    assert.equal(countMarks(svg, 'symbol'), rows.length, 'a point per candidate and metric');
    for (const metric of Object.keys(metricsBase))
      for (const word of metric.split(' ')) assert.ok(svg.includes(word), word);
    assert.ok(svg.includes('>85%<'), 'the loss-ratio axis in %');
  });

  test('sensitivity tornado sorted by swing', async () => {
    const rows = [
      { assumption: '医疗费用增长 cost trend ±2pp', low: 4100, high: 1900 },
      { assumption: '参保人数 enrolment ±5%', low: 2700, high: 3300 },
      { assumption: '住院率 admission rate ±10%', low: 3900, high: 2100 },
      { assumption: '筹资增长 contribution growth ±1pp', low: 2600, high: 3450 },
    ];
    const spec = sensitivityTornado(rows, 3000, { title: '敏感性分析 Sensitivity' });
    const svg = await renderAndCheck('tornado', spec, '敏感性分析 Sensitivity');
    assert.equal(countMarks(svg, 'rect'), rows.length * 2, 'low and high bar per assumption');
    // Largest swing on top: cost trend (2200) is listed before admission rate (1800).
    assert.ok(svg.indexOf('医疗费用增长') < svg.indexOf('住院率'));
    assert.ok(svg.includes('基准 base 3,000'));
  });
});
