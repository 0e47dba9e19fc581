/**
 * The ledger's invariants on random contracts and years (fast-check, fixed seed), and its
 * refusals. The hand-worked ledgers are in ledger-cases.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { YibaoError } from '../../src/errors';
import { settlementOf } from '../../src/fund/cash';
import { type LedgerYearInput, rateUnits, runLedger } from '../../src/fund/ledger';
import type { FundRules } from '../../src/fund/rules';

const SEED = 20261127;
const RUNS = 400;

/** A decimal with at most 8 decimals in [0, max]. */
const decimal8 = (max: number) => fc.integer({ min: 0, max: max * 1e8 }).map((n) => n / 1e8);
const share = decimal8(1);

const rulesArb: fc.Arbitrary<FundRules> = fc
  .record({
    contractYears: fc.integer({ min: 1, max: 4 }),
    settlementPeriods: fc.constantFrom(1, 2, 4, 12) as fc.Arbitrary<1 | 2 | 4 | 12>,
    adminShare: decimal8(0.1),
    openingBalance: fc.integer({ min: 0, max: 1e9 }).map((n) => n / 100),
    bid: fc.integer({ min: 0.5e8, max: 1e8 }).map((n) => n / 1e8),
    refund: fc.boolean(),
    holdback: fc.option(fc.record({ share, assessmentScore: share }), { nil: undefined }),
    profitCap: fc.option(
      fc.record({
        share,
        includesOperatingCost: fc.boolean(),
        excess: fc.constantFrom('carry_over', 'return_to_pool') as fc.Arbitrary<
          'carry_over' | 'return_to_pool'
        >,
        atPeriodEnd: fc.constantFrom('carry_over', 'return_to_pool') as fc.Arbitrary<
          'carry_over' | 'return_to_pool'
        >,
      }),
      { nil: undefined },
    ),
    lossSharing: fc.option(
      fc.record({
        poolShare: share,
        causes: fc.constantFrom('any', 'policy') as fc.Arbitrary<'any' | 'policy'>,
      }),
      { nil: undefined },
    ),
    rateAdjustment: fc.option(
      fc.record({
        threshold: fc.integer({ min: 0.5e8, max: 1e8 }).map((n) => n / 1e8),
        maxAnnual: decimal8(1),
        maxCumulative: decimal8(2),
      }),
      { nil: undefined },
    ),
  })
  .map(({ bid, refund, ...r }) => ({
    ...r,
    settledByMonth: 6,
    bidNetLossRatio: bid,
    refundBelowBid: refund,
    noBenefitCutsWithinPeriod: false,
  }));

/** A year; its claims are drawn as a loss ratio of a first-year premium (see caseArb). */
const yearArb = fc.record(
  {
    fundingBase: fc.integer({ min: 0, max: 1e10 }).map((n) => n / 100),
    lossRatio: decimal8(3),
    operatingCost: fc.integer({ min: 0, max: 1e10 }),
    assessmentScore: share,
    contractChange: fc.boolean(),
    lossCause: fc.constantFrom('policy', 'insurer') as fc.Arbitrary<'policy' | 'insurer'>,
  },
  { requiredKeys: ['fundingBase', 'lossRatio'] },
);

const caseArb = fc
  .record({
    rules: rulesArb,
    rate: decimal8(1000),
    years: fc.array(yearArb, { minLength: 1, maxLength: 8 }),
  })
  .map(({ rules, rate, years }) => ({
    rules,
    rate,
    years: years.map(
      ({ lossRatio, ...y }): LedgerYearInput => ({
        ...y,
        claims: Math.round(lossRatio * rate * y.fundingBase * 100),
      }),
    ),
  }));

