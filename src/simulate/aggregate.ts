/**
 * What a simulation keeps of one (variant, scenario, year): sums over the person-years, in
 * fen (whole numbers in float64, so sums are exact and merge in any order), with the
 * breakdowns the metrics need. Built per block on worker threads, merged on the main one.
 */

import type { FastSettlement } from '../engine/fast/settle-columns';
import { GROUPS, STATUSES } from '../model/codes';
import type { Population } from '../model/columns';
import { type AidBudgetSums, emptyAidBudgetSums, mergeAidBudgetSums } from './aid-budget';
import { binOf } from './histogram';

export const DECILES = 10;

/** Sums of one slice of persons (a group, a status, a decile, a county, a cost band). */
export interface Slice {
  persons: number;
  total: number;
  basic: number;
  /** what the layers paid by the premium paid */
  insured: number;
  /** every other layer (not paid by this premium) and aid */
  otherLayers: number;
  aid: number;
  oop: number;
  aboveAlert: number;
  catastrophic: number;
  fundingBase: number;
}

export interface YearAggregate {
  persons: number;
  claimants: number;
  beneficiaries: number;
  total: number;
  basic: number;
  /** by layer index */
  layers: number[];
  aid: number;
  oop: number;
  insured: number;
  /** Σ contribution bases of payers (payroll_rate), else head count, yuan or persons */
  fundingBase: number;
  /** persons with a scheme alert raised (first alert of the scheme) */
  alerts: number;
  aboveAlert: number;
  catastrophicCapacity: number;
  /** by SDG consumption share */
  catastrophicConsumption: number[];
  /** insured payments by month of the person's last event */
  monthlyInsured: number[];
  byGroup: Slice[];
  byStatus: Slice[];
  byDecile: Slice[];
  byCounty: Slice[];
  byCostBand: Slice[];
  /** the medical-aid fund's sums: subsidised heads, quarterly alert list (./aid-budget.ts) */
  aidBudget: AidBudgetSums;
}

function slice(): Slice {
  return {
    persons: 0,
    total: 0,
    basic: 0,
    insured: 0,
    otherLayers: 0,
    aid: 0,
    oop: 0,
    aboveAlert: 0,
    catastrophic: 0,
    fundingBase: 0,
  };
}

export function emptyAggregate(
  layers: number,
  counties: number,
  costBands: number,
  sdgShares: number,
): YearAggregate {
  const slices = (n: number) => Array.from({ length: n }, slice);
  return {
    persons: 0,
    claimants: 0,
    beneficiaries: 0,
    total: 0,
    basic: 0,
    layers: new Array(layers).fill(0),
    aid: 0,
    oop: 0,
    insured: 0,
    fundingBase: 0,
    alerts: 0,
    aboveAlert: 0,
    catastrophicCapacity: 0,
    catastrophicConsumption: new Array(sdgShares).fill(0),
    monthlyInsured: new Array(12).fill(0),
    byGroup: slices(GROUPS.length),
    byStatus: slices(STATUSES.length),
    byDecile: slices(DECILES),
    byCounty: slices(counties),
    byCostBand: slices(costBands),
    aidBudget: emptyAidBudgetSums(),
  };
}

function addSlice(into: Slice, from: Slice): void {
  for (const k of Object.keys(into) as (keyof Slice)[]) into[k] += from[k];
}

/** into += from (every field). */
export function mergeAggregate(into: YearAggregate, from: YearAggregate): void {
  for (const k of [
    'persons',
    'claimants',
    'beneficiaries',
    'total',
    'basic',
    'aid',
    'oop',
    'insured',
    'fundingBase',
    'alerts',
    'aboveAlert',
    'catastrophicCapacity',
  ] as const)
    into[k] += from[k];
  for (const k of ['layers', 'catastrophicConsumption', 'monthlyInsured'] as const)
    for (let i = 0; i < into[k].length; i++) into[k][i] += from[k][i];
  for (const k of ['byGroup', 'byStatus', 'byDecile', 'byCounty', 'byCostBand'] as const)
    for (let i = 0; i < into[k].length; i++) addSlice(into[k][i], from[k][i]);
  mergeAidBudgetSums(into.aidBudget, from.aidBudget);
}

