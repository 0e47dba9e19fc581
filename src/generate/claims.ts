/**
 * The claims generator: a block's events of one scenario-year, drawn from the calibration,
 * in time proportional to the persons with events rather than to the persons.
 *
 *   per category (its own stream):
 *     claimants ── geometric gaps between candidates, each kept with its own chance ──▶
 *       (person, count) ── month of each event ──▶
 *   all categories: events grouped by person, in date order ──▶
 *   per category: hospital level, cost (lognormal × level factor × cost trend), policy-scope
 *     share, excluded items, out-of-catalogue cancer drugs ──▶ Events (columns, reused)
 *
 * How the claimants are found exactly. A person's count in a category is negative binomial
 * (a Poisson–gamma mixture: mean m by group × age factor × the scenario's utilisation
 * factor, dispersion r), Poisson, or `prevalence` × a fixed number of events. Whatever the
 * kind, only P(count ≥ 1) and the count given that it is at least one matter:
 *
 *   1. Let p̂ be the highest P(count ≥ 1) of any person of the scenario-year (any group
 *      and age, at its utilisation factor rounded up to the next hundredth). Candidates are the persons of a Bernoulli(p̂) sequence, found by
 *      geometric gaps (random/inversion.ts): no draw at all for the persons skipped.
 *   2. A candidate with P(count ≥ 1) = p is kept with probability p / p̂ (one 32-bit
 *      uniform u, kept when u < (p / p̂)·2^32). Steps 1–2 select each person
 *      independently with probability p̂ · p / p̂ = p: thinning, exact.
 *   3. The count of a kept person comes from the zero-truncated distribution, inverted
 *      from the same uniform rescaled to (0, 1) (given u below the threshold, u over the
 *      threshold is uniform).
 *
 * So the counts have the very distribution of a per-person draw, made from 32-bit
 * uniforms, the resolution of the streams. Events within a person are ordered by month
 * (ties by category, then as drawn), which fixes the order of settlement within the year.
 */
import type { Calibration, CategoryModel } from '../calibration/model';
import { GROUPS } from '../model/codes';
import { allocateEvents, type Events } from '../model/columns';
import { roundHalfUp } from '../model/round';
import { fastExp } from '../random/exp';
import { GeometricGaps } from '../random/inversion';
import { fillStandardNormal, lognormalFromMeanCv, standardNormal } from '../random/samplers';
import type { Stream } from '../random/stream';
import { MAX_AGE, type PopulationBlock } from './population';

const TWO_32 = 2 ** 32;
const MONTHS = 12;
/** The claimant draw takes the stream's numbers in batches of this many (the rest unused). */
const UNIFORM_BATCH = 1024;
/** p̂ is taken at the utilisation factor rounded up to a multiple of 1 / CANDIDATE_STEPS. */
const CANDIDATE_STEPS = 100;

/** Count distributions. */
export const NEGATIVE_BINOMIAL = 0;
export const POISSON = 1;
export const PREVALENCE = 2;

/** One category's figures as tables (plain numbers, sent to worker threads). */
export interface CategoryTables {
  /** index into CATEGORIES */
  category: number;
  kind: number;
  /** negative binomial r */
  dispersion: number;
  /** prevalence: events a year of a person in treatment */
  fixedEvents: number;
  /** age bands of the category's age factors, and the band of each age 0..MAX_AGE */
  bands: number;
  bandOfAge: Uint8Array;
  /**
   * by group × band: mean events a person-year (negative binomial, Poisson) or the share in
   * treatment (prevalence), before the scenario's utilisation factor
   */
  rate: Float64Array;
  /** log-cost: mu by group, sigma shared */
  costMu: Float64Array;
  costSigma: number;
  /** hospital levels: codes, draw thresholds (2^-32 units), cost factors (mean 1 over the mix) */
  levels: Uint8Array;
  levelBelow: Float64Array;
  levelFactor: Float64Array;
  scopeMean: number;
  scopeSd: number;
  excludedShare: number;
  /** out-of-catalogue cancer drugs: threshold of the chance (2^-32 units; 0: none) */
  cancerBelow: number;
  cancerMu: number;
  cancerSigma: number;
}

