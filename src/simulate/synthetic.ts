/**
 * The synthetic people and events of chosen scenario-years — the very draws a simulation
 * settles (same models, streams and blocks as task.ts) — for people to look at, for
 * `simulate --claims-out` (an `adjudicate` CSV) and for tests that settle them again with
 * the exact engine.
 *
 *   PreparedRun × (scenario, year) ─▶ per block: PopulationBlock, ClaimsDrawer
 *     ─▶ visit(block) │ claims CSV rows │ columns of the whole scenario-year
 */
import { ClaimsDrawer } from '../generate/claims';
import { PopulationBlock } from '../generate/population';
import { CLAIMS_COLUMNS } from '../io/claims-csv';
import { placeFile, writeAll } from '../io/output';
import { CATEGORIES, GROUPS, type Group, STATUSES } from '../model/codes';
import { allocateEvents, type Events } from '../model/columns';
import { BLOCK_SIZE } from '../random/stream';
import { type PreparedRun, prepareRun, type SchemeRef, type SimulateOptions } from './simulate';
import { claimStreams, groupsPresent, personsInBlock } from './task';

/** A scenario-year, 0-based. */
export interface ScenarioYearRef {
  scenario: number;
  year: number;
}

export interface SyntheticBlock extends ScenarioYearRef {
  block: number;
  /** persons of the block in this scenario-year: population rows [0, persons) */
  persons: number;
  population: PopulationBlock;
  /** claimant j is population row claims.claimant[j]; events.person holds j */
  claims: ClaimsDrawer;
}

/** A year of a scheme's insured, for the figures and extracts drawn outside a simulation. */
export interface MeanYearOptions {
  /** insured persons in the year */
  persons: number;
  seed?: number;
  /** calibration id or path (default `default`) */
  calibration?: string;
}

/**
 * A one-year run of `scheme` (id or path) at the scenario means, on one thread (default
 * seed 1): the year from which the bulletin's figures are measured and generated extracts
 * are written.
 */
export function prepareMeanYear(scheme: string, options: MeanYearOptions): PreparedRun {
  return prepareRun([scheme], {
    calibration: options.calibration,
    persons: options.persons,
    seed: options.seed ?? 1,
    scenarios: 1,
    years: 1,
    deterministic: true,
    workers: 1,
  });
}

/** Visits every block of each scenario-year in `at`, in order. */
export function forEachSyntheticBlock(
  run: PreparedRun,
  at: readonly ScenarioYearRef[],
  visit: (block: SyntheticBlock) => void,
): void {
  const { args } = run;
  const population = new PopulationBlock();
  const claims = new ClaimsDrawer(args.claims, groupsPresent(args.population), BLOCK_SIZE);
  for (const { scenario, year } of at) {
    if (!(scenario >= 0 && scenario < args.scenarios && year >= 0 && year < args.years))
      throw new RangeError(
        `no scenario ${scenario + 1}, year ${year + 1} in a run of ${args.scenarios} scenarios × ${args.years} years`,
      );
    for (let block = 0; block < args.blocks; block++) {
      const persons = personsInBlock(args, scenario, year, block);
      if (persons === 0) continue;
      population.draw(args.population, args.seed, block, persons);
      claims.draw(
        population,
        persons,
        year,
        args.paths[scenario][year],
        claimStreams(args.seed, args.claims, scenario, year, block),
      );
      visit({ scenario, year, block, persons, population, claims });
    }
  }
}

/** The id of a synthetic person-year in a claims file: scenario, year, person (1-based). */
export function syntheticPersonId(ref: ScenarioYearRef, block: number, row: number): string {
  return `s${ref.scenario + 1}-y${ref.year + 1}-p${block * BLOCK_SIZE + row + 1}`;
}

/**
 * Writes the persons of the scenario-years `at` and their events as an `adjudicate` claims
 * CSV: a person without an event has one row with an empty category (adjudicate settles
 * them to zeros). Returns the persons (by group), the claimants and the event rows.
 */
