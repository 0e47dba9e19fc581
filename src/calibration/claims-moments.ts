/**
 * The statistics `yibao calibrate` fits from, computed in SQL (DuckDB) over the extract,
 * whatever it came as (CSV, .xlsx, Parquet):
 *
 *   readClaims (every check, the code table, a person at a time) ──appended a chunk at a
 *   time──▶ persons (group) and events (person, group, category, level, amounts) ──SQL──▶
 *   per category and group: Σn, Σn², Σn³, Σn⁴ of events per person and persons with one;
 *   per (category, group, level): n, Σ log bill, Σ log² bill; per category: scope share
 *   moments, excluded and out-of-scope sums, cancer-drug log moments, and a sample of at
 *   most TAIL_SAMPLE bills (those with the smallest hash of their event number: uniform,
 *   and the same for the same file)
 *
 * DuckDB runs on one thread (io/duckdb.ts), so each sum adds its terms in the file's order:
 * the figures are those of a plain pass over the file, to the last bit where the logarithms
 * agree. Its tables spill to a private temporary folder past its memory limit (which
 * bounds its buffers, not all it allocates: README, "Benchmarks").
 */
import { readClaims } from '../io/claims-csv';
import type { Encoding } from '../io/decode';
import { type Duck, openDuckDb, sqlRows, TableWriter } from '../io/duckdb';
import { CATEGORIES, GROUPS } from '../model/codes';

const G = GROUPS.length;
export const LEVELS = 3;
/** Bills kept per category for the severity tail (a uniform sample beyond that). */
export const TAIL_SAMPLE = 20000;

/** The sums of one category; cells of severity are (group, level). */
export interface CategorySums {
  events: number;
  /** per group: Σ events per person, Σ its square, persons with at least one event */
  count: Float64Array;
  countSq: Float64Array;
  /** Σ n³ and Σ n⁴ per group: the variance of the count variance, for the dispersion's error */
  countCube: Float64Array;
  countFourth: Float64Array;
  withEvents: Float64Array;
  /** per cell g × LEVELS + (level − 1): events, Σ log cost, Σ log² cost */
  cellN: Float64Array;
  cellLog: Float64Array;
  cellLogSq: Float64Array;
  /** scope share of the bill without cancer drugs: n, Σ, Σ² */
  scopeN: number;
  scopeSum: number;
  scopeSq: number;
  /** excluded and the out-of-scope part it is a share of, with the sums of squares and
   * products a ratio estimator's standard error needs */
  excluded: number;
  outOfScope: number;
  excludedSq: number;
  outOfScopeSq: number;
  excludedOut: number;
  /** events with out-of-catalogue cancer drugs, Σ log, Σ log² of that amount */
  cancerN: number;
  cancerLog: number;
  cancerLogSq: number;
  /** a uniform sample of at most TAIL_SAMPLE bills without cancer drugs */
  sample: Float64Array;
}

export interface ClaimsMoments {
  file: string;
  /** persons listed in the file, by group */
  personsSeen: number[];
  events: number;
  categories: CategorySums[];
}

function emptySums(): CategorySums {
  return {
    events: 0,
    count: new Float64Array(G),
    countSq: new Float64Array(G),
    countCube: new Float64Array(G),
    countFourth: new Float64Array(G),
    withEvents: new Float64Array(G),
    cellN: new Float64Array(G * LEVELS),
    cellLog: new Float64Array(G * LEVELS),
    cellLogSq: new Float64Array(G * LEVELS),
    scopeN: 0,
    scopeSum: 0,
    scopeSq: 0,
    excluded: 0,
    outOfScope: 0,
    excludedSq: 0,
    outOfScopeSq: 0,
    excludedOut: 0,
    cancerN: 0,
    cancerLog: 0,
    cancerLogSq: 0,
    sample: new Float64Array(0),
  };
}

/** Reads the extract into DuckDB (the reader refuses a bad line with its place). */
async function loadExtract(duck: Duck, file: string, encoding?: Encoding): Promise<void> {
  const { UINTEGER, UTINYINT, DOUBLE } = duck.api;
  const persons = await TableWriter.create(duck, 'persons', [['g', UTINYINT]]);
  const events = await TableWriter.create(duck, 'events', [
    ['e', UINTEGER],
    ['p', UINTEGER],
    ['g', UTINYINT],
    ['k', UTINYINT],
    ['lv', UTINYINT],
    ['total', DOUBLE],
    ['scope', DOUBLE],
    ['excluded', DOUBLE],
    ['cancer', DOUBLE],
  ]);
  let p = 0;
  let e = 0;
  for await (const person of readClaims(file, { encoding })) {
    const g = GROUPS.indexOf(person.group);
    persons.set(0, g);
    persons.endRow();
    for (const event of person.events) {
      events.set(0, e++);
      events.set(1, p);
      events.set(2, g);
      events.set(3, CATEGORIES.indexOf(event.category));
      events.set(4, event.level);
      events.set(5, Number(event.total));
      events.set(6, Number(event.scope));
      events.set(7, Number(event.excluded));
      events.set(8, Number(event.cancerDrugOoc));
      events.endRow();
    }
    p++;
  }
  persons.close();
  events.close();
}