export interface ClaimsModel {
  categories: CategoryTables[];
  /** whether any figure depends on age (else ages need not be drawn) */
  usesAge: boolean;
}

/** What a scenario-year changes for everyone. */
export interface ClaimsFactors {
  /** multiplies every frequency (utilisation shock) */
  frequency: number;
  /** multiplies every cost (medical cost trend, cumulative) */
  cost: number;
}

function thresholds(weights: readonly number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  const below = Float64Array.from(weights, (w) => {
    sum += w;
    return Math.round((sum / total) * TWO_32);
  });
  below[below.length - 1] = TWO_32;
  return below;
}

function categoryTables(cal: Calibration, model: CategoryModel): CategoryTables {
  // bands of the age factor: "the first band whose `to` is at least the age"
  const factors = model.ageFactor.length > 0 ? model.ageFactor : [{ to: MAX_AGE, value: 1 }];
  const bandOfAge = Uint8Array.from({ length: MAX_AGE + 1 }, (_, age) => {
    const b = factors.findIndex((f) => age <= f.to);
    return b >= 0 ? b : factors.length - 1;
  });
  // Rescaled so that each group's mean frequency over its age profile is the figure given.
  const ageNorm = cal.population.age.map((bands) => {
    let weighted = 0;
    let weights = 0;
    for (const b of bands) {
      const span = b.to - b.from + 1;
      for (let a = b.from; a <= b.to; a++)
        weighted += (b.weight / span) * factors[bandOfAge[a]].value;
      weights += b.weight;
    }
    return weighted / weights;
  });
  const f = model.frequency;
  const perGroup = f.kind === 'prevalence' ? f.prevalence : f.mean;
  const rate = new Float64Array(GROUPS.length * factors.length);
  for (let g = 0; g < GROUPS.length; g++)
    for (let b = 0; b < factors.length; b++)
      rate[g * factors.length + b] = (perGroup[g] * factors[b].value) / ageNorm[g];
  const { sigma } = lognormalFromMeanCv(1, model.costCv);
  const shareSum = model.levels.reduce((a, l) => a + l.share, 0);
  const meanRelative = model.levels.reduce((a, l) => a + (l.share / shareSum) * l.relativeCost, 0);
  const cancer = model.cancerDrug
    ? lognormalFromMeanCv(model.cancerDrug.mean, model.cancerDrug.cv)
    : { mu: 0, sigma: 0 };
  return {
    category: model.category,
    kind: f.kind === 'prevalence' ? PREVALENCE : f.kind === 'poisson' ? POISSON : NEGATIVE_BINOMIAL,
    dispersion: f.kind === 'negbin' ? f.dispersion : 0,
    fixedEvents: f.kind === 'prevalence' ? f.events : 0,
    bands: factors.length,
    bandOfAge,
    rate,
    costMu: Float64Array.from(model.costMean, (mean) => lognormalFromMeanCv(mean, model.costCv).mu),
    costSigma: sigma,
    levels: Uint8Array.from(model.levels, (l) => l.level),
    levelBelow: thresholds(model.levels.map((l) => l.share)),
    levelFactor: Float64Array.from(model.levels, (l) => l.relativeCost / meanRelative),
    scopeMean: model.scopeShare.mean,
    scopeSd: model.scopeShare.sd,
    excludedShare: model.excludedShare,
    cancerBelow: model.cancerDrug ? Math.round(model.cancerDrug.probability * TWO_32) : 0,
    cancerMu: cancer.mu,
    cancerSigma: cancer.sigma,
  };
}

/** The claims model of a calibration. */
export function claimsModel(cal: Calibration): ClaimsModel {
  return {
    categories: cal.claims.map((m) => categoryTables(cal, m)),
    usesAge: cal.claims.some((m) => m.ageFactor.length > 1),
  };
}

