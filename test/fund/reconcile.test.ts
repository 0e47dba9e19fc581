import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CountyYear, reconcile, reconcileRulesOf } from '../../src/fund/reconcile';
import { shareOfFen } from '../../src/model/round';
import { createStream } from '../../src/random/stream';
import { loadScheme } from '../../src/scheme/load';

const rules = reconcileRulesOf(loadScheme('jiaozuo-2022'));

describe('fund/reconcile: Jiaozuo’s county pools at the merger (焦医保〔2022〕62号 part 4(2))', () => {
  test('reads its rules from the scheme: 3% of each year’s premium, as of 2022-06-30', () => {
    assert.deepEqual(rules, { asOf: '2022-06-30', operatingCostCeiling: 0.03 });
    assert.throws(
      () => reconcileRulesOf(loadScheme('dazhou-2023')),
      /dazhou-2023 has no reconciliation block/,
    );
    assert.throws(
      () =>
        loadScheme('jiaozuo-2022', { overrides: { 'reconciliation.as_of.date': '2022-06-31' } }),
      /jiaozuo-2022\.yaml:\d+: field 'reconciliation\.as_of\.date': '2022-06-31' is not a date/,
    );
  });

  test('a county in deficit, in fen (case 2 of test/fixtures/reconcile-cases.yaml): a policy overspend, and the insurer’s share apart', () => {
    const b = (
      year: number,
      premium: number,
      compliant: number,
      non: number,
      cost: number,
      due: number,
    ): CountyYear => ({
      county: 'B',
      year,
      premium,
      compliantClaims: compliant,
      nonCompliantClaims: non,
      operatingCost: cost,
      employerArrears: 0,
      compliantDueUnpaid: due,
    });
    const { counties } = reconcile(rules, [
      b(2021, 50_000_000, 48_000_000, 1_500_000, 2_000_000, 0),
      b(2022, 26_000_000, 27_000_000, 250_050, 700_000, 800_000),
    ]);
    const [r] = counties;
    assert.equal(r.admittedCost, 2_200_000);
    assert.equal(r.balance, -2_000_000);
    assert.equal(r.policyOverspend, 2_000_000);
    assert.equal(r.toCity, 0);
    assert.equal(r.insurerBears, 2_250_050);
  });

  test('every fen is accounted for on 2,000 random histories', () => {
    const s = createStream(11, 'reconcile-test');
    const fen = (max: number) => Math.floor(s.next() * max);
    for (let run = 0; run < 2000; run++) {
      const history: CountyYear[] = [];
      const counties = 1 + fen(5);
      for (let c = 0; c < counties; c++)
        for (let year = 2015 + fen(3); year <= 2022; year++) {
          const premium = fen(1e9);
          history.push({
            county: `c${c}`,
            year,
            premium,
            compliantClaims: fen(premium * 1.3),
            nonCompliantClaims: s.next() < 0.3 ? fen(premium * 0.05) : 0,
            operatingCost: fen(premium * 0.06),
            employerArrears: s.next() < 0.3 ? fen(1e6) : 0,
            compliantDueUnpaid: s.next() < 0.3 ? fen(1e7) : 0,
          });
        }
      const { counties: rows, total } = reconcile(rules, history);
      for (const r of [...rows, total]) {
        // premium = compliant claims + admitted cost + due unpaid + balance
        assert.equal(
          r.premium,
          r.compliantClaims + r.admittedCost + r.compliantDueUnpaid + r.balance,
        );
        assert.equal(r.operatingCost, r.admittedCost + r.excessOperatingCost);
        assert.equal(r.insurerBears, r.nonCompliantClaims + r.excessOperatingCost);
        assert.equal(r.toCity - r.policyOverspend, r.balance);
        assert.ok(r.toCity >= 0 && r.policyOverspend >= 0);
      }
      for (const r of rows) assert.ok(r.toCity === 0 || r.policyOverspend === 0);
      const admitted = history.reduce(
        (t, y) => t + Math.min(y.operatingCost, shareOfFen(0.03, y.premium)),
        0,
      );
      assert.equal(total.admittedCost, admitted);
      assert.equal(total.years, history.length);
    }
  });
});
