/**
 * The medical-aid fund in a simulation, block by block (on the worker threads): the sums its
 * yearly spending and its quarterly alert list are made of (docs/fund-rules.md "Medical aid
 * budget" and "Quarterly alert list"); ./aid-budget-summary.ts turns them into yuan and counts.
 *
 *   per block: persons by group × status (aggregate.ts: the residents, whose contribution
 *     may be subsidised, and the persons listed for their status); claimants whose
 *     out-of-pocket so far this year is above the threshold at the end of each quarter
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
import { allocateEvents, type Events } from '../model/columns';
import type { Scheme } from '../scheme/types';

export const QUARTERS = 4;

/** The medical-aid sums of one (variant, scenario, year), as its YearAggregate gives them. */
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

/** What the sums need of a scheme, compiled once per variant (plain numbers, sent to threads). */
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
 * The sums of a cell: the persons by group × status (GROUPS.length × STATUSES.length, group
 * major) give the residents and the persons listed for their status; the quarterly counts
 * are those `addQuarterlyList` made.
 */
export function aidBudgetSums(
  budget: AidBudgetPlan,
  counts: {
    personsByGroupStatus: ArrayLike<number>;
    aboveThreshold: ArrayLike<number>;
    aboveThresholdOnly: ArrayLike<number>;
  },
): AidBudgetSums {
  const byGroupStatus = counts.personsByGroupStatus;
  const statuses = STATUSES.length;
  const g = budget.subsidisedGroup;
  let listedForStatus = 0;
  if (budget.list)
    for (let i = 0; i < byGroupStatus.length; i++)
      if (budget.list.forStatus[i % statuses]) listedForStatus += byGroupStatus[i];
  return {
    residentsByStatus: STATUSES.map((_, st) => (g < 0 ? 0 : byGroupStatus[g * statuses + st])),
    listedForStatus,
    aboveThreshold: Array.from(counts.aboveThreshold),
    aboveThresholdOnly: Array.from(counts.aboveThresholdOnly),
  };
}

/**
 * Adds settled persons to the quarterly list's counts, by quarter: `above[q]` those whose
 * out-of-pocket at the end of quarter q + 1 is above the threshold, `only[q]` those of them
 * not listed for their status. `events` are the persons' (sorted by person, then month)
 * and `settled` their settlement under `plan`. Persons without events add nothing, so the
 * simulation gives its claimants alone.
 */
export function addQuarterlyList(
  above: Float64Array,
  only: Float64Array,
  budget: AidBudgetPlan,
  plan: Plan,
  persons: { count: number; group: Uint8Array; status: Uint8Array },
  events: Events,
  settled: FastSettlement,
): void {
  const list = budget.list;
  if (!list) return;
  const { count, status } = persons;
  const oop = settled.oopFen;
  const threshold = list.thresholdFen;
  // the persons above the threshold at the end of the year, numbered 0, 1, …
  let candidate: Int32Array | null = null;
  const chosen: number[] = [];
  for (let i = 0; i < count; i++)
    if (oop[i] > threshold) {
      candidate ??= new Int32Array(count).fill(-1);
      candidate[i] = chosen.push(i) - 1;
    }
  if (candidate === null) return;
  const count1 = (q: number, st: number) => {
    above[q]++;
    if (!list.forStatus[st]) only[q]++;
  };
  for (const i of chosen) count1(QUARTERS - 1, status[i]);
  const earlier = quartersSoFar(plan, persons, events, oop, candidate, chosen);
  for (let q = 0; q < QUARTERS - 1; q++)
    chosen.forEach((i, c) => {
      if (earlier(c, q) > threshold) count1(q, status[i]);
    });
}

/**
 * The out-of-pocket (fen) of candidate c at the end of quarter q + 1 (q = 0–2), from its
 * events up to then. A quarter at or after the candidate's last event is the year's
 * out-of-pocket, one before its first event is 0; only the quarters in between are settled,
 * as persons of their own (the candidate's events up to the quarter's end), in one call.
 */
function quartersSoFar(
  plan: Plan,
  pop: { group: Uint8Array; status: Uint8Array },
  events: Events,
  yearOop: Float64Array,
  candidate: Int32Array,
  persons: number[],
): (c: number, q: number) => number {
  const month = events.month;
  if (!month) throw new RangeError('addQuarterlyList: the quarterly list needs event months');
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