/** P(count ≥ 1) of a person whose rate (mean or prevalence, factor applied) is `rate`. */
function chanceOfAny(t: CategoryTables, rate: number): number {
  if (rate <= 0) return 0;
  if (t.kind === PREVALENCE) return Math.min(rate, 1);
  if (t.kind === POISSON) return -Math.expm1(-rate);
  const r = t.dispersion;
  return -Math.expm1(r * Math.log(r / (r + rate)));
}

/** A category's tables of one scenario-year, by group × band (see the module comment). */
class YearCells {
  /** keep a candidate when its 32-bit uniform is below this */
  keepBelow: Float64Array;
  /** P(count = 1), and the ratio term of the pmf recursion (q for NB, the mean for Poisson) */
  pmf1: Float64Array;
  ratio: Float64Array;
  /** P(count ≥ 1) */
  any: Float64Array;

  constructor(cells: number) {
    this.keepBelow = new Float64Array(cells);
    this.pmf1 = new Float64Array(cells);
    this.ratio = new Float64Array(cells);
    this.any = new Float64Array(cells);
  }

  fill(t: CategoryTables, frequency: number, candidate: number): void {
    for (let c = 0; c < t.rate.length; c++) {
      const m = t.rate[c] * frequency;
      const any = chanceOfAny(t, m);
      this.any[c] = any;
      this.keepBelow[c] = candidate > 0 ? Math.min((any / candidate) * TWO_32, TWO_32) : 0;
      if (t.kind === NEGATIVE_BINOMIAL) {
        const r = t.dispersion;
        const q = m / (r + m);
        this.ratio[c] = q;
        this.pmf1[c] = (1 - any) * r * q;
      } else if (t.kind === POISSON) {
        this.ratio[c] = m;
        this.pmf1[c] = (1 - any) * m;
      }
    }
  }
}

/**
 * The count of a person with at least one event, from v uniform on (0, 1): sequential
 * search of the zero-truncated pmf (a person has few events).
 */
function countGivenAny(t: CategoryTables, cells: YearCells, cell: number, v: number): number {
  if (t.kind === PREVALENCE) return t.fixedEvents;
  let left = v * cells.any[cell];
  let p = cells.pmf1[cell];
  if (left < p) return 1;
  const ratio = cells.ratio[cell];
  let n = 1;
  if (t.kind === NEGATIVE_BINOMIAL) {
    const r = t.dispersion;
    while (left >= p && p > 0) {
      left -= p;
      n++;
      p *= ((n - 1 + r) / n) * ratio;
    }
  } else {
    while (left >= p && p > 0) {
      left -= p;
      n++;
      p *= ratio / n;
    }
  }
  return n;
}

/** Grown, never shrunk, so that blocks after the first allocate nothing. */
function grown<T extends Float64Array | Uint32Array | Uint8Array>(a: T, n: number): T {
  if (a.length >= n) return a;
  return new (a.constructor as new (n: number) => T)(Math.max(n, Math.ceil(a.length * 1.5)));
}

/** One category's draws for its events' details, made in batches before events are placed. */
class DetailDraws {
  level = new Uint8Array(0);
  cost = new Float64Array(0);
  scope = new Float64Array(0);
  cancer = new Uint32Array(0);
  /** log of an event's cost in fen before the normal term, by group × level */
  costLog = new Float64Array(GROUPS.length * 3);
  /** the events' level codes and amounts in whole fen, in the order drawn */
  levelCode = new Uint8Array(0);
  totalFen = new Float64Array(0);
  scopeFen = new Float64Array(0);
  excludedFen = new Float64Array(0);
  cdoFen = new Float64Array(0);
}

/**
 * Draws blocks' claims, one scenario-year at a time, into columns it keeps and reuses.
 * After `draw`: claimant j (0 ≤ j < claimants) is person `claimant[j]` of the block, of
 * group `group[j]` and status `status[j]`; `events` are sorted by j and, within j, by
 * month (events.person holds j).
 */
export class ClaimsDrawer {
  claimants = 0;
  claimant = new Uint32Array(0);
  group = new Uint8Array(0);
  status = new Uint8Array(0);
  events: Events & { month: Uint8Array } = { ...allocateEvents(0), month: new Uint8Array(0) };

