import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePlan } from '../../src/engine/fast/plan';
import { settleColumns } from '../../src/engine/fast/settle-columns';
import { medicalAidOf, subsidyPerHeadFen } from '../../src/fund/medical-aid';
import { CATEGORIES, GROUPS, STATUSES, type Status } from '../../src/model/codes';
import { allocateEvents } from '../../src/model/columns';
import { loadScheme } from '../../src/scheme/load';
import { addQuarterlyList, aidBudgetPlan, aidBudgetSums } from '../../src/simulate/aid-budget';
import { summarize } from '../../src/simulate/metrics';
import { simulate } from '../../src/simulate/simulate';

const status = (s: Status) => STATUSES.indexOf(s);

describe('simulate/aid-budget: the quarterly list of a block, by hand', () => {
  // General-outpatient bills: no tier pays them, so out-of-pocket = the bill.
  //   A resident, none:  6,000 in February + 5,000 in June → 6,000 at Q1, 11,000 from Q2
  //   B resident, dibao: 20,000 in November               → listed every quarter for the status
  //   C resident, none:  10,000 in January                → never above (strictly above 10,000)
  //   D employee, tekun: listed every quarter, no bill (employees get no contribution subsidy)
  //   E retiree, none:   4,000 + 7,000 in December        → above in Q4 only
  const persons: [string, Status, [number, number][]][] = [
    [
      'resident',
      'none',
      [
        [1, 6000],
        [5, 5000],
      ],
    ],
    ['resident', 'dibao', [[10, 20000]]],
    ['resident', 'none', [[0, 10000]]],
    ['employee', 'tekun', []],
    [
      'retiree',
      'none',
      [
        [11, 4000],
        [11, 7000],
      ],
    ],
  ];
  const scheme = loadScheme('huangshan-2022');
  const plan = compilePlan(scheme);
  const count = persons.length;
  const pop = {
    count,
    group: Uint8Array.from(persons, ([g]) => GROUPS.indexOf(g as (typeof GROUPS)[number])),
    status: Uint8Array.from(persons, ([, s]) => status(s)),
  };
  const rows = persons.flatMap(([, , bills], p) =>
    bills.map(([month, total]) => ({ p, month, total })),
  );
  const events = allocateEvents(rows.length);
  events.month = new Uint8Array(rows.length);
  rows.forEach((r, e) => {
    events.person[e] = r.p;
    events.category[e] = CATEGORIES.indexOf('general_outpatient');
    events.level[e] = 1;
    events.total[e] = r.total;
    events.scope[e] = r.total;
    events.month![e] = r.month;
  });
  const settled = settleColumns(plan, {
    persons: count,
    group: pop.group,
    status: pop.status,
    events,
  });
  // the persons by group × status, as a simulation's cell counts them
  const byGroupStatus = new Float64Array(GROUPS.length * STATUSES.length);
  for (let i = 0; i < count; i++) byGroupStatus[pop.group[i] * STATUSES.length + pop.status[i]]++;
  const above = new Float64Array(4);
  const only = new Float64Array(4);
  const budget = aidBudgetPlan(scheme);
  addQuarterlyList(above, only, budget, plan, pop, events, settled);
  const sums = aidBudgetSums(budget, {
    personsByGroupStatus: byGroupStatus,
    aboveThreshold: above,
    aboveThresholdOnly: only,
  });

  it('lists tekun and dibao persons every quarter and counts out-of-pocket so far this year', () => {
    assert.equal(sums.listedForStatus, 2); // B, D
    assert.deepEqual(sums.aboveThreshold, [0, 1, 1, 3]); // A from Q2; B and E in Q4
    assert.deepEqual(sums.aboveThresholdOnly, [0, 1, 1, 2]); // B is listed already
  });

  it('counts only residents as subsidised heads', () => {
    const expected = STATUSES.map(() => 0);
    expected[status('none')] = 2; // A, C
    expected[status('dibao')] = 1; // B
    assert.deepEqual(sums.residentsByStatus, expected);
  });
});

describe('simulate/aid-budget: a simulation', () => {
  const SMALL = { persons: 4000, scenarios: 8, years: 2, seed: 7, workers: 1 };

  it('spends the aid benefit plus the subsidies of residents: 400 yuan a head in full for tekun, 360 dibao, 200 monitored', async () => {
    const r = await simulate('huangshan-2022', SMALL);
    const rules = medicalAidOf(r.run.scheme)!;
    // year 1 is at the latest listed contribution (2024: 400 yuan)
    const perHead = STATUSES.map((_, st) => subsidyPerHeadFen(rules, st, 400));
    assert.deepEqual(perHead, [0, 40000, 36000, 20000, 0, 0]);
    const s = summarize(r);
    const y1 = s.years[0].medicalAid!;
    const subsidies = r.run.agg.map((years) =>
      years[0].aidBudget.residentsByStatus.reduce((t, heads, st) => t + heads * perHead[st], 0),
    );
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    assert.ok(Math.abs(y1.subsidy.mean - mean(subsidies) / 100) < 1e-6);
    const benefit = r.run.agg.map((years) => years[0].aid / 100);
    assert.ok(Math.abs(y1.benefit.mean - mean(benefit)) < 1e-6);
    assert.ok(Math.abs(y1.total.mean - (y1.benefit.mean + y1.subsidy.mean)) < 1e-6);
    assert.ok(y1.benefit.mean > 0 && y1.subsidy.mean > 0);
    for (const years of r.run.agg) {
      const a = years[0];
      const residents = a.aidBudget.residentsByStatus.reduce((x, y) => x + y, 0);
      assert.equal(residents, a.byGroup[GROUPS.indexOf('resident')].persons);
      // the calibration has dibao employees and retirees: their heads are not subsidised
      const dibao = status('dibao');
      assert.ok(a.aidBudget.residentsByStatus[dibao] < a.byStatus[dibao].persons);
    }
    assert.deepEqual(Object.keys(y1.subsidyByStatus), ['tekun', 'dibao', 'monitored']);
  });

  it('grows the list through the year and ends it at the year-end alert count plus tekun and dibao', async () => {
    const r = await simulate('huangshan-2022', SMALL);
    for (const years of r.run.agg)
      for (const a of years) {
        const b = a.aidBudget;
        assert.equal(
          b.listedForStatus,
          a.byStatus[status('tekun')].persons + a.byStatus[status('dibao')].persons,
        );
        assert.equal(b.aboveThreshold[3], a.alerts);
        for (let q = 1; q < 4; q++) assert.ok(b.aboveThreshold[q] >= b.aboveThreshold[q - 1]);
        for (let q = 0; q < 4; q++) assert.ok(b.aboveThresholdOnly[q] <= b.aboveThreshold[q]);
      }
    const list = summarize(r).years[0].medicalAid!.quarterlyList!;
    assert.ok(list.aboveThreshold[0] < list.aboveThreshold[3]);
    assert.ok(list.listed[3] > list.forStatus);
  });

  it('has no aid budget for a scheme without medical aid', async () => {
    const r = await simulate('dazhou-2023', { ...SMALL, scenarios: 2, years: 1 });
    assert.equal(summarize(r).years[0].medicalAid, undefined);
  });
});
