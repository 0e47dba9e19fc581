/**
 * Notebook helpers (tslab kernel): show a chart in one call, turn any result into a
 * danfojs DataFrame for people to look at, and hold a notebook's prose to its numbers
 * (assertStated). Outside a tslab kernel `show` returns the SVG text instead of displaying
 * it, so the same code runs in scripts and tests.
 */
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './charts/render';
import { YibaoError } from './errors';
import { formatFigure } from './format/numbers';
import { type Column, type ColumnHints, columnsOf, htmlTable } from './format/table';
import type { FundingKind } from './fund/rules';
import * as msg from './messages';
import type { Comparison } from './simulate/compare';
import type { Summary } from './simulate/metrics';
import { summaryColumns, summaryRows } from './simulate/output';
import type { PoolingResult } from './simulate/pooling';
import type { PriceResult, PriceTarget } from './simulate/price';

interface TslabDisplay {
  html(html: string): void;
}

function tslabDisplay(): TslabDisplay | undefined {
  try {
    // tslab is a module only inside its kernel; a plain require keeps it optional
    return (require('tslab') as { display: TslabDisplay }).display;
  } catch {
    return undefined;
  }
}

/**
 * Renders a vega-lite spec to SVG and displays it in the notebook. Returns nothing, so the
 * cell does not also print the SVG text (renderSvg gives the text).
 */
export async function show(spec: TopLevelSpec): Promise<void> {
  const svg = await renderSvg(spec);
  tslabDisplay()?.html(svg);
}

type Row = Record<string, string | number | boolean | null | undefined>;

/**
 * A danfojs DataFrame of rows, nested values flattened to `a.b` columns. danfojs is an
 * optional peer dependency (it brings TensorFlow and Plotly with it), loaded on first use:
 * install it beside yibao (`npm install danfojs@1.1.2`) to use DataFrames.
 */
export function toDataFrame(rows: object[]): import('danfojs').DataFrame {
  let dfd: typeof import('danfojs');
  try {
    dfd = require('danfojs') as typeof import('danfojs');
  } catch {
    throw new YibaoError(
      'toDataFrame needs danfojs, an optional peer dependency of yibao: npm install danfojs@1.1.2',
    );
  }
  return new dfd.DataFrame(rows.map((r) => flatten(r)));
}

function flatten(value: object, prefix = '', out: Row = {}): Row {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out);
    else out[key] = Array.isArray(v) ? v.join(' ') : (v as Row[string]);
  }
  return out;
}

/**
 * The keys every notebook means the same thing by, described once: the summary's measures
 * (`loss_ratio_p50`, `premium_mean`, `deficit_probability` …: summaryColumns, whose money
 * reads in 万元) but its rate (whose unit is the scheme's), the columns of rowsOf, and the
 * rows' usual coordinates. A table's own hints override them.
 */
export const NOTEBOOK_COLUMNS: ColumnHints = {
  ...Object.fromEntries(
    summaryColumns('pool_share')
      .filter((c) => c.kind !== 'rate')
      .map(({ key, label, kind }) => [key, { label, kind }]),
  ),
  scenario: { kind: 'index', label: { zh: '情景', en: 'scenario' } },
  period: { kind: 'index', label: { zh: '合作期', en: 'cooperation period' } },
  parameter: { kind: 'text', label: { zh: '参数', en: 'parameter' } },
  value: { kind: 'number', label: { zh: '取值', en: 'value' } },
  source: { kind: 'text', label: { zh: '来源', en: 'source' } },
  // rowsOf.whoGains
  slice: { kind: 'text', label: { zh: '人群', en: 'group' } },
  persons: { kind: 'count', label: { zh: '人数', en: 'persons' } },
  oop_baseline: { kind: 'yuan', label: { zh: '人均自付 现行', en: 'out of pocket, baseline' } },
  oop_variant: { kind: 'yuan', label: { zh: '人均自付 方案', en: 'out of pocket, variant' } },
  oop_change: { kind: 'yuan', label: { zh: '人均自付 变化', en: 'out of pocket, change' } },
  ci_low: { kind: 'yuan', label: { zh: '变化 95%下限', en: 'change, 95% low' } },
  ci_high: { kind: 'yuan', label: { zh: '变化 95%上限', en: 'change, 95% high' } },
  // rowsOf.pooling
  pool: { kind: 'text', label: { zh: '统筹区', en: 'pool' } },
  opening_balance: { kind: 'wan', label: { zh: '期初结余', en: 'opening balance' } },
  loss_ratio_sd: { kind: 'percent', label: { zh: '净赔付率 标准差', en: 'net loss ratio sd' } },
};

/**
 * A described column list as hints by key, to describe a table's columns from it and more:
 * `showTable(rows, { ...hintsOf(CANDIDATE_COLUMNS), members: { label: … } })`.
 */
export const hintsOf = (columns: readonly Column[]): ColumnHints =>
  Object.fromEntries(columns.map((c) => [c.key, c]));

/**
 * The HTML table showTable displays: nested values as `a.b` columns, each figure by its
 * kind's rule (../format/numbers). A key's kind and label come from `columns`, then from
 * NOTEBOOK_COLUMNS; other numbers are shown by the 'decimal' rule, headed by their key in words.
 */
export function notebookTable(rows: object[], columns: ColumnHints | Column[] = {}): string {
  const flat = rows.map((r) => flatten(r));
  const hints = Array.isArray(columns) ? hintsOf(columns) : columns;
  return htmlTable(columnsOf(flat, { ...NOTEBOOK_COLUMNS, ...hints }), flat);
}

