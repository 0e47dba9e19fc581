/**
 * Fitting a calibration to a claims extract (`yibao calibrate`):
 *
 *   claims CSV ──stream, one pass──▶ moments per (category, group, level) ──method of
 *   moments──▶ fitted figures ──set into the base file's YAML document──▶ calibration YAML
 *
 * Only sums are kept while reading, so an extract of any size fits in constant memory. The
 * figures are fitted to the model the claims generator draws from (src/generate/claims.ts),
 * so that generating from the fitted file reproduces the extract's moments. What the extract
 * cannot tell (age profile, age factors, scenario, burden, prevalence events) stays as in the
 * base, comments included.
 */
import * as path from 'node:path';
import { type Document, isMap, parseDocument, type YAMLMap } from 'yaml';
import { YibaoError } from '../errors';
import { readClaims } from '../io/claims-csv';
import { readDataFile } from '../io/input-file';
import { CATEGORIES, type Category, GROUPS, type Group } from '../model/codes';
import { loadCalibration, resolveCalibrationFile } from './load';
import type { Calibration, CategoryModel, MeanSd } from './model';

/** Dispersion written when the variance shows no excess over Poisson (r → ∞). */
export const NEAR_POISSON_DISPERSION = 1000;

const G = GROUPS.length;
const LEVELS = 3;

/** Running sums of one category; cells of severity are (group, level). */
interface CategorySums {
  events: number;
  /** per group: Σ events per person, Σ its square, persons with at least one event */
  count: Float64Array;
  countSq: Float64Array;
  withEvents: Float64Array;
  /** per cell g × LEVELS + (level − 1): events, Σ log cost, Σ log² cost */
  cellN: Float64Array;
  cellLog: Float64Array;
  cellLogSq: Float64Array;
  /** scope share of the bill without cancer drugs: n, Σ, Σ² */
  scopeN: number;
  scopeSum: number;
  scopeSq: number;
  /** excluded and the out-of-scope part it is a share of */
  excluded: number;
  outOfScope: number;
  /** events with out-of-catalogue cancer drugs, Σ log, Σ log² of that amount */
  cancerN: number;
  cancerLog: number;
  cancerLogSq: number;
}

export interface ClaimsMoments {
  file: string;
  /** persons listed in the file, by group */
  personsSeen: number[];
  events: number;
  categories: CategorySums[];
}

function emptySums(): CategorySums {
  return {
    events: 0,
    count: new Float64Array(G),
    countSq: new Float64Array(G),
    withEvents: new Float64Array(G),
    cellN: new Float64Array(G * LEVELS),
    cellLog: new Float64Array(G * LEVELS),
    cellLogSq: new Float64Array(G * LEVELS),
    scopeN: 0,
    scopeSum: 0,
    scopeSq: 0,
    excluded: 0,
    outOfScope: 0,
    cancerN: 0,
    cancerLog: 0,
    cancerLogSq: 0,
  };
}

/** One pass over the extract; the reader refuses a bad line with its place. */
export async function readClaimsMoments(file: string): Promise<ClaimsMoments> {
  const m: ClaimsMoments = {
    file,
    personsSeen: new Array(G).fill(0),
    events: 0,
    categories: CATEGORIES.map(emptySums),
  };
  const perPerson = new Int32Array(CATEGORIES.length);
  for await (const person of readClaims(file)) {
    const g = GROUPS.indexOf(person.group);
    m.personsSeen[g]++;
    perPerson.fill(0);
    for (const e of person.events) {
      const k = CATEGORIES.indexOf(e.category);
      perPerson[k]++;
      addEvent(m.categories[k], g, e.level, e);
    }
    m.events += person.events.length;
    // Counts per person, zeros included: the variance of counts gives the dispersion.
    for (let k = 0; k < CATEGORIES.length; k++) {
      const n = perPerson[k];
      if (n === 0) continue;
      const s = m.categories[k];
      s.count[g] += n;
      s.countSq[g] += n * n;
      s.withEvents[g]++;
    }
  }
  return m;
}

