/**
 * Fitting a calibration to a claims extract (`yibao calibrate`):
 *
 *   claims CSV, .xlsx or Parquet ──one pass into DuckDB, sums in SQL (claims-moments.ts)──▶
 *   moments per (category, group, level) and a sample of bills per category
 *   ──method of moments──▶ fitted figures, each with its events,
 *   persons and standard error ──fewer events than the minimum: refused (or the base's kept)
 *   ──limited-fluctuation credibility──▶ blended with the base ──set into the base file's
 *   YAML document──▶ calibration YAML (+ spliced severity tails, for the report)
 *
 * The rows go to DuckDB, which spills past its memory limit, and only sums and a bounded
 * sample come back to JavaScript. The figures are fitted to the model the claims generator draws from
 * (src/generate/claims.ts), so that generating from the fitted file reproduces the
 * extract's moments. What the extract cannot tell (age profile, age factors, scenario,
 * burden, prevalence events) stays as in the base, comments included.
 */
import * as path from 'node:path';
import { type Document, isMap, parseDocument, type YAMLMap } from 'yaml';
import { YibaoError } from '../errors';
import type { Encoding } from '../io/decode';
import { readDataFile } from '../io/input-file';
import * as msg from '../messages';
import { CATEGORIES, type Category, GROUPS, type Group } from '../model/codes';
import { type CategorySums, type ClaimsMoments, LEVELS, readClaimsMoments } from './claims-moments';
import type { CredibilityStandard } from './credibility';
import { type BelowMinimum, type DecidedFigure, decideFigures, type Figure } from './figures';
import { loadCalibration, resolveCalibrationFile } from './load';
import type { Calibration, CategoryModel, MeanSd } from './model';
import { fitSplicedSeverity, type SplicedFit } from './severity-tail';

/** Dispersion written when the variance shows no excess over Poisson (r → ∞). */
export const NEAR_POISSON_DISPERSION = 1000;

const G = GROUPS.length;

/** What was fitted for one category; null where the extract cannot tell (base kept). */
export interface FittedCategory {
  category: Category;
  events: number;
  /** events by group (GROUPS order) */
  eventsByGroup: number[];
  kind: 'negbin' | 'poisson' | 'prevalence';
  /** mean events per person-year, or prevalence, by group */
  frequency: (number | null)[];
  dispersion: { value: number; capped: boolean; se: number | null } | null;
  costMean: (number | null)[];
  costCv: number | null;
  levels: { level: number; share: number; relativeCost: number; events: number }[];
  scopeShare: MeanSd | null;
  excludedShare: number | null;
  cancerDrug: { probability: number; mean: number | null; cv: number | null } | null;
  /** every figure with its events, persons, standard error and the base's value */
  figures: Figure[];
  /** lognormal body and Pareto tail fitted to a sample of the bills (null: too few) */
  tail: SplicedFit | null;
  /** that sample (bills without cancer drugs) */
  sample: Float64Array;
}

export interface CalibrationFit {
  file: string;
  /** id of the base calibration */
  base: string;
  /** insured persons by group used as denominators */
  persons: number[];
  personsSeen: number[];
  events: number;
  categories: FittedCategory[];
  /** categories of the base absent from the extract: base figures kept */
  kept: Category[];
  /** categories in the extract that the base does not model: their events are not fitted */
  ignored: Category[];
}

/**
 * Mean of rel² over a group's age profile, where rel = age factor / its group mean is what
 * the generator multiplies each person's frequency by. Age spreads the counts beyond the
 * negative binomial's own variance, and the extract has no ages, so the spread is taken from
 * the base's age profile and factors (which the fitted file keeps).
 */