/*
 * The generator adds cancer drugs on top of the lognormal bill, outside the policy scope,
 * so cost, scope share and excluded share are fitted to the bill without them (bill > 0).
 */
const BILLS = `SELECT e, k, g, lv, total - cancer AS bill, scope, excluded,
  total - cancer - scope AS out FROM events WHERE total - cancer > 0`;

/** Counts per person, zeros left out (the fit adds them from the persons): the dispersion's sums. */
const COUNTS = `SELECT k, g, sum(n), sum(n * n), sum(n * n * n), sum(n * n * n * n), count(*)::DOUBLE
  FROM (SELECT p, k, any_value(g) AS g, count(*)::DOUBLE AS n FROM events GROUP BY p, k)
  GROUP BY k, g`;

// ln of NULL where there is no cancer drug: DuckDB computes an aggregate's argument before its filter
const CATEGORY = `SELECT k, count(*)::DOUBLE, count(*) FILTER (cancer > 0)::DOUBLE,
  coalesce(sum(ln(nullif(cancer, 0))), 0), coalesce(sum(ln(nullif(cancer, 0)) ** 2), 0)
  FROM events GROUP BY k`;

const CELLS = `SELECT k, g, lv, count(*)::DOUBLE, sum(ln(bill)), sum(ln(bill) * ln(bill))
  FROM (${BILLS}) GROUP BY k, g, lv`;

const SHARES = `SELECT k, count(*)::DOUBLE, sum(scope / bill), sum((scope / bill) * (scope / bill)),
  sum(excluded), sum(out), sum(excluded * excluded), sum(out * out), sum(excluded * out),
  min_by(bill, hash(e), ${TAIL_SAMPLE})
  FROM (${BILLS}) GROUP BY k`;

/** The moments of the extract, from one pass of the reader and a few SQL aggregates. */
export async function readClaimsMoments(file: string, encoding?: Encoding): Promise<ClaimsMoments> {
  const duck = await openDuckDb();
  try {
    await loadExtract(duck, file, encoding);
    const m: ClaimsMoments = {
      file,
      personsSeen: new Array(G).fill(0),
      events: 0,
      categories: CATEGORIES.map(() => emptySums()),
    };
    for (const [g, n] of await sqlRows(duck, 'SELECT g, count(*)::DOUBLE FROM persons GROUP BY g'))
      m.personsSeen[g as number] = n as number;
    for (const row of await sqlRows(duck, COUNTS)) {
      const [k, g, n, n2, n3, n4, persons] = row as number[];
      const s = m.categories[k];
      s.count[g] = n;
      s.countSq[g] = n2;
      s.countCube[g] = n3;
      s.countFourth[g] = n4;
      s.withEvents[g] = persons;
    }
    for (const row of await sqlRows(duck, CATEGORY)) {
      const [k, events, cancerN, cancerLog, cancerLogSq] = row as number[];
      Object.assign(m.categories[k], { events, cancerN, cancerLog, cancerLogSq });
      m.events += events;
    }
    for (const row of await sqlRows(duck, CELLS)) {
      const [k, g, level, n, log, logSq] = row as number[];
      const cell = g * LEVELS + level - 1;
      const s = m.categories[k];
      s.cellN[cell] = n;
      s.cellLog[cell] = log;
      s.cellLogSq[cell] = logSq;
    }
    for (const row of await sqlRows(duck, SHARES)) {
      const [k, n, share, shareSq, excluded, out, excludedSq, outSq, excludedOut] = row as number[];
      Object.assign(m.categories[k], {
        scopeN: n,
        scopeSum: share,
        scopeSq: shareSq,
        excluded,
        outOfScope: out,
        excludedSq,
        outOfScopeSq: outSq,
        excludedOut,
        sample: Float64Array.from(row[9] as number[]),
      });
    }
    return m;
  } finally {
    duck.close();
  }
}
