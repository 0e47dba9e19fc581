/**
 * The quarterly alert list (`yibao alerts`), exact: every quarter of the claims file's year,
 * the persons of the listed statuses whatever they spent, and those whose out-of-pocket so
 * far this year is above the alert threshold (docs/fund-rules.md "Quarterly alert list").
 *
 *   read persons (events dated) ──settle exactly──▶ out-of-pocket of each event
 *     ──sum up to each quarter's end──▶ listed? (status, out-of-pocket) ──▶ rows by quarter
 *
 * Every payment of the exact engine belongs to the event that triggered it, so the
 * out-of-pocket at a quarter's end is that of the events dated up to then.
 */
import { YibaoError } from '../errors';
import { readClaims } from '../io/claims-csv';
import { csvField } from '../io/csv';
import type { Encoding } from '../io/decode';
import * as msg from '../messages';
import type { Group, Status } from '../model/codes';
import type { Alert, Scheme } from '../scheme/types';
import { settleClaimsPerson } from './adjudicate';
import { type Dec, ZERO } from './money';
import type { Settlement } from './settle';

export const QUARTERS = 4;

/** Why a person is on a quarter's list. */
export type ListedFor = 'status' | 'out_of_pocket' | 'status+out_of_pocket';

export interface AlertListRow {
  /** e.g. 2024Q1 */
  quarter: string;
  personId: string;
  group: Group;
  status: Status;
  listedFor: ListedFor;
  /** out-of-pocket after every tier, from 1 January to the quarter's end */
  oopToDate: Dec;
}

export interface AlertList {
  year: number;
  /** quarters listed: 1 up to the quarter of the latest event date */
  quarters: number;
  threshold: number;
  statuses: Status[];
  persons: number;
  rows: AlertListRow[];
}

export const ALERT_LIST_COLUMNS = [
  'quarter',
  'person_id',
  'group',
  'status',
  'listed_for',
  'oop_to_date',
] as const;

/** The scheme's alert that is pushed every quarter, or a refusal naming the scheme. */
export function quarterlyAlert(scheme: Scheme): Alert & Required<Pick<Alert, 'quarterlyList'>> {
  const alert = scheme.alerts.find((a) => a.quarterlyList);
  if (!alert) throw new YibaoError(msg.alerts.noQuarterlyList(scheme.id), { file: scheme.file });
  return alert as Alert & Required<Pick<Alert, 'quarterlyList'>>;
}

/**
 * Out-of-pocket so far this year at the end of each quarter, from a settlement and the
 * quarter (0–3) of each of its events, in order.
 */
export function oopByQuarter(settlement: Settlement, eventQuarters: number[]): Dec[] {
  const byQuarter = Array.from({ length: QUARTERS }, () => ZERO);
  settlement.events.forEach((e, k) => {
    const oop = e.paid.reduce((left, paid) => left.minus(paid), e.total.minus(e.basic));
    byQuarter[eventQuarters[k]] = byQuarter[eventQuarters[k]].plus(oop);
  });
  for (let q = 1; q < QUARTERS; q++) byQuarter[q] = byQuarter[q].plus(byQuarter[q - 1]);
  return byQuarter;
}

/** Reads a dated claims file and lists, quarter by quarter, who goes on the alert list. */
export async function alertListFile(
  scheme: Scheme,
  file: string,
  options: { onProgress?: (lines: number) => void; encoding?: Encoding } = {},
): Promise<AlertList> {
  const alert = quarterlyAlert(scheme);
  const statuses = alert.quarterlyList.statuses;
  const threshold = alert.oopAbove.value;
  let year: { value: number; line: number } | undefined;
  let lastQuarter = 0;
  let persons = 0;
  // per person listed in some quarter: its row values for each quarter (null: not listed)
  const listed: (Omit<AlertListRow, 'quarter'> | null)[][] = [];
  for await (const person of readClaims(file, {
    onProgress: options.onProgress,
    encoding: options.encoding,
  })) {
    persons++;
    const quarters = person.events.map((event) => {
      if (event.date === undefined)
        throw new YibaoError(msg.alerts.needsDates(), { file, line: 1, column: 'date' });
      const y = Number(event.date.slice(0, 4));
      year ??= { value: y, line: event.line };
      if (y !== year.value)
        throw new YibaoError(msg.alerts.otherYear(event.date, year.value, year.line), {
          file,
          line: event.line,
          column: 'date',
        });
      const q = Math.floor((Number(event.date.slice(5, 7)) - 1) / 3);
      lastQuarter = Math.max(lastQuarter, q);
      return q;
    });
    const oop = oopByQuarter(settleClaimsPerson(scheme, person, file), quarters);
    const forStatus = statuses.includes(person.status);
    const rows = oop.map((toDate) => {
      const above = toDate.greaterThan(threshold);
      if (!forStatus && !above) return null;
      return {
        personId: person.personId,
        group: person.group,
        status: person.status,
        listedFor: (forStatus && above
          ? 'status+out_of_pocket'
          : forStatus
            ? 'status'
            : 'out_of_pocket') as ListedFor,
        oopToDate: toDate,
      };
    });
    if (rows.some((r) => r)) listed.push(rows);
  }
  if (!year) throw new YibaoError(msg.alerts.noEvent(), { file, column: 'date' });
  const rows: AlertListRow[] = [];
  for (let q = 0; q <= lastQuarter; q++)
    for (const quarters of listed) {
      const row = quarters[q];
      if (row) rows.push({ quarter: `${year.value}Q${q + 1}`, ...row });
    }
  return { year: year.value, quarters: lastQuarter + 1, threshold, statuses, persons, rows };
}

/** The list as CSV (ALERT_LIST_COLUMNS, amounts with two decimals) or as JSON. */
export function formatAlertList(list: AlertList, format: 'csv' | 'json'): string {
  const values = (r: AlertListRow) => [
    r.quarter,
    r.personId,
    r.group,
    r.status,
    r.listedFor,
    r.oopToDate.toFixed(2),
  ];
  if (format === 'csv')
    return `${ALERT_LIST_COLUMNS.join(',')}\n${list.rows.map((r) => `${values(r).map(csvField).join(',')}\n`).join('')}`;
  const objects = list.rows.map((r) => {
    const v = values(r);
    return Object.fromEntries(
      ALERT_LIST_COLUMNS.map((c, i) => [c, c === 'oop_to_date' ? Number(v[i]) : v[i]]),
    );
  });
  return `${JSON.stringify(objects, null, 1)}\n`;
}