export function ageFactorSquareMean(cal: Calibration, model: CategoryModel, g: number): number {
  if (model.ageFactor.length === 0) return 1;
  const factor = (age: number) =>
    (model.ageFactor.find((b) => age <= b.to) ?? model.ageFactor.at(-1)!).value;
  let weights = 0;
  let first = 0;
  let second = 0;
  for (const band of cal.population.age[g]) {
    const span = band.to - band.from + 1;
    for (let a = band.from; a <= band.to; a++) {
      const f = factor(a);
      first += (band.weight / span) * f;
      second += (band.weight / span) * f * f;
    }
    weights += band.weight;
  }
  const mean = first / weights;
  return second / weights / (mean * mean);
}

/**
 * Negative binomial r by the method of moments, pooled over groups. Within an age, the
 * generator's variance is m + m²/r; over a group's ages it becomes
 * m + m²·E[rel²]/r + m²·(E[rel²] − 1); solved for r with each group's sums weighted by its
 * persons. No excess variance (r → ∞) is written as NEAR_POISSON_DISPERSION.
 */
function fitDispersion(
  s: CategorySums,
  persons: number[],
  rel2: number[],
): { value: number; capped: boolean; se: number | null } | null {
  let numerator = 0;
  let denominator = 0;
  // delta method: r depends on the count variances v_g, each with Var(v̂_g) ≈ (μ4 − v²)/n
  let varianceOfSum = 0;
  for (let g = 0; g < G; g++) {
    const n = persons[g];
    if (n < 2) continue;
    const m = s.count[g] / n;
    const variance = ((s.countSq[g] / n - m * m) * n) / (n - 1);
    numerator += n * m * m * rel2[g];
    denominator += n * (variance - m - m * m * (rel2[g] - 1));
    const [e2, e3, e4] = [s.countSq[g] / n, s.countCube[g] / n, s.countFourth[g] / n];
    const mu4 = e4 - 4 * m * e3 + 6 * m * m * e2 - 3 * m ** 4;
    varianceOfSum += n * Math.max(mu4 - variance * variance, 0);
  }
  if (numerator === 0) return null;
  const r = numerator / denominator;
  if (denominator <= 0 || r > NEAR_POISSON_DISPERSION)
    return { value: NEAR_POISSON_DISPERSION, capped: true, se: null };
  // The loader wants r > 0; a handful of heavy users in a tiny extract can push r to ~0.
  return {
    value: Math.max(r, 1e-4),
    capped: false,
    se: (r / denominator) * Math.sqrt(varianceOfSum),
  };
}

/**
 * Lognormal severity with a location per group and per level and one shape: the generator
 * draws exp(mu_g + σZ) × level factor. σ² is the pooled variance of log cost within
 * (group, level) cells; the level effects are the mean log differences from the group means
 * (exact when every group has the same level mix, as the model assumes). With one event per
 * cell σ is unknown and the means use the base's cv.
 */