  private readonly model: ClaimsModel;
  private readonly groups: readonly boolean[];
  /** per category: the candidate chance p̂ and its gaps (undefined: no event possible) */
  private candidate: number[] = [];
  private gaps: (GeometricGaps | undefined)[] = [];
  private readonly candidates = new Map<
    number,
    { candidate: number[]; gaps: (GeometricGaps | undefined)[] }
  >();
  private readonly cells: YearCells[];
  private readonly details: DetailDraws[];
  private readonly tables: CategoryScalars;
  /** 32-bit numbers of the claimant draw, taken from the stream in batches */
  private readonly uniforms = new Uint32Array(UNIFORM_BATCH);
  /** block person → claimant index, or −1 */
  private readonly mark: Int32Array;
  private perClaimant = new Uint32Array(0);
  private offsets = new Uint32Array(0);
  /** events in the order drawn: claimant, category (model index), month */
  private drawnClaimant = new Uint32Array(0);
  private drawnCategory = new Uint8Array(0);
  private drawnMonth = new Uint8Array(0);
  /** per placed event: its model category index and month, and which drawn event it is */
  private placedCategory = new Uint8Array(0);
  private placedEvent = new Uint32Array(0);
  private bits = new Uint32Array(0);

  /** `groups`: which groups the population can hold; `block`: persons per block. */
  constructor(model: ClaimsModel, groups: readonly boolean[], block: number) {
    this.model = model;
    this.groups = groups;
    this.mark = new Int32Array(block).fill(-1);
    this.cells = model.categories.map((t) => new YearCells(t.rate.length));
    this.details = model.categories.map(() => new DetailDraws());
    this.tables = new CategoryScalars(model.categories);
  }

  /**
   * p̂ of each category for a utilisation factor: the highest chance of any event of a
   * person of the population's groups at the factor rounded up to the next hundredth, so
   * that the gaps' tables are built once per hundredth (and a scenario-year's draws
   * depend on its own factor only, not on the other scenarios of the run).
   */
  private useCandidates(frequency: number): void {
    const step = Math.ceil(frequency * CANDIDATE_STEPS);
    let found = this.candidates.get(step);
    if (!found) {
      const bound = step / CANDIDATE_STEPS;
      const candidate = this.model.categories.map((t) => {
        let most = 0;
        for (let g = 0; g < GROUPS.length; g++)
          if (this.groups[g])
            for (let b = 0; b < t.bands; b++)
              most = Math.max(most, chanceOfAny(t, t.rate[g * t.bands + b] * bound));
        return most;
      });
      found = { candidate, gaps: candidate.map((p) => (p > 0 ? new GeometricGaps(p) : undefined)) };
      this.candidates.set(step, found);
    }
    this.candidate = found.candidate;
    this.gaps = found.gaps;
  }

  /**
   * The claims of the first `count` persons of `pop` in year `year` (0-based: ages move
   * on by it) under `factors`, category k drawing from `streams[k]`.
   */
  draw(
    pop: PopulationBlock,
    count: number,
    year: number,
    factors: ClaimsFactors,
    streams: readonly Stream[],
  ): this {
    const K = this.model.categories.length;
    this.useCandidates(factors.frequency);
    this.claimants = 0;
    let drawn = 0;
    for (let k = 0; k < K; k++) {
      const first = drawn;
      this.tables.first[k] = first;
      drawn = this.selectClaimants(k, pop, count, year, factors.frequency, streams[k], drawn);
      this.drawDetailBatches(k, first, drawn - first, factors.cost, streams[k]);
    }
    this.orderEvents(drawn);
    this.placeDetails();
    // ready for the next block: no person is marked
    for (let j = 0; j < this.claimants; j++) this.mark[this.claimant[j]] = -1;
    return this;
  }

