/**
 * An exact tie (a half fen) that the fast engine can decide without falling back to the
 * exact one: share 85% × 20,010 fen = 17,008.5 fen rounds half up to 17,009, and the
 * person is not flagged uncertain. Guiyang's layer rounds 60% of whole fen: also decidable.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compilePlan } from '../../src/engine/fast/plan';
import { settleColumns } from '../../src/engine/fast/settle-columns';
import { settlePersonYear } from '../../src/engine/settle';
import { CATEGORIES, GROUPS } from '../../src/model/codes';
import { workedScheme } from './helpers';

function fastOne(schemeId: string, group: 'employee' | 'resident', total: number, scope: number) {
  const plan = compilePlan(workedScheme(schemeId));
  return settleColumns(plan, {
    persons: 1,
    group: Uint8Array.of(GROUPS.indexOf(group)),
    status: Uint8Array.of(0),
    events: {
      count: 1,
      person: Uint32Array.of(0),
      category: Uint8Array.of(CATEGORIES.indexOf('inpatient')),
      level: Uint8Array.of(3),
      total: Float64Array.of(total),
      scope: Float64Array.of(scope),
      excluded: Float64Array.of(0),
      cancerDrugOoc: Float64Array.of(0),
    },
  });
}

test('a half-fen tie in basic insurance is rounded up by the fast engine without fallback', () => {
  // employee, level 3: 85% above 800; eligible 1000.10 − 800 = 200.10 → 170.085 → 170.09
  const fast = fastOne('dazhou-2023', 'employee', 1000.1, 1000.1);
  assert.equal(fast.basicFen[0], 17009);
  assert.equal(fast.uncertain[0], 0);
  const exact = settlePersonYear(workedScheme('dazhou-2023'), {
    group: 'employee',
    status: 'none',
    events: [{ category: 'inpatient', level: 3, total: 1000.1, scope: 1000.1 }],
  });
  assert.equal(exact.basic.toFixed(2), '170.09');
});

test('a layer on whole-fen bases at whole-percent rates rounds its ties without fallback', () => {
  // resident, level 3: basic = 60% × (148,500.25 − 1,000) = 88,500.15; personal scope
  // 60,000.10; the layer: 60% × (60,000 − 7,000) + 65% × 0.10 = 31,800.065 → 31,800.07
  const scope = 148500.25;
  const fast = fastOne('guiyang-2023', 'resident', scope, scope);
  const exact = settlePersonYear(workedScheme('guiyang-2023'), {
    group: 'resident',
    status: 'none',
    events: [{ category: 'inpatient', level: 3, total: scope, scope }],
  });
  assert.equal(exact.layers.critical_illness.toFixed(2), '31800.07');
  assert.equal(fast.uncertain[0], 0);
  assert.equal(fast.basicFen[0], exact.basic.times(100).toNumber());
  assert.equal(fast.layerFen[0][0], exact.layers.critical_illness.times(100).toNumber());
});
