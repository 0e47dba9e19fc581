/**
 * The claims generator: a block's events of one scenario-year, drawn from the calibration,
 * in time proportional to the persons with events rather than to the persons.
 *
 *   per category (its own stream):
 *     claimants ── geometric gaps between candidates, each kept with its own chance ──▶
 *       (person, count), ascending by person ── each event's month, level and the normals
 *       of its cost and policy-scope share, in batches ──▶
 *   all categories, merged by person (a counting sort): each event put in date order among
 *     its person's, with its amounts — cost (lognormal × level factor × cost trend),
 *     policy-scope share, excluded items, out-of-catalogue cancer drugs ──▶ Events
 *     (columns, reused)
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

/**
 * One category's draws of a block-year: the persons selected (in block order) with their
 * counts, then their events' months, levels and amounts, in the same order.
 */
class CategoryDraws {
  /** selected persons: block index and count, ascending by person */
  person = new Uint32Array(0);
  count = new Uint32Array(0);
  selected = 0;
  /** events drawn, and per event (in the order of the selected persons): month, level index */
  events = 0;
  month = new Uint8Array(0);
  level = new Uint8Array(0);
  /** draws taken in batches: uniform bits, standard normals for cost and scope */
  bits = new Uint32Array(0);
  cost = new Float64Array(0);
  scope = new Float64Array(0);
  cancer = new Uint32Array(0);
  /** log of an event's cost in fen before the normal term, by group × level */
  costLog = new Float64Array(GROUPS.length * 3);

  reserveSelected(n: number): void {
    if (this.person.length >= n) return;
    this.person = new Uint32Array(n);
    this.count = new Uint32Array(n);
  }

  reserveEvents(n: number): void {
    this.month = grown(this.month, n);
    this.level = grown(this.level, n);
  }
}

