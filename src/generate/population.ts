/**
 * The population generator: persons drawn block by block from the block's own stream, so
 * person i of a block is the same person whatever the number of workers, the scenario or
 * the year (common random numbers). A year's roll-forward ages everyone (claims.ts adds
 * the year to the age); growth adds persons at the end of the last blocks, shrinkage keeps
 * the first ones.
 *
 *   calibration.population × scheme population ─▶ PopulationModel (plain numbers, sent to
 *     worker threads) ─(block stream)─▶ PopulationBlock (typed columns, reused)
 *
 * Each attribute is drawn for the whole block in one batch (Stream.fillUint32,
 * fillStandardNormal), and an attribute that cannot vary (one group, one county, no
 * spread) draws nothing.
 */
import type { Calibration } from '../calibration/model';
import { GROUPS, type Group, STATUSES } from '../model/codes';
import { roundHalfUp } from '../model/round';
import { fastExp } from '../random/exp';
import { fillStandardNormal, lognormalFromMeanCv, normalQuantile } from '../random/samplers';
import { BLOCK_SIZE, createStream } from '../random/stream';

/** The oldest age a person can reach as years roll forward. */
export const MAX_AGE = 120;
/** Consumption deciles, for who-gains tables. */
export const DECILES = 10;

const TWO_32 = 2 ** 32;
const STATUS_COUNT = STATUSES.length;

/** A categorical draw from a 32-bit uniform: thresholds in units of 2^-32, ascending. */
interface Categorical {
  /** the only possible value, or -1 when there are several */
  only: number;
  /** cumulative thresholds, the last 2^32 */
  below: Float64Array;
}

function categorical(weights: readonly number[]): Categorical {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('population: weights must not all be zero');
  const positive = weights.flatMap((w, i) => (w > 0 ? [i] : []));
  let sum = 0;
  const below = Float64Array.from(weights, (w) => {
    sum += w;
    return Math.round((sum / total) * TWO_32);
  });
  below[below.length - 1] = TWO_32;
  return { only: positive.length === 1 ? positive[0] : -1, below };
}

/** Everything the generator draws from, as plain numbers (structured-clonable). */
export interface PopulationModel {
  group: Categorical;
  /** per group: the age bands' first ages, spans and the band draw */
  ageFrom: Float64Array[];
  ageSpan: Float64Array[];
  ageBand: Categorical[];
  /** false when no claims figure depends on age: ages are not drawn */
  drawAge: boolean;
  /** per group: the status draw (STATUSES order) */
  status: Categorical[];
  county: Categorical;
  countyNames: string[];
  /**
   * contribution base of employees in service: the wage, lognormal (yuan), held between
   * the floor and the ceiling (缴费基数上下限)
   */
  base: { mu: number; sigma: number; floor: number; ceiling: number };
  consumption: { mu: number; sigma: number; statusFactor: Float64Array; subsistence: number };
  /** upper consumption edges of deciles 1..9 (yuan), from the distribution of status none */
  decileEdges: Float64Array;
}

/** The insured population by group and county that a scheme file gives, if any. */
export interface PoolSize {
  /** persons by group (GROUPS order; 0 for groups the scheme does not cover) */
  byGroup: number[];
  /** county pools with their shares of the persons, replacing the calibration's */
  counties?: { name: string; weight: number }[];
}

/**
 * The model of one scheme's insured population: the calibration's figures, with the
 * groups restricted to the scheme's `members` and weighted by the scheme's own pool sizes
 * when it gives them (else by the calibration's national group sizes).
 */
export function populationModel(
  cal: Calibration,
  members: readonly Group[],
  options: { pool?: PoolSize; drawAge: boolean },
): PopulationModel {
  const p = cal.population;
  const sizes = options.pool?.byGroup ?? p.members;
  const counties = options.pool?.counties ?? p.counties;
  const consumption = lognormalFromMeanCv(p.consumption.mean, p.consumption.cv);
  return {
    group: categorical(GROUPS.map((g, i) => (members.includes(g) ? sizes[i] : 0))),
    ageFrom: p.age.map((bands) => Float64Array.from(bands, (b) => b.from)),
    ageSpan: p.age.map((bands) => Float64Array.from(bands, (b) => b.to - b.from + 1)),
    ageBand: p.age.map((bands) => categorical(bands.map((b) => b.weight))),
    drawAge: options.drawAge,
    status: p.status.map((shares) =>
      categorical([Math.max(1 - shares.reduce((a, b) => a + b, 0), 0), ...shares]),
    ),
    county: categorical(counties.map((c) => c.weight)),
    countyNames: counties.map((c) => c.name),
    base: {
      ...lognormalFromMeanCv(p.contributionBase.mean, p.contributionBase.cv),
      floor: p.contributionBase.floor,
      ceiling: p.contributionBase.ceiling,
    },
    consumption: {
      ...consumption,
      statusFactor: Float64Array.from(p.consumption.statusFactor),
      subsistence: p.consumption.subsistence,
    },
    // deciles of the distribution itself (not of a sample), so that every block, scenario
    // and variant uses the same edges
    decileEdges: Float64Array.from({ length: DECILES - 1 }, (_, i) =>
      consumption.sigma > 0
        ? Math.exp(consumption.mu + consumption.sigma * normalQuantile((i + 1) / DECILES))
        : Math.exp(consumption.mu),
    ),
  };
}