export function writeSyntheticClaims(
  run: PreparedRun,
  at: readonly ScenarioYearRef[],
  file: string,
): { persons: number; byGroup: Record<Group, number>; claimants: number; events: number } {
  const counts = {
    persons: 0,
    byGroup: Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<Group, number>,
    claimants: 0,
    events: 0,
  };
  // written beside the file and renamed over it: whole or not there (io/output.ts)
  placeFile(file, (fd) => {
    writeAll(fd, `${CLAIMS_COLUMNS.join(',')}\n`);
    forEachSyntheticBlock(run, at, (b) => {
      const { claims, population } = b;
      const ev = claims.events;
      // claimant of each person (−1: none) and the first event of each claimant
      const claimantOf = new Int32Array(b.persons).fill(-1);
      for (let j = 0; j < claims.claimants; j++) claimantOf[claims.claimant[j]] = j;
      const first = new Uint32Array(claims.claimants + 1);
      for (let e = 0; e < ev.count; e++) first[ev.person[e] + 1]++;
      for (let j = 0; j < claims.claimants; j++) first[j + 1] += first[j];
      const lines: string[] = [];
      for (let row = 0; row < b.persons; row++) {
        const id = syntheticPersonId(b, b.block, row);
        const who = `${id},${GROUPS[population.group[row]]},${STATUSES[population.status[row]]}`;
        counts.byGroup[GROUPS[population.group[row]]]++;
        const j = claimantOf[row];
        if (j < 0) {
          lines.push(`${who},,,,,,,`);
          continue;
        }
        for (let e = first[j]; e < first[j + 1]; e++)
          lines.push(
            `${who},${e - first[j] + 1},${CATEGORIES[ev.category[e]]},${ev.level[e]},${ev.total[e].toFixed(2)},${ev.scope[e].toFixed(2)},${ev.excluded[e].toFixed(2)},${ev.cancerDrugOoc[e].toFixed(2)}`,
          );
      }
      writeAll(fd, `${lines.join('\n')}\n`);
      counts.persons += b.persons;
      counts.claimants += claims.claimants;
      counts.events += ev.count;
    });
  });
  return counts;
}

/** One scenario-year's persons and events as plain columns (for small pools: notebooks). */
export interface SyntheticYear {
  persons: number;
  /** by person: index into GROUPS, STATUSES; county index; consumption (yuan) */
  group: Uint8Array;
  status: Uint8Array;
  county: Uint16Array;
  consumption: Float64Array;
  /** events.person indexes the persons; sorted by person, in date order */
  events: Events & { month: Uint8Array };
}

const EVENT_COLUMNS = [
  'person',
  'category',
  'level',
  'month',
  'total',
  'scope',
  'excluded',
  'cancerDrugOoc',
] as const;

/** A block's persons and events as columns of their own, events sorted by person. */
function blockColumns(b: SyntheticBlock): SyntheticYear {
  const { claims, population, persons } = b;
  const ev = claims.events;
  // events are grouped by claimant j (in the order claimants were found): reorder by person
  const first = new Uint32Array(claims.claimants + 1);
  for (let e = 0; e < ev.count; e++) first[ev.person[e] + 1]++;
  for (let j = 0; j < claims.claimants; j++) first[j + 1] += first[j];
  const byPerson = Array.from({ length: claims.claimants }, (_, j) => j).sort(
    (a, c) => claims.claimant[a] - claims.claimant[c],
  );
  const events = { ...allocateEvents(ev.count), month: new Uint8Array(ev.count) };
  let to = 0;
  for (const j of byPerson)
    for (let e = first[j]; e < first[j + 1]; e++, to++) {
      for (const key of EVENT_COLUMNS) events[key][to] = ev[key][e];
      events.person[to] = claims.claimant[j];
    }
  return {
    persons,
    group: population.group.slice(0, persons),
    status: population.status.slice(0, persons),
    county: population.county.slice(0, persons),
    consumption: population.consumption.slice(0, persons),
    events,
  };
}

/**
 * The persons and events of one scenario-year of a scheme's simulation (default: scenario
 * 0, year 0), as `simulate` with the same options would draw them.
 *
 * @example
 * const year = syntheticYear('dazhou-2023', { persons: 20000, seed: 1 });
 * settleColumns(compilePlan(loadScheme('dazhou-2023')), { persons: year.persons, ...year });
 */
export function syntheticYear(
  scheme: string | SchemeRef,
  options: SimulateOptions & Partial<ScenarioYearRef> = {},
): SyntheticYear {
  const ref = { scenario: options.scenario ?? 0, year: options.year ?? 0 };
  const run = prepareRun([scheme], {
    ...options,
    scenarios: Math.max(options.scenarios ?? 1, ref.scenario + 1),
    years: Math.max(options.years ?? 1, ref.year + 1),
  });
  const parts: SyntheticYear[] = [];
  forEachSyntheticBlock(run, [ref], (b) => parts.push(blockColumns(b)));
  const persons = parts.reduce((n, p) => n + p.persons, 0);
  const count = parts.reduce((n, p) => n + p.events.count, 0);
  const out: SyntheticYear = {
    persons,
    group: new Uint8Array(persons),
    status: new Uint8Array(persons),
    county: new Uint16Array(persons),
    consumption: new Float64Array(persons),
    events: { ...allocateEvents(count), month: new Uint8Array(count) },
  };
  let p0 = 0;
  let e0 = 0;
  for (const part of parts) {
    for (const key of ['group', 'status', 'county', 'consumption'] as const)
      out[key].set(part[key], p0);
    for (const key of EVENT_COLUMNS) out.events[key].set(part.events[key], e0);
    for (let e = 0; e < part.events.count; e++) out.events.person[e0 + e] += p0;
    p0 += part.persons;
    e0 += part.events.count;
  }
  return out;
}