  /** Steps 1–3 for category k, then each event's month; returns the events drawn so far. */
  private selectClaimants(
    k: number,
    pop: PopulationBlock,
    count: number,
    year: number,
    frequency: number,
    s: Stream,
    drawn: number,
  ): number {
    const gaps = this.gaps[k];
    if (!gaps) return drawn;
    const t = this.model.categories[k];
    const cells = this.cells[k];
    cells.fill(t, frequency, this.candidate[k]);
    const keepBelow = cells.keepBelow;
    const { group, age } = pop;
    const bands = t.bands;
    const bandOfAge = t.bandOfAge;
    const { below: gapBelow, guide: gapGuide } = gaps.table;
    const beyond = gaps.table.beyond;
    const mark = this.mark;
    this.reserveClaimants(count);
    const { perClaimant, claimant, group: claimantGroup, status: claimantStatus } = this;
    // the stream's numbers in batches (Stream.fillUint32 keeps the state in registers);
    // `take()` below is written out where it is used: refill when used up, then read
    const u32 = this.uniforms;
    let at = UNIFORM_BATCH;
    const first = drawn;
    const oldest = MAX_AGE;
    let claimants = this.claimants;
    let drawnClaimant = this.drawnClaimant;
    let drawnCategory = this.drawnCategory;
    let i = -1;
    for (;;) {
      // the gap before the next candidate (geometric; inverted from a 32-bit number)
      let gap = 0;
      for (;;) {
        if (at === UNIFORM_BATCH) {
          s.fillUint32(u32);
          at = 0;
        }
        const w = u32[at++];
        let g = gapGuide[w >>> 24];
        while (w >= gapBelow[g]) g++;
        gap += g;
        if (g < beyond) break;
      }
      i += 1 + gap;
      if (i >= count) break;
      if (at === UNIFORM_BATCH) {
        s.fillUint32(u32);
        at = 0;
      }
      const u = u32[at++];
      const a = age[i] + year;
      const cell = group[i] * bands + bandOfAge[Math.min(a, oldest)];
      const below = keepBelow[cell];
      if (u >= below) continue;
      const n = countGivenAny(t, cells, cell, (u + 0.5) / below);
      let j = mark[i];
      if (j < 0) {
        j = claimants++;
        claimant[j] = i;
        claimantGroup[j] = group[i];
        claimantStatus[j] = pop.status[i];
        perClaimant[j] = 0;
        mark[i] = j;
      }
      perClaimant[j] += n;
      if (drawnClaimant.length < drawn + n) {
        this.reserveDrawn(drawn + n);
        drawnClaimant = this.drawnClaimant;
        drawnCategory = this.drawnCategory;
      }
      for (let c = 0; c < n; c++) {
        drawnClaimant[drawn] = j;
        drawnCategory[drawn++] = k;
      }
    }
    this.claimants = claimants;
    // each event's month, in one batch
    const n = drawn - first;
    this.bits = grown(this.bits, n);
    s.fillUint32(this.bits, n);
    monthsOf(this.bits, n, this.drawnMonth, first);
    return drawn;
  }

