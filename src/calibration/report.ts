/**
 * The calibration report (`yibao calibrate --report DIR`): what was fitted from how much,
 * how far it was believed, and how the severity model fits, as report.html and report.xlsx.
 *
 *   CalibrationResult ─▶ figures table (events, persons, fitted, se, Z, written, base)
 *                     ─▶ severity tails table (threshold, tail share, α, KS) ─▶ QQ charts
 */
import { severityQq } from '../charts/specs';
import { type ColumnHints, columnsOf, type Row } from '../format/table';
import type { Report, ReportSection, ReportTable } from '../report/model';
import { figurePath } from './figures';
import type { CalibrationResult } from './fit';
import { qqPoints } from './severity-tail';

const digits = (x: number | null, n = 4) => (x === null ? null : Number(x.toPrecision(n)));

/** A table of rows whose columns are their keys, `hints` saying the kind of those it knows. */
const describedTable = (title: string, rows: Row[], hints: ColumnHints): ReportTable => ({
  title,
  columns: columnsOf(rows, hints),
  rows,
});

export function calibrationReport(result: CalibrationResult): Report {
  const { fitted, figures, standard } = result;
  const blended = figures.filter((f) => f.written !== null && f.z < 1).length;
  const kept = figures.filter((f) => f.written === null).length;
  const summary: ReportSection = {
    heading: '拟合概要 What was fitted',
    text:
      `${fitted.events.toLocaleString('en')} events of ${fitted.persons.reduce((a, b) => a + b, 0).toLocaleString('en')} insured persons, on the base calibration '${fitted.base}'. ` +
      `Limited-fluctuation credibility: full credibility when a figure is within ±${standard.tolerance * 100}% of its value with probability ${standard.probability * 100}%; ` +
      `written = Z × fitted + (1 − Z) × base, Z = min(1, k × estimate / (z × standard error)). ` +
      `${figures.length} figures: ${figures.length - blended - kept} at full credibility, ${blended} blended with the base, ${kept} below the minimum of ${standard.minEvents} events (base kept).`,
  };
  const table: ReportSection = {
    heading: '拟合参数与可信度 Figures, evidence and credibility',
    tables: [
      describedTable(
        '参数 figures',
        figures.map((f) => ({
          figure: figurePath(f),
          events: f.events,
          persons: f.persons,
          fitted: digits(f.fitted),
          standard_error: digits(f.se, 3),
          base: digits(f.base),
          credibility_Z: f.written === null ? null : Number(f.z.toFixed(3)),
          written: f.written === null ? 'base kept (too few events)' : digits(f.written),
        })),
        { events: 'count', persons: 'count', credibility_Z: 'number' },
      ),
    ],
  };
  const tails = fitted.categories.filter((c) => c.tail !== null);
  const tailSection: ReportSection = {
    heading: '费用分布尾部 Severity: lognormal body, Pareto tail',
    text:
      'Per category, on a sample of up to 20,000 bills (without out-of-catalogue cancer drugs): a lognormal body spliced with a Pareto tail at the threshold that minimises the Kolmogorov–Smirnov distance D to the data, against one lognormal. ' +
      'The generator draws one lognormal per category; a much smaller D for the splice, or a small α, says the tail is heavier than that.',
    tables: [
      describedTable(
        '尾部 severity tails',
        tails.map((c) => ({
          category: c.category,
          bills_fitted: c.tail!.n,
          threshold: Math.round(c.tail!.threshold),
          tail_share: digits(c.tail!.tailShare, 3),
          pareto_alpha: digits(c.tail!.alpha, 3),
          body_mu: digits(c.tail!.mu),
          body_sigma: digits(c.tail!.sigma),
          ks_spliced: digits(c.tail!.ks, 3),
          ks_lognormal: digits(c.tail!.ksLognormal, 3),
        })),
        { bills_fitted: 'count', threshold: 'yuan' },
      ),
    ],
    charts: tails.map((c) =>
      severityQq(qqPoints(c.sample, c.tail!), {
        title: `${c.category}: 费用分位数图 severity QQ (D = ${c.tail!.ks.toFixed(3)} spliced, ${c.tail!.ksLognormal.toFixed(3)} lognormal)`,
      }),
    ),
  };
  const sections = [summary, table, tailSection];
  const untailed = fitted.categories.filter((c) => c.tail === null).map((c) => c.category);
  if (untailed.length > 0) tailSection.text += ` Too few bills for a tail: ${untailed.join(', ')}.`;
  return {
    title: `校准报告 Calibration report: ${fitted.file}`,
    subtitle: `yibao calibrate, base '${fitted.base}'`,
    sections,
  };
}
