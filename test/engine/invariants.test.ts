/**
 * Invariants of settlement, on random claims: no payment is negative; payments never
 * exceed the cost; caps hold; more cost never means less benefit.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compilePlan } from '../../src/engine/fast/plan';
import { settleColumns } from '../../src/engine/fast/settle-columns';
import { type PersonYear, settlePersonYear } from '../../src/engine/settle';
import { GROUPS, STATUSES } from '../../src/model/codes';
import { loadScheme } from '../../src/scheme/load';
import { randomClaims } from './random-claims';

const SCHEMES = ['dazhou-2023', 'guiyang-2023', 'jiaozuo-2022', 'ordos-2018', 'huangshan-2022'];

describe('engine: invariants on random claims', () => {
  for (const [i, id] of SCHEMES.entries()) {
    test(`${id}: no payment negative, payments within the cost, caps hold (100,000 persons)`, () => {
      const scheme = loadScheme(id);
      const claims = randomClaims(1000 + i, 100_000, scheme.members);
      const r = settleColumns(compilePlan(scheme), {
        persons: 100_000,
        group: claims.group,
        status: claims.status,
        events: claims.events,
      });
      for (let p = 0; p < r.persons; p++) {
        const group = GROUPS[claims.group[p]];
        const status = STATUSES[claims.status[p]];
        assert.ok(r.basicFen[p] >= 0, `basic negative for ${p}`);
        assert.ok(
          r.basicFen[p] <= scheme.basic.groups[group].annualCap.value * 100,
          `basic over its cap for ${p}`,
        );
        let paid = r.basicFen[p];
        scheme.layers.forEach((layer, li) => {
          const v = r.layerFen[li][p];
          assert.ok(v >= 0, `${layer.id} negative for ${p}`);
          paid += v;
          const tilted = layer.modifiers.some(
            (m) =>
              (!m.statuses || m.statuses.includes(status)) &&
              (!m.groups || m.groups.includes(group)) &&
              m.noCap,
          );
          const yearly = layer.accumulate.every((a) => a === 'year');
          if (layer.cap && yearly && !tilted)
            assert.ok(v <= layer.cap.value * 100, `${layer.id} over its cap for ${p}`);
          if (layer.annualCap)
            assert.ok(v <= layer.annualCap.value * 100, `${layer.id} over its annual cap for ${p}`);
        });
        assert.ok(
          paid <= r.totalFen[p],
          `payments ${paid} above the cost ${r.totalFen[p]} for ${p}`,
        );
        assert.ok(r.oopFen[p] >= 0);
      }
    });

    test(`${id}: raising one event's cost never lowers the benefit (exact engine, 3,000 persons)`, () => {
      const scheme = loadScheme(id);
      const claims = randomClaims(2000 + i, 3000, scheme.members);
      const benefit = (person: PersonYear) => {
        const s = settlePersonYear(scheme, person);
        return s.total.minus(s.oop);
      };
      let checked = 0;
      for (const person of claims.people) {
        if (person.events.length === 0) continue;
        const k = checked % person.events.length;
        const before = benefit(person);
        const e = person.events[k];
        // more in scope and more out of scope, the parts staying valid
        const raised = {
          ...person,
          events: person.events.map((x, j) =>
            j === k
              ? {
                  ...x,
                  total: (Number(e.total) + 12345.67).toFixed(2),
                  scope: (Number(e.scope) + 10000).toFixed(2),
                }
              : x,
          ),
        };
        const after = benefit(raised);
        assert.ok(
          after.greaterThanOrEqualTo(before),
          `benefit fell from ${before} to ${after}: ${JSON.stringify(person)}`,
        );
        checked++;
      }
      assert.ok(checked > 1000);
    });
  }
});
