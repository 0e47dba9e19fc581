/**
 * The medical-aid fund in a simulation, block by block (on the worker threads): the sums its
 * yearly spending and its quarterly alert list are made of (docs/fund-rules.md "Medical aid
 * budget" and "Quarterly alert list"); ./aid-budget-summary.ts turns them into yuan and counts.
 *
 *   per block: residents by status (whose contribution may be subsidised); persons listed for
 *     their status; persons whose out-of-pocket so far this year is above the threshold at
 *     the end of each quarter
 *
 * The out-of-pocket so far this year at the end of a quarter is that of the person's events
 * up to then: events are settled in date order and every payment belongs to the event that
 * triggered it, so settling the first events alone gives exactly those events' payments.
 * Out-of-pocket only grows through the year, so only persons above the threshold at the
 * end of the year can be above it earlier; only they are settled again, per quarter.
 */
import type { Plan } from '../engine/fast/plan-layout';
import { type FastSettlement, settleColumns } from '../engine/fast/settle-columns';
import { medicalAidOf } from '../fund/medical-aid';
import { STATUSES } from '../model/codes';
import { allocateEvents, type Events, type Population } from '../model/columns';
import type { Scheme } from '../scheme/types';

export const QUARTERS = 4;

/** Sums of one (variant, scenario, year), merged over blocks. */
export interface AidBudgetSums {
  /** residents by status (index into STATUSES): the heads whose contribution may be subsidised */
  residentsByStatus: number[];
  /** persons on the quarterly list for their status (the same every quarter) */
  listedForStatus: number;
  /** by quarter: persons whose out-of-pocket so far this year is above the threshold */
  aboveThreshold: number[];
  /** by quarter: of those, the ones not listed for their status already */
  aboveThresholdOnly: number[];
}

export function emptyAidBudgetSums(): AidBudgetSums {
  return {
    residentsByStatus: new Array(STATUSES.length).fill(0),
    listedForStatus: 0,
    aboveThreshold: new Array(QUARTERS).fill(0),
    aboveThresholdOnly: new Array(QUARTERS).fill(0),
  };
}

export function mergeAidBudgetSums(into: AidBudgetSums, from: AidBudgetSums): void {
  for (let i = 0; i < into.residentsByStatus.length; i++)
    into.residentsByStatus[i] += from.residentsByStatus[i];
  into.listedForStatus += from.listedForStatus;
  for (let q = 0; q < QUARTERS; q++) {
    into.aboveThreshold[q] += from.aboveThreshold[q];
    into.aboveThresholdOnly[q] += from.aboveThresholdOnly[q];
  }
}

/** What the block accumulation needs of a scheme, compiled once per variant. */
export interface AidBudgetPlan {
  /** the group whose contributions the aid fund subsidises (residents), or −1 for none */
  subsidisedGroup: number;
  /** the quarterly list, when the scheme has one */
  list?: {
    /** by status index: 1 when every person of the status is listed */
    forStatus: Uint8Array;
    thresholdFen: number;
  };
}

export function aidBudgetPlan(scheme: Scheme): AidBudgetPlan {
  const alert = scheme.alerts.find((a) => a.quarterlyList);
  return {
    subsidisedGroup: medicalAidOf(scheme)?.subsidisedGroup ?? -1,
    list: alert && {
      forStatus: Uint8Array.from(STATUSES, (s) =>
        alert.quarterlyList!.statuses.includes(s) ? 1 : 0,
      ),
      thresholdFen: Math.round(alert.oopAbove.value * 100),
    },
  };
}

/**
 * Adds a settled block to `sums`. `events` are the block's (sorted by person, then month)
 * and `settled` their settlement under `plan`.
 */
export function accumulateAidBudget(
  sums: AidBudgetSums,
  budget: AidBudgetPlan,
  plan: Plan,
  pop: Population,
  count: number,
  events: Events,
  settled: FastSettlement,
): void {
  for (let i = 0; i < count; i++)
    if (pop.group[i] === budget.subsidisedGroup) sums.residentsByStatus[pop.status[i]]++;
  const list = budget.list;
  if (!list) return;
  // the persons above the threshold at the end of the year, numbered 0, 1, …
  const candidate = new Int32Array(count).fill(-1);
  const persons: number[] = [];
  for (let i = 0; i < count; i++) {
    if (list.forStatus[pop.status[i]]) sums.listedForStatus++;
    if (settled.oopFen[i] > list.thresholdFen) candidate[i] = persons.push(i) - 1;
  }
  const yearEnd = QUARTERS - 1;
  for (const i of persons) countListed(sums, list, yearEnd, pop.status[i]);
  if (persons.length === 0) return;
  const ytd = settleQuartersSoFar(plan, pop, events, candidate, persons);
  for (let q = 0; q < yearEnd; q++)
    persons.forEach((i, c) => {
      if (ytd.oopFen[q * persons.length + c] > list.thresholdFen)
        countListed(sums, list, q, pop.status[i]);
    });
}

function countListed(
  sums: AidBudgetSums,
  list: NonNullable<AidBudgetPlan['list']>,
  quarter: number,
  status: number,
): void {
  sums.aboveThreshold[quarter]++;
  if (!list.forStatus[status]) sums.aboveThresholdOnly[quarter]++;
}

/**
 * Settles, for quarters 1–3, each candidate's events up to the quarter's end: person
 * q × n + c of the result is candidate c at the end of quarter q + 1.
 */
function settleQuartersSoFar(
  plan: Plan,
  pop: Population,
  events: Events,
  candidate: Int32Array,
  persons: number[],
): FastSettlement {
  const month = events.month;
  if (!month) throw new RangeError('accumulateAidBudget: the quarterly list needs event months');
  const n = persons.length;
  const quarters = QUARTERS - 1;
  let total = 0;
  for (let e = 0; e < events.count; e++) if (candidate[events.person[e]] >= 0) total++;
  const sub = allocateEvents(total * quarters);
  let k = 0;
  for (let q = 0; q < quarters; q++) {
    const lastMonth = 3 * q + 2;
    for (let e = 0; e < events.count; e++) {
      const c = candidate[events.person[e]];
      if (c < 0 || month[e] > lastMonth) continue;
      sub.person[k] = q * n + c;
      sub.category[k] = events.category[e];
      sub.level[k] = events.level[e];
      sub.total[k] = events.total[e];
      sub.scope[k] = events.scope[e];
      sub.excluded[k] = events.excluded[e];
      sub.cancerDrugOoc[k] = events.cancerDrugOoc[e];
      k++;
    }
  }
  sub.count = k;
  const group = new Uint8Array(n * quarters);
  const status = new Uint8Array(n * quarters);
  for (let q = 0; q < quarters; q++)
    persons.forEach((i, c) => {
      group[q * n + c] = pop.group[i];
      status[q * n + c] = pop.status[i];
    });
  return settleColumns(plan, { persons: n * quarters, group, status, events: sub });
}
