/**
 * What a simulation keeps of one (variant, scenario, year): sums over the person-years in
 * whole fen and whole counts, so that they are exact in float64 and merge in any order —
 * which is what makes a run's numbers the same whatever its threads and blocks.
 *
 * A cell is a stretch of one Float64Array; its fields are declared once, in the lists
 * below, and the layout, the accumulation and the YearAggregate view all follow from them.
 * To add a sum: name it in SCALARS (or SLICE_FIELDS, VECTORS), add to it in
 * `addClaimants` (or `personSums`), and read it in `yearAggregate`.
 *
 *   block's persons ──personSums (once per block)──▶ persons and bases by slice
 *   claimants' settlement ──addClaimants──▶ money, counts, months
 */

import type { SettlementColumns } from '../engine/fast/kernel';
import type { ClaimsDrawer } from '../generate/claims';
import { comboCount, DECILES, type PopulationBlock } from '../generate/population';
import { GROUPS, STATUSES } from '../model/codes';
import { type AidBudgetPlan, type AidBudgetSums, aidBudgetSums, QUARTERS } from './aid-budget';
import type { OopDistribution } from './oop-distribution';

export { DECILES };

/** Sums over all persons of the cell. */
export const SCALARS = [
  'persons',
  /** persons with at least one event */
  'claimants',
  /** persons paid anything by the layers the premium pays */
  'beneficiaries',
  'events',
  'total',
  'basic',
  'aid',
  'oop',
  /** what the layers paid by the premium paid */
  'insured',
  /** Σ contribution bases of the payers (payroll funding), fen, before wage growth */
  'baseFen',
  /** persons on the scheme's first alert list */
  'alerts',
  /** persons whose out-of-pocket is above the calibration's alert threshold */
  'aboveAlert',
  /** persons with catastrophic spending (WHO capacity to pay) */
  'catastrophicCapacity',
] as const;

/** Sums of one slice of persons (a group, a status, a decile, a county, a cost band). */
export const SLICE_FIELDS = [
  'persons',
  'total',
  'basic',
  'insured',
  /** every other layer (not paid by this premium) and aid */
  'otherLayers',
  'aid',
  'oop',
  'aboveAlert',
  'catastrophic',
  'baseFen',
] as const;

export const SLICE_SETS = ['byGroup', 'byStatus', 'byDecile', 'byCounty', 'byCostBand'] as const;

/**
 * Vectors: by layer index; by SDG consumption share; insured payments by month of event;
 * persons by group × status (the medical-aid fund's subsidised heads and status list);
 * by quarter, persons whose out-of-pocket so far this year is above the quarterly list's
 * threshold, and those of them not listed for their status already (./aid-budget.ts).
 */
export const VECTORS = [
  'layers',
  'catastrophicConsumption',
  'monthlyInsured',
  'personsByGroupStatus',
  'aboveThreshold',
  'aboveThresholdOnly',
] as const;

type Scalar = (typeof SCALARS)[number];
type SliceField = (typeof SLICE_FIELDS)[number];
type SliceSet = (typeof SLICE_SETS)[number];
type Vector = (typeof VECTORS)[number];

const S = Object.fromEntries(SCALARS.map((k, i) => [k, i])) as Record<Scalar, number>;
const F = Object.fromEntries(SLICE_FIELDS.map((k, i) => [k, i])) as Record<SliceField, number>;
const SLICE = SLICE_FIELDS.length;

/** The sizes a cell's layout depends on. */
export interface CellDimensions {
  layers: number;
  sdgShares: number;
  counties: number;
  costBands: number;
}

/** Where each sum of a cell lies, from the lists above. */
export class CellLayout {
  readonly size: number;
  readonly vector: Record<Vector, number>;
  readonly vectorLength: Record<Vector, number>;
  readonly slices: Record<SliceSet, number>;
  readonly sliceCount: Record<SliceSet, number>;

  constructor(readonly dims: CellDimensions) {
    let at = SCALARS.length;
    this.vectorLength = {
      layers: dims.layers,
      catastrophicConsumption: dims.sdgShares,
      monthlyInsured: 12,
      personsByGroupStatus: GROUPS.length * STATUSES.length,
      aboveThreshold: QUARTERS,
      aboveThresholdOnly: QUARTERS,
    };
    this.vector = {} as Record<Vector, number>;
    for (const v of VECTORS) {
      this.vector[v] = at;
      at += this.vectorLength[v];
    }
    this.sliceCount = {
      byGroup: GROUPS.length,
      byStatus: STATUSES.length,
      byDecile: DECILES,
      byCounty: dims.counties,
      byCostBand: dims.costBands,
    };
    this.slices = {} as Record<SliceSet, number>;
    for (const set of SLICE_SETS) {
      this.slices[set] = at;
      at += this.sliceCount[set] * SLICE;
    }
    this.size = at;
  }
}

