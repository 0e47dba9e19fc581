// Chart builders: plain data in, vega-lite 5 spec out. No rendering here (see render.ts), so
// the specs can also be embedded in notebooks or reports that render in a browser.
// Titles and axis labels are bilingual (Chinese first, then English) because the readers are
// both fund administrators and outside reviewers.
import type { TopLevelSpec } from 'vega-lite';

import { CJK_FONT_FAMILY } from './fonts';
import { lineWidth, wrapLines } from './text-metrics';

export { CJK_FONT_FAMILY };

export const CHART_WIDTH = 560;
export const CHART_HEIGHT = 320;

// Colours for the payer breakdown and other categorical series: a colour-blind-safe set
// (Tableau 10 subset) so that basic insurance and the person stay distinguishable in print.
const BLUE = '#4c78a8';
const ORANGE = '#f58518';
const GREEN = '#54a24b';
const RED = '#e45756';
const GREY = '#555555';

/** The parts shared by every chart: schema, title, font and a quiet default style. */
function frame(title: string) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, anchor: 'start' as const, fontSize: 15, offset: 12 },
    background: 'white',
    config: {
      font: CJK_FONT_FAMILY,
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' as const },
      legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' as const },
    },
  };
}

/** A labelled reference line (rule) on a quantitative x axis, e.g. an adjustment threshold. */
interface Marker {
  at: number;
  label: string;
  color: string;
  /** Where the rule sits across the plot, 0 (left) to 1 (right); decides the label's side. */
  position: number;
}

/** Width in pixels of a label at the chart's label size (11 px), in the chart font. */
const labelWidth = (text: string) => lineWidth(text, 11);

/**
 * Which way each marker's label runs from its rule and in which row, top first, so that no
 * label runs off the chart or across another marker's rule: a label that spans a rule must
 * sit in a higher row than that rule reaches. Markers are few (two or three), so every choice
 * of sides is tried; rightwards is preferred.
 */
function placeMarkers(markers: Marker[]): (Marker & { leftwards: boolean })[] {
  const n = markers.length;
  const x = markers.map((m) => m.position * CHART_WIDTH);
  const w = markers.map((m) => labelWidth(m.label) + 4);
  let best: { order: number[]; left: boolean[]; cost: number } | undefined;
  for (let mask = 0; mask < 1 << n; mask++) {
    const left = markers.map((_, i) => ((mask >> i) & 1) === 1);
    const span = (i: number) => (left[i] ? [x[i] - w[i], x[i]] : [x[i], x[i] + w[i]]);
    // off the chart: past the right edge (20 px of slack) or into the y axis on the left
    const off = markers.filter((_, i) => span(i)[1] > CHART_WIDTH + 20 || span(i)[0] < 0).length;
    // above[i][j]: label i spans rule j, so it needs a higher row
    const above = markers.map((_, i) =>
      markers.map((_, j) => i !== j && span(i)[0] < x[j] && x[j] < span(i)[1]),
    );
    const order: number[] = [];
    const placed = new Set<number>();
    while (order.length < n) {
      const next = markers.findIndex(
        (_, i) => !placed.has(i) && markers.every((_, k) => placed.has(k) || !above[k][i]),
      );
      if (next < 0) break; // two labels span each other's rules
      order.push(next);
      placed.add(next);
    }
    const cost = 100 * off + 10 * (n - order.length) + left.filter(Boolean).length;
    if (!best || cost < best.cost) {
      for (let i = 0; i < n; i++) if (!placed.has(i)) order.push(i);
      best = { order, left, cost };
    }
  }
  return best!.order.map((i) => ({ ...markers[i], leftwards: best!.left[i] }));
}

/**
 * Vertical rules with their labels stacked above the plot, one row per marker, so a label
 * never covers the data, another label or another rule (placeMarkers); each rule runs up to
 * its label.
 */
