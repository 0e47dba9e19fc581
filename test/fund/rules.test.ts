/**
 * The seed schemes' contract rules as read from their `fund` blocks, each with the article it
 * comes from (or `assumption`), and the schema's refusals of impossible values.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { YibaoError } from '../../src/errors';
import { fundingOf, fundRulesOf } from '../../src/fund/rules';
import { loadScheme } from '../../src/scheme/load';

const sourceOf = (id: string, path: string) => {
  let node: unknown = loadScheme(id).raw.fund;
  for (const k of path.split('.')) node = (node as Record<string, unknown>)[k];
  return (node as { source: string }).source;
};

describe('fund/rules: the seed schemes', () => {
  test('dazhou-2023: refund below the bid, art. 21 per cooperation period, art. 14', () => {
    assert.deepEqual(fundRulesOf(loadScheme('dazhou-2023')), {
      contractYears: 3,
      settlementPeriods: 12,
      settledByMonth: 6,
      openingBalance: 0,
      adminShare: 0.03,
      bidNetLossRatio: 0.9,
      refundBelowBid: true,
      holdback: undefined,
      profitCap: undefined,
      lossSharing: undefined,
      rateAdjustment: { threshold: 0.9, maxAnnual: 0.2, maxCumulative: 0.4 },
      noBenefitCutsWithinPeriod: true,
      countyOpeningBalance: undefined,
    });
    assert.equal(sourceOf('dazhou-2023', 'contract_years'), 'art. 14');
    assert.equal(sourceOf('dazhou-2023', 'settled_by_month'), 'art. 18');
    assert.equal(sourceOf('dazhou-2023', 'refund_below_bid'), 'art. 16(3)');
    assert.equal(sourceOf('dazhou-2023', 'rate_adjustment.max_cumulative'), 'art. 21');
    assert.equal(sourceOf('dazhou-2023', 'rate_adjustment.target'), 'assumption');
    assert.equal(sourceOf('dazhou-2023', 'bid_net_loss_ratio'), 'assumption');
  });

  test('guiyang-2023: the cap includes operating cost, the excess is returned, policy losses shared', () => {
    const r = fundRulesOf(loadScheme('guiyang-2023'));
    assert.deepEqual(r.profitCap, {
      share: 0.05,
      includesOperatingCost: true,
      excess: 'return_to_pool',
      atPeriodEnd: 'return_to_pool',
    });
    assert.deepEqual(r.lossSharing, { poolShare: 0.5, causes: 'policy' });
    assert.equal(sourceOf('guiyang-2023', 'profit_cap.includes_operating_cost'), 'part 7(2)2');
    assert.equal(sourceOf('guiyang-2023', 'loss_sharing.causes'), 'part 7(4)');
    assert.equal(sourceOf('guiyang-2023', 'profit_cap.excess'), 'part 7(4)');
    assert.equal(sourceOf('guiyang-2023', 'contract_years'), 'part 7(2)2');
    assert.equal(r.rateAdjustment, undefined);
    assert.equal(r.refundBelowBid, false);
  });

  test('ordos-2018: three years (part 4(2)), holdback 20%, cap after operating cost carried over', () => {
    const r = fundRulesOf(loadScheme('ordos-2018'));
    assert.equal(r.contractYears, 3);
    assert.equal(sourceOf('ordos-2018', 'contract_years'), 'part 4(2)');
    assert.deepEqual(r.holdback, { share: 0.2, assessmentScore: 1 });
    assert.equal(sourceOf('ordos-2018', 'holdback.share'), 'part 2(2)');
    assert.equal(sourceOf('ordos-2018', 'holdback.assessment_score'), 'assumption');
    assert.deepEqual(r.profitCap, {
      share: 0.05,
      includesOperatingCost: false,
      excess: 'carry_over',
      atPeriodEnd: 'return_to_pool',
    });
    assert.equal(sourceOf('ordos-2018', 'profit_cap.share'), 'part 2(2)');
    assert.equal(sourceOf('ordos-2018', 'profit_cap.at_period_end'), 'assumption');
    assert.deepEqual(r.lossSharing, { poolShare: 0.5, causes: 'any' });
    assert.equal(r.settlementPeriods, 4);
  });

  test('huangshan-2022 and jiaozuo-2022: only the operating cost; Jiaozuo splits the opening balance', () => {
    for (const id of ['huangshan-2022', 'jiaozuo-2022']) {
      const r = fundRulesOf(loadScheme(id));
      assert.equal(r.adminShare, 0.03);
      assert.ok(
        !r.refundBelowBid && !r.holdback && !r.profitCap && !r.lossSharing && !r.rateAdjustment,
      );
      assert.equal(sourceOf(id, 'contract_years'), 'assumption');
    }
    assert.equal(fundRulesOf(loadScheme('jiaozuo-2022')).countyOpeningBalance, 'premium_share');
    assert.equal(sourceOf('jiaozuo-2022', 'admin_share'), 'part 4(2)');
  });

  test('ordos-2018 funding pays the three supplementary lines, not large_medical', () => {
    const scheme = loadScheme('ordos-2018');
    const funding = fundingOf(scheme);
    assert.deepEqual(
      funding.pays.map((i) => scheme.layers[i].id),
      ['supplementary_line1', 'supplementary_line2', 'supplementary_line3'],
    );
    assert.equal(funding.kind, 'per_head');
    assert.equal(funding.rate, 60);
  });

  test('overrides reach every rule: a boolean, a choice, a number', () => {
    const r = fundRulesOf(
      loadScheme('guiyang-2023', {
        overrides: {
          'fund.profit_cap.includes_operating_cost': false,
          'fund.loss_sharing.causes': 'any',
          'fund.loss_sharing.pool_share': 0.3,
        },
      }),
    );
    assert.deepEqual(r.lossSharing, { poolShare: 0.3, causes: 'any' });
    assert.equal(r.profitCap?.includesOperatingCost, false);
  });
});

describe('fund/rules: the schema refuses impossible contracts', () => {
  const refused: [string, Record<string, number | string | boolean>, RegExp][] = [
    ['7 settlement periods', { 'fund.settlement_periods': 7 }, /settlement_periods/],
    ['half a settlement period', { 'fund.settlement_periods': 0.5 }, /settlement_periods/],
    ['0 contract years', { 'fund.contract_years': 0 }, /contract_years/],
    ['settlement in month 13', { 'fund.settled_by_month': 13 }, /settled_by_month/],
    ['an unknown loss cause', { 'fund.loss_sharing.causes': 'weather' }, /causes/],
    ['a share above 1', { 'fund.loss_sharing.pool_share': 1.5 }, /pool_share/],
  ];
  for (const [what, overrides, field] of refused)
    test(what, () => {
      assert.throws(
        () => loadScheme('ordos-2018', { overrides }),
        (e: unknown) => e instanceof YibaoError && field.test(e.message),
      );
    });
  test('a rate adjustment without a bid', () => {
    assert.throws(
      () => loadScheme('dazhou-2023', { overrides: { 'fund.bid_net_loss_ratio': 'none' } }),
      YibaoError,
    );
  });
});