/** What the accumulation of a variant needs besides the settlement. */
export interface AccumulateContext {
  /** by layer index: 1 when the premium pays the layer */
  paid: Uint8Array;
  /** by group: 1 when the group's contribution bases make up the funding base */
  payer: Uint8Array;
  /** cost band lower edges, fen */
  costBandsFen: Float64Array;
  alertFen: number;
  catastrophicCapacityShare: number;
  sdgShares: Float64Array;
}

/**
 * Sums of persons by combination of group, status, decile and county (the population's
 * `combo`) and, for claimants, cost band: a few thousand rows, small enough to stay in
 * cache, where each person adds one row instead of five slices. Rows are then spread over
 * the slices, a row at a time (`spread`).
 */
class ComboRows {
  rows = new Float64Array(0);
  touched = new Uint32Array(0);
  touchedCount = 0;

  reset(rows: number): void {
    if (this.rows.length < rows * SLICE) {
      this.rows = new Float64Array(rows * SLICE);
      this.touched = new Uint32Array(rows);
    }
    this.touchedCount = 0;
  }
}

const personRows = new ComboRows();
const claimantRows = new ComboRows();

/**
 * The persons and bases of persons [0, count) of a block, by slice: what every person
 * adds whether or not they have an event (all are in cost band 0 until addClaimants moves
 * the claimants). `into` is a cell-sized array, zeroed here.
 */
export function personSums(
  layout: CellLayout,
  pop: PopulationBlock,
  count: number,
  payer: Uint8Array,
  into: Float64Array,
): Float64Array {
  const rows = personRows;
  rows.reset(comboCount(layout.dims.counties));
  if (pop.uniform && count > 0) {
    const g = pop.group[0];
    addToRow(rows, pop.combo[0], count, payer[g] !== 0 ? sum(pop.baseFen, count) : 0);
  } else countPersons(rows, pop, count, payer);
  into.fill(0);
  spread(layout, rows, into, 0, 1, true);
  into[S.persons] = count;
  return into;
}

function addToRow(rows: ComboRows, row: number, persons: number, base: number): void {
  const at = row * SLICE;
  if (rows.rows[at + F.persons] === 0) rows.touched[rows.touchedCount++] = row;
  rows.rows[at + F.persons] += persons;
  rows.rows[at + F.baseFen] += base;
}

function countPersons(rows: ComboRows, pop: PopulationBlock, count: number, payer: Uint8Array) {
  const { group, combo, baseFen } = pop;
  const r = rows.rows;
  for (let i = 0; i < count; i++) {
    const at = combo[i] * SLICE;
    if (r[at] === 0) rows.touched[rows.touchedCount++] = combo[i];
    r[at]++;
    if (payer[group[i]] !== 0) r[at + F.baseFen] += baseFen[i];
  }
}

function sum(values: Float64Array, count: number): number {
  let total = 0;
  for (let i = 0; i < count; i++) total += values[i];
  return total;
}

/**
 * Adds the touched rows (row = combo × bands + band) to the cell at `at`, and clears
 * them. `everyone`: the rows are the block's persons (personSums: persons and bases, all
 * in band 0); else claimants (addClaimants: their money, and a claimant in band b > 0
 * moves its persons and bases from band 0 to band b).
 */
