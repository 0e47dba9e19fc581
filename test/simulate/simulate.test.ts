import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { YibaoError } from '../../src/errors';
import { cashPositions } from '../../src/fund/cash';
import { runLedger } from '../../src/fund/ledger';
import { compareRuns } from '../../src/simulate/compare';
import { runByMethod } from '../../src/simulate/large-pool/run';
import { expectedLossRatio, summarize } from '../../src/simulate/metrics';
import { formatSummary } from '../../src/simulate/output';
import { pooling } from '../../src/simulate/pooling';
import { price } from '../../src/simulate/price';
import {
  applyContract,
  contractInputs,
  resultAt,
  runVariants,
  simulate,
} from '../../src/simulate/simulate';

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

  it('refuses a run size that is not a whole number ≥ 1, by either method, before any work', async () => {
    for (const method of ['mc', 'large-pool'] as const)
      for (const [field, value] of [
        ['scenarios', 0],
        ['persons', 2.5],
      ] as const)
        await assert.rejects(
          runByMethod(['guiyang-2023'], { ...SMALL, method, [field]: value }),
          (e: unknown) =>
            e instanceof YibaoError &&
            e.message.includes(`${field} must be a whole number ≥ 1, got ${value}`),
        );
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
    // premium in fen: round(0.0032 × Σ bases), the bases taken to the fen
    const o = r.outcomes[0][0];
    assert.ok(Math.abs(o.premium - 0.0032 * r.run.fundingBase[0][0] * 100) <= 0.51);
  });

  it('funds per head and as a share of the pool in their own units', async () => {
    const ordos = await simulate('ordos-2018', { ...SMALL, workers: 1 });
    for (const [s, years] of ordos.outcomes.entries())
      for (const [y, o] of years.entries())
        assert.equal(o.premium, 6000 * ordos.run.agg[s][y].persons);
    const guiyang = await simulate('guiyang-2023', { ...SMALL, workers: 1 });
    const a = guiyang.run.agg[0][0];
    // year 1 at the latest per-capita funding in the scheme (2024: 1,070), 8% of the pool, fen
    assert.equal(guiyang.outcomes[0][0].premium, Math.round(0.08 * 1070 * a.persons * 100));
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
      const deficits = r.outcomes.filter((o) => o[y].schemeMoney < 0).length;
      assert.equal(year.deficitProbability, deficits / SMALL.scenarios);
      const short = r.outcomes.filter((o) => o[y].schemeCashLow < 0).length;
      assert.equal(year.schemeCashShortfallProbability, short / SMALL.scenarios);
      assert.ok(year.schemeCashShortfallProbability >= year.deficitProbability);
      const lr = year.lossRatio!;
      assert.ok(lr.p05 <= lr.p50 && lr.p50 <= lr.p95);
      assert.equal(
        year.poolDeficitProbability,
        r.outcomes.filter((o) => o[y].poolBalance < 0).length / SMALL.scenarios,
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

describe('simulate: the one ledger', () => {
  it("every scenario's outcomes are the ledger's on its yearly figures, with the cash lows", async () => {
    for (const id of ['ordos-2018', 'dazhou-2023']) {
      const r = await simulate(id, { ...SMALL, workers: 1 });
      for (const [s, years] of r.outcomes.entries()) {
        const ledger = runLedger(r.fund, r.rate, contractInputs(r.run, s));
        const monthly = r.run.agg[s].map((a) => a.monthlyInsured);
        const cash = cashPositions(r.fund, ledger, monthly);
        assert.deepEqual(
          years,
          ledger.map((y, i) => ({ ...y, ...cash[i] })),
        );
        for (const [y, a] of r.run.agg[s].entries()) {
          assert.equal(years[y].claims, a.insured);
          assert.equal(
            a.monthlyInsured.reduce((t, m) => t + m, 0),
            a.insured,
          );
        }
      }
    }
  });

  it('a premium of 0 gives an undefined loss ratio, never 0%', async () => {
    const { runs, info } = await runVariants(['guiyang-2023'], { ...SMALL, workers: 1 });
    const r = resultAt(runs[0], info, 0);
    const s = summarize(r);
    assert.ok(r.outcomes.every((o) => o.every((y) => y.lossRatio === null)));
    assert.ok(s.years.every((y) => y.lossRatio === null));
    assert.equal(expectedLossRatio(r.outcomes), null);
    assert.equal(JSON.parse(JSON.stringify(s)).years[0].lossRatio, null);
    assert.match(formatSummary(s, r), /净赔付率 中位数 net loss ratio median\s+—\s+—/);
    assert.doesNotMatch(formatSummary(s, r), /0\.0%–0\.0%/);
    assert.equal(s.deficitAnyTime, 1, 'the claims are a deficit of the scheme money');
    assert.equal(price(runs[0], info, { lossRatio: 0.9 }).rate > 0, true);
  });

  it("'never' changes no contract: the art. 21 rule raises no rate", async () => {
    const { runs, info } = await runVariants(['dazhou-2023'], { ...SMALL, workers: 1 });
    const low = 0.0008; // a rate well below the claims: the loss ratio passes 90%
    const needed = resultAt(runs[0], info, low);
    const never = resultAt(runs[0], info, low, { contractChange: 'never' });
    assert.ok(needed.outcomes.some((o) => o.some((y) => y.nextRate > y.rate)));
    assert.ok(never.outcomes.every((o) => o.every((y) => y.nextRate === low)));
  });
});

describe('price', () => {
  it('recovers a rate set up to be the answer (target loss ratio)', async () => {
    const { runs, info } = await runVariants(['dazhou-2023'], { ...SMALL, workers: 1 });
    const run = runs[0];
    const setUp = 0.0041;
    const outcomes = applyContract(run, setUp);
    const target = expectedLossRatio(outcomes)!;
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
    // the ledger holds a rate to 8 decimals
    assert.ok(at(Math.round(p.rate * 0.99 * 1e8) / 1e8) > 0.1);
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
      for (const d of [
        y.claims,
        y.lossRatio!,
        y.schemeMoney,
        y.insurerResult,
        y.poolNetCost,
        y.poolBalance,
        y.oopMean,
        y.aboveAlert,
      ]) {
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
    assert.deepEqual(c.benefitCuts, []);
    assert.equal(c.flagged, false);
  });

  it('flags a raised deductible within a cooperation period (art. 14) and names it', async () => {
    const { runs, info } = await runVariants(
      [
        'dazhou-2023',
        {
          scheme: 'dazhou-2023',
          overrides: { 'layers.large_expense.components.0.bands.0.from': 5000 },
        },
      ],
      { ...SMALL, workers: 1 },
    );
    const c = compareRuns(runs[0], runs[1], info);
    assert.equal(c.flagged, true);
    assert.deepEqual(c.benefitCuts, [
      {
        parameter: 'layers.large_expense.components.0.bands.0.from',
        kind: 'deductible raised',
        baseline: 4000,
        variant: 5000,
      },
    ]);
    assert.equal(c.benefitCutRule?.source, 'art. 14');
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
    assert.ok(smallest.lossRatio!.sd > p.city.lossRatio!.sd);
    assert.ok(p.anyCountyDeficit >= p.city.deficitProbability);
  });

  it('each county starts from its premium share of the opening balance, the city from all of it', async () => {
    const { runs, info } = await runVariants(
      [{ scheme: 'jiaozuo-2022', overrides: { 'fund.opening_balance': 1_000_000 } }],
      { persons: 6000, scenarios: 4, years: 2, seed: 3, workers: 1 },
    );
    const p = pooling(runs[0], info);
    assert.equal(p.city.openingBalance, 1_000_000);
    const sum = p.counties.reduce((t, c) => t + c.openingBalance, 0);
    assert.ok(Math.abs(sum - 1_000_000) < 0.01 * p.counties.length, `Σ counties ${sum}`);
    // at 120 yuan a head the premium share is the head share of year 1
    const a = runs[0].agg.map((ys) => ys[0]);
    const expected =
      a.reduce((t, y) => t + Math.round((100_000_000 * y.byCounty[0].persons) / y.persons), 0) /
      a.length /
      100;
    assert.ok(Math.abs(p.counties[0].openingBalance - expected) < 1e-6);
    // without contract rules the pool's balance stays where it started: never below 0
    assert.equal(p.city.poolDeficitProbability, 0);
  });

  it('refuses to split an opening balance without a rule for it', async () => {
    const { runs, info } = await runVariants(
      [{ scheme: 'guiyang-2023', overrides: { 'fund.opening_balance': 1000 } }],
      { persons: 3000, scenarios: 2, years: 1, seed: 3, workers: 1 },
    );
    assert.throws(
      () => pooling(runs[0], info),
      (e: unknown) => e instanceof YibaoError && /fund\.county_opening_balance/.test(e.message),
    );
  });
});