/** What the accumulation needs to know besides the settlement. */
export interface AccumulateContext {
  /** layer indexes paid by the premium */
  pays: number[];
  /** per person: contribution base counted in the funding base (payers), else 0 */
  payrollBase: Float64Array | null;
  /** upper consumption edges of the deciles 1..9 */
  decileEdges: Float64Array;
  /** cost band lower edges, yuan */
  costBands: number[];
  alertThreshold: number;
  catastrophicCapacityShare: number;
  sdgShares: number[];
  /** month of each person's last event (0–11), or 255 for none */
  lastMonth: Uint8Array;
}

/**
 * Adds a block's settled persons to `agg` (money in fen) and their out-of-pocket to the
 * histograms (all persons; claimants only).
 */
export function accumulate(
  agg: YearAggregate,
  pop: Population,
  count: number,
  settled: FastSettlement,
  ctx: AccumulateContext,
  oopHistogram: Float64Array,
  claimantHistogram: Float64Array,
): void {
  const nLayers = settled.layerFen.length;
  const isPaid = new Uint8Array(nLayers);
  for (const i of ctx.pays) isPaid[i] = 1;
  const alerts = settled.alerts[0];
  const alertFen = ctx.alertThreshold * 100;
  const sdg = ctx.sdgShares;
  for (let i = 0; i < count; i++) {
    const total = settled.totalFen[i];
    const basic = settled.basicFen[i];
    let insured = 0;
    let other = 0;
    for (let l = 0; l < nLayers; l++) {
      const v = settled.layerFen[l][i];
      if (v === 0) continue;
      agg.layers[l] += v;
      if (isPaid[l]) insured += v;
      else other += v;
    }
    const aid = settled.aidFen[i];
    const oop = settled.oopFen[i];
    const base = ctx.payrollBase ? ctx.payrollBase[i] : 1;
    const oopYuan = oop / 100;
    const aboveAlert = oop > alertFen ? 1 : 0;
    const capacity = pop.capacityToPay[i];
    const catastrophic = oop > 0 && oopYuan >= ctx.catastrophicCapacityShare * capacity ? 1 : 0;
    agg.persons++;
    if (total > 0) agg.claimants++;
    if (insured > 0) agg.beneficiaries++;
    agg.total += total;
    agg.basic += basic;
    agg.aid += aid;
    agg.oop += oop;
    agg.insured += insured;
    agg.fundingBase += base;
    if (alerts?.[i]) agg.alerts++;
    agg.aboveAlert += aboveAlert;
    agg.catastrophicCapacity += catastrophic;
    for (let k = 0; k < sdg.length; k++)
      if (oopYuan > sdg[k] * pop.consumption[i]) agg.catastrophicConsumption[k]++;
    if (insured > 0) agg.monthlyInsured[ctx.lastMonth[i]] += insured;
    let decile = 0;
    while (decile < DECILES - 1 && pop.consumption[i] > ctx.decileEdges[decile]) decile++;
    let band = ctx.costBands.length - 1;
    while (band > 0 && total < ctx.costBands[band] * 100) band--;
    for (const s of [
      agg.byGroup[pop.group[i]],
      agg.byStatus[pop.status[i]],
      agg.byDecile[decile],
      agg.byCounty[pop.county[i]],
      agg.byCostBand[band],
    ]) {
      s.persons++;
      s.total += total;
      s.basic += basic;
      s.insured += insured;
      s.otherLayers += other;
      s.aid += aid;
      s.oop += oop;
      s.aboveAlert += aboveAlert;
      s.catastrophic += catastrophic;
      s.fundingBase += base;
    }
    oopHistogram[binOf(oopYuan)]++;
    if (total > 0) claimantHistogram[binOf(oopYuan)]++;
  }
}