function spread(
  layout: CellLayout,
  rows: ComboRows,
  cell: Float64Array,
  at: number,
  bands: number,
  everyone: boolean,
) {
  const C = layout.dims.counties;
  const r = rows.rows;
  const g0 = at + layout.slices.byGroup;
  const s0 = at + layout.slices.byStatus;
  const d0 = at + layout.slices.byDecile;
  const c0 = at + layout.slices.byCounty;
  const b0 = at + layout.slices.byCostBand;
  const gs0 = at + layout.vector.personsByGroupStatus;
  for (let t = 0; t < rows.touchedCount; t++) {
    const row = rows.touched[t];
    const band = row % bands;
    const combo = (row - band) / bands;
    const county = combo % C;
    const decile = Math.floor(combo / C) % DECILES;
    const status = Math.floor(combo / (C * DECILES)) % STATUSES.length;
    const group = Math.floor(combo / (C * DECILES * STATUSES.length));
    const from = row * SLICE;
    const persons = r[from + F.persons];
    const base = r[from + F.baseFen];
    slicesOf[0] = g0 + group * SLICE;
    slicesOf[1] = s0 + status * SLICE;
    slicesOf[2] = d0 + decile * SLICE;
    slicesOf[3] = c0 + county * SLICE;
    slicesOf[4] = b0 + band * SLICE;
    if (everyone) {
      // the block's persons: every slice, band 0
      for (let k = 0; k < 5; k++) {
        cell[slicesOf[k] + F.persons] += persons;
        cell[slicesOf[k] + F.baseFen] += base;
      }
      cell[at + S.baseFen] += base;
      cell[gs0 + group * STATUSES.length + status] += persons;
    } else {
      for (let k = 0; k < 5; k++)
        for (let f = F.total; f <= F.catastrophic; f++) cell[slicesOf[k] + f] += r[from + f];
      if (band > 0) {
        cell[b0 + F.persons] -= persons;
        cell[b0 + F.baseFen] -= base;
        cell[b0 + band * SLICE + F.persons] += persons;
        cell[b0 + band * SLICE + F.baseFen] += base;
      }
    }
    for (let f = 0; f < SLICE; f++) r[from + f] = 0;
  }
  rows.touchedCount = 0;
}

/** The five slices a row adds to (group, status, decile, county, cost band). */
const slicesOf = new Int32Array(5);

/** cell[at …] += sums (one cell's worth). */
export function addCell(cell: Float64Array, at: number, sums: Float64Array): void {
  for (let k = 0; k < sums.length; k++) cell[at + k] += sums[k];
}

/**
 * What the sums of every variant share for a block-year's claimants, gathered once: each
 * claimant's row (slice combination × cost band of the year's total cost, which no
 * variant changes), contribution base, capacity to pay and consumption (yuan).
 */
export class ClaimantKeys {
  row = new Uint32Array(0);
  base = new Float64Array(0);
  capacityToPay = new Float64Array(0);
  consumption = new Float64Array(0);

  gather(
    claims: ClaimsDrawer,
    pop: PopulationBlock,
    totalFen: Float64Array,
    bandsFen: Float64Array,
  ) {
    const J = claims.claimants;
    if (this.row.length < J) {
      const n = Math.max(J, 4096);
      this.row = new Uint32Array(n);
      this.base = new Float64Array(n);
      this.capacityToPay = new Float64Array(n);
      this.consumption = new Float64Array(n);
    }
    gatherKeys(this, claims.claimant, pop, totalFen, bandsFen, J);
    return this;
  }
}

function gatherKeys(
  keys: ClaimantKeys,
  claimant: Uint32Array,
  pop: PopulationBlock,
  totalFen: Float64Array,
  edges: Float64Array,
  J: number,
) {
  const bands = edges.length;
  const { combo, baseFen, capacityToPay, consumption } = pop;
  for (let j = 0; j < J; j++) {
    const i = claimant[j];
    const total = totalFen[j];
    // from the bottom: most claimants' totals lie in the first bands (edges ascend from 0)
    let band = 0;
    while (band + 1 < bands && total >= edges[band + 1]) band++;
    keys.row[j] = combo[i] * bands + band;
    keys.base[j] = baseFen[i];
    keys.capacityToPay[j] = capacityToPay[i];
    keys.consumption[j] = consumption[i];
  }
}

/** A block-year's claimants settled under one variant, and what to add them with. */
export interface SettledClaimants {
  claims: ClaimsDrawer;
  keys: ClaimantKeys;
  pop: PopulationBlock;
  settled: SettlementColumns;
  /** per event: what the premium's layers paid on it */
  eventPaid: Float64Array;
  ctx: AccumulateContext;
  /** the year's out-of-pocket distribution, which their positive amounts join */
  oop: OopDistribution;
}

