import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareRuns } from '../../src/simulate/compare';
import { summarize } from '../../src/simulate/metrics';
import { pooling } from '../../src/simulate/pooling';
import { price } from '../../src/simulate/price';
import { applyContract, resultAt, runVariants, simulate } from '../../src/simulate/simulate';

const SMALL = { persons: 4000, scenarios: 12, years: 3, seed: 7 };

describe('simulate', () => {
  it('gives the same numbers for the same seed whatever the number of workers', async () => {
    const one = await simulate('guiyang-2023', { ...SMALL, workers: 1 });
    const two = await simulate('guiyang-2023', { ...SMALL, workers: 2 });
    assert.deepEqual(two.outcomes, one.outcomes);
    assert.deepEqual(two.run.agg, one.run.agg);
    const other = await simulate('guiyang-2023', { ...SMALL, seed: 8, workers: 1 });
    assert.notDeepEqual(other.outcomes, one.outcomes);
  });

  it('charges payroll only on employees in service; retirees are covered but pay nothing', async () => {
    const r = await simulate('dazhou-2023', { ...SMALL, workers: 1 });
    for (const years of r.run.agg)
      for (const a of years) {
        const [employee, retiree] = a.byGroup;
        assert.ok(employee.fundingBase > 0);
        assert.ok(retiree.persons > 0);
        assert.equal(retiree.fundingBase, 0);
        assert.equal(a.fundingBase, employee.fundingBase);
      }
    const o = r.outcomes[0][0];
    assert.equal(o.premium, Math.round(0.0032 * r.run.fundingBase[0][0] * 100) / 100);
  });

  it('funds per head and as a share of the pool in their own units', async () => {
    const ordos = await simulate('ordos-2018', { ...SMALL, workers: 1 });
    for (const [s, years] of ordos.outcomes.entries())
      for (const [y, o] of years.entries())
        assert.equal(o.premium, 60 * ordos.run.agg[s][y].persons);
    const guiyang = await simulate('guiyang-2023', { ...SMALL, workers: 1 });
    const a = guiyang.run.agg[0][0];
    // year 1 at the latest per-capita funding in the scheme (2024: 1,070), 8% of the pool
    assert.equal(guiyang.outcomes[0][0].premium, Math.round(0.08 * 1070 * a.persons * 100) / 100);
  });

  it('pays the premium only for the layers the funding covers (Ordos: not large-medical)', async () => {
    const r = await simulate('ordos-2018', { ...SMALL, workers: 1 });
    const ids = r.run.scheme.layers.map((l) => l.id);
    for (const years of r.run.agg)
      for (const a of years) {
        const lines = ids
          .map((id, i) => (id.startsWith('supplementary_line') ? a.layers[i] : 0))
          .reduce((x, y) => x + y, 0);
        assert.equal(a.insured, lines);
      }
  });

  it('summarizes: deficit probability matches the scenarios, burden shares are shares', async () => {
    const r = await simulate('guiyang-2023', { ...SMALL, workers: 1 });
    const s = summarize(r);
    for (const [y, year] of s.years.entries()) {
      const deficits = r.outcomes.filter((o) => o[y].balance < 0).length;
      assert.equal(year.deficitProbability, deficits / SMALL.scenarios);
      assert.ok(
        year.lossRatio.p05 <= year.lossRatio.p50 && year.lossRatio.p50 <= year.lossRatio.p95,
      );
      const b = year.burden;
      assert.ok(b.catastrophicCapacityShare > 0 && b.catastrophicCapacityShare < 1);
      const shares =
        b.reimbursement.basic +
        Object.values(b.reimbursement.layers).reduce((x, z) => x + z, 0) +
        b.reimbursement.aid +
        b.reimbursement.oop;
      assert.ok(Math.abs(shares - 1) < 1e-9, `payer shares add up to ${shares}`);
    }
  });
});

describe('price', () => {
  it('recovers a rate set up to be the answer (target loss ratio)', async () => {
    const { runs, info } = await runVariants(['dazhou-2023'], { ...SMALL, workers: 1 });
    const run = runs[0];
    const setUp = 0.0041;
    const outcomes = applyContract(run, setUp);
    const target =
      outcomes.reduce(
        (t, o) => t + o.reduce((c, y) => c + y.claims, 0) / o.reduce((p, y) => p + y.premium, 0),
        0,
      ) / outcomes.length;
    const p = price(run, info, { lossRatio: target });
    assert.ok(Math.abs(p.rate - setUp) / setUp < 1e-3, `found ${p.rate}, set up ${setUp}`);
    assert.ok(p.low <= p.rate && p.rate <= p.high);
    assert.ok(p.standardError > 0);
  });

  it('finds the lowest rate with a deficit probability at most the target', async () => {
    const { runs, info } = await runVariants(['guiyang-2023'], { ...SMALL, workers: 1 });
    const p = price(runs[0], info, { deficitProbability: 0.1 });
    const at = (rate: number) => summarize(resultAt(runs[0], info, rate)).deficitAnyTime;
    assert.ok(at(p.rate) <= 0.1);
    assert.ok(at(p.rate * 0.99) > 0.1);
  });
});

describe('compare', () => {
  it('shows exactly zero difference for a variant that changes nothing', async () => {
    const { runs, info } = await runVariants(['huangshan-2022', 'huangshan-2022'], {
      ...SMALL,
      workers: 1,
    });
    const c = compareRuns(runs[0], runs[1], info);
    for (const y of c.years)
      for (const d of [y.claims, y.lossRatio, y.balance, y.oopMean, y.aboveAlert]) {
        assert.equal(d.difference, 0);
        assert.equal(d.low, 0);
        assert.equal(d.high, 0);
      }
  });

  it('a lower critical-illness deductible costs the fund more and lowers out-of-pocket', async () => {
    const { runs, info } = await runVariants(
      [
        'guiyang-2023',
        {
          scheme: 'guiyang-2023',
          overrides: { 'layers.critical_illness.components.0.bands.0.from': 5000 },
        },
      ],
      { ...SMALL, workers: 1 },
    );
    const c = compareRuns(runs[0], runs[1], info);
    for (const y of c.years) {
      assert.ok(y.claims.low > 0, 'claims rise');
      assert.ok(y.oopMean.high < 0, 'out-of-pocket falls');
    }
  });
});

describe('pooling', () => {
  it('county pools swing more than the city pool built from the same claims', async () => {
    const { runs, info } = await runVariants(['jiaozuo-2022'], {
      persons: 20000,
      scenarios: 30,
      years: 3,
      seed: 3,
      workers: 1,
    });
    const p = pooling(runs[0], info);
    assert.equal(p.counties.length, info.counties.length);
    assert.equal(
      p.counties.reduce((t, c) => t + c.persons, 0),
      p.city.persons,
    );
    const smallest = p.counties.reduce((a, b) => (a.persons < b.persons ? a : b));
    assert.ok(smallest.balanceRatio.sd > p.city.balanceRatio.sd);
    assert.ok(p.anyCountyDeficit >= p.city.deficitProbability);
  });
});