/**
 * Draws blocks' claims, one scenario-year at a time, into columns it keeps and reuses.
 * After `draw`: claimant j (0 ≤ j < claimants) is person `claimant[j]` of the block (in
 * block order), of group `group[j]` and status `status[j]`; `events` are sorted by j and,
 * within j, by month (events.person holds j).
 *
 *   per category: selected persons (ascending) ─▶ their events' months, levels, amounts
 *   merged by person ─▶ claimants and their events, read and written in order
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
  private readonly draws: CategoryDraws[];
  private readonly codes: Uint8Array;
  /** 32-bit numbers of the claimant draw, taken from the stream in batches */
  private readonly uniforms = new Uint32Array(UNIFORM_BATCH);
  /** the merge's block-sized columns: each person's next event slot, claimant number */
  private readonly slotOf: Uint32Array;
  private readonly claimantOf: Uint32Array;
  /** claimant j's events are [firstEvent[j], firstEvent[j + 1]) */
  private firstEvent = new Uint32Array(0);

  /** `groups`: which groups the population can hold; `block`: persons per block. */
  constructor(model: ClaimsModel, groups: readonly boolean[], block: number) {
    this.model = model;
    this.groups = groups;
    this.cells = model.categories.map((t) => new YearCells(t.rate.length));
    this.draws = model.categories.map(() => new CategoryDraws());
    this.codes = Uint8Array.from(model.categories, (t) => t.category);
    this.slotOf = new Uint32Array(block);
    this.claimantOf = new Uint32Array(block);
    this.reserveClaimants(Math.min(block, 4096));
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
    let events = 0;
    for (let k = 0; k < K; k++) {
      const d = this.draws[k];
      d.selected = 0;
      d.events = 0;
      this.selectClaimants(k, pop, count, year, factors.frequency, streams[k]);
      this.drawDetails(k, factors.cost, streams[k]);
      events += d.events;
    }
    this.merge(pop, count, events, factors.cost, streams);
    return this;
  }

  /** Steps 1–3 for category k, then each event's month, in one batch. */
  private selectClaimants(
    k: number,
    pop: PopulationBlock,
    count: number,
    year: number,
    frequency: number,
    s: Stream,
  ): void {
    const gaps = this.gaps[k];
    if (!gaps) return;
    const t = this.model.categories[k];
    const d = this.draws[k];
    const cells = this.cells[k];
    cells.fill(t, frequency, this.candidate[k]);
    d.reserveSelected(count);
    const keepBelow = cells.keepBelow;
    const { group, age } = pop;
    const bands = t.bands;
    const bandOfAge = t.bandOfAge;
    const { below: gapBelow, guide: gapGuide } = gaps.table;
    const beyond = gaps.table.beyond;
    const { person, count: counts } = d;
    // the stream's numbers in batches (Stream.fillUint32 keeps the state in registers);
    // `take()` below is written out where it is used: refill when used up, then read
    const u32 = this.uniforms;
    let at = UNIFORM_BATCH;
    const oldest = MAX_AGE;
    let selected = 0;
    let events = 0;
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
      person[selected] = i;
      counts[selected++] = n;
      events += n;
    }
    d.selected = selected;
    d.events = events;
    // each event's month, in one batch
    d.reserveEvents(events);
    d.bits = grown(d.bits, events);
    s.fillUint32(d.bits, events);
    monthsOf(d.bits, events, d.month);
  }

  /** Room for every person of a block as a claimant (claimant indices never exceed it). */
  private reserveClaimants(persons: number): void {
    if (this.claimant.length >= persons) return;
    this.claimant = new Uint32Array(persons);
    this.group = new Uint8Array(persons);
    this.status = new Uint8Array(persons);
  }

  /**
   * Category k's events' draws for level, cost and scope share and cancer drugs, each in
   * one batch (the draws are independent of one another and of the persons, so which
   * event takes which does not change their distribution); merge makes them amounts.
   */
  private drawDetails(k: number, cost: number, s: Stream): void {
    const t = this.model.categories[k];
    const d = this.draws[k];
    const n = d.events;
    if (n === 0) return;
    const levels = t.levels.length;
    if (levels > 1) {
      d.bits = grown(d.bits, n);
      s.fillUint32(d.bits, n);
      levelsOf(d.bits, n, t.levelBelow, d.level);
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
  }

  /**
   * The categories' selections merged by person (a counting sort): claimant j is the j-th
   * person of the block with an event in any category, its events in month order (ties
   * by category, then as drawn). Each category's events are read in order and written in
   * ascending places, each put among its person's by a step of insertion sort.
   */
  private merge(
    pop: PopulationBlock,
    count: number,
    events: number,
    cost: number,
    streams: readonly Stream[],
  ): void {
    const { draws, codes, slotOf, claimantOf } = this;
    this.reserveClaimants(count);
    this.events = reserveEvents(this.events, events);
    this.firstEvent = grown(this.firstEvent, count + 1);
    const ev = this.events;
    ev.count = events;
    // events per person: slotOf[i] counts them, then becomes the person's next free slot
    for (const d of draws) countPerPerson(d.person, d.count, d.selected, slotOf);
    const claimants = numberClaimants(
      count,
      slotOf,
      claimantOf,
      this.firstEvent,
      this.claimant,
      pop.group,
      pop.status,
      this.group,
      this.status,
    );
    draws.forEach((d, k) => {
      const t = this.model.categories[k];
      const at = { slotOf, claimantOf, firstEvent: this.firstEvent };
      placeEvents(t, d, codes[k], pop.group, at, ev, cost, streams[k]);
    });
    // ready for the next block: no person has a slot
    slotOf.fill(0, 0, count);
    this.claimants = claimants;
  }
}

/** slotOf[i] += events of each selected person i of a category. */
function countPerPerson(person: Uint32Array, count: Uint32Array, n: number, slotOf: Uint32Array) {
  for (let p = 0; p < n; p++) slotOf[person[p]] += count[p];
}

/**
 * Numbers the persons with events in block order (claimant j), with their group, status
 * and first event; turns slotOf[i] from i's number of events into its first slot.
 */
function numberClaimants(
  count: number,
  slotOf: Uint32Array,
  claimantOf: Uint32Array,
  firstEvent: Uint32Array,
  claimant: Uint32Array,
  personGroup: Uint8Array,
  personStatus: Uint8Array,
  group: Uint8Array,
  status: Uint8Array,
): number {
  let j = 0;
  let e = 0;
  // without a branch (whether a person has events is a coin toss for the CPU's predictor):
  // every person writes claimant j's places, and only one with events moves on to j + 1
  for (let i = 0; i < count; i++) {
    const n = slotOf[i];
    claimant[j] = i;
    group[j] = personGroup[i];
    status[j] = personStatus[i];
    claimantOf[i] = j;
    firstEvent[j] = e;
    slotOf[i] = e;
    e += n;
    j += Math.min(n, 1);
  }
  firstEvent[j] = e;
  return j;
}

