/**
 * Hand-worked cases for every rule and edge of the exact engine. The arithmetic is in
 * the comments so a reader can check each figure with a calculator.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PersonYear } from '../../src/engine/settle';
import { loadScheme } from '../../src/scheme/load';
import { settled, workedScheme } from './helpers';

const inpatient = (level: 1 | 2 | 3, total: number, scope = total, extra: object = {}) => ({
  category: 'inpatient' as const,
  level,
  total,
  scope,
  ...extra,
});

describe('engine/settle: basic insurance', () => {
  test('the annual fund cap is reached mid-year and the second event pays only what is left', () => {
    // Event 1: eligible 100,000 − 800 = 99,200; basic 0.85 × 99,200 = 84,320; cap left 15,680.
    // Event 2: eligible 29,200; 0.85 × 29,200 = 24,820 > 15,680 → basic 15,680.
    // covered₂ = 15,680 / 0.85 = 18,447.0588…; coinsurance S = 0.15 × (99,200 + 18,447.0588…) = 17,647.0588…
    // above cap A = 29,200 − 18,447.0588… = 10,752.9411…
    // large_expense = 0.75 × (S − 4,000) + 0.85 × A = 10,235.2941… + 9,140 = 19,375.29
    const r = settled('dazhou-2023', {
      group: 'employee',
      status: 'none',
      events: [inpatient(3, 100000), inpatient(3, 30000)],
    });
    assert.deepEqual(
      r.perEvent.map((e) => e.basic),
      ['84320.00', '15680.00'],
    );
    assert.equal(r.basic, '100000.00');
    assert.equal(r.layers.large_expense, '19375.29');
    // paid incrementally: event 1 owes 0.75 × (14,880 − 4,000) = 8,160; event 2 the rest
    assert.deepEqual(
      r.perEvent.map((e) => e.paid[0]),
      ['8160.00', '11215.29'],
    );
    assert.equal(r.oop, '10624.71');
  });

  test('retirees get the employee share plus 5 points, at most 95%', () => {
    // level 1: min(0.90 + 0.05, 0.95) = 0.95 → 0.95 × (10,000 − 300) = 9,215
    // level 3: 0.85 + 0.05 = 0.90 → 0.90 × (10,000 − 800) = 8,280
    const l1 = settled('dazhou-2023', {
      group: 'retiree',
      status: 'none',
      events: [inpatient(1, 10000)],
    });
    const l3 = settled('dazhou-2023', {
      group: 'retiree',
      status: 'none',
      events: [inpatient(3, 10000)],
    });
    assert.equal(l1.basic, '9215.00');
    assert.equal(l3.basic, '8280.00');
  });

  test('special outpatient: one deductible of 200 a year, borne by the first such event, at the level-2 share', () => {
    // resident level-2 share 0.75, whatever the event's level
    // first: max(150 − 200, 0) = 0 → 0; second: 0.75 × 500 = 375; third: 0.75 × 1,000 = 750
    const r = settled('guiyang-2023', {
      group: 'resident',
      status: 'none',
      events: [150, 500, 1000].map((amount) => ({
        category: 'special_outpatient' as const,
        level: 3 as const,
        total: amount,
        scope: amount,
      })),
    });
    assert.deepEqual(
      r.perEvent.map((e) => e.basic),
      ['0.00', '375.00', '750.00'],
    );
  });

  test('general outpatient: the basic fund and the layers pay nothing', () => {
    const r = settled('dazhou-2023', {
      group: 'employee',
      status: 'none',
      events: [{ category: 'general_outpatient', level: 1, total: 600, scope: 450 }],
    });
    assert.equal(r.basic, '0.00');
    assert.equal(r.layers.large_expense, '0.00');
    assert.equal(r.oop, '600.00');
  });

  test('a person with no events gets a row of zeros', () => {
    const r = settled('huangshan-2022', { group: 'resident', status: 'tekun', events: [] });
    assert.deepEqual(
      [r.total, r.basic, r.layers.critical_illness, r.aid, r.oop],
      ['0.00', '0.00', '0.00', '0.00', '0.00'],
    );
    assert.deepEqual(r.alerts, { alert: false });
  });
});

describe('engine/settle: layers', () => {
  test('the Dazhou subsidy stops at its 300,000 cap', () => {
    // eligible 1,999,200; basic 100,000; covered 117,647.06; A = 1,881,552.94 → 0.85 × A ≫ 300,000
    const r = settled('dazhou-2023', {
      group: 'employee',
      status: 'none',
      events: [inpatient(3, 2000000)],
    });
    assert.equal(r.layers.large_expense, '300000.00');
    assert.ok(
      r.steps.some((s) => s.layer === 'large_expense' && s.detail.includes('cap 300000 reached')),
    );
  });

  test('Ordos: large-medical annual cap, line 1 on what it did not cover, line 2 on the rest', () => {
    // eligible 999,200; basic 100,000; covered 117,647.0588…; above cap 881,552.9411…
    // large_medical = min(0.9 × 881,552.94…, 300,000) = 300,000
    // beyond = 881,552.9411… − 300,000 / 0.9 = 548,219.6078… → line 1 = 0.8 × beyond = 438,575.69
    // line 2: b = 1,000,000 − 100,000 − 300,000 − 438,575.69 = 161,424.31 → 0.3 × 141,424.31 = 42,427.29
    const r = settled('ordos-2018', {
      group: 'employee',
      status: 'none',
      events: [inpatient(3, 1000000)],
    });
    assert.deepEqual(r.layers, {
      large_medical: '300000.00',
      supplementary_line1: '438575.69',
      supplementary_line2: '42427.29',
      supplementary_line3: '0.00',
    });
    assert.equal(r.oop, '118997.02');
  });

  test('Ordos line 2: dialysis burden accumulates over the year, an admission does not', () => {
    // Each event: total 40,000, scope 15,000 (the rest out-of-catalogue, not excluded).
    // basic = 0.85 × (15,000 − 800) = 12,070; burden b = 40,000 − 12,070 = 27,930
    // inpatient (per admission): 0.3 × (27,930 − 20,000) = 2,379 each
    // dialysis (year): after event 1: 0.3 × 7,930 = 2,379; after event 2: 0.3 × (55,860 − 20,000) = 10,758 → pays 8,379
    const events = (category: 'inpatient' | 'dialysis') =>
      [1, 2].map(() => ({ category, level: 3 as const, total: 40000, scope: 15000 }));
    const admissions = settled('ordos-2018', {
      group: 'employee',
      status: 'none',
      events: events('inpatient'),
    });
    const dialysis = settled('ordos-2018', {
      group: 'employee',
      status: 'none',
      events: events('dialysis'),
    });
    assert.deepEqual(
      admissions.perEvent.map((e) => e.paid[2]),
      ['2379.00', '2379.00'],
    );
    assert.deepEqual(
      dialysis.perEvent.map((e) => e.paid[2]),
      ['2379.00', '8379.00'],
    );
    assert.equal(dialysis.layers.supplementary_line2, '10758.00');
  });

  test('Huangshan tilt: tekun get half the deductible, +5 points on every band and no cap', () => {
    // resident level 3, scope 2,000,000: basic = min(0.6 × 1,999,000, 150,000) = 150,000; P = 1,850,000
    // tekun: 0.65 × (50,000 − 7,500) + 0.70 × 50,000 + 0.75 × 1,750,000 = 27,625 + 35,000 + 1,312,500 = 1,375,125 (no cap)
    // aid: 0.7 × (1,850,000 − 1,375,125) = 332,412.50 → capped at 50,000
    const tekun = settled('huangshan-2022', {
      group: 'resident',
      status: 'tekun',
      events: [inpatient(3, 2000000)],
    });
    assert.equal(tekun.basic, '150000.00');
    assert.equal(tekun.layers.critical_illness, '1375125.00');
    assert.equal(tekun.aid, '50000.00');
    assert.equal(tekun.oop, '424875.00');
    // the same bill without the tilt: 0.6 × 35,000 + 0.65 × 50,000 + 0.7 × 1,750,000 = 1,278,500 → cap 300,000; no aid
    const none = settled('huangshan-2022', {
      group: 'resident',
      status: 'none',
      events: [inpatient(3, 2000000)],
    });
    assert.equal(none.layers.critical_illness, '300000.00');
    assert.equal(none.aid, '0.00');
    assert.equal(none.oop, '1550000.00');
  });

  test('medical aid for every aid group of part 3(1)3, and none for people without a status', () => {
    // The bill of H1: resident, level 2, total 90,000, scope 80,000 → basic 59,625,
    // personal scope P = 80,000 − 59,625 = 20,375 (SCHEMES H1).
    const bill = (status: PersonYear['status']) =>
      settled('huangshan-2022', {
        group: 'resident',
        status,
        events: [inpatient(2, 90000, 80000)],
      });
    // relapsed_poverty (返贫致贫人口) gets the tekun/dibao tilt (part 2(3)):
    //   critical illness 0.65 × (20,375 − 7,500) = 8,368.75;
    //   aid of the other groups 0.60 × (20,375 − 8,368.75 − 3,000) = 0.6 × 9,006.25 = 5,403.75
    const relapsed = bill('relapsed_poverty');
    assert.equal(relapsed.layers.critical_illness, '8368.75');
    assert.equal(relapsed.aid, '5403.75');
    assert.equal(relapsed.oop, '16602.50');
    // monitored (防止返贫监测对象): no tilt, critical illness 0.60 × (20,375 − 15,000) = 3,225;
    //   aid 0.60 × (20,375 − 3,225 − 3,000) = 0.6 × 14,150 = 8,490
    const monitored = bill('monitored');
    assert.equal(monitored.layers.critical_illness, '3225.00');
    assert.equal(monitored.aid, '8490.00');
    assert.equal(monitored.oop, '18660.00');
    // illness_poverty (因病致贫重病患者): no tilt; aid deductible 7,500:
    //   0.60 × (17,150 − 7,500) = 0.6 × 9,650 = 5,790
    const ill = bill('illness_poverty');
    assert.equal(ill.layers.critical_illness, '3225.00');
    assert.equal(ill.aid, '5790.00');
    assert.equal(ill.oop, '21360.00');
    // dibao: H1, aid 0.70 × (20,375 − 8,368.75) = 8,404.375 → 8,404.38
    assert.equal(bill('dibao').aid, '8404.38');
    const none = bill('none');
    assert.equal(none.layers.critical_illness, '3225.00');
    assert.equal(none.aid, '0.00');
    // each group's aid is explained with its own layer and the assumption behind its figures
    const step = ill.steps.find((x) => x.layer === 'aid_other_groups' && x.amount === '5790.00');
    assert.ok(step, 'the aid step of the other groups is explained');
    assert.ok(step.sources.includes('assumption'));
  });

  test('the alert is raised strictly above 10,000 out of pocket', () => {
    // general outpatient: nothing is paid, so out-of-pocket = total
    const at = (total: number) =>
      settled('huangshan-2022', {
        group: 'resident',
        status: 'none',
        events: [{ category: 'general_outpatient', level: 1, total, scope: total }],
      }).alerts.alert;
    assert.equal(at(10000), false);
    assert.equal(at(10000.01), true);
  });

  test('the guard keeps every event’s payments within its cost', () => {
    // A test scheme whose layer pays 100% of the total on top of basic: the guard cuts it
    // to total − basic. Event: total 10,000, scope 10,000, level 3 → basic 7,820.
    const greedy = loadScheme('test/fixtures/greedy-scheme.yaml');
    const person: PersonYear = { group: 'employee', status: 'none', events: [inpatient(3, 10000)] };
    const r = settled(greedy, person);
    assert.equal(r.basic, '7820.00');
    assert.equal(r.layers.everything, '2180.00');
    assert.equal(r.oop, '0.00');
    assert.ok(r.steps.some((s) => s.detail.includes('guard')));
  });
});

describe('engine/settle: top-up to a share', () => {
  const scheme = () => loadScheme('test/fixtures/top-up-scheme.yaml');
  test('aid tops up basic and critical illness to 80% of the scope cost', () => {
    // resident level 3, scope 50,000: basic 0.6 × 49,000 = 29,400; personal scope 20,600
    // critical illness 0.6 × (20,600 − 7,000) = 8,160; paid 37,560; 80% of 50,000 = 40,000 → aid 2,440
    const r = settled(scheme(), {
      group: 'resident',
      status: 'tekun',
      events: [inpatient(3, 50000)],
    });
    assert.equal(r.basic, '29400.00');
    assert.equal(r.layers.critical_illness, '8160.00');
    assert.equal(r.aid, '2440.00');
  });

  test('nothing to top up when the earlier tiers already paid more than the share', () => {
    // scope 120,000: basic 71,400 + critical illness 24,960 = 96,360 ≥ 96,000
    const r = settled(scheme(), {
      group: 'resident',
      status: 'tekun',
      events: [inpatient(3, 120000)],
    });
    assert.equal(r.aid, '0.00');
  });

  test('a top-up accumulated over the year is paid at each event and never taken back', () => {
    // two admissions of 25,000: basic 0.6 × 24,000 = 14,400 each; personal scope 10,600 each
    // after event 1: CI 0.6 × 3,600 = 2,160; owed 20,000 − 16,560 = 3,440, paid
    // after event 2: CI 0.6 × 14,200 = 8,520 in all; owed 40,000 − (28,800 + 8,520) = 2,680,
    // less than already paid: event 2 pays nothing (one-stop settlement does not claw back)
    const r = settled(scheme(), {
      group: 'resident',
      status: 'tekun',
      events: [inpatient(3, 25000), inpatient(3, 25000)],
    });
    assert.deepEqual(
      r.perEvent.map((e) => e.paid[1]),
      ['3440.00', '0.00'],
    );
    assert.equal(r.aid, '3440.00');
  });
});

describe('engine/settle: overrides', () => {
  test('an override changes the rule and is cited as an override', () => {
    // Guiyang G1 with the deductible lowered from 7,000 to 5,000: 0.6 × (48,600 − 5,000) = 26,160
    const lowered = workedScheme('guiyang-2023', {
      'layers.critical_illness.components.0.bands.0.from': 5000,
    });
    const r = settled(lowered, {
      group: 'resident',
      status: 'none',
      events: [inpatient(3, 120000)],
    });
    assert.equal(r.layers.critical_illness, '26160.00');
    assert.ok(r.steps.some((s) => s.sources.includes('override')));
  });

  test('basic.* overrides reach the basic-insurance rules', () => {
    const s = workedScheme('dazhou-2023', { 'basic.groups.employee.share.3': 0.8 });
    const r = settled(s, { group: 'employee', status: 'none', events: [inpatient(3, 10800)] });
    assert.equal(r.basic, '8000.00'); // 0.8 × 10,000
  });
});