function fitSeverity(
  s: CategorySums,
  baseCv: number,
): Pick<FittedCategory, 'costMean' | 'costCv' | 'levels'> & {
  /** pooled within-cell variance of log cost and its degrees of freedom */
  sigma2: number | null;
  dof: number;
  groupN: number[];
} {
  let within = 0;
  let n = 0;
  let cells = 0;
  for (let c = 0; c < G * LEVELS; c++) {
    if (s.cellN[c] === 0) continue;
    within += s.cellLogSq[c] - s.cellLog[c] ** 2 / s.cellN[c];
    n += s.cellN[c];
    cells++;
  }
  const sigma2 = n > cells ? Math.max(within / (n - cells), 0) : null;
  const groupN = GROUPS.map((_, g) => sum(s.cellN, g * LEVELS, LEVELS));
  const groupLog = GROUPS.map((_, g) =>
    groupN[g] > 0 ? sum(s.cellLog, g * LEVELS, LEVELS) / groupN[g] : 0,
  );
  const levels: FittedCategory['levels'] = [];
  const effect: number[] = [];
  for (let l = 0; l < LEVELS; l++) {
    let events = 0;
    let deviation = 0;
    for (let g = 0; g < G; g++) {
      const c = g * LEVELS + l;
      events += s.cellN[c];
      deviation += s.cellLog[c] - s.cellN[c] * groupLog[g];
    }
    if (events === 0) continue;
    effect[l] = deviation / events;
    levels.push({ level: l + 1, share: events / n, relativeCost: 0, events });
  }
  const top = levels.at(-1);
  for (const lv of levels)
    lv.relativeCost = top ? Math.exp(effect[lv.level - 1] - effect[top.level - 1]) : 1;
  // The generator rescales the level factors to mean 1 over the level mix.
  const meanRelative = levels.reduce((a, lv) => a + lv.share * lv.relativeCost, 0);
  const costMean = GROUPS.map((_, g) => {
    if (groupN[g] === 0) return null;
    let levelLog = 0;
    for (const lv of levels)
      levelLog +=
        (s.cellN[g * LEVELS + lv.level - 1] / groupN[g]) * Math.log(lv.relativeCost / meanRelative);
    return Math.exp(groupLog[g] - levelLog + (sigma2 ?? Math.log1p(baseCv * baseCv)) / 2);
  });
  return {
    costMean,
    costCv: sigma2 === null ? null : Math.sqrt(Math.expm1(sigma2)),
    levels,
    sigma2,
    dof: n - cells,
    groupN,
  };
}

function sum(a: Float64Array, from: number, length: number): number {
  let total = 0;
  for (let i = from; i < from + length; i++) total += a[i];
  return total;
}

function meanSd(n: number, total: number, squares: number): MeanSd | null {
  if (n < 2) return null;
  const mean = total / n;
  return { mean, sd: Math.sqrt(Math.max((squares - n * mean * mean) / (n - 1), 0)) };
}

function fitCategory(
  cal: Calibration,
  model: CategoryModel,
  s: CategorySums,
  persons: number[],
): FittedCategory {
  const category = CATEGORIES[model.category];
  const eventsByGroup = GROUPS.map((_, g) => s.count[g]);
  const kind = model.frequency.kind;
  const frequency = GROUPS.map((_, g) => {
    if (persons[g] === 0) return null;
    return (kind === 'prevalence' ? s.withEvents[g] : s.count[g]) / persons[g];
  });
  const rel2 = GROUPS.map((_, g) => ageFactorSquareMean(cal, model, g));
  let cancerDrug: FittedCategory['cancerDrug'] = null;
  const cancerLog = meanSd(s.cancerN, s.cancerLog, s.cancerLogSq);
  if (model.cancerDrug) {
    cancerDrug = {
      probability: s.cancerN / s.events,
      mean: cancerLog ? Math.exp(cancerLog.mean + cancerLog.sd ** 2 / 2) : null,
      cv: cancerLog ? Math.sqrt(Math.expm1(cancerLog.sd ** 2)) : null,
    };
  }
  const dispersion = kind === 'negbin' ? fitDispersion(s, persons, rel2) : null;
  const { sigma2, dof, groupN, ...severity } = fitSeverity(s, model.costCv);
  const fitted: Omit<FittedCategory, 'figures'> = {
    category,
    events: s.events,
    eventsByGroup,
    kind,
    frequency,
    dispersion,
    ...severity,
    scopeShare: meanSd(s.scopeN, s.scopeSum, s.scopeSq),
    excludedShare: s.outOfScope > 0 ? s.excluded / s.outOfScope : null,
    cancerDrug,
    sample: s.sample,
    tail: null,
  };
  fitted.tail = fitSplicedSeverity(fitted.sample);
  const figures = categoryFigures(model, fitted, s, persons, { sigma2, dof, groupN, cancerLog });
  return { ...fitted, figures };
}

/**
 * Standard error of a lognormal mean exp(μ + σ²/2) estimated from n logs with σ² on `dof`
 * degrees of freedom: Var ≈ M² (σ²/n + σ⁴ / (2 dof)).
 */
