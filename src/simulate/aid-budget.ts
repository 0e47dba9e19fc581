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
  const subsidised = budget.subsidisedGroup;
  const list = budget.list;
  if (subsidised < 0 && !list) return;
  // one pass over the persons (locals: this runs for every person of every block)
  const { group, status } = pop;
  const oop = settled.oopFen;
  const heads = new Float64Array(STATUSES.length);
  const forStatus = list?.forStatus;
  const threshold = list ? list.thresholdFen : Number.POSITIVE_INFINITY;
  // the persons above the threshold at the end of the year, numbered 0, 1, …
  const candidate = list ? new Int32Array(count).fill(-1) : null;
  const persons: number[] = [];
  let listedForStatus = 0;
  for (let i = 0; i < count; i++) {
    const st = status[i];
    if (group[i] === subsidised) heads[st]++;
    if (forStatus?.[st]) listedForStatus++;
    if (oop[i] > threshold) candidate![i] = persons.push(i) - 1;
  }
  heads.forEach((n, st) => {
    sums.residentsByStatus[st] += n;
  });
  if (!list) return;
  sums.listedForStatus += listedForStatus;
  for (const i of persons) countListed(sums, list, QUARTERS - 1, status[i]);
  if (persons.length === 0) return;
  const earlier = quartersSoFar(plan, pop, events, oop, candidate!, persons);
  for (let q = 0; q < QUARTERS - 1; q++)
    persons.forEach((i, c) => {
      if (earlier(c, q) > threshold) countListed(sums, list, q, status[i]);
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
 * The out-of-pocket (fen) of candidate c at the end of quarter q + 1 (q = 0–2), from its
 * events up to then. A quarter at or after the candidate's last event is the year's
 * out-of-pocket, one before its first event is 0; only the quarters in between are settled,
 * as persons of their own (the candidate's events up to the quarter's end), in one call.
 */
function quartersSoFar(
  plan: Plan,
  pop: Population,
  events: Events,
  yearOop: Float64Array,
  candidate: Int32Array,
  persons: number[],
): (c: number, q: number) => number {
  const month = events.month;
  if (!month) throw new RangeError('accumulateAidBudget: the quarterly list needs event months');
  const n = persons.length;
  // the candidates' events, in order: candidate c's are own[start[c]] … own[start[c + 1] − 1]
  const own: number[] = [];
  const start = new Int32Array(n + 1);
  for (let e = 0; e < events.count; e++) {
    const c = candidate[events.person[e]];
    if (c < 0) continue;
    own.push(e);
    start[c + 1] = own.length;
  }
  for (let c = 1; c <= n; c++) start[c] = Math.max(start[c], start[c - 1]);
  const lastMonthOf = (q: number) => 3 * q + 2;
  const first = (c: number) => month[own[start[c]]];
  const last = (c: number) => month[own[start[c + 1] - 1]];
  // virtual person of (c, q) when that quarter must be settled, else −1
  const virtual = new Int32Array(n * (QUARTERS - 1)).fill(-1);
  const group: number[] = [];
  const status: number[] = [];
  const sub: number[] = [];
  const subPerson: number[] = [];
  for (let q = 0; q < QUARTERS - 1; q++)
    for (let c = 0; c < n; c++) {
      if (!(first(c) <= lastMonthOf(q) && last(c) > lastMonthOf(q))) continue;
      const v = group.length;
      virtual[q * n + c] = v;
      group.push(pop.group[persons[c]]);
      status.push(pop.status[persons[c]]);
      for (let k = start[c]; k < start[c + 1] && month[own[k]] <= lastMonthOf(q); k++) {
        sub.push(own[k]);
        subPerson.push(v);
      }
    }
  const subEvents = allocateEvents(sub.length);
  sub.forEach((e, k) => {
    subEvents.person[k] = subPerson[k];
    subEvents.category[k] = events.category[e];
    subEvents.level[k] = events.level[e];
    subEvents.total[k] = events.total[e];
    subEvents.scope[k] = events.scope[e];
    subEvents.excluded[k] = events.excluded[e];
    subEvents.cancerDrugOoc[k] = events.cancerDrugOoc[e];
  });
  const quarters = settleColumns(plan, {
    persons: group.length,
    group: Uint8Array.from(group),
    status: Uint8Array.from(status),
    events: subEvents,
  });
  return (c, q) => {
    const v = virtual[q * n + c];
    if (v >= 0) return quarters.oopFen[v];
    return last(c) <= lastMonthOf(q) ? yearOop[persons[c]] : 0;
  };
}
