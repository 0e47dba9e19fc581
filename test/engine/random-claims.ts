/**
 * Random person-years for property tests: every group the scheme covers, every status,
 * 0–6 events of any category and level, totals from a heavy tail reaching every cap,
 * some round numbers that land on band edges, scope ≤ total and
 * excluded + cancer_drug_ooc ≤ total − scope. Both shapes: objects for the exact
 * engine and columns for the fast one.
 */

import type { PersonYear } from '../../src/engine/settle';
import { CATEGORIES, GROUPS, type Group, STATUSES } from '../../src/model/codes';
import type { Events } from '../../src/model/columns';
import { createStream } from '../../src/random/stream';

export interface RandomClaims {
  people: PersonYear[];
  group: Uint8Array;
  status: Uint8Array;
  events: Events;
}

const ROUND_TOTALS = [
  0, 200, 800, 4000, 7000, 7500, 15000, 20000, 50000, 60000, 90000, 100000, 150000, 300000,
];

export function randomClaims(seed: number, n: number, members: readonly Group[]): RandomClaims {
  const s = createStream(seed, 'property-test');
  const people: PersonYear[] = [];
  const fen = (yuan: number) => Math.round(yuan * 100);
  const events = {
    person: [] as number[],
    category: [] as number[],
    level: [] as number[],
    total: [] as number[],
    scope: [] as number[],
    excluded: [] as number[],
    cdo: [] as number[],
  };
  const group = new Uint8Array(n);
  const status = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const g = members[Math.floor(s.next() * members.length)];
    const st = STATUSES[Math.floor(s.next() * STATUSES.length)];
    group[p] = GROUPS.indexOf(g);
    status[p] = STATUSES.indexOf(st);
    const count = Math.floor(s.next() * 7);
    const person: PersonYear = { group: g, status: st, events: [] };
    for (let k = 0; k < count; k++) {
      const c = Math.floor(s.next() * CATEGORIES.length);
      const level = (1 + Math.floor(s.next() * 3)) as 1 | 2 | 3;
      const u = s.next();
      // mostly lognormal-ish, sometimes a round number, sometimes enormous
      const totalFen =
        u < 0.1
          ? fen(ROUND_TOTALS[Math.floor(s.next() * ROUND_TOTALS.length)])
          : u < 0.97
            ? Math.round(Math.exp(Math.log(8e5) + 1.6 * (s.next() + s.next() + s.next() - 1.5) * 2))
            : Math.round(1e7 + s.next() * 3e8);
      const scopeFen = s.next() < 0.3 ? totalFen : Math.round(totalFen * s.next());
      const outside = totalFen - scopeFen;
      const excludedFen = Math.round(outside * s.next() * 0.6);
      const cdoFen = s.next() < 0.3 ? Math.round((outside - excludedFen) * s.next()) : 0;
      person.events.push({
        category: CATEGORIES[c],
        level,
        total: (totalFen / 100).toFixed(2),
        scope: (scopeFen / 100).toFixed(2),
        excluded: (excludedFen / 100).toFixed(2),
        cancerDrugOoc: (cdoFen / 100).toFixed(2),
      });
      events.person.push(p);
      events.category.push(c);
      events.level.push(level);
      events.total.push(totalFen / 100);
      events.scope.push(scopeFen / 100);
      events.excluded.push(excludedFen / 100);
      events.cdo.push(cdoFen / 100);
    }
    people.push(person);
  }
  return {
    people,
    group,
    status,
    events: {
      count: events.person.length,
      person: Uint32Array.from(events.person),
      category: Uint8Array.from(events.category),
      level: Uint8Array.from(events.level),
      total: Float64Array.from(events.total),
      scope: Float64Array.from(events.scope),
      excluded: Float64Array.from(events.excluded),
      cancerDrugOoc: Float64Array.from(events.cdo),
    },
  };
}