function lognormalMeanSe(mean: number, sigma2: number, n: number, dof: number): number | null {
  if (n === 0 || dof <= 0) return null;
  return mean * Math.sqrt(sigma2 / n + (sigma2 * sigma2) / (2 * dof));
}

/** Standard error of cv = √(e^σ² − 1) from σ² on `dof` degrees of freedom (delta method). */
function cvSe(sigma2: number, dof: number): number | null {
  if (dof <= 0) return null;
  const cv = Math.sqrt(Math.expm1(sigma2));
  return cv === 0 ? null : (Math.exp(sigma2) / (2 * cv)) * sigma2 * Math.sqrt(2 / dof);
}

/** The category's figures as written to the file, each with its evidence. */
function categoryFigures(
  model: CategoryModel,
  f: Omit<FittedCategory, 'figures'>,
  s: CategorySums,
  persons: number[],
  severity: { sigma2: number | null; dof: number; groupN: number[]; cancerLog: MeanSd | null },
): Figure[] {
  const at = ['claims', f.category];
  const out: Figure[] = [];
  const withEvents = s.withEvents.reduce((a, b) => a + b, 0);
  GROUPS.forEach((g, i) => {
    const value = f.frequency[i];
    if (value === null) return;
    const n = persons[i];
    let se: number | null = null;
    if (f.kind !== 'prevalence' && n > 1) {
      // events per person-year: the standard error of a mean, from the sample variance
      const m = s.count[i] / n;
      se = Math.sqrt(Math.max(((s.countSq[i] / n - m * m) * n) / (n - 1), 0) / n);
    } else if (f.kind === 'prevalence') se = Math.sqrt((value * (1 - value)) / n);
    const base =
      model.frequency.kind === 'prevalence'
        ? model.frequency.prevalence[i]
        : model.frequency.mean[i];
    out.push({
      at: [...at, f.kind === 'prevalence' ? 'prevalence' : 'frequency', g],
      fitted: value,
      se,
      events: s.count[i],
      persons: n,
      base,
    });
  });
  if (f.dispersion && model.frequency.kind === 'negbin')
    out.push({
      at: [...at, 'dispersion'],
      fitted: f.dispersion.value,
      se: f.dispersion.se,
      events: f.events,
      persons: persons.reduce((a, b) => a + b, 0),
      base: model.frequency.dispersion,
      inverse: true,
    });
  const { sigma2, dof, groupN } = severity;
  GROUPS.forEach((g, i) => {
    const value = f.costMean[i];
    if (value === null) return;
    out.push({
      at: [...at, 'cost', 'mean', g],
      fitted: value,
      se: lognormalMeanSe(value, sigma2 ?? Math.log1p(model.costCv ** 2), groupN[i], dof),
      events: groupN[i],
      persons: s.withEvents[i],
      base: model.costMean[i],
    });
  });
  if (f.costCv !== null && sigma2 !== null)
    out.push({
      at: [...at, 'cost', 'cv'],
      fitted: f.costCv,
      se: cvSe(sigma2, dof),
      events: s.scopeN,
      persons: withEvents,
      base: model.costCv,
    });
  const top = f.levels.at(-1);
  for (const lv of f.levels) {
    const p = lv.share;
    const baseLevel = model.levels.find((l) => l.level === lv.level);
    out.push({
      at: [...at, 'levels', lv.level, 'share'],
      fitted: p,
      se: Math.sqrt((p * (1 - p)) / s.scopeN),
      events: lv.events,
      persons: withEvents,
      base: baseLevel?.share ?? 0,
    });
    const se =
      top && lv !== top && sigma2 !== null
        ? lv.relativeCost * Math.sqrt(sigma2 * (1 / lv.events + 1 / top.events))
        : 0;
    // relative to the top level, so the base's is rescaled to its own top level
    const baseTop = top ? model.levels.find((l) => l.level === top.level) : undefined;
    out.push({
      at: [...at, 'levels', lv.level, 'relative_cost'],
      fitted: lv.relativeCost,
      se,
      events: lv.events,
      persons: withEvents,
      base: baseLevel && baseTop ? baseLevel.relativeCost / baseTop.relativeCost : null,
    });
  }
  if (f.scopeShare) {
    const n = s.scopeN;
    out.push(
      {
        at: [...at, 'scope_share', 'mean'],
        fitted: f.scopeShare.mean,
        se: f.scopeShare.sd / Math.sqrt(n),
        events: n,
        persons: withEvents,
        base: model.scopeShare.mean,
      },
      {
        at: [...at, 'scope_share', 'sd'],
        fitted: f.scopeShare.sd,
        se: f.scopeShare.sd / Math.sqrt(2 * (n - 1)),
        events: n,
        persons: withEvents,
        base: model.scopeShare.sd,
      },
    );
  }
  if (f.excludedShare !== null) {
    // ratio estimator R = ΣE / ΣO: Var ≈ Σ(E − R·O)² / (n (n − 1) ō²)
    const n = s.scopeN;
    const r = Math.min(f.excludedShare, 1);
    const residual = s.excludedSq - 2 * r * s.excludedOut + r * r * s.outOfScopeSq;
    const meanOut = s.outOfScope / n;
    out.push({
      at: [...at, 'excluded_share'],
      fitted: r,
      se: n > 1 ? Math.sqrt(Math.max(residual, 0) / (n * (n - 1))) / meanOut : null,
      events: n,
      persons: withEvents,
      base: model.excludedShare,
    });
  }
  const cd = f.cancerDrug;
  const baseCd = model.cancerDrug;
  if (cd && baseCd) {
    const p = cd.probability;
    out.push({
      at: [...at, 'cancer_drug', 'probability'],
      fitted: p,
      se: Math.sqrt((p * (1 - p)) / f.events),
      events: f.events,
      persons: withEvents,
      base: baseCd.probability,
    });
    const log = severity.cancerLog;
    if (cd.mean !== null && log)
      out.push({
        at: [...at, 'cancer_drug', 'mean'],
        fitted: cd.mean,
        se: lognormalMeanSe(cd.mean, log.sd ** 2, s.cancerN, s.cancerN - 1),
        events: s.cancerN,
        persons: s.cancerN,
        base: baseCd.mean,
      });
    if (cd.cv !== null && log)
      out.push({
        at: [...at, 'cancer_drug', 'cv'],
        fitted: cd.cv,
        se: cvSe(log.sd ** 2, s.cancerN - 1),
        events: s.cancerN,
        persons: s.cancerN,
        base: baseCd.cv,
      });
  }
  return out;
}