function verticalMarkers(markers: Marker[], plotHeight: number) {
  const sided = placeMarkers(markers);
  const rows = sided.map((m, i) => ({ ...m, top: -2 - 16 * (sided.length - 1 - i) }));
  const x = { field: 'at', type: 'quantitative' as const };
  const color = { field: 'color', type: 'nominal' as const, scale: null };
  const labels = (leftwards: boolean) => ({
    data: { values: rows.filter((m) => m.leftwards === leftwards) },
    mark: {
      type: 'text' as const,
      align: leftwards ? ('right' as const) : ('left' as const),
      dx: leftwards ? -4 : 4,
      baseline: 'middle' as const,
    },
    encoding: {
      x,
      y: { field: 'top', type: 'quantitative' as const, scale: null },
      text: { field: 'label', type: 'nominal' as const },
      color,
    },
  });
  return [
    {
      data: { values: rows },
      mark: { type: 'rule' as const, strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: {
        x,
        y: { field: 'top', type: 'quantitative' as const, scale: null },
        y2: { value: plotHeight },
        color,
      },
    },
    labels(false),
    labels(true),
  ];
}

/** [min, max] of the finite values; a loop, since spreading 10^5 values into Math.min overflows. */
function extent(values: number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Powers of ten from the one at or below lo to the one at or above hi (log axis ticks). */
function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

/** Fraction of the way from lo to hi, clamped to [0, 1]. */
const fraction = (v: number, lo: number, hi: number) =>
  hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;

// ---------------------------------------------------------------------------------------------
// 1. Fund balance fan chart

export interface FanRow {
  year: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/**
 * A projected amount by year (a balance, the scheme money): median line inside 50% and 90%
 * simulation bands; `yTitle` names the amount.
 */
export function fundBalanceFan(
  rows: FanRow[],
  opts: { title?: string; yTitle?: string } = {},
): TopLevelSpec {
  const band90 = '90% 区间 90% band';
  const band50 = '50% 区间 50% band';
  const median = '中位数 median';
  // One shared colour scale over constant datums gives a legend for the bands without
  // reshaping the data.
  const color = {
    type: 'nominal' as const,
    scale: { domain: [band90, band50, median], range: ['#c6dbef', '#6baed6', '#08519c'] },
    legend: {
      title: null,
      orient: 'top' as const,
      direction: 'horizontal' as const,
      symbolType: 'square',
    },
  };
  // Ticks at the years themselves (a quantitative axis would put some between them), every
  // k-th year when labels at every year would touch; the first and the last always.
  const years = rows.map((r) => r.year);
  const px = CHART_WIDTH / Math.max(1, years.length - 1);
  const widest = years.reduce((w, y) => Math.max(w, labelWidth(String(y))), 0);
  const k = Math.ceil((widest + 8) / px);
  const ticks = years.filter((_, i) => i % k === 0 && years.length - 1 - i >= k / 2);
  const x = {
    field: 'year',
    type: 'quantitative' as const,
    title: '年份 Year',
    axis: { format: 'd', values: [...ticks, years[years.length - 1]], labelFlush: false },
    scale: { nice: false },
  };
  return {
    ...frame(opts.title ?? '基金结余预测 Fund balance projection'),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: rows },
    // x is set per layer rather than on the whole chart, so the zero rule (no year) spans it.
    layer: [
      {
        mark: { type: 'area', opacity: 0.9 },
        encoding: {
          x,
          y: {
            field: 'p05',
            type: 'quantitative',
            title: opts.yTitle ?? '基金结余 Fund balance (万元)',
          },
          y2: { field: 'p95' },
          color: { ...color, datum: band90 },
        },
      },
      {
        mark: { type: 'area', opacity: 0.9 },
        encoding: {
          x,
          y: { field: 'p25', type: 'quantitative' },
          y2: { field: 'p75' },
          color: { ...color, datum: band50 },
        },
      },
      {
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: {
          x,
          y: { field: 'p50', type: 'quantitative' },
          color: { ...color, datum: median },
        },
      },
      {
        // The zero line: below it the fund is exhausted, the event the projection is about.
        data: { values: [{}] },
        mark: { type: 'rule', color: RED, strokeWidth: 1.5, strokeDash: [6, 4] },
        encoding: { y: { datum: 0, type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------
// 2. Loss-ratio distribution

const pct = (v: number) => `${(v * 100).toFixed(v * 100 === Math.round(v * 100) ? 0 : 1)}%`;

/** A round bin width near `raw`: 1, 2, 2.5 or 5 times a power of ten. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  return p * ([1, 2, 2.5, 5, 10].find((m) => m * p >= raw) ?? 10);
}

/** Counts of the values in bins of width `step` from `start`, up to `end`. */
function histogram(values: number[], start: number, end: number, step: number) {
  const n = Math.max(1, Math.round((end - start) / step));
  const counts = new Array<number>(n).fill(0);
  // (1e-9: a value on an edge, 0.3 with bins of 0.02, goes up despite rounding)
  for (const v of values)
    if (Number.isFinite(v))
      counts[Math.min(n - 1, Math.max(0, Math.floor((v - start) / step + 1e-9)))]++;
  return counts.map((count, i) => ({ from: start + i * step, to: start + (i + 1) * step, count }));
}

/**
 * Histogram of simulated loss ratios with the contract adjustment threshold and the bid.
 * The axis spans the data and both lines, so its ticks cover all that is drawn; a bid at the
 * threshold is one line with one label.
 */
export function lossRatioDistribution(
  values: number[],
  opts: { threshold?: number; thresholdLabel?: string; bid?: number; title?: string } = {},
): TopLevelSpec {
  // The reference line: the contract's adjustment threshold (90% by default), or what the
  // caller names, such as 100% break-even for a scheme without rate adjustment.
  const threshold = opts.threshold ?? 0.9;
  const [vlo, vhi] = extent(values);
  const lines = [threshold, ...(opts.bid === undefined ? [] : [opts.bid])];
  const lo = lines.reduce((m, v) => Math.min(m, v), vlo);
  const hi = lines.reduce((m, v) => Math.max(m, v), vhi);
  const step = niceStep(Math.max(hi - lo, 0.01) / 40);
  // one empty bin each side, so no line sits on the frame
  const start = (Math.floor(lo / step + 1e-9) - 1) * step;
  const end = (Math.ceil(hi / step - 1e-9) + 1) * step;
  const thresholdText = `${pct(threshold)} ${opts.thresholdLabel ?? '调整线 adjustment threshold'}`;
  const markers: Marker[] = [];
  if (opts.bid !== undefined && Math.abs(opts.bid - threshold) < step / 2) {
    markers.push({
      at: threshold,
      label: `${thresholdText} = 投标 bid`,
      color: RED,
      position: fraction(threshold, start, end),
    });
  } else {
    markers.push({
      at: threshold,
      label: thresholdText,
      color: RED,
      position: fraction(threshold, start, end),
    });
    if (opts.bid !== undefined)
      markers.push({
        at: opts.bid,
        label: `投标 bid ${pct(opts.bid)}`,
        color: GREY,
        position: fraction(opts.bid, start, end),
      });
  }
  const x = {
    field: 'from',
    type: 'quantitative' as const,
    title: '赔付率 Loss ratio',
    scale: { domain: [start, end], nice: false, zero: false },
    axis: { format: step * 100 >= 1 ? '.0%' : '.1%', labelFlush: true, labelOverlap: true },
  };
  return {
    ...frame(opts.title ?? '赔付率分布 Loss ratio distribution'),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values: histogram(values, start, end, step) },
        mark: { type: 'bar', color: BLUE, stroke: 'white', strokeWidth: 1 },
        encoding: {
          x,
          x2: { field: 'to' },
          y: {
            field: 'count',
            type: 'quantitative',
            title: '模拟次数 Simulations',
            axis: { format: 'd', tickMinStep: 1 },
          },
          y2: { datum: 0 },
          tooltip: [
            { field: 'from', title: '从 from', format: '.1%' },
            { field: 'to', title: '到 to', format: '.1%' },
            { field: 'count', title: '次数 count' },
          ],
        },
      },
      ...verticalMarkers(markers, CHART_HEIGHT).map((layer) => ({
        ...layer,
        encoding: { ...layer.encoding, x: { ...layer.encoding.x, scale: x.scale } },
      })),
    ],
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------
// 3. Out-of-pocket burden CCDF

/** Largest index i such that sorted[i] <= x, plus one (the count of values <= x). */
function countAtMost(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Points (x, share of persons with out-of-pocket > x) for x > 0, at most `maxPoints` of them;
 * the first is the share with any out-of-pocket at all, at the smallest positive amount.
 * With many distinct amounts the x grid is log-spaced, matching the log axis, so the curve is
 * evenly resolved from small bills to the catastrophic tail. Shares are over all persons,
 * including those with nothing out of pocket.
 */
export function ccdfPoints(values: number[], maxPoints = 400): { oop: number; share: number }[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  const positive = [...new Set(sorted.filter((v) => v > 0))];
  let grid: number[];
  // One point is kept for the start (below), so the grid has maxPoints - 1.
  const gridSize = maxPoints - 1;
  if (positive.length <= gridSize) {
    grid = positive;
  } else {
    const lo = Math.log(positive[0]);
    const hi = Math.log(positive[positive.length - 1]);
    grid = Array.from({ length: gridSize }, (_, i) =>
      Math.exp(lo + ((hi - lo) * i) / (gridSize - 1)),
    );
  }
  if (n === 0 || positive.length === 0) return [];
  // The curve starts at the share with anything out of pocket; with step-after interpolation
  // this point and the next draw the drop at the smallest amount.
  const start = { oop: positive[0], share: (n - countAtMost(sorted, 0)) / n };
  // Share 0 (above the largest amount) cannot sit on a log y axis, so it is dropped.
  const rest = grid
    .map((x) => ({ oop: x, share: (n - countAtMost(sorted, x)) / n }))
    .filter((p) => p.share > 0);
  return [start, ...rest];
}

/** Complementary CDF of personal out-of-pocket spending, log-log, with alert thresholds. */
export function oopBurdenCcdf(
  values: number[],
  opts: { alert?: number; catastrophic?: number; title?: string } = {},
): TopLevelSpec {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const above = (x: number) => pct((sorted.length - countAtMost(sorted, x)) / sorted.length);
  const alert = opts.alert ?? 10000;
  const points = ccdfPoints(sorted);
  // Axis limits in decades: the minor log ticks (2, 3, ... 9 per decade) are too busy.
  const xTicks = decades(
    Math.min(points[0]?.oop ?? 1, alert, opts.catastrophic ?? alert),
    Math.max(points[points.length - 1]?.oop ?? 10, alert, opts.catastrophic ?? alert),
  );
  const yTicks = decades(points[points.length - 1]?.share ?? 0.01, 1);
  const position = (x: number) =>
    fraction(Math.log10(x), Math.log10(xTicks[0]), Math.log10(xTicks[xTicks.length - 1]));
  const fmt = (v: number) => v.toLocaleString('en-US');
  const markers: Marker[] = [
    {
      at: alert,
      label: `预警线 alert ${fmt(alert)}元 (${above(alert)} 超过 above)`,
      color: ORANGE,
      position: position(alert),
    },
  ];
  if (opts.catastrophic !== undefined) {
    markers.push({
      at: opts.catastrophic,
      label: `灾难性 catastrophic ${fmt(opts.catastrophic)}元 (${above(opts.catastrophic)} 超过 above)`,
      color: RED,
      position: position(opts.catastrophic),
    });
  }
  return {
    ...frame(opts.title ?? '个人自付负担 Out-of-pocket burden'),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values: points },
        mark: { type: 'line', color: BLUE, strokeWidth: 2, interpolate: 'step-after' },
        encoding: {
          x: {
            field: 'oop',
            type: 'quantitative',
            scale: { type: 'log', domain: [xTicks[0], xTicks[xTicks.length - 1]] },
            title: '个人自付 Out-of-pocket (元, 对数 log scale)',
            axis: { format: ',', values: xTicks },
          },
          y: {
            field: 'share',
            type: 'quantitative',
            scale: { type: 'log', domain: [yTicks[0], 1] },
            title: '自付超过x的人数占比 Share of persons > x',
            axis: { format: '~%', values: yTicks },
          },
        },
      },
      ...verticalMarkers(markers, CHART_HEIGHT),
    ],
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------
// 4. Who pays, by cost band

export interface PayerRow {
  band: string;
  basic: number;
  supplementary: number;
  aid: number;
  person: number;
}

/**
 * Axis labels for categories `step` pixels apart: level when they fit, wrapped between words
 * when every word fits, upright (turned a quarter) otherwise — never cut, never on each other.
 */
function categoryAxis(labels: string[], step: number) {
  const room = step - 8;
  if (labels.every((l) => labelWidth(l) <= room)) return { labelAngle: 0, labelLimit: 0 };
  const words = labels.flatMap((l) => l.split(/\s+/));
  if (words.every((w) => labelWidth(w) <= room)) {
    const wrapped = Object.fromEntries(labels.map((l) => [l, wrapLines(l, room, 11)]));
    return {
      labelAngle: 0,
      labelLimit: 0,
      labelLineHeight: 13,
      labelExpr: `${JSON.stringify(wrapped)}[datum.label] || datum.label`,
    };
  }
  return {
    labelAngle: -90,
    labelLimit: 0,
    labelAlign: 'right' as const,
    labelBaseline: 'middle' as const,
  };
}

const PAYERS: { key: keyof Omit<PayerRow, 'band'>; label: string; color: string }[] = [
  { key: 'basic', label: '基本医保 basic', color: BLUE },
  { key: 'supplementary', label: '补充 supplementary', color: GREEN },
  { key: 'aid', label: '医疗救助 aid', color: ORANGE },
  { key: 'person', label: '个人 person', color: RED },
];

/** Stacked bars: for each cost band, how the total is split between the payers. */
export function whoPaysByBand(
  rows: PayerRow[],
  opts: { title?: string; unit?: string; normalize?: boolean; bandTitle?: string } = {},
): TopLevelSpec {
  // Long form, with the payer's rank so the stack order matches the legend order.
  const long = rows.flatMap((row) =>
    PAYERS.map((p, rank) => ({ band: row.band, payer: p.label, rank, amount: row[p.key] })),
  );
  const unit = opts.unit ?? '万元';
  const bands = rows.map((r) => r.band);
  return {
    ...frame(opts.title ?? '各费用段支付构成 Who pays, by cost band'),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    data: { values: long },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'band',
        type: 'nominal',
        sort: bands,
        title: opts.bandTitle ?? '费用段 Cost band',
        axis: categoryAxis(bands, CHART_WIDTH / Math.max(1, bands.length)),
      },
      y: {
        field: 'amount',
        type: 'quantitative',
        stack: opts.normalize ? 'normalize' : 'zero',
        title: opts.normalize ? '支付占比 Share paid' : `支付金额 Amount paid (${unit})`,
        ...(opts.normalize ? { axis: { format: '%' } } : {}),
      },
      color: {
        field: 'payer',
        type: 'nominal',
        scale: { domain: PAYERS.map((p) => p.label), range: PAYERS.map((p) => p.color) },
        legend: { title: '支付方 Payer', orient: 'right' },
      },
      order: { field: 'rank', type: 'quantitative' },
      tooltip: [
        { field: 'band', title: '费用段' },
        { field: 'payer', title: '支付方' },
        { field: 'amount', title: unit, format: ',.1f' },
      ],
    },
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------
// 5. Candidate comparison

export interface CandidateRow {
  candidate: string;
  metric: string;
  p05: number;
  p50: number;
  p95: number;
  /** what the colour tells apart (the scheme of several candidate rates), with a legend */
  group?: string;
}

// Candidate names are written in full on the left, wrapped to this many pixels a line.
const CANDIDATE_LABEL_WIDTH = 230;
const PANEL_WIDTH = 170;

/** Distinct hues for up to 10 groups (Tableau 10), paired shades for up to 20 (Tableau 20). */
const groupColors = (n: number) => (n <= 10 ? 'tableau10' : 'tableau20');

/**
 * One panel per metric, side by side (`columns` to a row): each candidate's median with its
 * 90% interval (p05–p95), the candidates down the side with their names in full, wrapped
 * rather than cut, so any number of candidates can be told apart. `formats` give a metric's
 * axis format (d3-format, '.0%' for a ratio); `group`, when given, colours the candidates,
 * with a legend.
 */
export function candidateComparison(
  rows: CandidateRow[],
  opts: { title?: string; columns?: number; formats?: Record<string, string> } = {},
): TopLevelSpec {
  const metrics = [...new Set(rows.map((r) => r.metric))];
  const names = [...new Set(rows.map((r) => r.candidate))];
  const wrapped = new Map(
    names.map((n) => [n, wrapLines(n, CANDIDATE_LABEL_WIDTH, 11).join('\n')]),
  );
  const lines = [...wrapped.values()].reduce((n, w) => Math.max(n, w.split('\n').length), 1);
  const groups = [...new Set(rows.flatMap((r) => (r.group === undefined ? [] : [r.group])))];
  const columns = opts.columns ?? Math.min(metrics.length, 3);
  const data = rows.map((r) => ({ ...r, label: wrapped.get(r.candidate)! }));
  const color =
    groups.length > 0
      ? {
          field: 'group',
          type: 'nominal' as const,
          sort: groups,
          scale: { domain: groups, scheme: groupColors(groups.length) },
          legend: {
            title: '分组 group',
            orient: 'bottom' as const,
            direction: 'vertical' as const,
            labelLimit: 0,
          },
        }
      : { value: BLUE };
  const panel = (metric: string, i: number) => {
    const y = {
      field: 'label',
      type: 'nominal' as const,
      title: null,
      scale: { domain: names.map((n) => wrapped.get(n)!) },
      // the names on the first panel of each row only; the others share its rows
      axis:
        i % columns === 0
          ? { labelLimit: 0, labelExpr: "split(datum.label, '\\n')", labelLineHeight: 13 }
          : null,
    };
    const x = {
      type: 'quantitative' as const,
      title: null,
      // a little room, so that no interval ends on the axis line
      scale: { zero: false, padding: 10 },
      axis: {
        format: opts.formats?.[metric] ?? ',.4~r',
        tickCount: 4,
        // labels centred on their ticks (a flush end label crowds its neighbour); the padding
        // keeps the end ones inside the panel's room
        labelFlush: false,
        labelOverlap: 'greedy' as const,
      },
    };
    return {
      title: {
        text: wrapLines(metric, PANEL_WIDTH, 12, true),
        fontSize: 12,
        anchor: 'middle' as const,
      },
      width: PANEL_WIDTH,
      height: { step: Math.max(22, 13 * lines + 9) },
      transform: [{ filter: { field: 'metric', equal: metric } }],
      layer: [
        {
          mark: { type: 'errorbar', ticks: true, color: GREY },
          encoding: { y, x: { ...x, field: 'p05' }, x2: { field: 'p95' } },
        },
        {
          mark: { type: 'point', filled: true, size: 60, opacity: 1 },
          encoding: {
            y,
            x: { ...x, field: 'p50' },
            color,
            tooltip: [
              { field: 'candidate', title: '方案 candidate' },
              { field: 'metric', title: '指标 metric' },
              ...(['p05', 'p50', 'p95'] as const).map((field) => ({
                field,
                format: opts.formats?.[metric] ?? ',.4~r',
              })),
            ],
          },
        },
      ],
    };
  };
  return {
    ...frame(
      opts.title ?? '候选方案比较 Candidate comparison (中位数与90%区间 median, 90% interval)',
    ),
    data: { values: data },
    concat: metrics.map(panel),
    columns,
    spacing: 24,
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------
// 6. Sensitivity tornado

export interface SensitivityRow {
  /** The assumption varied, e.g. '住院率 admission rate ±10%'. */
  assumption: string;
  /** The output metric with the assumption at its low setting. */
  low: number;
  /** The output metric with the assumption at its high setting. */
  high: number;
}

const TORNADO_LABEL_WIDTH = 260;

/** Tornado: for each assumption, bars from the base result to its low and high results. */
export function sensitivityTornado(
  rows: SensitivityRow[],
  base: number,
  opts: { title?: string; metric?: string; format?: string } = {},
): TopLevelSpec {
  const swing = (r: SensitivityRow) => Math.abs(r.high - r.low);
  const order = [...rows].sort((a, b) => swing(b) - swing(a)).map((r) => r.assumption);
  const lowLabel = '低值 low';
  const highLabel = '高值 high';
  const long = rows.flatMap((r) => [
    { assumption: r.assumption, side: lowLabel, value: r.low, base, left: r.low < base },
    { assumption: r.assumption, side: highLabel, value: r.high, base, left: r.high < base },
  ]);
  const format = opts.format ?? ',';
  const xTitle = opts.metric ?? '基金结余 Fund balance (万元)';
  // names in full, wrapped at TORNADO_LABEL_WIDTH pixels a line
  const wrapped = Object.fromEntries(order.map((a) => [a, wrapLines(a, TORNADO_LABEL_WIDTH, 11)]));
  const lines = Object.values(wrapped).reduce((n, l) => Math.max(n, l.length), 1);
  const y = {
    field: 'assumption',
    type: 'nominal' as const,
    sort: order,
    title: null,
    axis: {
      labelLimit: 0,
      labelLineHeight: 13,
      labelExpr: `${JSON.stringify(wrapped)}[datum.label] || datum.label`,
    },
  };
  // Value labels at the outer end of each bar: right-aligned on the left side of the base.
  const valueLabel = (left: boolean) => ({
    transform: [{ filter: left ? 'datum.left' : '!datum.left' }],
    mark: {
      type: 'text' as const,
      align: left ? ('right' as const) : ('left' as const),
      dx: left ? -4 : 4,
      fontSize: 10,
      color: GREY,
    },
    encoding: {
      x: { field: 'value', type: 'quantitative' as const },
      y,
      text: { field: 'value', type: 'quantitative' as const, format },
    },
  });
  return {
    ...frame(opts.title ?? '敏感性分析 Sensitivity (龙卷风图 tornado)'),
    width: CHART_WIDTH,
    height: Math.max(160, rows.length * Math.max(34, 13 * lines + 12)),
    data: { values: long },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y,
          // Padding (pixels) leaves room for the value labels at the ends of the longest bars.
          x: {
            field: 'value',
            type: 'quantitative',
            title: xTitle,
            scale: { zero: false, padding: 48 },
            // the axis in the caller's format (a ratio in %), else vega's own for the ticks
            axis: { ...(opts.format ? { format } : {}), labelFlush: true, labelOverlap: true },
          },
          x2: { field: 'base' },
          color: {
            field: 'side',
            type: 'nominal',
            scale: { domain: [lowLabel, highLabel], range: [ORANGE, BLUE] },
            legend: { title: '假设取值 Assumption at', orient: 'bottom' },
          },
        },
      },
      valueLabel(true),
      valueLabel(false),
      {
        data: { values: [{}] },
        mark: { type: 'rule', color: '#222', strokeWidth: 1.5 },
        encoding: { x: { datum: base, type: 'quantitative' } },
      },
      {
        // The base value is named just above the plot, where no bar can cover it.
        data: { values: [{}] },
        mark: {
          type: 'text',
          baseline: 'bottom',
          dy: -4,
          fontSize: 11,
          color: '#222',
          text: { expr: `'基准 base ' + format(${base}, ${JSON.stringify(format)})` },
        },
        encoding: { x: { datum: base, type: 'quantitative' }, y: { value: 0 } },
      },
    ],
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------
// 7. The insurer's result distribution (tender)

/** What the insurer-result chart marks: the mean and the value at risk, in yuan. */
export interface ResultMarkers {
  mean: number;
  /** the loss of the k-th worst scenario (a result of −var95), k = 5% of the scenarios */
  var95: number;
  var99: number;
}

/**
 * Histogram of the insurer's result over the scenarios (万元), losses in red, with the mean
 * and the results at which the 95% and 99% value at risk sit (−VaR).
 */
export function insurerResultDistribution(
  values: number[],
  marks: ResultMarkers,
  opts: { title?: string; axisTitle?: string } = {},
): TopLevelSpec {
  const wan = (v: number) => v / 1e4;
  const fmt = (v: number) => `${wan(v).toLocaleString('en', { maximumFractionDigits: 1 })}万`;
  const [vlo, vhi] = extent(values.map(wan));
  const lo = Math.min(vlo, 0);
  const hi = Math.max(vhi, 0);
  const marker = (result: number, label: string, color: string): Marker => ({
    at: wan(result),
    label,
    color,
    position: fraction(wan(result), lo, hi),
  });
  const markers = [
    marker(marks.mean, `均值 mean ${fmt(marks.mean)}`, GREY),
    marker(-marks.var95, `VaR 95% ${fmt(marks.var95)}`, ORANGE),
    marker(-marks.var99, `VaR 99% ${fmt(marks.var99)}`, RED),
  ];
  const loss = '亏损 loss';
  const profit = '盈利 profit';
  return {
    ...frame(opts.title ?? '承办机构经营结果分布 Insurer result distribution'),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values: values.map((v) => ({ result: wan(v), side: v < 0 ? loss : profit })) },
        mark: { type: 'bar', binSpacing: 1 },
        encoding: {
          x: {
            field: 'result',
            type: 'quantitative',
            bin: { maxbins: 40, extent: [lo, hi] },
            title: opts.axisTitle ?? '经营结果 Insurer result (万元)',
          },
          y: { aggregate: 'count', type: 'quantitative', title: '模拟次数 Simulations' },
          color: {
            field: 'side',
            type: 'nominal',
            scale: { domain: [profit, loss], range: [BLUE, RED] },
            legend: { title: null, orient: 'top-left' },
          },
        },
      },
      ...verticalMarkers(markers, CHART_HEIGHT),
    ],
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------
// 8. Severity QQ chart (calibration report)

export interface QqPoint {
  /** empirical quantile of the amounts */
  data: number;
  /** the same quantile of the spliced model and of one lognormal */
  spliced: number;
  lognormal: number;
}

/**
 * Quantile–quantile chart on log axes: each model's quantiles against the data's, with the
 * diagonal where a perfect model lies. A tail that bends away from it is mis-modelled.
 */
export function severityQq(points: QqPoint[], opts: { title?: string } = {}): TopLevelSpec {
  const models = ['对数正态+帕累托尾 lognormal + Pareto tail', '对数正态 lognormal'];
  const rows = points.flatMap((p) => [
    { model: models[0], data: p.data, model_quantile: p.spliced },
    { model: models[1], data: p.data, model_quantile: p.lognormal },
  ]);
  const values = points.flatMap((p) => [p.data, p.spliced, p.lognormal]).filter((v) => v > 0);
  const [lo, hi] = extent(values);
  const scale = { type: 'log' as const, domain: [lo, hi], nice: false };
  return {
    ...frame(opts.title ?? '费用分位数图 Severity QQ chart'),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: {
          values: [
            { x: lo, y: lo },
            { x: hi, y: hi },
          ],
        },
        mark: { type: 'line', color: GREY, strokeDash: [4, 4] },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale },
          y: { field: 'y', type: 'quantitative', scale },
        },
      },
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 22, opacity: 0.8 },
        encoding: {
          x: {
            field: 'model_quantile',
            type: 'quantitative',
            scale,
            title: '模型分位数 model quantile (元 yuan)',
            axis: { format: '~s' },
          },
          y: {
            field: 'data',
            type: 'quantitative',
            scale,
            title: '数据分位数 data quantile (元 yuan)',
            axis: { format: '~s' },
          },
          color: {
            field: 'model',
            type: 'nominal',
            scale: { domain: models, range: [BLUE, ORANGE] },
            legend: { orient: 'top-left', title: null, labelLimit: 0 },
          },
        },
      },
    ],
  } as TopLevelSpec;
}