  /** Room for every person of a block as a claimant (claimant indices never exceed it). */
  private reserveClaimants(persons: number): void {
    if (this.claimant.length >= persons) return;
    const grow = <T extends Uint8Array | Uint32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(persons);
      b.set(a);
      return b;
    };
    this.claimant = grow(this.claimant);
    this.group = grow(this.group);
    this.status = grow(this.status);
    this.perClaimant = grow(this.perClaimant);
  }

  private reserveDrawn(n: number): void {
    const size = Math.max(4096, n * 2);
    const c = new Uint32Array(size);
    c.set(this.drawnClaimant);
    this.drawnClaimant = c;
    const k = new Uint8Array(size);
    k.set(this.drawnCategory);
    this.drawnCategory = k;
    const m = new Uint8Array(size);
    m.set(this.drawnMonth);
    this.drawnMonth = m;
  }

  /**
   * Category k's `n` events' draws for level, cost, scope share and cancer drugs, each in
   * one batch (events take them in the order they are placed: the draws are independent
   * of one another, so which event takes which does not change their distribution).
   */
  private drawDetailBatches(k: number, first: number, n: number, cost: number, s: Stream): void {
    const t = this.model.categories[k];
    const d = this.details[k];
    if (n === 0) return;
    const levels = t.levels.length;
    if (levels > 1) {
      this.bits = grown(this.bits, n);
      s.fillUint32(this.bits, n);
      d.level = grown(d.level, n);
      levelsOf(this.bits, n, t.levelBelow, d.level);
    }
    if (t.costSigma > 0) {
      d.cost = grown(d.cost, n);
      fillStandardNormal(s, d.cost, n);
    }
    if (t.scopeSd > 0) {
      d.scope = grown(d.scope, n);
      fillStandardNormal(s, d.scope, n);
    }
    if (t.cancerBelow > 0) {
      d.cancer = grown(d.cancer, n);
      s.fillUint32(d.cancer, n);
    }
    for (let g = 0; g < GROUPS.length; g++)
      for (let l = 0; l < levels; l++)
        d.costLog[g * 3 + l] = t.costMu[g] + Math.log(t.levelFactor[l] * cost * 100);
    d.levelCode = grown(d.levelCode, n);
    d.totalFen = grown(d.totalFen, n);
    d.scopeFen = grown(d.scopeFen, n);
    d.excludedFen = grown(d.excludedFen, n);
    d.cdoFen = grown(d.cdoFen, n);
    amountsOf(t, d, this.drawnClaimant, first, this.group, n, cost, s);
  }

  /** Places each drawn event: grouped by claimant, by month within a claimant. */
  private orderEvents(count: number): void {
    const J = this.claimants;
    this.offsets = grown(this.offsets, J + 1);
    this.placedEvent = grown(this.placedEvent, count);
    this.placedCategory = grown(this.placedCategory, count);
    this.events = reserveEvents(this.events, count);
    const ev = this.events;
    ev.count = count;
    const offsets = this.offsets;
    offsets[0] = 0;
    for (let j = 0; j < J; j++) offsets[j + 1] = offsets[j] + this.perClaimant[j];
    scatterByClaimant(
      count,
      this.drawnClaimant,
      this.drawnMonth,
      offsets,
      this.perClaimant,
      ev.person,
      ev.month,
      this.placedEvent,
    );
    sortByMonth(J, offsets, ev.month, this.placedEvent);
    categoriesOf(count, this.placedEvent, this.drawnCategory, this.placedCategory);
  }

  /** Level and amounts of every placed event: those drawn for it, in its category's order. */
  private placeDetails(): void {
    const ev = this.events;
    const { category, level, total, scope, excluded, cancerDrugOoc } = ev;
    const t = this.tables;
    const details = this.details;
    const placedCategory = this.placedCategory;
    const placedEvent = this.placedEvent;
    for (let slot = 0; slot < ev.count; slot++) {
      const k = placedCategory[slot];
      const d = details[k];
      const e = placedEvent[slot] - t.first[k];
      category[slot] = t.category[k];
      level[slot] = d.levelCode[e];
      total[slot] = d.totalFen[e] / 100;
      scope[slot] = d.scopeFen[e] / 100;
      excluded[slot] = d.excludedFen[e] / 100;
      cancerDrugOoc[slot] = d.cdoFen[e] / 100;
    }
  }
}

/**
 * Category t's `n` events drawn from `first` (in the order drawn): level, and amounts to
 * the fen — cost lognormal × level factor × cost trend, the policy-scope share (normal,
 * clipped to [0, 1]), the excluded part of the rest, out-of-catalogue cancer drugs.
 */