/**
 * Insured persons by group: those given, else those listed in the file. A count below the
 * persons listed would make a frequency too high, so it is refused.
 */
function denominators(seen: number[], given: Partial<Record<Group, number>> | undefined): number[] {
  return GROUPS.map((g, i) => {
    const n = given?.[g];
    if (n === undefined) return seen[i];
    if (!Number.isInteger(n) || n < seen[i])
      throw new YibaoError(msg.calibration.personsBelowListed(g, n, seen[i]));
    return n;
  });
}

/** Fits the base calibration's categories to the moments of an extract. */
export function fitMoments(
  moments: ClaimsMoments,
  base: Calibration,
  persons?: Partial<Record<Group, number>>,
): CalibrationFit {
  if (moments.events === 0)
    throw new YibaoError(msg.calibration.noEvents(), { file: moments.file });
  const n = denominators(moments.personsSeen, persons);
  const modelled = new Set(base.claims.map((m) => m.category));
  const categories = base.claims
    .filter((m) => moments.categories[m.category].events > 0)
    .map((m) => fitCategory(base, m, moments.categories[m.category], n));
  return {
    file: moments.file,
    base: base.id,
    persons: n,
    personsSeen: moments.personsSeen,
    events: moments.events,
    categories,
    kept: base.claims
      .filter((m) => moments.categories[m.category].events === 0)
      .map((m) => CATEGORIES[m.category]),
    ignored: CATEGORIES.filter((_, k) => !modelled.has(k) && moments.categories[k].events > 0),
  };
}

