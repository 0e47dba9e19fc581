/**
 * The claims generator: a person-year's events by category, drawn from the calibration.
 *
 *   per category: count ~ negative binomial (mean by group × age factor × utilisation), or
 *   prevalence × fixed events for chronic treatment; per event: month, hospital level, cost
 *   (lognormal by group × level factor × cost trend), policy-scope share, excluded items,
 *   out-of-catalogue cancer drugs. Events come out sorted by person, then by month.
 *
 * Counts are drawn by inverting the negative binomial CDF from tables per (category, group,
 * age) built once per scenario-year, so the loop over persons makes one uniform draw per
 * category and no power or logarithm.
 */
import type { Calibration, CategoryModel } from '../calibration/model';
import { CATEGORIES, type Category, GROUPS } from '../model/codes';
import type { Events, Population } from '../model/columns';
import { roundHalfUp } from '../model/round';
import { lognormalFromMeanCv, standardNormal } from '../random/samplers';
import type { Stream } from '../random/stream';

const AGES = 121;
const MONTHS = 12;

/** What a scenario-year changes for everyone. */
export interface ClaimsFactors {
  /** multiplies every frequency (utilisation shock) */
  frequency: number;
  /** multiplies every cost (medical cost trend, cumulative) */
  cost: number;
}

interface CompiledCategory {
  model: CategoryModel;
  /** per group: mu of the log cost; sigma shared */
  mu: Float64Array;
  sigma: number;
  /** level codes and cumulative shares, and cost factors rescaled to mean 1 */
  levels: Uint8Array;
  levelCumulative: Float64Array;
  levelFactor: Float64Array;
  /** mean relative age factor of each group over its age profile */
  ageNorm: Float64Array;
  ageFactor: Float64Array;
  cancer?: { probability: number; mu: number; sigma: number };
}

export interface ClaimsSampler {
  /** Tables of one scenario-year. */
  forYear: (factors: ClaimsFactors) => YearTables;
}

export interface YearTables {
  /**
   * The events of a block of persons. `streamOf(category)` gives each category its own
   * stream, so that changing one category's figures leaves the others' draws as they were.
   */
  draw: (pop: Population, streamOf: (category: Category) => Stream) => Events;
}

function ageFactorTable(model: CategoryModel): Float64Array {
  const table = new Float64Array(AGES).fill(1);
  if (model.ageFactor.length === 0) return table;
  for (let age = 0; age < AGES; age++) {
    const band = model.ageFactor.find((b) => age <= b.to) ?? model.ageFactor.at(-1)!;
    table[age] = band.value;
  }
  return table;
}

function compile(cal: Calibration, model: CategoryModel): CompiledCategory {
  const { sigma } = lognormalFromMeanCv(1, model.costCv);
  const mu = Float64Array.from(
    model.costMean,
    (mean) => lognormalFromMeanCv(mean, model.costCv).mu,
  );
  const shareSum = model.levels.reduce((a, l) => a + l.share, 0);
  const meanRelative = model.levels.reduce((a, l) => a + (l.share / shareSum) * l.relativeCost, 0);
  let cumulative = 0;
  const levelCumulative = Float64Array.from(model.levels, (l) => {
    cumulative += l.share / shareSum;
    return cumulative;
  });
  levelCumulative[levelCumulative.length - 1] = 1;
  const ageFactor = ageFactorTable(model);
  // Rescale so that each group's mean frequency over its age profile is the figure given.
  const ageNorm = Float64Array.from(cal.population.age, (bands) => {
    let weighted = 0;
    let weights = 0;
    for (const b of bands) {
      const span = b.to - b.from + 1;
      for (let a = b.from; a <= b.to; a++) weighted += (b.weight / span) * ageFactor[a];
      weights += b.weight;
    }
    return weighted / weights;
  });
  const compiled: CompiledCategory = {
    model,
    mu,
    sigma,
    levels: Uint8Array.from(model.levels, (l) => l.level),
    levelCumulative,
    levelFactor: Float64Array.from(model.levels, (l) => l.relativeCost / meanRelative),
    ageNorm,
    ageFactor,
  };
  if (model.cancerDrug) {
    const ln = lognormalFromMeanCv(model.cancerDrug.mean, model.cancerDrug.cv);
    compiled.cancer = { probability: model.cancerDrug.probability, ...ln };
  }
  return compiled;
}

/** Count tables: per (group, age) the probability of no event and the NB ratio. */
function countTables(c: CompiledCategory, factor: number) {
  const n = GROUPS.length * AGES;
  const p0 = new Float64Array(n);
  const q = new Float64Array(n);
  const f = c.model.frequency;
  for (let g = 0; g < GROUPS.length; g++) {
    for (let a = 0; a < AGES; a++) {
      const rel = (c.ageFactor[a] / c.ageNorm[g]) * factor;
      const i = g * AGES + a;
      if (f.kind === 'negbin') {
        const m = f.mean[g] * rel;
        p0[i] = (f.dispersion / (f.dispersion + m)) ** f.dispersion;
        q[i] = m / (f.dispersion + m);
      } else {
        // prevalence: p0 is the chance of not being in treatment
        p0[i] = 1 - Math.min(f.prevalence[g] * rel, 1);
      }
    }
  }
  return { p0, q };
}