/** Adds settled claimants to the cell at `at`. */
export function addClaimants(
  layout: CellLayout,
  cell: Float64Array,
  at: number,
  input: SettledClaimants,
): void {
  const { claims, ctx, eventPaid } = input;
  const bands = ctx.costBandsFen.length;
  claimantRows.reset(comboCount(layout.dims.counties) * bands);
  const totals = claimantSums(claimantRows, layout, cell, at, input);
  spread(layout, claimantRows, cell, at, bands, false);
  cell[at + S.claimants] += claims.claimants;
  cell[at + S.events] += claims.events.count;
  for (let k = 0; k < CLAIMANT_TOTALS.length; k++) cell[at + S[CLAIMANT_TOTALS[k]]] += totals[k];
  // insured payments by the month of each event (cash within the year)
  addByMonth(
    cell,
    at + layout.vector.monthlyInsured,
    claims.events.month,
    eventPaid,
    claims.events.count,
  );
}

/** The scalars claimantSums returns, in this order. */
const CLAIMANT_TOTALS = [
  'total',
  'basic',
  'aid',
  'oop',
  'insured',
  'beneficiaries',
  'alerts',
  'aboveAlert',
  'catastrophicCapacity',
] as const;
const totals = new Float64Array(CLAIMANT_TOTALS.length);

/** The per-claimant loop: rows, layers, SDG counts, out-of-pocket amounts; returns totals. */
function claimantSums(
  rows: ComboRows,
  layout: CellLayout,
  cell: Float64Array,
  at: number,
  input: SettledClaimants,
): Float64Array {
  const { claims, keys, settled, ctx, oop } = input;
  const { totalFen, basicFen, layerFen, aidFen, oopFen } = settled;
  const alerts = settled.alerts.length > 0 ? settled.alerts[0] : null;
  const L = layerFen.length;
  const paid = ctx.paid;
  const payer = ctx.payer;
  const sdg = ctx.sdgShares;
  const capacityShare = ctx.catastrophicCapacityShare * 100;
  const alertFen = ctx.alertFen;
  const { row: rowOf, base: baseOf, capacityToPay, consumption } = keys;
  const { group } = claims;
  const layers0 = at + layout.vector.layers;
  const sdg0 = at + layout.vector.catastrophicConsumption;
  const r = rows.rows;
  let totalSum = 0;
  let basicSum = 0;
  let aidSum = 0;
  let oopSum = 0;
  let insuredSum = 0;
  let beneficiaries = 0;
  let alertCount = 0;
  let aboveCount = 0;
  let catastrophicCount = 0;
  const J = claims.claimants;
  for (let j = 0; j < J; j++) {
    const total = totalFen[j];
    const out = oopFen[j];
    let insured = 0;
    let other = 0;
    for (let l = 0; l < L; l++) {
      const v = layerFen[l][j];
      if (v === 0) continue;
      cell[layers0 + l] += v;
      if (paid[l] !== 0) insured += v;
      else other += v;
    }
    totalSum += total;
    basicSum += basicFen[j];
    aidSum += aidFen[j];
    oopSum += out;
    insuredSum += insured;
    if (insured > 0) beneficiaries++;
    if (alerts !== null && alerts[j] !== 0) alertCount++;
    const above = out > alertFen ? 1 : 0;
    aboveCount += above;
    let catastrophic = 0;
    if (out > 0) {
      oop.add(out);
      if (out >= capacityShare * capacityToPay[j]) catastrophic = 1;
      const c = consumption[j] * 100;
      for (let k = 0; k < sdg.length; k++) if (out > sdg[k] * c) cell[sdg0 + k]++;
    }
    catastrophicCount += catastrophic;
    const row = rowOf[j];
    const o = row * SLICE;
    if (r[o] === 0) rows.touched[rows.touchedCount++] = row;
    r[o]++;
    if (payer[group[j]] !== 0) r[o + F.baseFen] += baseOf[j];
    r[o + F.total] += total;
    r[o + F.basic] += basicFen[j];
    r[o + F.insured] += insured;
    r[o + F.otherLayers] += other;
    r[o + F.aid] += aidFen[j];
    r[o + F.oop] += out;
    r[o + F.aboveAlert] += above;
    r[o + F.catastrophic] += catastrophic;
  }
  totals[0] = totalSum;
  totals[1] = basicSum;
  totals[2] = aidSum;
  totals[3] = oopSum;
  totals[4] = insuredSum;
  totals[5] = beneficiaries;
  totals[6] = alertCount;
  totals[7] = aboveCount;
  totals[8] = catastrophicCount;
  return totals;
}

/** A loop of its own (see generate/claims.ts: compiled code kept across calls). */
function addByMonth(
  cell: Float64Array,
  m0: number,
  month: Uint8Array,
  paid: Float64Array,
  n: number,
) {
  for (let e = 0; e < n; e++) {
    const v = paid[e];
    if (v !== 0) cell[m0 + month[e]] += v;
  }
}