/**
 * Displays rows as an HTML table in the notebook (notebookTable): `columns` name the kind or
 * the label of the keys it knows, e.g. `{ loss_ratio: 'percent', balance: { kind: 'wan',
 * label: { zh: '结余', en: 'balance' } } }`, or are a described column list
 * (`summaryColumns(funding.kind)` for `rowsOf.summary`).
 */
export function showTable(rows: object[], columns: ColumnHints | Column[] = {}): void {
  tslabDisplay()?.html(notebookTable(rows, columns));
}

/** A price's target in words, its figure as the table shows it: '预期赔付率 expected loss ratio 90.0%'. */
const targetText = (t: PriceTarget) =>
  'lossRatio' in t
    ? `预期赔付率 expected loss ratio ${formatFigure(t.lossRatio, 'percent')}`
    : `任一年赤字概率 P(deficit in some year) ≤ ${formatFigure(t.deficitProbability, 'probability')}`;

/**
 * The columns of rowsOf.prices: the rates in the scheme's unit (`unit`), the target measure
 * at the current rate as a share (a loss ratio or a probability, by the row's target).
 */
export function priceColumns(unit: FundingKind): Column[] {
  const rate = (key: string, zh: string, en: string): Column => ({
    key,
    label: { zh, en },
    kind: 'rate',
    rateUnit: unit,
  });
  return [
    { key: 'target', label: { zh: '目标', en: 'target' }, kind: 'text' },
    rate('rate', '费率', 'rate'),
    rate('standard_error', '标准误', 'standard error'),
    rate('low', '90%区间 下限', '90% interval, low'),
    rate('high', '90%区间 上限', '90% interval, high'),
    { key: 'relative_error', label: { zh: '相对误差', en: 'relative error' }, kind: 'percent' },
    rate('current_rate', '现行费率', 'current rate'),
    {
      key: 'at_current_rate',
      label: { zh: '现行费率下的目标值', en: 'the target measure at the current rate' },
      kind: 'percent',
    },
  ];
}

/** Rows of common results, ready for toDataFrame / showTable. */
export const rowsOf = {
  summary: (s: Summary) => summaryRows(s),
  comparison: (c: Comparison) =>
    c.years.flatMap((y) =>
      (
        [
          'claims',
          'premium',
          'lossRatio',
          'schemeMoney',
          'insurerResult',
          'poolNetCost',
          'poolBalance',
          'oopMean',
          'aboveAlert',
          'catastrophicCapacity',
        ] as const
      ).map((k) => ({ year: y.year, measure: k, ...(y[k] ?? { undefined: true }) })),
    ),
  whoGains: (c: Comparison) =>
    [...c.byGroup, ...c.byStatus, ...c.byDecile]
      .filter((s) => s.persons > 0)
      .map((s) => ({
        slice: s.slice,
        persons: Math.round(s.persons),
        oop_baseline: s.oopPerPerson.baseline,
        oop_variant: s.oopPerPerson.variant,
        oop_change: s.oopPerPerson.difference,
        ci_low: s.oopPerPerson.low,
        ci_high: s.oopPerPerson.high,
      })),
  pooling: (p: PoolingResult) =>
    [...p.counties, p.city].map((x) => ({
      pool: x.pool,
      persons: x.persons,
      opening_balance: x.openingBalance,
      deficit_probability: x.deficitProbability,
      pool_deficit_probability: x.poolDeficitProbability,
      loss_ratio_p05: x.lossRatio?.p05 ?? null,
      loss_ratio_p50: x.lossRatio?.p50 ?? null,
      loss_ratio_sd: x.lossRatio?.sd ?? null,
    })),
  /** one row a price (../simulate/price), for showTable with priceColumns(funding.kind) */
  prices: (ps: PriceResult[]) =>
    ps.map((p) => ({
      target: targetText(p.target),
      rate: p.rate,
      standard_error: p.standardError,
      low: p.low,
      high: p.high,
      relative_error: p.standardError / p.rate,
      current_rate: p.currentRate,
      at_current_rate: p.atCurrentRate,
    })),
};

/**
 * Checks a figure a notebook's text states against the one it computed, so that prose
 * cannot drift from the numbers: `stated` is the figure as the text writes it — `0.12%`,
 * `53%`, `1,111`, `463.5万`, `0.9` — and `computed` must round to it, i.e. lie within half a
 * unit of its last digit (`0.12%`: 0.00115 to 0.00125). Throws naming both otherwise.
 *
 * @example assertStated('rate for a 90% loss ratio', 0.001236, '0.12%') // passes
 */
export function assertStated(what: string, computed: number, stated: string): void {
  const m = /^(-?[\d,]*\.?\d+)\s*(%|万)?$/.exec(stated.trim());
  if (!m) throw new YibaoError(msg.notebook.notAFigure(stated));
  const digits = m[1].replace(/,/g, '');
  const decimals = digits.includes('.') ? digits.split('.')[1].length : 0;
  const scale = m[2] === '%' ? 0.01 : m[2] === '万' ? 1e4 : 1;
  const tolerance = 0.5 * 10 ** -decimals * scale;
  // a relative hair for the binary fractions of decimals (0.125 written as 0.13)
  if (!(Math.abs(computed - Number(digits) * scale) <= tolerance * (1 + 1e-9)))
    throw new YibaoError(msg.notebook.contradicts(what, stated, computed));
}