/** Growable event columns. */
class EventBuffer {
  count = 0;
  person: Uint32Array;
  category: Uint8Array;
  level: Uint8Array;
  month: Uint8Array;
  total: Float64Array;
  scope: Float64Array;
  excluded: Float64Array;
  cancerDrugOoc: Float64Array;

  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.person = new Uint32Array(n);
    this.category = new Uint8Array(n);
    this.level = new Uint8Array(n);
    this.month = new Uint8Array(n);
    this.total = new Float64Array(n);
    this.scope = new Float64Array(n);
    this.excluded = new Float64Array(n);
    this.cancerDrugOoc = new Float64Array(n);
  }

  ensure(extra: number): void {
    if (this.count + extra <= this.person.length) return;
    const n = Math.max(this.person.length * 2, this.count + extra);
    const grow = <T extends Uint32Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.person = grow(this.person);
    this.category = grow(this.category);
    this.level = grow(this.level);
    this.month = grow(this.month);
    this.total = grow(this.total);
    this.scope = grow(this.scope);
    this.excluded = grow(this.excluded);
    this.cancerDrugOoc = grow(this.cancerDrugOoc);
  }

  swap(i: number, j: number): void {
    for (const a of [
      this.person,
      this.category,
      this.level,
      this.month,
      this.total,
      this.scope,
      this.excluded,
      this.cancerDrugOoc,
    ]) {
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Insertion sort of events [from, to) by month (a person has few events). */
  sortByMonth(from: number, to: number): void {
    for (let i = from + 1; i < to; i++)
      for (let j = i; j > from && this.month[j - 1] > this.month[j]; j--) this.swap(j - 1, j);
  }

  columns(): Events {
    const n = this.count;
    return {
      count: n,
      person: this.person.subarray(0, n),
      category: this.category.subarray(0, n),
      level: this.level.subarray(0, n),
      month: this.month.subarray(0, n),
      total: this.total.subarray(0, n),
      scope: this.scope.subarray(0, n),
      excluded: this.excluded.subarray(0, n),
      cancerDrugOoc: this.cancerDrugOoc.subarray(0, n),
    };
  }
}

/** Builds the claims sampler of a calibration. */
export function claimsSampler(cal: Calibration): ClaimsSampler {
  const categories = cal.claims.map((m) => compile(cal, m));
  return {
    forYear(factors) {
      const tables = categories.map((c) => countTables(c, factors.frequency));
      const costFactor = factors.cost;
      const draw = (pop: Population, streamOf: (category: Category) => Stream): Events => {
        const streams = categories.map((c) => streamOf(CATEGORIES[c.model.category]));
        const buf = new EventBuffer(Math.ceil(pop.size * 1.5));
        for (let i = 0; i < pop.size; i++) {
          const g = pop.group[i];
          const cell = g * AGES + pop.age[i];
          const first = buf.count;
          for (let k = 0; k < categories.length; k++) {
            const c = categories[k];
            const t = tables[k];
            const s = streams[k];
            // count by inversion: one uniform, usually one comparison
            let u = s.next();
            let p = t.p0[cell];
            let n = 0;
            if (u >= p) {
              const f = c.model.frequency;
              if (f.kind === 'prevalence') n = f.events;
              else {
                const r = f.dispersion;
                const q = t.q[cell];
                while (u >= p && p > 0) {
                  u -= p;
                  n++;
                  p *= ((n - 1 + r) / n) * q;
                }
              }
            }
            if (n === 0) continue;
            buf.ensure(n);
            for (let j = 0; j < n; j++) {
              const e = buf.count++;
              buf.person[e] = i;
              buf.category[e] = c.model.category;
              buf.month[e] = Math.floor(s.next() * MONTHS);
              const v = s.next();
              let l = 0;
              while (v >= c.levelCumulative[l]) l++;
              buf.level[e] = c.levels[l];
              const cost =
                Math.exp(c.mu[g] + c.sigma * standardNormal(s)) * c.levelFactor[l] * costFactor;
              let totalFen = Math.max(roundHalfUp(cost * 100), 1);
              const share = Math.min(
                Math.max(c.model.scopeShare.mean + c.model.scopeShare.sd * standardNormal(s), 0),
                1,
              );
              const scopeFen = roundHalfUp(totalFen * share);
              const excludedFen = roundHalfUp((totalFen - scopeFen) * c.model.excludedShare);
              let cdoFen = 0;
              if (c.cancer && s.next() < c.cancer.probability) {
                cdoFen = roundHalfUp(
                  Math.exp(c.cancer.mu + c.cancer.sigma * standardNormal(s)) * 100 * costFactor,
                );
                totalFen += cdoFen;
              }
              buf.total[e] = totalFen / 100;
              buf.scope[e] = scopeFen / 100;
              buf.excluded[e] = excludedFen / 100;
              buf.cancerDrugOoc[e] = cdoFen / 100;
            }
          }
          if (buf.count - first > 1) buf.sortByMonth(first, buf.count);
        }
        return buf.columns();
      };
      return { draw };
    },
  };
}