const EMPLOYEE = GROUPS.indexOf('employee');

/**
 * One block's persons as columns, reused from block to block (a thread draws one block at
 * a time). Money in whole fen or yuan as named.
 */
export class PopulationBlock {
  size = 0;
  /** every person has the same group, status, county and consumption */
  uniform = false;
  group = new Uint8Array(BLOCK_SIZE);
  status = new Uint8Array(BLOCK_SIZE);
  /** age in the first year */
  age = new Uint8Array(BLOCK_SIZE);
  county = new Uint16Array(BLOCK_SIZE);
  decile = new Uint8Array(BLOCK_SIZE);
  /** annual contribution base (缴费基数) in whole fen; 0 for anyone not in service */
  baseFen = new Float64Array(BLOCK_SIZE);
  /** household consumption per person, whole yuan (the SDG 3.8.2 denominator) */
  consumption = new Float64Array(BLOCK_SIZE);
  /** consumption above subsistence, yuan (the WHO capacity to pay) */
  capacityToPay = new Float64Array(BLOCK_SIZE);
  /** the person's slice combination: comboOf(group, status, decile, county) */
  combo = new Uint16Array(BLOCK_SIZE);
  private readonly bits = new Uint32Array(BLOCK_SIZE);
  private readonly normals = new Float64Array(BLOCK_SIZE);

  /** Draws the first `count` persons of block `block` (the same persons for any count). */
  draw(model: PopulationModel, seed: number, block: number, count: number): this {
    if (count > BLOCK_SIZE) throw new RangeError(`a block holds at most ${BLOCK_SIZE} persons`);
    // Every batch is drawn for the whole block, so that a person does not depend on how
    // many persons after it are drawn.
    const n = BLOCK_SIZE;
    const s = createStream(seed, 'population', 0, 0, block);
    const bits = this.bits;
    this.size = count;
    if (model.group.only >= 0) this.group.fill(model.group.only);
    else pickAll(model.group.below, s.fillUint32(bits, n), count, this.group);
    if (model.drawAge) agesOf(model, this.group, s.fillUint32(bits, n), count, this.age);
    else this.age.fill(0);
    const statuses = model.status.map((st) => st.only);
    if (statuses.every((only) => only >= 0 && only === statuses[0])) this.status.fill(statuses[0]);
    else statusesOf(model, this.group, s.fillUint32(bits, n), count, this.status);
    if (model.county.only >= 0) this.county.fill(model.county.only);
    else pickAll(model.county.below, s.fillUint32(bits, n), count, this.county);
    // only employees in service contribute on payroll; bases are whole fen
    if (model.group.only >= 0 && model.group.only !== EMPLOYEE) this.baseFen.fill(0);
    else if (model.base.sigma > 0)
      basesOf(this.group, fillStandardNormal(s, this.normals, n), model.base, count, this.baseFen);
    else basesOf(this.group, this.normals.fill(0), model.base, count, this.baseFen);
    this.uniform =
      model.group.only >= 0 &&
      statuses[model.group.only] >= 0 &&
      model.county.only >= 0 &&
      model.consumption.sigma === 0;
    if (model.consumption.sigma > 0)
      consumptionOf(model, this.status, fillStandardNormal(s, this.normals, n), count, this);
    else constantConsumption(model, this.status, count, this);
    const counties = model.countyNames.length;
    if (this.uniform)
      this.combo.fill(
        comboOf(this.group[0], this.status[0], this.decile[0], this.county[0], counties),
      );
    else combosOf(this, count, counties);
    return this;
  }
}

/** Combinations of group, status, decile and county: how sums by slice are gathered. */
export function comboCount(counties: number): number {
  return GROUPS.length * STATUS_COUNT * DECILES * counties;
}