function amountsOf(
  t: CategoryTables,
  d: DetailDraws,
  drawnClaimant: Uint32Array,
  first: number,
  claimantGroup: Uint8Array,
  n: number,
  cost: number,
  s: Stream,
): void {
  const levels = t.levels.length;
  const sigma = t.costSigma;
  const { scopeMean, scopeSd, excludedShare, cancerBelow, cancerMu, cancerSigma } = t;
  const {
    costLog,
    level,
    cost: z,
    scope: w,
    cancer,
    levelCode,
    totalFen,
    scopeFen,
    excludedFen,
    cdoFen,
  } = d;
  for (let e = 0; e < n; e++) {
    const g = claimantGroup[drawnClaimant[first + e]];
    const l = levels > 1 ? level[e] : 0;
    const log = costLog[g * 3 + l];
    let fen = roundHalfUp(fastExp(sigma > 0 ? log + sigma * z[e] : log));
    if (fen < 1) fen = 1;
    const share = Math.min(Math.max(scopeSd > 0 ? scopeMean + scopeSd * w[e] : scopeMean, 0), 1);
    const inScope = roundHalfUp(fen * share);
    excludedFen[e] = roundHalfUp((fen - inScope) * excludedShare);
    let cdo = 0;
    if (cancerBelow > 0 && cancer[e] < cancerBelow) {
      cdo = roundHalfUp(fastExp(cancerMu + cancerSigma * standardNormal(s)) * 100 * cost);
      fen += cdo;
    }
    levelCode[e] = t.levels[l];
    totalFen[e] = fen;
    scopeFen[e] = inScope;
    cdoFen[e] = cdo;
  }
}

/** What the placement loop reads by category, as typed arrays. */
class CategoryScalars {
  /** the index of the category's first event in the order drawn, this draw */
  readonly first: Int32Array;
  readonly category: Uint8Array;

  constructor(categories: readonly CategoryTables[]) {
    this.first = new Int32Array(categories.length);
    this.category = Uint8Array.from(categories, (t) => t.category);
  }
}

// The loops below are functions of their own: a loop inside a larger function is compiled
// while it first runs (on-stack replacement), before the code after it has run, and the
// compiled code is thrown away at each exit for lack of that code's type feedback.

function monthsOf(bits: Uint32Array, n: number, out: Uint8Array, at: number): void {
  for (let e = 0; e < n; e++) out[at + e] = Math.floor(bits[e] * (MONTHS / TWO_32));
}

function levelsOf(bits: Uint32Array, n: number, below: Float64Array, out: Uint8Array): void {
  for (let e = 0; e < n; e++) {
    let l = 0;
    while (bits[e] >= below[l]) l++;
    out[e] = l;
  }
}

/** Each drawn event into its claimant's range, in the order drawn (`cursor` counted down to 0). */
function scatterByClaimant(
  count: number,
  claimant: Uint32Array,
  drawnMonth: Uint8Array,
  offsets: Uint32Array,
  cursor: Uint32Array,
  person: Uint32Array,
  month: Uint8Array,
  placed: Uint32Array,
): void {
  for (let e = 0; e < count; e++) {
    const j = claimant[e];
    const slot = offsets[j + 1] - cursor[j]--;
    month[slot] = drawnMonth[e];
    placed[slot] = e;
    person[slot] = j;
  }
}

/** A claimant has few events: a stable insertion sort by month within each range. */
function sortByMonth(J: number, offsets: Uint32Array, month: Uint8Array, placed: Uint32Array) {
  for (let j = 0; j < J; j++) {
    const from = offsets[j];
    const to = offsets[j + 1];
    for (let a = from + 1; a < to; a++) {
      const m = month[a];
      if (month[a - 1] <= m) continue;
      const e = placed[a];
      let b = a;
      for (; b > from && month[b - 1] > m; b--) {
        month[b] = month[b - 1];
        placed[b] = placed[b - 1];
      }
      month[b] = m;
      placed[b] = e;
    }
  }
}

function categoriesOf(count: number, placed: Uint32Array, drawn: Uint8Array, out: Uint8Array) {
  for (let slot = 0; slot < count; slot++) out[slot] = drawn[placed[slot]];
}

function reserveEvents(
  ev: Events & { month: Uint8Array },
  n: number,
): Events & { month: Uint8Array } {
  if (ev.person.length >= n) return ev;
  const size = Math.max(n, Math.ceil(ev.person.length * 1.5));
  return { ...allocateEvents(size), month: new Uint8Array(size) };
}