/** Four significant digits for rates and shares; money to the yuan (to the fen below 100). */
function rounded(x: number): number {
  return Number(x.toPrecision(4));
}

function money(x: number): number {
  return x >= 100 ? Math.round(x) : Math.round(x * 100) / 100;
}

/** Money figures are written to the yuan; the others to four digits. */
function isMoney(at: (string | number)[]): boolean {
  const last = at.at(-1);
  return at.includes('cost') ? last !== 'cv' : at.includes('cancer_drug') && last === 'mean';
}

/** Writes figures into the base file's document; untouched nodes keep their comments. */
class FigureWriter {
  constructor(
    private readonly doc: Document,
    private readonly name: string,
  ) {}

  /** `fitted: <file>, n = <events> events, …` with the credibility applied. */
  source(d: DecidedFigure): string {
    const parts = [`fitted: ${this.name}, n = ${d.events} events`, `${d.persons} persons`];
    if (d.se !== null) parts.push(`se ${Number(d.se.toPrecision(3))}`);
    if (d.base !== null)
      parts.push(
        d.z >= 1
          ? 'full credibility'
          : `credibility Z = ${d.z.toFixed(3)} on base ${Number(d.base.toPrecision(4))}`,
      );
    return parts.join(', ');
  }

  value(d: DecidedFigure): number {
    return isMoney(d.at) ? money(d.written!) : rounded(d.written!);
  }

  /** Sets `{ value, source }` in place: the mapping keeps its unit and style, loses its note. */
  figure(d: DecidedFigure, note?: string): void {
    const node = this.doc.getIn(d.at, true);
    if (isMap(node)) {
      node.set('value', this.value(d));
      node.set('source', this.source(d));
      node.delete('note');
      if (note) node.set('note', note);
      return;
    }
    this.doc.setIn(
      d.at,
      this.flow({ value: this.value(d), source: this.source(d), ...(note ? { note } : {}) }),
    );
  }

  flow(value: unknown): YAMLMap {
    const node = this.doc.createNode(value) as YAMLMap;
    node.flow = true;
    return node;
  }

  /** The level list is rebuilt: the extract decides which levels there are. */
  levels(
    at: (string | number)[],
    levels: { level: number; share: DecidedFigure; relativeCost: DecidedFigure }[],
  ): void {
    const items = levels.map((lv) =>
      this.flow({
        level: lv.level,
        share: { value: this.value(lv.share), source: this.source(lv.share) },
        relative_cost: { value: this.value(lv.relativeCost), source: this.source(lv.relativeCost) },
      }),
    );
    this.doc.setIn(at, this.doc.createNode(items));
  }
}

function writeCategory(w: FigureWriter, f: FittedCategory, decided: DecidedFigure[]): void {
  const at = ['claims', f.category];
  const mine = decided.filter((d) => d.at[1] === f.category);
  const levelFigures = mine.filter((d) => d.at[2] === 'levels');
  for (const d of mine) {
    if (d.at[2] === 'levels' || d.written === null) continue;
    const capped = d.at[2] === 'dispersion' && f.dispersion?.capped;
    w.figure(d, capped ? 'no variance beyond Poisson: near-Poisson' : undefined);
  }
  // levels come as a whole: any level too thin keeps the base's list
  if (levelFigures.length > 0 && levelFigures.every((d) => d.written !== null)) {
    w.levels(
      [...at, 'levels'],
      f.levels.map((lv) => ({
        level: lv.level,
        share: levelFigures.find((d) => d.at[3] === lv.level && d.at[4] === 'share')!,
        relativeCost: levelFigures.find(
          (d) => d.at[3] === lv.level && d.at[4] === 'relative_cost',
        )!,
      })),
    );
  }
}

