/**
 * The columnar shapes that cross module boundaries: one typed array per field, not an
 * object per person, so that millions of persons fit in memory and pass to workers.
 * Codes are indices into the lists of ./codes.ts. Money is in yuan, held as float64
 * values that are whole numbers of fen (generated amounts are rounded to the fen).
 */

/** A synthetic insured population: one entry per person, index = person id. */
export interface Population {
  size: number;
  /** index into GROUPS */
  group: Uint8Array;
  /** index into STATUSES */
  status: Uint8Array;
  /** age in whole years at the start of the year */
  age: Uint8Array;
  /** index into SEXES */
  sex: Uint8Array;
  /** county (pool) index, 0-based; names in `countyNames` */
  county: Uint16Array;
  countyNames: string[];
  /** annual contribution base (缴费基数), yuan; 0 for anyone who does not contribute on payroll */
  base: Float64Array;
  /** annual household consumption per person, yuan (SDG 3.8.2 denominator) */
  consumption: Float64Array;
  /** annual capacity to pay per person, yuan: consumption above subsistence (WHO catastrophic measure) */
  capacityToPay: Float64Array;
}

/**
 * Medical events of one year, sorted by person and, within a person, in date order.
 * `person` indexes the Population.
 */
export interface Events {
  count: number;
  person: Uint32Array;
  /** index into CATEGORIES */
  category: Uint8Array;
  /** hospital level 1, 2 or 3 */
  level: Uint8Array;
  total: Float64Array;
  scope: Float64Array;
  excluded: Float64Array;
  cancerDrugOoc: Float64Array;
  /** month of the event, 0–11 (generated events; for monthly cash flows) */
  month?: Uint8Array;
}

/** Zeroed event columns for `count` events, to be filled by the caller. */
export function allocateEvents(count: number): Events {
  return {
    count,
    person: new Uint32Array(count),
    category: new Uint8Array(count),
    level: new Uint8Array(count),
    total: new Float64Array(count),
    scope: new Float64Array(count),
    excluded: new Float64Array(count),
    cancerDrugOoc: new Float64Array(count),
  };
}
