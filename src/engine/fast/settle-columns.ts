/**
 * The fast engine: settles columns of events (sorted by person, in date order) through a
 * compiled Plan, in one pass, in float64 fen. It is the exact engine's algorithm
 * (../settle.ts) step for step — see that file for the why of each step — without
 * decimals, objects per person or closures per event.
 *
 * The loop itself is written out for each plan (./kernel.ts).
 *
 * Rounding to the fen is half-up; a value within ROUND_SLACK (kernel.ts) of a half fen is taken as the
 * half (the exact value is then almost surely the tie itself, which rounds up). Each
 * rounding also checks how close it came to a half fen: a person any of whose roundings
 * came within TIE_BAND is flagged `uncertain`, so a caller that needs every fen exact
 * (adjudicate) can settle just those persons again with decimals.
 */
import type { Events } from '../../model/columns';
import { type KernelOptions, type SettlementColumns, settleKernel } from './kernel';
import type { Plan } from './plan-layout';

/** The result columns of `persons` persons. */
export interface FastSettlement extends SettlementColumns {
  persons: number;
}

export interface SettleColumnsInput {
  persons: number;
  /** per person: index into GROUPS and STATUSES */
  group: Uint8Array;
  status: Uint8Array;
  events: Events;
}

export type { KernelOptions };

/** Zeroed result columns for `persons` persons. */
export function allocateSettlement(plan: Plan, persons: number): FastSettlement {
  return {
    persons,
    totalFen: new Float64Array(persons),
    basicFen: new Float64Array(persons),
    layerFen: plan.layers.map(() => new Float64Array(persons)),
    aidFen: new Float64Array(persons),
    oopFen: new Float64Array(persons),
    alerts: Array.from(plan.alertAbove, () => new Uint8Array(persons)),
    uncertain: new Uint8Array(persons),
  };
}

/**
 * Settles every person. Persons with no events get zeros. Throws if an event's person is
 * out of range or the events are not sorted by person.
 *
 * `into`, columns from an earlier call (at least `persons` long), is reused instead of
 * allocating new ones: hot loops that settle block after block then make no garbage.
 * With `options.ties` false, `uncertain` stays zero (for callers that never re-settle).
 */
export function settleColumns(
  plan: Plan,
  input: SettleColumnsInput,
  into?: FastSettlement,
  options?: KernelOptions,
): FastSettlement {
  const { persons, group, status, events } = input;
  const out = into ? clearFor(into, persons) : allocateSettlement(plan, persons);
  settleKernel(plan, options)(persons, group, status, events, out);
  return out;
}

/** `into`, zeroed for its first `persons` persons (the ones settled ones do not overwrite). */
function clearFor(into: FastSettlement, persons: number): FastSettlement {
  if (into.oopFen.length < persons)
    throw new RangeError(
      `settleColumns: 'into' holds ${into.oopFen.length} persons, not ${persons}`,
    );
  into.persons = persons;
  for (const column of [
    into.totalFen,
    into.basicFen,
    ...into.layerFen,
    into.aidFen,
    into.oopFen,
    ...into.alerts,
    into.uncertain,
  ])
    column.fill(0, 0, persons);
  return into;
}
