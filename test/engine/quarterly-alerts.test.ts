/**
 * The quarterly alert list on the exact path (out-of-pocket so far this year, by quarter)
 * and its agreement with the simulation's block counts on random dated claims.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compilePlan } from '../../src/engine/fast/plan';
import { settleColumns } from '../../src/engine/fast/settle-columns';
import { oopByQuarter, QUARTERS } from '../../src/engine/quarterly-alerts';
import { settlePersonYear } from '../../src/engine/settle';
import { STATUSES } from '../../src/model/codes';
import { createStream } from '../../src/random/stream';
import { addQuarterlyList, aidBudgetPlan } from '../../src/simulate/aid-budget';
import { scheme } from './helpers';
import { randomClaims } from './random-claims';

describe('engine/quarterly-alerts: out-of-pocket so far this year', () => {
  test('adds each event’s out-of-pocket to its quarter and carries it through the year', () => {
    // resident, none. February, level 2: total 12,000, scope 11,000 → basic 0.75 × 10,500 =
    // 7,875, out-of-pocket 4,125. July, level 3: total 30,000, scope 28,000 → basic
    // 0.60 × 27,000 = 16,200; personal scope so far 3,125 + 11,800 = 14,925 < 15,000, so
    // critical illness pays nothing; out-of-pocket 13,800. So far: Q1 4,125, Q2 4,125,
    // Q3 and Q4 17,925.
    const s = settlePersonYear(scheme('huangshan-2022'), {
      group: 'resident',
      status: 'none',
      events: [
        { category: 'inpatient', level: 2, total: 12000, scope: 11000 },
        { category: 'inpatient', level: 3, total: 30000, scope: 28000 },
      ],
    });
    assert.deepEqual(
      oopByQuarter(s, [0, 2]).map((x) => x.toFixed(2)),
      ['4125.00', '4125.00', '17925.00', '17925.00'],
    );
    assert.equal(s.oop.toFixed(2), '17925.00');
  });

  test('the simulation’s quarterly counts agree with the exact engine on 20,000 random dated persons', () => {
    const hs = scheme('huangshan-2022');
    const n = 20_000;
    const claims = randomClaims(909, n, hs.members);
    // months in date order within each person
    const s = createStream(909, 'months');
    const month = new Uint8Array(claims.events.count);
    let start = 0;
    for (let e = 1; e <= claims.events.count; e++) {
      if (e < claims.events.count && claims.events.person[e] === claims.events.person[start])
        continue;
      const ms = Array.from({ length: e - start }, () => Math.floor(s.next() * 12)).sort(
        (a, b) => a - b,
      );
      month.set(ms, start);
      start = e;
    }
    claims.events.month = month;
    const plan = compilePlan(hs);
    const settled = settleColumns(plan, {
      persons: n,
      group: claims.group,
      status: claims.status,
      events: claims.events,
    });
    const aboveThreshold = new Float64Array(QUARTERS);
    const only = new Float64Array(QUARTERS);
    const persons = { count: n, group: claims.group, status: claims.status };
    addQuarterlyList(
      aboveThreshold,
      only,
      aidBudgetPlan(hs),
      plan,
      persons,
      claims.events,
      settled,
    );

    const above = new Array(QUARTERS).fill(0);
    const aboveOnly = new Array(QUARTERS).fill(0);
    const listedForStatus = new Set(['tekun', 'dibao']);
    let e = 0;
    for (let p = 0; p < n; p++) {
      const quarters: number[] = [];
      while (e < claims.events.count && claims.events.person[e] === p)
        quarters.push(Math.floor(month[e++] / 3));
      const byQuarter = oopByQuarter(settlePersonYear(hs, claims.people[p]), quarters);
      const forStatus = listedForStatus.has(STATUSES[claims.status[p]]);
      byQuarter.forEach((x, q) => {
        if (x.greaterThan(10000)) {
          above[q]++;
          if (!forStatus) aboveOnly[q]++;
        }
      });
    }
    assert.deepEqual(Array.from(aboveThreshold), above);
    assert.deepEqual(Array.from(only), aboveOnly);
    assert.ok(aboveOnly[3] < above[3], 'some listed for their status are above too');
    assert.ok(above[0] > 0 && above[0] < above[3], `quarters ${above}`);
  });
});