/**
 * A category's events into their persons' slots, each put in month order among the
 * person's events placed so far (stably: after those of the same month, so ties stay in
 * category order, then as drawn), with its level and amounts to the fen: cost lognormal ×
 * level factor × cost trend, the policy-scope share (normal, clipped to [0, 1]), the
 * excluded part of the rest, out-of-catalogue cancer drugs (their normals from `s`, the
 * category's stream, after its batches).
 */
function placeEvents(
  t: CategoryTables,
  d: CategoryDraws,
  code: number,
  personGroup: Uint8Array,
  places: { slotOf: Uint32Array; claimantOf: Uint32Array; firstEvent: Uint32Array },
  ev: Events & { month: Uint8Array },
  cost: number,
  s: Stream,
): void {
  const { slotOf, claimantOf, firstEvent } = places;
  const { person, count, selected, month, level: levelIndex, costLog, cancer } = d;
  const z = d.cost;
  const w = d.scope;
  const levels = t.levels.length;
  const levelCodes = t.levels;
  const sigma = t.costSigma;
  const { scopeMean, scopeSd, excludedShare, cancerBelow, cancerMu, cancerSigma } = t;
  const { category, level, total, scope, excluded, cancerDrugOoc } = ev;
  const evMonth = ev.month;
  const evPerson = ev.person;
  let from = 0;
  for (let p = 0; p < selected; p++) {
    const i = person[p];
    const g = personGroup[i];
    const j = claimantOf[i];
    const first = firstEvent[j];
    let slot = slotOf[i];
    for (let c = count[p]; c > 0; c--, from++, slot++) {
      const l = levels > 1 ? levelIndex[from] : 0;
      const log = costLog[g * 3 + l];
      let fen = roundHalfUp(fastExp(sigma > 0 ? log + sigma * z[from] : log));
      if (fen < 1) fen = 1;
      const share = Math.min(
        Math.max(scopeSd > 0 ? scopeMean + scopeSd * w[from] : scopeMean, 0),
        1,
      );
      const inScope = roundHalfUp(fen * share);
      const excludedFen = roundHalfUp((fen - inScope) * excludedShare);
      let cdo = 0;
      if (cancerBelow > 0 && cancer[from] < cancerBelow) {
        cdo = roundHalfUp(fastExp(cancerMu + cancerSigma * standardNormal(s)) * 100 * cost);
        fen += cdo;
      }
      const m = month[from];
      // later months of the person placed before move up one place
      let at = slot;
      for (; at > first && evMonth[at - 1] > m; at--) {
        evMonth[at] = evMonth[at - 1];
        category[at] = category[at - 1];
        level[at] = level[at - 1];
        total[at] = total[at - 1];
        scope[at] = scope[at - 1];
        excluded[at] = excluded[at - 1];
        cancerDrugOoc[at] = cancerDrugOoc[at - 1];
      }
      evPerson[slot] = j;
      evMonth[at] = m;
      category[at] = code;
      level[at] = levelCodes[l];
      // yuan, as Events hold them (the engines round back to the fen)
      total[at] = fen * 0.01;
      scope[at] = inScope * 0.01;
      excluded[at] = excludedFen * 0.01;
      cancerDrugOoc[at] = cdo * 0.01;
    }
    slotOf[i] = slot;
  }
}

// The loops below are functions of their own: a loop inside a larger function is compiled
// while it first runs (on-stack replacement), before the code after it has run, and the
// compiled code is thrown away at each exit for lack of that code's type feedback.

function monthsOf(bits: Uint32Array, n: number, out: Uint8Array): void {
  for (let e = 0; e < n; e++) out[e] = Math.floor(bits[e] * (MONTHS / TWO_32));
}

function levelsOf(bits: Uint32Array, n: number, below: Float64Array, out: Uint8Array): void {
  for (let e = 0; e < n; e++) {
    let l = 0;
    while (bits[e] >= below[l]) l++;
    out[e] = l;
  }
}

function reserveEvents(
  ev: Events & { month: Uint8Array },
  n: number,
): Events & { month: Uint8Array } {
  if (ev.person.length >= n) return ev;
  const size = Math.max(n, Math.ceil(ev.person.length * 1.5));
  return { ...allocateEvents(size), month: new Uint8Array(size) };
}
