/**
 * Shared body of the fast-vs-exact property tests (one test file per scheme, so the
 * runner spreads them over both cores).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePlan } from '../../src/engine/fast/plan';
import { settleColumns } from '../../src/engine/fast/settle-columns';
import { settlePersonYear } from '../../src/engine/settle';
import { STATUSES } from '../../src/model/codes';
import { loadScheme } from '../../src/scheme/load';
import { randomClaims } from './random-claims';

export const PERSONS = 100_000;

export function fastAgreesWithExact(schemeId: string, seed: number, persons = PERSONS): void {
  const PERSONS = persons;
  test(`${schemeId}: fast and exact engines agree within a fen per layer per person on ${PERSONS.toLocaleString('en')} random persons, and exactly where the fast one is certain`, () => {
    const scheme = loadScheme(schemeId);
    const claims = randomClaims(seed, PERSONS, scheme.members);
    const fast = settleColumns(compilePlan(scheme), {
      persons: PERSONS,
      group: claims.group,
      status: claims.status,
      events: claims.events,
    });
    let worst = 0;
    let uncertain = 0;
    for (let p = 0; p < PERSONS; p++) {
      const exact = settlePersonYear(scheme, claims.people[p]);
      const pairs: [string, number, number][] = [
        ['total', fast.totalFen[p], exact.total.times(100).toNumber()],
        ['basic', fast.basicFen[p], exact.basic.times(100).toNumber()],
        ['aid', fast.aidFen[p], exact.aid.times(100).toNumber()],
        ['oop', fast.oopFen[p], exact.oop.times(100).toNumber()],
        ...scheme.layers
          .map(
            (l, li) =>
              [
                l.id,
                fast.layerFen[li][p],
                l.tier === 'aid' ? null : exact.layers[l.id]?.times(100).toNumber(),
              ] as const,
          )
          .filter((x): x is [string, number, number] => x[2] !== null && x[2] !== undefined),
      ];
      if (fast.uncertain[p]) uncertain++;
      for (const [name, f, x] of pairs) {
        const diff = Math.abs(f - x);
        worst = Math.max(worst, diff);
        if (diff > 1 || (!fast.uncertain[p] && diff !== 0)) {
          assert.fail(
            `person ${p} ${name}: fast ${f} fen, exact ${x} fen (uncertain: ${fast.uncertain[p]})\n${JSON.stringify(claims.people[p])}`,
          );
        }
      }
      scheme.alerts.forEach((a, ai) => {
        assert.equal(fast.alerts[ai][p] === 1, exact.alerts[a.id], `person ${p} alert ${a.id}`);
      });
    }
    assert.ok(worst <= 1);
    assert.ok(uncertain < PERSONS * 0.5, `too many uncertain persons: ${uncertain}`);
    // Every status was drawn, and each layer paid someone of every status it covers, so the
    // agreement above holds each status's rules (tilts, aid groups) in both engines.
    for (const [st, status] of STATUSES.entries()) {
      const persons = claims.status.filter((x) => x === st).length;
      assert.ok(persons > 0, `no random person has status ${status}`);
      scheme.layers.forEach((layer, li) => {
        if (layer.statuses && !layer.statuses.includes(status)) return;
        let paid = 0;
        for (let p = 0; p < PERSONS; p++)
          if (claims.status[p] === st && fast.layerFen[li][p] > 0) paid++;
        assert.ok(paid > 0, `layer ${layer.id} paid no one of status ${status}`);
      });
    }
  });
}