function addEvent(
  s: CategorySums,
  g: number,
  level: number,
  e: { total: string; scope: string; excluded: string; cancerDrugOoc: string },
): void {
  const total = Number(e.total);
  const scope = Number(e.scope);
  const cancer = Number(e.cancerDrugOoc);
  s.events++;
  if (cancer > 0) {
    s.cancerN++;
    s.cancerLog += Math.log(cancer);
    s.cancerLogSq += Math.log(cancer) ** 2;
  }
  // The generator adds cancer drugs on top of the lognormal bill, outside the policy scope,
  // so cost, scope share and excluded share are fitted to the bill without them.
  const bill = total - cancer;
  if (bill <= 0) return;
  const cell = g * LEVELS + level - 1;
  const log = Math.log(bill);
  s.cellN[cell]++;
  s.cellLog[cell] += log;
  s.cellLogSq[cell] += log * log;
  const share = scope / bill;
  s.scopeN++;
  s.scopeSum += share;
  s.scopeSq += share * share;
  s.excluded += Number(e.excluded);
  s.outOfScope += bill - scope;
}

/** What was fitted for one category; null where the extract cannot tell (base kept). */
export interface FittedCategory {
  category: Category;
  events: number;
  /** events by group (GROUPS order) */
  eventsByGroup: number[];
  kind: 'negbin' | 'poisson' | 'prevalence';
  /** mean events per person-year, or prevalence, by group */
  frequency: (number | null)[];
  dispersion: { value: number; capped: boolean } | null;
  costMean: (number | null)[];
  costCv: number | null;
  levels: { level: number; share: number; relativeCost: number; events: number }[];
  scopeShare: MeanSd | null;
  excludedShare: number | null;
  cancerDrug: { probability: number; mean: number | null; cv: number | null } | null;
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
): { value: number; capped: boolean } | null {
  let numerator = 0;
  let denominator = 0;
  for (let g = 0; g < G; g++) {
    const n = persons[g];
    if (n < 2) continue;
    const m = s.count[g] / n;
    const variance = ((s.countSq[g] / n - m * m) * n) / (n - 1);
    numerator += n * m * m * rel2[g];
    denominator += n * (variance - m - m * m * (rel2[g] - 1));
  }
  if (numerator === 0) return null;
  const r = numerator / denominator;
  if (denominator <= 0 || r > NEAR_POISSON_DISPERSION)
    return { value: NEAR_POISSON_DISPERSION, capped: true };
  // The loader wants r > 0; a handful of heavy users in a tiny extract can push r to ~0.
  return { value: Math.max(r, 1e-4), capped: false };
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
): Pick<FittedCategory, 'costMean' | 'costCv' | 'levels'> {
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
  return { costMean, costCv: sigma2 === null ? null : Math.sqrt(Math.expm1(sigma2)), levels };
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
  if (model.cancerDrug) {
    const log = meanSd(s.cancerN, s.cancerLog, s.cancerLogSq);
    cancerDrug = {
      probability: s.cancerN / s.events,
      mean: log ? Math.exp(log.mean + log.sd ** 2 / 2) : null,
      cv: log ? Math.sqrt(Math.expm1(log.sd ** 2)) : null,
    };
  }
  return {
    category,
    events: s.events,
    eventsByGroup,
    kind,
    frequency,
    dispersion: kind === 'negbin' ? fitDispersion(s, persons, rel2) : null,
    ...fitSeverity(s, model.costCv),
    scopeShare: meanSd(s.scopeN, s.scopeSum, s.scopeSq),
    excludedShare: s.outOfScope > 0 ? s.excluded / s.outOfScope : null,
    cancerDrug,
  };
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
      throw new YibaoError(
        `persons ${g}=${n} must be a whole number at least the ${seen[i]} ${g} persons listed in the claims file`,
      );
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
    throw new YibaoError('the claims file has no events to fit', { file: moments.file });
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

/** Writes fitted figures into the base file's document; untouched nodes keep their comments. */
class FigureWriter {
  constructor(
    private readonly doc: Document,
    private readonly name: string,
  ) {}

  source(events: number): string {
    return `fitted: ${this.name}, n = ${events} events`;
  }

  /** Sets `{ value, source }` in place: the mapping keeps its unit and style, loses its note. */
  figure(at: (string | number)[], value: number, events: number, note?: string): void {
    const node = this.doc.getIn(at, true);
    if (isMap(node)) {
      node.set('value', value);
      node.set('source', this.source(events));
      node.delete('note');
      if (note) node.set('note', note);
      return;
    }
    this.doc.setIn(
      at,
      this.flow({ value, source: this.source(events), ...(note ? { note } : {}) }),
    );
  }

  flow(value: unknown): YAMLMap {
    const node = this.doc.createNode(value) as YAMLMap;
    node.flow = true;
    return node;
  }

  /** The level list is rebuilt: the extract decides which levels there are. */
  levels(at: (string | number)[], levels: FittedCategory['levels']): void {
    const items = levels.map((lv) =>
      this.flow({
        level: lv.level,
        share: { value: rounded(lv.share), source: this.source(lv.events) },
        relative_cost: { value: rounded(lv.relativeCost), source: this.source(lv.events) },
      }),
    );
    this.doc.setIn(at, this.doc.createNode(items));
  }
}

function writeCategory(w: FigureWriter, f: FittedCategory): void {
  const at = ['claims', f.category];
  GROUPS.forEach((g, i) => {
    const value = f.frequency[i];
    if (value === null) return;
    const key = f.kind === 'prevalence' ? 'prevalence' : 'frequency';
    w.figure([...at, key, g], rounded(value), f.eventsByGroup[i]);
  });
  if (f.dispersion)
    w.figure(
      [...at, 'dispersion'],
      rounded(f.dispersion.value),
      f.events,
      f.dispersion.capped ? 'no variance beyond Poisson: near-Poisson' : undefined,
    );
  GROUPS.forEach((g, i) => {
    const value = f.costMean[i];
    if (value !== null) w.figure([...at, 'cost', 'mean', g], money(value), f.eventsByGroup[i]);
  });
  if (f.costCv !== null) w.figure([...at, 'cost', 'cv'], rounded(f.costCv), f.events);
  if (f.levels.length > 0) w.levels([...at, 'levels'], f.levels);
  if (f.scopeShare) {
    w.figure([...at, 'scope_share', 'mean'], rounded(f.scopeShare.mean), f.events);
    w.figure([...at, 'scope_share', 'sd'], rounded(f.scopeShare.sd), f.events);
  }
  if (f.excludedShare !== null)
    w.figure([...at, 'excluded_share'], rounded(Math.min(f.excludedShare, 1)), f.events);
  const cd = f.cancerDrug;
  if (cd) {
    const n = Math.round(cd.probability * f.events);
    w.figure([...at, 'cancer_drug', 'probability'], rounded(cd.probability), f.events);
    if (cd.mean !== null) w.figure([...at, 'cancer_drug', 'mean'], money(cd.mean), n);
    if (cd.cv !== null) w.figure([...at, 'cancer_drug', 'cv'], rounded(cd.cv), n);
  }
}

/** The base file's text with the fitted figures set, a new id and a header saying so. */
export function writeFittedYaml(baseText: string, fit: CalibrationFit): string {
  const doc = parseDocument(baseText);
  const name = path.basename(fit.file);
  const w = new FigureWriter(doc, name);
  for (const f of fit.categories) writeCategory(w, f);
  const stem = name.replace(/\.[^.]*$/, '');
  doc.set('id', `fitted-${stem}`);
  doc.set(
    'title',
    w.flow({ zh: `按理赔数据拟合：${name}`, en: `Fitted to ${name} (base: ${fit.base})` }),
  );
  const persons = fit.persons.reduce((a, b) => a + b, 0);
  const header = [
    ` Fitted by \`yibao calibrate\` to ${name}: ${fit.events} events of ${persons} insured persons`,
    ` (${GROUPS.map((g, i) => `${g} ${fit.persons[i]}`).join(', ')}), on the base calibration '${fit.base}'.`,
    ' Figures whose source begins "fitted:" come from the extract; the rest are the base\'s.',
  ];
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
}

/** Streams a claims CSV and returns the fitted calibration as YAML text, and what was fitted. */
export async function calibrateFromClaims(
  file: string,
  options: CalibrateOptions = {},
): Promise<{ yaml: string; fitted: CalibrationFit }> {
  const baseId = options.base ?? 'default';
  const base = loadCalibration(baseId);
  const baseText = readDataFile(resolveCalibrationFile(baseId), 'calibration');
  const moments = await readClaimsMoments(file);
  const fitted = fitMoments(moments, base, options.persons);
  return { yaml: writeFittedYaml(baseText, fitted), fitted };
}