describe('fund/ledger: invariants on random contracts and years', () => {
  test('every fen is accounted for: P + K_in = C + E + I + K_out + (F + X_ret + W − Z)', () => {
    fc.assert(
      fc.property(caseArb, ({ rules, rate, years }) => {
        for (const y of runLedger(rules, rate, years)) {
          const left = y.premium + y.carryIn;
          const right =
            y.claims + y.operatingCost + y.insurerResult + y.carryOver + settlementOf(y);
          if (left !== right) return false;
        }
        return true;
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('the pool: N = P − F − X_ret − W + Z, B_t = B_(t−1) + F + X_ret + W − Z', () => {
    fc.assert(
      fc.property(caseArb, ({ rules, rate, years }) => {
        let balance = Math.round(rules.openingBalance * 100);
        for (const y of runLedger(rules, rate, years)) {
          balance += settlementOf(y);
          assert.equal(y.poolBalance, balance);
          assert.equal(
            y.poolNetCost,
            y.premium - y.refund - y.returnedToPool - y.withheld + y.poolLossShare,
          );
          assert.equal(y.schemeMoney, y.premium + y.carryIn - y.claims);
          assert.equal(y.loss, Math.max(-y.schemeMoney, 0));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('money is whole fen, nothing negative but the results, shares within their bounds', () => {
    fc.assert(
      fc.property(caseArb, ({ rules, rate, years }) => {
        for (const y of runLedger(rules, rate, years)) {
          for (const k of [
            'premium',
            'operatingCost',
            'refund',
            'excess',
            'returnedToPool',
            'carryOver',
            'loss',
            'poolLossShare',
            'holdback',
            'withheld',
          ] as const) {
            assert.ok(Number.isSafeInteger(y[k]) && y[k] >= 0, `${k} = ${y[k]}`);
          }
          assert.ok(Number.isSafeInteger(y.insurerResult) && Number.isSafeInteger(y.poolBalance));
          assert.equal(y.excess, y.returnedToPool + y.carryOver);
          assert.ok(y.poolLossShare <= y.loss && y.withheld <= y.holdback);
          if (rules.profitCap === undefined) assert.equal(y.excess, 0);
          if (rules.lossSharing === undefined) assert.equal(y.poolLossShare, 0);
          if (rules.holdback === undefined) assert.equal(y.holdback, 0);
          if (!rules.refundBelowBid) assert.equal(y.refund, 0);
          assert.equal(y.lossRatio === null, y.premium === 0);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('periods and rates: r never falls; a new period after a re-tender or contract_years years', () => {
    fc.assert(
      fc.property(caseArb, ({ rules, rate, years }) => {
        const ledger = runLedger(rules, rate, years);
        assert.equal(ledger[0].rate, rateUnits(rate) / 1e8);
        assert.equal(ledger[0].carryIn, 0);
        for (const [i, y] of ledger.entries()) {
          assert.ok(y.nextRate >= y.rate, 'the rate never falls');
          if (!rules.rateAdjustment) assert.ok(y.nextRate === y.rate && !y.retender);
          if (!y.contractChanged) assert.equal(y.nextRate, y.rate);
          const next = ledger[i + 1];
          if (!next) continue;
          assert.equal(next.rate, y.nextRate);
          assert.equal(next.carryIn, y.carryOver);
          const ends = y.retender || y.yearOfPeriod === rules.contractYears;
          assert.equal(next.period, ends ? y.period + 1 : y.period);
          assert.equal(next.yearOfPeriod, ends ? 1 : y.yearOfPeriod + 1);
          // what would be carried over goes back to the pool when a period ends
          if (ends && rules.profitCap?.atPeriodEnd === 'return_to_pool')
            assert.equal(y.carryOver, 0);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('the holdback is a penalty on the insurer only: G, the cap and the loss do not move', () => {
    fc.assert(
      fc.property(caseArb, share, ({ rules, rate, years }, score) => {
        if (!rules.holdback) return;
        const released = runLedger(
          rules,
          rate,
          years.map((y) => ({ ...y, assessmentScore: 1 })),
        );
        const scored = runLedger(
          rules,
          rate,
          years.map((y) => ({ ...y, assessmentScore: score })),
        );
        for (const [i, a] of released.entries()) {
          const b = scored[i];
          for (const k of [
            'schemeMoney',
            'excess',
            'carryOver',
            'loss',
            'poolLossShare',
            'nextRate',
          ] as const)
            assert.equal(b[k], a[k], k);
          assert.equal(a.withheld, 0);
          assert.equal(b.insurerResult, a.insurerResult - b.withheld);
          assert.equal(
            b.poolBalance - a.poolBalance,
            scored.slice(0, i + 1).reduce((t, y) => t + y.withheld, 0),
          );
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('fund/ledger: rates and options', () => {
  const rules: FundRules = {
    contractYears: 3,
    settlementPeriods: 12,
    settledByMonth: 6,
    openingBalance: 12.34,
    adminShare: 0,
    bidNetLossRatio: 0.9,
    refundBelowBid: false,
    rateAdjustment: { threshold: 0.9, maxAnnual: 0.2, maxCumulative: 0.4 },
    noBenefitCutsWithinPeriod: false,
  };
  const hot = { fundingBase: 1e6, claims: 300_000_000 }; // P = 0.01 × 1e6 = 10,000.00; L = 300

  test('rates are rounded half-up to 8 decimals', () => {
    assert.equal(rateUnits(0.003215555), 321556);
    assert.equal(rateUnits(0.003215554999), 321555);
    assert.equal(rateUnits(60), 6_000_000_000);
    assert.equal(runLedger(rules, 0.000000015, [{ fundingBase: 0, claims: 0 }])[0].rate, 2e-8);
  });

  test("contract change 'never' keeps the rate whatever the loss ratio; a year's own value wins", () => {
    assert.equal(runLedger(rules, 0.01, [hot])[0].retender, true);
    const never = runLedger(rules, 0.01, [hot, { ...hot, contractChange: true }], {
      contractChange: 'never',
    });
    assert.deepEqual(
      never.map((y) => [y.contractChanged, y.nextRate, y.retender]),
      [
        [false, 0.01, false],
        [true, 3.33333333, true], // w = 0.01 × 300 / 0.9
      ],
    );
  });

  test('the opening balance is the pool balance before year 1 (or the option, in fen)', () => {
    assert.equal(runLedger(rules, 0.01, [hot])[0].poolBalance, 1234);
    assert.equal(runLedger(rules, 0.01, [hot], { openingBalance: -5 })[0].poolBalance, -5);
  });

  test('refuses what is not whole fen, a score outside [0, 1], a rule without its bid', () => {
    const bad: [string, () => unknown, RegExp][] = [
      [
        'claims in yuan',
        () => runLedger(rules, 0.01, [{ fundingBase: 1, claims: 1.5 }]),
        /claims must be whole fen/,
      ],
      [
        'negative claims',
        () => runLedger(rules, 0.01, [{ fundingBase: 1, claims: -1 }]),
        /claims must be whole fen/,
      ],
      [
        'negative base',
        () => runLedger(rules, 0.01, [{ fundingBase: -1, claims: 0 }]),
        /funding base/,
      ],
      ['negative rate', () => runLedger(rules, -0.01, [hot]), /rate must be a non-negative/],
      [
        'score above 1',
        () =>
          runLedger({ ...rules, holdback: { share: 0.2, assessmentScore: 1 } }, 0.01, [
            { ...hot, assessmentScore: 1.5 },
          ]),
        /assessment score must be in \[0, 1\]/,
      ],
      [
        'no bid',
        () => runLedger({ ...rules, bidNetLossRatio: undefined }, 0.01, [hot]),
        /bid_net_loss_ratio/,
      ],
      [
        'opening balance in tenths of a fen',
        () => runLedger({ ...rules, openingBalance: 0.001 }, 0.01, [hot]),
        /opening_balance/,
      ],
    ];
    for (const [what, f, message] of bad)
      assert.throws(f, (e: unknown) => e instanceof YibaoError && message.test(e.message), what);
  });
});