export function comboOf(
  group: number,
  status: number,
  decile: number,
  county: number,
  counties: number,
) {
  return ((group * STATUS_COUNT + status) * DECILES + decile) * counties + county;
}

// The loops are functions of their own (see claims.ts): compiled once, kept across blocks.

function combosOf(pop: PopulationBlock, count: number, counties: number) {
  const { group, status, decile, county, combo } = pop;
  for (let i = 0; i < count; i++)
    combo[i] = ((group[i] * STATUS_COUNT + status[i]) * DECILES + decile[i]) * counties + county[i];
}

function pickAll(
  below: Float64Array,
  bits: Uint32Array,
  count: number,
  out: Uint8Array | Uint16Array,
) {
  for (let i = 0; i < count; i++) {
    const u = bits[i];
    let k = 0;
    while (u >= below[k]) k++;
    out[i] = k;
  }
}

function agesOf(
  model: PopulationModel,
  group: Uint8Array,
  bits: Uint32Array,
  count: number,
  out: Uint8Array,
) {
  for (let i = 0; i < count; i++) out[i] = ageOf(model, group[i], bits[i]);
}

function statusesOf(
  model: PopulationModel,
  group: Uint8Array,
  bits: Uint32Array,
  count: number,
  out: Uint8Array,
) {
  for (let i = 0; i < count; i++) {
    const st = model.status[group[i]];
    if (st.only >= 0) out[i] = st.only;
    else {
      const u = bits[i];
      let k = 0;
      while (u >= st.below[k]) k++;
      out[i] = k;
    }
  }
}

function basesOf(
  group: Uint8Array,
  z: Float64Array,
  base: PopulationModel['base'],
  count: number,
  out: Float64Array,
) {
  const { mu, sigma, floor, ceiling } = base;
  for (let i = 0; i < count; i++) {
    if (group[i] !== EMPLOYEE) out[i] = 0;
    else {
      const wage = fastExp(mu + sigma * z[i]);
      out[i] = roundHalfUp(Math.min(Math.max(wage, floor), ceiling) * 100);
    }
  }
}

/** Without spread, consumption (and so the decile) depends on the status alone. */
function constantConsumption(
  model: PopulationModel,
  status: Uint8Array,
  count: number,
  pop: PopulationBlock,
) {
  const statuses = model.consumption.statusFactor.length;
  const one = {
    consumption: new Float64Array(statuses),
    capacityToPay: new Float64Array(statuses),
    decile: new Uint8Array(statuses),
  };
  const each = Uint8Array.from({ length: statuses }, (_, st) => st);
  consumptionOf(model, each, new Float64Array(statuses), statuses, one);
  const { consumption, capacityToPay, decile } = pop;
  if (pop.uniform) {
    const st = status[0];
    consumption.fill(one.consumption[st], 0, count);
    capacityToPay.fill(one.capacityToPay[st], 0, count);
    decile.fill(one.decile[st], 0, count);
    return;
  }
  for (let i = 0; i < count; i++) {
    const st = status[i];
    consumption[i] = one.consumption[st];
    capacityToPay[i] = one.capacityToPay[st];
    decile[i] = one.decile[st];
  }
}

function consumptionOf(
  model: PopulationModel,
  status: Uint8Array,
  z: Float64Array,
  count: number,
  out: { consumption: Float64Array; capacityToPay: Float64Array; decile: Uint8Array },
) {
  const { mu, sigma, statusFactor, subsistence } = model.consumption;
  const edges = model.decileEdges;
  const { consumption, capacityToPay, decile } = out;
  for (let i = 0; i < count; i++) {
    const c = roundHalfUp(fastExp(mu + sigma * z[i]) * statusFactor[status[i]]);
    consumption[i] = c;
    capacityToPay[i] = c > subsistence ? c - subsistence : 0;
    let d = 0;
    while (d < DECILES - 1 && c > edges[d]) d++;
    decile[i] = d;
  }
}

/** The value whose threshold is the first above u. */
function pick(below: Float64Array, u: number): number {
  let k = 0;
  while (u >= below[k]) k++;
  return k;
}

/** Band and age within it from one 32-bit uniform (the part of u inside the band's slice). */
function ageOf(model: PopulationModel, g: number, u: number): number {
  const below = model.ageBand[g].below;
  const band = pick(below, u);
  const low = band > 0 ? below[band - 1] : 0;
  const within = (u - low) / (below[band] - low);
  return model.ageFrom[g][band] + Math.floor(within * model.ageSpan[g][band]);
}
