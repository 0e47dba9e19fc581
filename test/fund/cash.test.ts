/**
 * Cash within the year, hand-worked month by month: premium instalments at the start of each
 * settlement period (the holdback kept by the pool until the assessment), claims by month,
 * the year's settlement paid by the end of `settled_by_month` of the next year.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { YibaoError } from '../../src/errors';
import { cashPositions } from '../../src/fund/cash';
import { runLedger } from '../../src/fund/ledger';
import { fundRulesOf } from '../../src/fund/rules';
import { loadScheme } from '../../src/scheme/load';

const fen = (yuan: number[]) => yuan.map((v) => Math.round(v * 100));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('fund/cash: the lowest month-end position of the scheme money and of the pool', () => {
  test('Ordos: quarterly instalments of 80%, the 20% after the assessment', () => {
    // 2,000 insured × 60 = 120,000.00; H = 24,000; instalments (P − H) / 4 = 24,000 in Jan,
    // Apr, Jul, Oct.
    // Year 1 claims 30,000, 10,000, then 5,000 a month (90,000). Scheme money by month end:
    //   −6,000, −16,000, −21,000 (low), −2,000, −7,000, −12,000, 7,000, 2,000, −3,000, 16,000,
    //   11,000, 6,000 (= G − H = 30,000 − 24,000: the holdback has not come).
    //   Ledger: G = 30,000, T = 26,400 > Q = 6,000: 20,400 carried into year 2.
    //   Pool: +6,000 of holdback a quarter: 6,000 (low, January) … 24,000.
    // Year 2 claims 10,000 a month, score 0.5: from K_in 20,400: 34,400, 24,400, 14,400, 28,400, …,
    //   Dec 20,400 + 96,000 − 120,000 = −3,600 (low).
    //   Pool: Jan 30,000, Apr 36,000, Jun: year 1 settled, the holdback released in full:
    //   −24,000 → 12,000 (low); Jul 18,000, Oct 24,000.
    const rules = fundRulesOf(loadScheme('ordos-2018'));
    const months = [
      fen([30_000, 10_000, ...new Array(10).fill(5_000)]),
      fen(new Array(12).fill(10_000)),
    ];
    const ledger = runLedger(rules, 60, [
      { fundingBase: 2000, claims: sum(months[0]), assessmentScore: 1 },
      { fundingBase: 2000, claims: sum(months[1]), assessmentScore: 0.5 },
    ]);
    assert.equal(ledger[0].carryOver, 2_040_000);
    assert.deepEqual(cashPositions(rules, ledger, months), [
      { schemeCashLow: -2_100_000, poolCashLow: 600_000 },
      { schemeCashLow: -360_000, poolCashLow: 1_200_000 },
    ]);
  });

  test('Guiyang: a pool deficit at the end of year 1, its cash short only in June of year 2', () => {
    // 8% of 53,500,000 = 4,280,000.00, 1,070,000 a quarter; no holdback.
    // Year 1 claims 375,000 a month, a policy loss: G = −220,000, the pool pays 110,000,
    //   so its balance is −110,000 at year end (a deficit) — but pays it only by June 30 of
    //   year 2: its cash is 0 all year 1. Scheme money: 695,000, 320,000, −55,000, 640,000, …,
    //   Dec −220,000 (low).
    // Year 2 claims 325,000 a month: G = 380,000, 166,000 returned. Scheme money low: March,
    //   1,070,000 − 975,000 = 95,000. Pool: −110,000 from June (low).
    const rules = fundRulesOf(loadScheme('guiyang-2023'));
    const months = [fen(new Array(12).fill(375_000)), fen(new Array(12).fill(325_000))];
    const ledger = runLedger(rules, 0.08, [
      { fundingBase: 53_500_000, claims: sum(months[0]), lossCause: 'policy' },
      { fundingBase: 53_500_000, claims: sum(months[1]) },
    ]);
    assert.deepEqual(
      ledger.map((y) => y.poolBalance),
      [-11_000_000, 5_600_000],
    );
    assert.deepEqual(cashPositions(rules, ledger, months), [
      { schemeCashLow: -22_000_000, poolCashLow: 0 },
      { schemeCashLow: 9_500_000, poolCashLow: -11_000_000 },
    ]);
  });

  test('Dazhou: twelve instalments; the refund reaches the pool in June of the next year', () => {
    // 0.32% × 375,000,000 = 1,200,000.00: 100,000 a month. Claims 150,000, 150,000, then
    // 30,000 a month (600,000): L = 0.5, refund 1,080,000 − 600,000 = 480,000.
    // Scheme money: −50,000, −100,000 (low), −30,000, 40,000, …; pool opening 10,000: flat
    // in year 1 (low 10,000), in year 2 10,000 until June, then 490,000.
    const rules = fundRulesOf(loadScheme('dazhou-2023'));
    const year = fen([150_000, 150_000, ...new Array(10).fill(30_000)]);
    const ledger = runLedger({ ...rules, openingBalance: 10_000 }, 0.0032, [
      { fundingBase: 375_000_000, claims: sum(year) },
      { fundingBase: 375_000_000, claims: sum(year) },
    ]);
    assert.equal(ledger[0].refund, 48_000_000);
    assert.deepEqual(cashPositions({ ...rules, openingBalance: 10_000 }, ledger, [year, year]), [
      { schemeCashLow: -10_000_000, poolCashLow: 1_000_000 },
      { schemeCashLow: -10_000_000, poolCashLow: 1_000_000 },
    ]);
  });

  test('refuses monthly claims that are not 12 values summing to the claims', () => {
    const rules = fundRulesOf(loadScheme('dazhou-2023'));
    const ledger = runLedger(rules, 0.0032, [{ fundingBase: 1e6, claims: 1200 }]);
    assert.throws(() => cashPositions(rules, ledger, [new Array(12).fill(99)]), YibaoError);
    assert.throws(() => cashPositions(rules, ledger, [new Array(11).fill(0)]), YibaoError);
  });
});
