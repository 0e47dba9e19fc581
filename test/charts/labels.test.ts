/**
 * No chart cuts or stacks its words: each chart type, fed long bilingual labels and many
 * categories, is laid out by vega with the chart font's widths, and no two visible text
 * items of its scenegraph overlap (or come within a pixel), none is cut to a limit, and no
 * reference line runs through a label. The PNGs are kept in
 * out/charts-labels/ for a person to look at.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { renderPng } from '../../src/charts/render';
import {
  type CandidateRow,
  candidateComparison,
  fundBalanceFan,
  lossRatioDistribution,
  oopBurdenCcdf,
  sensitivityTornado,
  whoPaysByBand,
} from '../../src/charts/specs';
import { crossings, overlaps, sceneOf } from './scenegraph';

const OUT = path.join(__dirname, '..', '..', 'out', 'charts-labels');

/** Lays the chart out, writes its PNG, and checks its text. Returns the texts drawn. */
async function checkText(name: string, spec: TopLevelSpec): Promise<string[]> {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, `${name}.png`), await renderPng(spec));
  const scene = await sceneOf(spec);
  const boxes = scene.texts;
  const clashes = overlaps(boxes).map(
    ([a, b]) => `'${a.text}' (${a.role}) × '${b.text}' (${b.role})`,
  );
  assert.deepEqual(clashes, [], `${name}: overlapping text`);
  const crossed = crossings(scene).map(([t]) => `'${t.text}'`);
  assert.deepEqual(crossed, [], `${name}: a reference line through a label`);
  const cut = boxes.filter((b) => b.cut).map((b) => `'${b.text}' (${b.role})`);
  assert.deepEqual(cut, [], `${name}: text cut to its limit`);
  return boxes.map((b) => b.text);
}

/** A deterministic spread of values around `mid` (no randomness needed for layout). */
const around = (mid: number, sd: number, n: number) =>
  Array.from({ length: n }, (_, i) => mid + sd * Math.sin(i * 12.9898) * 1.7);

const LONG_SCHEMES = [
  '达州市职工大额医疗费用补助',
  '贵阳贵安城乡居民大病保险',
  '鄂尔多斯市职工基本医疗保险商业补充保险',
  '黄山市某区重特大疾病医疗保险和救助',
  '焦作市职工大额医疗保险（市级统筹）',
];

describe('chart labels are never cut and never overlap', () => {
  for (const count of [2, 5, 12, 30]) {
    test(`candidate comparison with ${count} candidates of long names`, async () => {
      const candidates = Array.from(
        { length: count },
        (_, i) =>
          `${LONG_SCHEMES[i % LONG_SCHEMES.length]} loss share ${i * 5}% with a 2% net profit cap`,
      );
      const metrics = [
        '赔付率 loss ratio of the layers the premium pays, final contract year',
        '人均结余 balance per insured (元)',
        '灾难性支出占比 catastrophic spending share',
      ];
      const rows: CandidateRow[] = metrics.flatMap((metric, m) =>
        candidates.map((candidate, k) => {
          const p50 = m === 1 ? 300 - 25 * k : 0.4 + 0.05 * k;
          const sd = m === 1 ? 90 : 0.08;
          return {
            candidate,
            metric,
            p05: p50 - sd,
            p50,
            p95: p50 + sd,
            group: LONG_SCHEMES[k % LONG_SCHEMES.length],
          };
        }),
      );
      const texts = await checkText(
        `candidates-${count}`,
        candidateComparison(rows, {
          title: '候选费率 Candidate rates, final year (median, 90% interval)',
          formats: { [metrics[0]]: '.0%', [metrics[2]]: '.0%' },
        }),
      );
      // every candidate can be told apart: its name is drawn in full (wrapped, not cut)
      const drawn = texts.join(' ');
      for (const c of candidates) {
        for (const word of c.split(' ')) assert.ok(drawn.includes(word), `'${word}' of '${c}'`);
      }
      assert.ok(drawn.includes('%'), 'ratio axes in %');
    });
  }

  test('loss-ratio histogram: threshold and bid at the same 90%, data well below', async () => {
    const texts = await checkText(
      'loss-ratio-same-lines',
      lossRatioDistribution(around(0.45, 0.08, 400), {
        threshold: 0.9,
        bid: 0.9,
        title: '达州市职工大额医疗费用补助 第3年赔付率 Loss ratio, year 3',
      }),
    );
    assert.ok(
      texts.some((t) => /调整线.*= 投标 bid/.test(t)),
      'one label for both lines',
    );
    // the axis reaches the lines: its last tick is at or past 90%
    const ticks = texts.filter((t) => /^\d+%$/.test(t)).map((t) => Number(t.slice(0, -1)));
    assert.ok(Math.max(...ticks) >= 90, `ticks ${ticks}`);
  });

  test('loss-ratio histogram: threshold, bid and break-even apart', async () => {
    await checkText(
      'loss-ratio-apart',
      lossRatioDistribution(around(1.02, 0.25, 400), { threshold: 0.9, bid: 0.82 }),
    );
    await checkText(
      'loss-ratio-break-even',
      lossRatioDistribution(around(0.7, 0.1, 400), {
        threshold: 1,
        thresholdLabel: '盈亏线 break-even',
      }),
    );
  });

  test('fund balance fan over 30 years', async () => {
    const rows = Array.from({ length: 31 }, (_, year) => {
      const m = 5000 - 300 * year;
      const sd = 40 * year;
      return {
        year,
        p05: m - 1.6 * sd,
        p25: m - 0.7 * sd,
        p50: m,
        p75: m + 0.7 * sd,
        p95: m + 1.6 * sd,
      };
    });
    await checkText(
      'fan-30-years',
      fundBalanceFan(rows, {
        title: '鄂尔多斯市职工基本医疗保险商业补充保险 基金结余 Fund balance (万元)',
      }),
    );
  });

  test('out-of-pocket CCDF with alert and catastrophic lines close together', async () => {
    const values = Array.from({ length: 5000 }, (_, i) =>
      i % 3 === 0 ? 0 : Math.exp(6 + 3 * Math.abs(Math.sin(i))),
    );
    await checkText(
      'oop-ccdf-close-lines',
      oopBurdenCcdf(values, {
        alert: 10000,
        catastrophic: 12000,
        title: '黄山市某区重特大疾病医疗保险和救助 个人自付 Out-of-pocket per person, year 1',
      }),
    );
  });

  test('who pays across 14 cost bands with long names', async () => {
    const rows = Array.from({ length: 14 }, (_, i) => ({
      band: `${(i * 10000).toLocaleString('en-US')}–${((i + 1) * 10000).toLocaleString('en-US')} 元`,
      basic: 100 + i,
      supplementary: 20 * i,
      aid: 5,
      person: 80,
    }));
    await checkText('who-pays-14-bands', whoPaysByBand(rows));
  });

  test('sensitivity tornado with long assumption names', async () => {
    const rows = Array.from({ length: 9 }, (_, i) => ({
      assumption: `${['住院频率', '次均住院费用', '门诊慢特病频率', '医疗费用增长'][i % 4]} ${['inpatient admissions per person a year', 'cost per admission', 'chronic outpatient visits', 'medical cost trend'][i % 4]} ±${10 + 5 * i}%`,
      low: 0.8 - 0.02 * i,
      high: 0.9 + 0.03 * i,
    }));
    await checkText(
      'tornado-long',
      sensitivityTornado(rows, 0.86, { metric: '赔付率 Loss ratio', format: '.1%' }),
    );
  });
});