/** The base file's text with the written figures set, a new id and a header saying so. */
export function writeFittedYaml(
  baseText: string,
  fit: CalibrationFit,
  decided: DecidedFigure[],
): string {
  const doc = parseDocument(baseText);
  const name = path.basename(fit.file);
  const w = new FigureWriter(doc, name);
  for (const f of fit.categories) writeCategory(w, f, decided);
  const stem = name.replace(/\.[^.]*$/, '');
  doc.set('id', `fitted-${stem}`);
  doc.set(
    'title',
    w.flow({ zh: `按理赔数据拟合：${name}`, en: `Fitted to ${name} (base: ${fit.base})` }),
  );
  const persons = fit.persons.reduce((a, b) => a + b, 0);
  const kept = decided.filter((d) => d.written === null).length;
  const header = [
    ` Fitted by \`yibao calibrate\` to ${name}: ${fit.events} events of ${persons} insured persons`,
    ` (${GROUPS.map((g, i) => `${g} ${fit.persons[i]}`).join(', ')}), on the base calibration '${fit.base}'.`,
    ' Figures whose source begins "fitted:" come from the extract, blended with the base\'s by',
    " limited-fluctuation credibility where the source gives Z < 1; the rest are the base's.",
  ];
  if (kept > 0)
    header.push(
      ` ${kept} figure(s) had fewer events than the minimum: the base's kept (--below-min base).`,
    );
  if (fit.kept.length > 0)
    header.push(` Not in the extract, kept from the base: ${fit.kept.join(', ')}.`);
  // The base's own header comment belongs to its first key and follows this one.
  doc.commentBefore = header.join('\n');
  // lineWidth 0: flow mappings stay on one line as in the shipped files.
  return doc.toString({ lineWidth: 0 });
}

export interface CalibrateOptions {
  /** calibration id or path whose unfitted figures are kept; default 'default' */
  base?: string;
  /** insured persons by group, including those without claims; default: persons in the file */
  persons?: Partial<Record<Group, number>>;
  /** the credibility standard; default: the base's `credibility` block (else the default's) */
  credibility?: Partial<CredibilityStandard>;
  /** figures from fewer events than the minimum: refused (default) or the base's kept */
  belowMinimum?: BelowMinimum;
  /** the claims CSV's text encoding (default UTF-8) */
  encoding?: Encoding;
}

/** The credibility standard: the options over the base's block over the default file's. */
export function credibilityStandard(
  base: Calibration,
  given: Partial<CredibilityStandard> = {},
): CredibilityStandard {
  const standard = base.credibility ?? loadCalibration('default').credibility;
  if (!standard) throw new YibaoError(msg.calibration.noCredibility());
  return { ...standard, ...given };
}

export interface CalibrationResult {
  yaml: string;
  fitted: CalibrationFit;
  /** every fitted figure, with what was written for it */
  figures: DecidedFigure[];
  standard: CredibilityStandard;
}

/** Reads a claims extract (CSV, .xlsx, Parquet) and returns the fitted calibration as YAML text, and what was fitted. */
export async function calibrateFromClaims(
  file: string,
  options: CalibrateOptions = {},
): Promise<CalibrationResult> {
  const baseId = options.base ?? 'default';
  const base = loadCalibration(baseId);
  const baseText = readDataFile(resolveCalibrationFile(baseId), 'calibration');
  const standard = credibilityStandard(base, options.credibility);
  const moments = await readClaimsMoments(file, options.encoding);
  const fitted = fitMoments(moments, base, options.persons);
  const figures = decideFigures(
    fitted.categories.flatMap((c) => c.figures),
    standard,
    options.belowMinimum ?? 'refuse',
    file,
  );
  return { yaml: writeFittedYaml(baseText, fitted, figures), fitted, figures, standard };
}