// ------------------------------------------------------------------- the view of a cell

/** Sums of one slice of persons; money in fen. */
export interface Slice {
  persons: number;
  total: number;
  basic: number;
  insured: number;
  otherLayers: number;
  aid: number;
  oop: number;
  aboveAlert: number;
  catastrophic: number;
  /** Σ contribution bases of payers × wage growth (payroll funding), yuan; else heads */
  fundingBase: number;
}

/** One (variant, scenario, year): money in fen, counts in persons. */
export interface YearAggregate {
  persons: number;
  claimants: number;
  beneficiaries: number;
  events: number;
  total: number;
  basic: number;
  /** by layer index */
  layers: number[];
  aid: number;
  oop: number;
  insured: number;
  /** Σ contribution bases of payers × wage growth (payroll funding), yuan; else heads */
  fundingBase: number;
  alerts: number;
  aboveAlert: number;
  catastrophicCapacity: number;
  /** by SDG consumption share */
  catastrophicConsumption: number[];
  /** insured payments by month of event */
  monthlyInsured: number[];
  byGroup: Slice[];
  byStatus: Slice[];
  byDecile: Slice[];
  byCounty: Slice[];
  byCostBand: Slice[];
  /** the medical-aid fund's sums: subsidised heads, quarterly alert list (./aid-budget.ts) */
  aidBudget: AidBudgetSums;
}

/** How the raw sums of a cell read as a YearAggregate. */
export interface ViewContext {
  /** payroll funding: bases × wage are the funding base; else heads are */
  payroll: boolean;
  /** the scenario-year's cumulative wage growth */
  wage: number;
  /** the scheme's medical-aid fund: whom it subsidises and lists */
  aidBudget: AidBudgetPlan;
  /** the scheme's layers (a cell has room for the most layers of the run's variants) */
  layers: number;
}

/** The YearAggregate of the cell at `at`. */
export function yearAggregate(
  layout: CellLayout,
  cell: Float64Array,
  at: number,
  view: ViewContext,
): YearAggregate {
  const scalar = (k: Scalar) => cell[at + S[k]];
  const vector = (v: Vector) =>
    Array.from(
      cell.subarray(at + layout.vector[v], at + layout.vector[v] + layout.vectorLength[v]),
    );
  const fundingBase = (baseFen: number, persons: number) =>
    view.payroll ? (baseFen / 100) * view.wage : persons;
  const slices = (set: SliceSet): Slice[] =>
    Array.from({ length: layout.sliceCount[set] }, (_, k) => {
      const o = at + layout.slices[set] + k * SLICE;
      return {
        persons: cell[o + F.persons],
        total: cell[o + F.total],
        basic: cell[o + F.basic],
        insured: cell[o + F.insured],
        otherLayers: cell[o + F.otherLayers],
        aid: cell[o + F.aid],
        oop: cell[o + F.oop],
        aboveAlert: cell[o + F.aboveAlert],
        catastrophic: cell[o + F.catastrophic],
        fundingBase: fundingBase(cell[o + F.baseFen], cell[o + F.persons]),
      };
    });
  const byStatus = slices('byStatus');
  return {
    persons: scalar('persons'),
    claimants: scalar('claimants'),
    beneficiaries: scalar('beneficiaries'),
    events: scalar('events'),
    total: scalar('total'),
    basic: scalar('basic'),
    layers: vector('layers').slice(0, view.layers),
    aid: scalar('aid'),
    oop: scalar('oop'),
    insured: scalar('insured'),
    fundingBase: fundingBase(scalar('baseFen'), scalar('persons')),
    alerts: scalar('alerts'),
    aboveAlert: scalar('aboveAlert'),
    catastrophicCapacity: scalar('catastrophicCapacity'),
    catastrophicConsumption: vector('catastrophicConsumption'),
    monthlyInsured: vector('monthlyInsured'),
    byGroup: slices('byGroup'),
    byStatus,
    byDecile: slices('byDecile'),
    byCounty: slices('byCounty'),
    byCostBand: slices('byCostBand'),
    aidBudget: aidBudgetSums(view.aidBudget, {
      personsByGroupStatus: vector('personsByGroupStatus'),
      aboveThreshold: vector('aboveThreshold'),
      aboveThresholdOnly: vector('aboveThresholdOnly'),
    }),
  };
}
