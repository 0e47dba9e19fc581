// Chart builders: plain data in, vega-lite 5 spec out. No rendering here (see render.ts), so
// the specs can also be embedded in notebooks or reports that render in a browser.
// Titles and axis labels are bilingual (Chinese first, then English) because the readers are
// both fund administrators and outside reviewers.
import type { TopLevelSpec } from 'vega-lite';

/** Family name of the CJK face in NotoSansCJK-Regular.ttc (package fonts-noto-cjk). */
export const CJK_FONT_FAMILY = 'Noto Sans CJK SC';

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

/** Rough width in pixels of an 11 px label: CJK glyphs are a full em, Latin about 0.55 em. */
const labelWidth = (text: string) =>
  [...text].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 11 : 6), 0);

/**
 * Vertical rules with their labels stacked above the plot, one row per marker, so a label
 * never covers the data or another label; each rule runs up to its label. A label that would
 * run past the right edge is written leftwards from its rule instead.
 */
function verticalMarkers(markers: Marker[], plotHeight: number) {
  const sided = markers.map((m) => ({
    ...m,
    leftwards: m.position * CHART_WIDTH + labelWidth(m.label) > CHART_WIDTH + 20,
  }));
  // Row order, top first: leftward labels from the rightmost rule, then rightward labels from
  // the leftmost. A label then only passes over rules that are shorter than its own row.
  sided.sort((a, b) =>
    a.leftwards !== b.leftwards
      ? Number(b.leftwards) - Number(a.leftwards)
      : a.leftwards
        ? b.position - a.position
        : a.position - b.position,
  );
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
  const x = {
    field: 'year',
    type: 'quantitative' as const,
    title: '年份 Year',
    // ticks at the years themselves: a quantitative axis would put some between them
    axis: { format: 'd', values: rows.map((r) => r.year) },
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

/** Histogram of simulated loss ratios with the contract adjustment threshold and the bid. */
export function lossRatioDistribution(
  values: number[],
  opts: { threshold?: number; thresholdLabel?: string; bid?: number; title?: string } = {},
): TopLevelSpec {
  // The reference line: the contract's adjustment threshold (90% by default), or what the
  // caller names, such as 100% break-even for a scheme without rate adjustment.
  const threshold = opts.threshold ?? 0.9;
  const [vlo, vhi] = extent(values);
  const lo = Math.min(threshold, opts.bid ?? threshold, vlo);
  const hi = Math.max(threshold, opts.bid ?? threshold, vhi);
  const markers: Marker[] = [
    {
      at: threshold,
      label: `${pct(threshold)} ${opts.thresholdLabel ?? '调整线 adjustment threshold'}`,
      color: RED,
      position: fraction(threshold, lo, hi),
    },
  ];
  if (opts.bid !== undefined) {
    const label = `投标 bid ${pct(opts.bid)}`;
    markers.push({ at: opts.bid, label, color: GREY, position: fraction(opts.bid, lo, hi) });
  }
  return {
    ...frame(opts.title ?? '赔付率分布 Loss ratio distribution'),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values: values.map((lossRatio) => ({ lossRatio })) },
        mark: { type: 'bar', color: BLUE, binSpacing: 1 },
        encoding: {
          x: {
            field: 'lossRatio',
            type: 'quantitative',
            bin: { maxbins: 40 },
            title: '赔付率 Loss ratio',
            axis: { format: '.0%' },
          },
          y: { aggregate: 'count', type: 'quantitative', title: '模拟次数 Simulations' },
        },
      },
      ...verticalMarkers(markers, CHART_HEIGHT),
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

const PAYERS: { key: keyof Omit<PayerRow, 'band'>; label: string; color: string }[] = [
  { key: 'basic', label: '基本医保 basic', color: BLUE },
  { key: 'supplementary', label: '补充 supplementary', color: GREEN },
  { key: 'aid', label: '医疗救助 aid', color: ORANGE },
  { key: 'person', label: '个人 person', color: RED },
];

/** Stacked bars: for each cost band, how the total is split between the payers. */
export function whoPaysByBand(
  rows: PayerRow[],
  opts: { title?: string; unit?: string; normalize?: boolean } = {},
): TopLevelSpec {
  // Long form, with the payer's rank so the stack order matches the legend order.
  const long = rows.flatMap((row) =>
    PAYERS.map((p, rank) => ({ band: row.band, payer: p.label, rank, amount: row[p.key] })),
  );
  const unit = opts.unit ?? '万元';
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
        sort: rows.map((r) => r.band),
        title: '费用段 Cost band',
        axis: { labelAngle: 0 },
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
}

/** One panel per metric: each candidate's median with its 90% interval (p05–p95). */
export function candidateComparison(
  rows: CandidateRow[],
  opts: { title?: string; columns?: number } = {},
): TopLevelSpec {
  const metrics = [...new Set(rows.map((r) => r.metric))];
  const candidates = [...new Set(rows.map((r) => r.candidate))];
  const columns = opts.columns ?? Math.min(metrics.length, 3);
  // Panels share the overall width; the 60 px per panel leaves room for its own y axis.
  const panelWidth = Math.max(120, Math.floor(CHART_WIDTH / columns) - 60);
  const x = {
    field: 'candidate',
    type: 'nominal' as const,
    sort: candidates,
    title: null,
    axis: { labelAngle: -30, labelLimit: 120 },
  };
  return {
    ...frame(
      opts.title ?? '候选方案比较 Candidate comparison (中位数与90%区间 median, 90% interval)',
    ),
    data: { values: rows },
    facet: {
      field: 'metric',
      type: 'nominal',
      sort: metrics,
      title: null,
      header: {
        labelFontSize: 12,
        labelFontWeight: 'bold',
        labelLimit: 0,
        // Bilingual names are too wide for a narrow panel: Chinese on one line, English below.
        labelExpr:
          "indexof(datum.label, ' ') > 0 ? [slice(datum.label, 0, indexof(datum.label, ' ')), " +
          "slice(datum.label, indexof(datum.label, ' ') + 1)] : datum.label",
      },
    },
    columns,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: panelWidth,
      height: 200,
      layer: [
        {
          mark: { type: 'errorbar', ticks: true, color: GREY },
          encoding: {
            x,
            y: { field: 'p05', type: 'quantitative', title: null, scale: { zero: false } },
            y2: { field: 'p95' },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            x,
            y: { field: 'p50', type: 'quantitative' },
            color: { field: 'candidate', type: 'nominal', sort: candidates, legend: null },
            tooltip: [
              { field: 'candidate', title: '方案' },
              { field: 'metric', title: '指标' },
              { field: 'p05', format: ',.3~f' },
              { field: 'p50', format: ',.3~f' },
              { field: 'p95', format: ',.3~f' },
            ],
          },
        },
      ],
    },
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
  const y = {
    field: 'assumption',
    type: 'nominal' as const,
    sort: order,
    title: null,
    axis: { labelLimit: 260 },
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
    height: Math.max(160, rows.length * 34),
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
        mark: { type: 'text', baseline: 'bottom', dy: -4, fontSize: 11, color: '#222' },
        encoding: {
          x: { datum: base, type: 'quantitative' },
          y: { value: 0 },
          text: { value: `基准 base ${base.toLocaleString('en-US')}` },
        },
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
