/**
 * The settlement kernel written without near-tie flags (the Monte Carlo run's) settles
 * every person to the same fen as the one with them: only `uncertain` differs, left zero.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePlan } from '../../src/engine/fast/plan';
import { settleColumns } from '../../src/engine/fast/settle-columns';
import { loadScheme } from '../../src/scheme/load';
import { randomClaims } from './random-claims';

const PERSONS = 20_000;
const SCHEMES = ['dazhou-2023', 'guiyang-2023', 'huangshan-2022', 'jiaozuo-2022', 'ordos-2018'];

for (const [k, id] of SCHEMES.entries()) {
  test(`${id}: the kernel without near-tie flags pays every layer the same fen, with uncertain left zero`, () => {
    const scheme = loadScheme(id);
    const plan = compilePlan(scheme);
    const claims = randomClaims(101 + k, PERSONS, scheme.members);
    const input = {
      persons: PERSONS,
      group: claims.group,
      status: claims.status,
      events: claims.events,
    };
    const withTies = settleColumns(plan, input);
    const without = settleColumns(plan, input, undefined, { ties: false });
    const columns = (s: typeof withTies) => ({
      totalFen: s.totalFen,
      basicFen: s.basicFen,
      aidFen: s.aidFen,
      oopFen: s.oopFen,
      ...Object.fromEntries(s.layerFen.map((c, li) => [`layer ${li}`, c])),
      ...Object.fromEntries(s.alerts.map((c, ai) => [`alert ${ai}`, c])),
    });
    const a = columns(withTies);
    const b = columns(without);
    for (const name of Object.keys(a))
      assert.deepEqual(b[name as keyof typeof b], a[name as keyof typeof a], `column ${name}`);
    assert.ok(
      withTies.oopFen.some((v) => v > 0),
      'the random claims leave something out of pocket',
    );
    assert.equal(
      without.uncertain.reduce((n, v) => n + v, 0),
      0,
      'no near-tie flag without tracking',
    );
  });
}
