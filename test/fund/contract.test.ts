/**
 * The fund and contract rules of src/fund/contract.ts (SCHEMES.md §3–7) on hand-worked
 * multi-year cases. Every expected number is worked by hand in the comments, in fen
 * (1 yuan = 100 fen; round() = half up, as Math.round on the positive amounts used here).
 * Money fields are compared exactly; the loss ratio is compared exactly with the fraction
 * claims fen / premium fen; the rate, a product of floats, to 12 significant digits.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runContract, type YearInput, type YearOutcome } from '../../src/fund/contract';
import { type FundRules, fundingOf, fundRulesOf } from '../../src/fund/rules';
import { loadScheme } from '../../src/scheme/load';

/** The fields that are zero / false unless a rule fires. */
const QUIET = {
  withheld: 0,
  refund: 0,
  returnedToPool: 0,
  carryOver: 0,
  poolLossShare: 0,
  retender: false,
};

const precise = (rate: number) => Number(rate.toPrecision(12));

/** Runs the contract, with the rate rounded to 12 significant digits for comparison. */
function run(rules: FundRules, rate: number, years: YearInput[]): YearOutcome[] {
  return runContract(rules, rate, years).map((o) => ({ ...o, rate: precise(o.rate) }));
}

/** Dazhou 2023 (SCHEMES.md §3): bid 0.90, refund below the bid, admin 3%, art. 21 caps. */
const DAZHOU_LIKE: FundRules = {
  contractYears: 3,
  settlementPeriods: 12,
  openingBalance: 50_000,
  adminShare: 0.03,
  bidNetLossRatio: 0.9,
  refundBelowBid: true,
  rateAdjustment: { threshold: 0.9, maxAnnual: 0.2, maxCumulative: 0.4 },
};

describe('fund/contract', () => {
  test('1. Dazhou-like: refund below the bid, insurer result, balance from an opening', () => {
    // Year 1: base 123,456,789.37 yuan at 0.32%
    //   premium = round(0.0032 × 123,456,789.37 yuan = 395,061.725984) = 395,061.73
    //           = 39,506,173 fen
    //   admin   = round(0.03 × 39,506,173 = 1,185,185.19) = 1,185,185 fen = 11,851.85
    //   claims  = 300,000.17 = 30,000,017 fen; loss ratio 30,000,017 / 39,506,173 ≈ 0.7594 < 0.90
    //   refund  = round(0.90 × 39,506,173 = 35,555,555.7) − 30,000,017
    //           = 35,555,556 − 30,000,017 = 5,555,539 fen = 55,555.39
    //   margin  = 39,506,173 − 30,000,017 − 1,185,185 − 5,555,539 = 2,765,432 fen = 27,654.32
    //           (no holdback, no cap, no sharing: the insurer's result)
    //   pool cost = premium − refund = 39,506,173 − 5,555,539 = 33,950,634 fen = 339,506.34
    //   balance = 5,000,000 + 39,506,173 − 30,000,017 − 1,185,185 = 13,320,971 fen = 133,209.71
    //   cash: each month + (39,506,173 − 1,185,185 − 30,000,017) / 12 > 0, so the low is the
    //   opening balance 50,000.00
    //   LR < 0.90: no rate increase, year 2 stays at 0.32%.
    // Year 2: base 130,000,000 yuan
    //   premium = 0.0032 × 130,000,000 = 416,000.00 = 41,600,000 fen
    //   admin   = 0.03 × 41,600,000 = 1,248,000 fen = 12,480.00
    //   claims  = 410,000.55 = 41,000,055 fen; loss ratio ≈ 0.9856 ≥ 0.90: no refund
    //   margin  = 41,600,000 − 41,000,055 − 1,248,000 = −648,055 fen = −6,480.55
    //           (no loss sharing: the insurer bears it all)
    //   pool cost = premium = 416,000.00
    //   balance = 13,320,971 − 648,055 = 12,672,916 fen = 126,729.16
    //   cash: falls every month by 648,055 / 12, so the low is the closing 126,729.16
    const out = run(DAZHOU_LIKE, 0.0032, [
      { fundingBase: 123_456_789.37, claims: 300_000.17 },
      { fundingBase: 130_000_000, claims: 410_000.55 },
    ]);
    assert.deepEqual(out, [
      {
        ...QUIET,
        year: 1,
        rate: 0.0032,
        premium: 395_061.73,
        claims: 300_000.17,
        admin: 11_851.85,
        lossRatio: 30_000_017 / 39_506_173,
        paidToInsurer: 395_061.73,
        refund: 55_555.39,
        insurerResult: 27_654.32,
        poolCost: 339_506.34,
        balance: 133_209.71,
        cashLow: 50_000,
      },
      {
        ...QUIET,
        year: 2,
        rate: 0.0032,
        premium: 416_000,
        claims: 410_000.55,
        admin: 12_480,
        lossRatio: 41_000_055 / 41_600_000,
        paidToInsurer: 416_000,
        insurerResult: -6_480.55,
        poolCost: 416_000,
        balance: 126_729.16,
        cashLow: 126_729.16,
      },
    ]);
  });

  test('1b. loss ratio exactly at the bid: no refund, and no rate increase (wanted = 1)', () => {
    // premium 0.0032 × 31,250,000 = 100,000.00; claims 90,000.00: LR = 0.90, not below the bid,
    // so no refund; LR ≥ 0.90 but wanted = 0.90 / 0.90 = 1: no increase, no new tender.
    // Year 1 margin = 100,000 − 90,000 − 3,000 = 7,000.00; balance 0 + 7,000 = 7,000.00.
    // Year 2 at the same rate: premium 100,000.00, claims 80,000.00, LR 0.80:
    //   refund = 90,000 − 80,000 = 10,000.00; margin = 100,000 − 80,000 − 3,000 − 10,000
    //   = 7,000.00; pool cost 90,000.00; balance 7,000 + 17,000 = 24,000.00.
    const rules = { ...DAZHOU_LIKE, openingBalance: 0 };
    const out = run(rules, 0.0032, [
      { fundingBase: 31_250_000, claims: 90_000 },
      { fundingBase: 31_250_000, claims: 80_000 },
    ]);
    assert.deepEqual(out, [
      {
        ...QUIET,
        year: 1,
        rate: 0.0032,
        premium: 100_000,
        claims: 90_000,
        admin: 3_000,
        lossRatio: 0.9,
        paidToInsurer: 100_000,
        insurerResult: 7_000,
        poolCost: 100_000,
        balance: 7_000,
        cashLow: 0,
      },
      {
        ...QUIET,
        year: 2,
        rate: 0.0032,
        premium: 100_000,
        claims: 80_000,
        admin: 3_000,
        lossRatio: 0.8,
        paidToInsurer: 100_000,
        refund: 10_000,
        insurerResult: 7_000,
        poolCost: 90_000,
        balance: 24_000,
        cashLow: 7_000,
      },
    ]);
  });

  test('2. rate adjustment over 4 years: annual cap, then the cumulative cap binds', () => {
    // One cooperation period over the 4 years (contractYears 4), constant base 31,250,000, so
    // premium = rate × 31,250,000 and 0.32% gives 100,000.00.
    // Year 1: rate 0.32%, premium 100,000.00, claims 85,000.00, LR 0.85 < 0.90: no change.
    //   refund = 90,000 − 85,000 = 5,000.00; margin = 100,000 − 85,000 − 3,000 − 5,000
    //   = 7,000.00; pool cost 95,000.00; balance 0 + 100,000 − 85,000 − 3,000 = 12,000.00;
    //   cash rises all year: low = opening 0.
    // Year 2: rate 0.32%, premium 100,000.00, claims 108,000.00, LR 1.08 ≥ 0.90:
    //   wanted 1.08 / 0.90 = 1.2; allowed min(1.2, 1.4 / 1) = 1.2: factor 1.2, within the caps,
    //   no new tender. Year 3 rate 0.32% × 1.2 = 0.384%.
    //   margin = 100,000 − 108,000 − 3,000 = −11,000.00; balance 12,000 − 11,000 = 1,000.00
    //   (the low, at the year end).
    // Year 3: rate 0.384%, premium 120,000.00, admin 3,600.00, claims 135,000.00, LR 1.125:
    //   wanted 1.125 / 0.90 = 1.25 > 1.2 (annual), and the cumulative cap allows only
    //   1.4 / 1.2 = 1.1667: factor 1.1667, cumulative 1.2 × 1.1667 = 1.4, new tender flagged.
    //   Year 4 rate 0.32% × 1.4 = 0.448%.
    //   margin = 120,000 − 135,000 − 3,600 = −18,600.00; balance 1,000 − 18,600 = −17,600.00.
    // Year 4: rate 0.448%, premium 140,000.00, admin 4,200.00, claims 140,000.00, LR 1.0:
    //   wanted 1.1111, but the 40% are used up (allowed 1.4 / 1.4 = 1): no increase, new tender.
    //   margin = 140,000 − 140,000 − 4,200 = −4,200.00; balance −17,600 − 4,200 = −21,800.00.
    const rules = { ...DAZHOU_LIKE, contractYears: 4, openingBalance: 0 };
    const base = 31_250_000;
    const out = run(rules, 0.0032, [
      { fundingBase: base, claims: 85_000 },
      { fundingBase: base, claims: 108_000 },
      { fundingBase: base, claims: 135_000 },
      { fundingBase: base, claims: 140_000 },
    ]);
    assert.deepEqual(out, [
      {
        ...QUIET,
        year: 1,
        rate: 0.0032,
        premium: 100_000,
        claims: 85_000,
        admin: 3_000,
        lossRatio: 0.85,
        paidToInsurer: 100_000,
        refund: 5_000,
        insurerResult: 7_000,
        poolCost: 95_000,
        balance: 12_000,
        cashLow: 0,
      },
      {
        ...QUIET,
        year: 2,
        rate: 0.0032,
        premium: 100_000,
        claims: 108_000,
        admin: 3_000,
        lossRatio: 1.08,
        paidToInsurer: 100_000,
        insurerResult: -11_000,
        poolCost: 100_000,
        balance: 1_000,
        cashLow: 1_000,
      },
      {
        ...QUIET,
        year: 3,
        rate: 0.00384,
        premium: 120_000,
        claims: 135_000,
        admin: 3_600,
        lossRatio: 1.125,
        paidToInsurer: 120_000,
        insurerResult: -18_600,
        poolCost: 120_000,
        balance: -17_600,
        cashLow: -17_600,
        retender: true,
      },
      {
        ...QUIET,
        year: 4,
        rate: 0.00448,
        premium: 140_000,
        claims: 140_000,
        admin: 4_200,
        lossRatio: 1,
        paidToInsurer: 140_000,
        insurerResult: -4_200,
        poolCost: 140_000,
        balance: -21_800,
        cashLow: -21_800,
        retender: true,
      },
    ]);
  });

  test('2b. the annual cap alone: wanted beyond +20% is cut to +20% and flags a new tender', () => {
    // Year 1: premium 100,000.00, claims 117,000.00, LR 1.17: wanted 1.3 > 1.2 → factor 1.2,
    // new tender. Year 2 rate 0.384%, premium 120,000.00, claims 100,000.00, LR 0.8333 < 0.90:
    // refund = 108,000 − 100,000 = 8,000.00; no change for year 3 (rates are never lowered).
    // Year 3: rate still 0.384%.
    const rules = { ...DAZHOU_LIKE, openingBalance: 0 };
    const base = 31_250_000;
    const out = run(rules, 0.0032, [
      { fundingBase: base, claims: 117_000 },
      { fundingBase: base, claims: 100_000 },
      { fundingBase: base, claims: 100_000 },
    ]);
    assert.deepEqual(
      out.map((o) => [o.rate, o.premium, o.refund, o.retender]),
      [
        [0.0032, 100_000, 0, true],
        [0.00384, 120_000, 8_000, false],
        [0.00384, 120_000, 8_000, false],
      ],
    );
  });

  test('3. holdback with assessment 0.5, profit cap carried over, loss shared with the pool', () => {
    // Ordos-like (SCHEMES.md §5): 60 yuan a head, 12,345 persons.
    //   premium = 60 × 12,345 = 740,700.00 = 74,070,000 fen
    //   admin   = 0.03 × 74,070,000 = 2,222,100 fen = 22,221.00
    //   holdback = 0.20 × 74,070,000 = 14,814,000; released 0.5 × that = 7,407,000
    //   withheld = 7,407,000 fen = 74,070.00 (10% of the premium)
    //   paid    = 74,070,000 − 7,407,000 = 66,663,000 fen = 666,630.00
    //   cap     = 0.05 × 74,070,000 = 3,703,500 fen = 37,035.00
    //   pool cost without a loss = premium − withheld = 666,630.00
    // Year 1: claims 600,000.25 = 60,000,025 fen
    //   margin = 66,663,000 − 60,000,025 − 2,222,100 = 4,440,875 fen = 44,408.75 > cap
    //   kept 37,035.00; carried over 4,440,875 − 3,703,500 = 737,375 fen = 7,373.75
    //   balance = 74,070,000 − 60,000,025 − 2,222,100 = 11,847,875 fen = 118,478.75
    // Year 2: claims 620,000.00
    //   margin = 66,663,000 + 737,375 (carried in) − 62,000,000 − 2,222,100 = 3,178,275 fen
    //   = 31,782.75 ≤ cap: all kept, nothing carried
    //   balance = 11,847,875 + 74,070,000 − 62,000,000 − 2,222,100 = 21,695,775 = 216,957.75
    // Year 3: claims 700,000.51 = 70,000,051 fen
    //   margin = 66,663,000 − 70,000,051 − 2,222,100 = −5,559,151 fen = −55,591.51
    //   pool share = round(0.5 × 5,559,151 = 2,779,575.5) = 2,779,576 fen = 27,795.76
    //   insurer = −5,559,151 + 2,779,576 = −2,779,575 fen = −27,795.75
    //   pool cost = 66,663,000 + 2,779,576 = 69,442,576 fen = 694,425.76
    //   balance = 21,695,775 + 74,070,000 − 70,000,051 − 2,222,100 = 23,543,624 = 235,436.24
    // Cash (4 quarters): the net flow is positive every year, so the low is the opening.
    const rules: FundRules = {
      contractYears: 3,
      settlementPeriods: 4,
      openingBalance: 0,
      adminShare: 0.03,
      refundBelowBid: false,
      holdback: { share: 0.2, assessmentScore: 0.5 },
      profitCap: { share: 0.05, excess: 'carry_over' },
      lossSharing: { poolShare: 0.5 },
    };
    const out = run(rules, 60, [
      { fundingBase: 12_345, claims: 600_000.25 },
      { fundingBase: 12_345, claims: 620_000 },
      { fundingBase: 12_345, claims: 700_000.51 },
    ]);
    const year = { ...QUIET, rate: 60, premium: 740_700, admin: 22_221, withheld: 74_070 };
    assert.deepEqual(out, [
      {
        ...year,
        year: 1,
        claims: 600_000.25,
        lossRatio: 60_000_025 / 74_070_000,
        paidToInsurer: 666_630,
        carryOver: 7_373.75,
        insurerResult: 37_035,
        poolCost: 666_630,
        balance: 118_478.75,
        cashLow: 0,
      },
      {
        ...year,
        year: 2,
        claims: 620_000,
        lossRatio: 62_000_000 / 74_070_000,
        paidToInsurer: 666_630,
        insurerResult: 31_782.75,
        poolCost: 666_630,
        balance: 216_957.75,
        cashLow: 118_478.75,
      },
      {
        ...year,
        year: 3,
        claims: 700_000.51,
        lossRatio: 70_000_051 / 74_070_000,
        paidToInsurer: 666_630,
        poolLossShare: 27_795.76,
        insurerResult: -27_795.75,
        poolCost: 694_425.76,
        balance: 235_436.24,
        cashLow: 216_957.75,
      },
    ]);
  });

  test('4. profit cap with the excess returned to the pool; pool cost', () => {
    // Guiyang-like (SCHEMES.md §4): 8% of the resident pool, 1,020 yuan × 50,000 residents.
    //   premium = 0.08 × 51,000,000 = 4,080,000.00 = 408,000,000 fen
    //   admin   = 0.03 × 408,000,000 = 12,240,000 fen = 122,400.00
    //   cap     = 0.05 × 408,000,000 = 20,400,000 fen = 204,000.00
    // Year 1: claims 3,500,000.49 = 350,000,049 fen
    //   margin = 408,000,000 − 350,000,049 − 12,240,000 = 45,759,951 fen = 457,599.51
    //   returned = 45,759,951 − 20,400,000 = 25,359,951 fen = 253,599.51; insurer 204,000.00
    //   pool cost = 408,000,000 − 25,359,951 = 382,640,049 fen = 3,826,400.49
    //   balance 457,599.51; cash low = opening 0
    // Year 2: claims 3,900,000.00 (nothing carried in: the excess went back to the pool)
    //   margin = 408,000,000 − 390,000,000 − 12,240,000 = 5,760,000 fen = 57,600.00 ≤ cap
    //   pool cost 4,080,000.00; balance 457,599.51 + 57,600 = 515,199.51; low 457,599.51
    // Year 3: claims 4,100,000.01 = 410,000,001 fen
    //   margin = 408,000,000 − 410,000,001 − 12,240,000 = −14,240,001 fen
    //   pool share = round(7,120,000.5) = 7,120,001 fen = 71,200.01; insurer −71,200.00
    //   pool cost = 408,000,000 + 7,120,001 = 415,120,001 fen = 4,151,200.01
    //   balance = 51,519,951 − 14,240,001 = 37,279,950 fen = 372,799.50 (the year's low)
    const rules: FundRules = {
      contractYears: 3,
      settlementPeriods: 4,
      openingBalance: 0,
      adminShare: 0.03,
      refundBelowBid: false,
      profitCap: { share: 0.05, excess: 'return_to_pool' },
      lossSharing: { poolShare: 0.5 },
    };
    const base = 1_020 * 50_000;
    const out = run(rules, 0.08, [
      { fundingBase: base, claims: 3_500_000.49 },
      { fundingBase: base, claims: 3_900_000 },
      { fundingBase: base, claims: 4_100_000.01 },
    ]);
    const year = { ...QUIET, rate: 0.08, premium: 4_080_000, admin: 122_400 };
    assert.deepEqual(out, [
      {
        ...year,
        year: 1,
        claims: 3_500_000.49,
        lossRatio: 350_000_049 / 408_000_000,
        paidToInsurer: 4_080_000,
        returnedToPool: 253_599.51,
        insurerResult: 204_000,
        poolCost: 3_826_400.49,
        balance: 457_599.51,
        cashLow: 0,
      },
      {
        ...year,
        year: 2,
        claims: 3_900_000,
        lossRatio: 390_000_000 / 408_000_000,
        paidToInsurer: 4_080_000,
        insurerResult: 57_600,
        poolCost: 4_080_000,
        balance: 515_199.51,
        cashLow: 457_599.51,
      },
      {
        ...year,
        year: 3,
        claims: 4_100_000.01,
        lossRatio: 410_000_001 / 408_000_000,
        paidToInsurer: 4_080_000,
        poolLossShare: 71_200.01,
        insurerResult: -71_200,
        poolCost: 4_151_200.01,
        balance: 372_799.5,
        cashLow: 372_799.5,
      },
    ]);
  });

  describe('5. cash position within the year', () => {
    // 120 yuan a head, 1,000 persons: premium 120,000.00 = 12,000,000 fen; admin 3,600.00;
    // premium less admin 11,640,000 fen a year: 970,000 a month, 2,910,000 a quarter.
    // Opening balance 10,000.00 = 1,000,000 fen.
    // Year 1, claims concentrated early (sum 100,000.35 = 10,000,035 fen):
    const year1 = [30_000.35, 25_000, 20_000, 10_000, 5_000, 2_000, 2_000, 2_000, 1_000, 1_000];
    year1.push(1_000, 1_000);
    // Year 2, milder (sum 90,000.00):
    const year2 = [15_000, 12_000, 10_000, 8_000, 7_000, 6_000, 6_000, 6_000, 6_000, 5_000];
    year2.push(5_000, 4_000);
    const years: YearInput[] = [
      { fundingBase: 1_000, claims: 100_000.35, monthlyClaims: year1 },
      { fundingBase: 1_000, claims: 90_000, monthlyClaims: year2 },
    ];
    const rulesOf = (settlementPeriods: number): FundRules => ({
      contractYears: 2,
      settlementPeriods,
      openingBalance: 10_000,
      adminShare: 0.03,
      refundBelowBid: false,
    });
    // Both years whatever the periods:
    //   year 1 margin = 12,000,000 − 10,000,035 − 360,000 = 1,639,965 fen = 16,399.65
    //   balance 1 = 1,000,000 + 1,639,965 = 2,639,965 fen = 26,399.65
    //   year 2 margin = 12,000,000 − 9,000,000 − 360,000 = 2,640,000 fen = 26,400.00
    //   balance 2 = 2,639,965 + 2,640,000 = 5,279,965 fen = 52,799.65
    const expected = (low1: number, low2: number): YearOutcome[] => {
      const year = { ...QUIET, rate: 120, premium: 120_000, admin: 3_600, poolCost: 120_000 };
      return [
        {
          ...year,
          year: 1,
          claims: 100_000.35,
          lossRatio: 10_000_035 / 12_000_000,
          paidToInsurer: 120_000,
          insurerResult: 16_399.65,
          balance: 26_399.65,
          cashLow: low1,
        },
        {
          ...year,
          year: 2,
          claims: 90_000,
          lossRatio: 0.75,
          paidToInsurer: 120_000,
          insurerResult: 26_400,
          balance: 52_799.65,
          cashLow: low2,
        },
      ];
    };

    test('monthly settlement: the account goes negative in spring', () => {
      // Year 1, month by month from 1,000,000 fen (+970,000 − claims):
      //   Jan 1,000,000 + 970,000 − 3,000,035 = −1,030,035
      //   Feb −1,030,035 + 970,000 − 2,500,000 = −2,560,035
      //   Mar −2,560,035 + 970,000 − 2,000,000 = −3,590,035
      //   Apr −3,590,035 + 970,000 − 1,000,000 = −3,620,035  ← low, −36,200.35
      //   May onward +470,000, +770,000 ×3, +870,000 ×4: rising
      // Year 2 from 2,639,965: Jan −530,000 → 2,109,965; Feb −230,000 → 1,879,965;
      //   Mar −30,000 → 1,849,965 ← low, 18,499.65 (below the opening 26,399.65);
      //   Apr onward +170,000, +270,000, ...: rising
      assert.deepEqual(run(rulesOf(12), 120, years), expected(-36_200.35, 18_499.65));
    });

    test('quarterly settlement: the April dip is netted within the second quarter', () => {
      // Year 1 from 1,000,000 fen (+2,910,000 − the quarter's claims):
      //   Q1 claims 3,000,035 + 2,500,000 + 2,000,000 = 7,500,035 → −3,590,035 ← low, −35,900.35
      //   Q2 claims 1,000,000 + 500,000 + 200,000 = 1,700,000 → −2,380,035; Q3, Q4 rising
      // Year 2 from 2,639,965:
      //   Q1 claims 3,700,000 → 1,849,965 ← low, 18,499.65; Q2 claims 2,100,000 → rising
      assert.deepEqual(run(rulesOf(4), 120, years), expected(-35_900.35, 18_499.65));
    });

    test('without monthly claims the claims are spread evenly: no dip', () => {
      // Year 1: each month + (11,640,000 − 10,000,035) / 12 > 0: low = opening 10,000.00
      // Year 2: each month + (11,640,000 − 9,000,000) / 12 > 0: low = opening 26,399.65
      const even = years.map(({ fundingBase, claims }) => ({ fundingBase, claims }));
      assert.deepEqual(run(rulesOf(12), 120, even), expected(10_000, 26_399.65));
    });
  });

  describe('6. the shipped schemes', () => {
    test('dazhou-2023: refund below the bid and the art. 21 rate adjustment', () => {
      assert.deepEqual(fundRulesOf(loadScheme('dazhou-2023')), {
        contractYears: 3,
        settlementPeriods: 12,
        openingBalance: 0,
        adminShare: 0.03,
        bidNetLossRatio: 0.9,
        refundBelowBid: true,
        holdback: undefined,
        profitCap: undefined,
        lossSharing: undefined,
        rateAdjustment: { threshold: 0.9, maxAnnual: 0.2, maxCumulative: 0.4 },
      });
    });

    test('ordos-2018: holdback 20%, profit cap 5% carried over, loss sharing', () => {
      const rules = fundRulesOf(loadScheme('ordos-2018'));
      assert.deepEqual(rules.holdback, { share: 0.2, assessmentScore: 1 });
      assert.deepEqual(rules.profitCap, { share: 0.05, excess: 'carry_over' });
      assert.deepEqual(rules.lossSharing, { poolShare: 0.5 });
      assert.equal(rules.settlementPeriods, 4);
      assert.equal(rules.refundBelowBid, false);
      assert.equal(rules.rateAdjustment, undefined);
    });

    test('jiaozuo-2022: admin fees of 3%', () => {
      const rules = fundRulesOf(loadScheme('jiaozuo-2022'));
      assert.equal(rules.adminShare, 0.03);
      assert.equal(rules.settlementPeriods, 12);
      assert.equal(rules.refundBelowBid, false);
    });

    test('ordos-2018 funding pays the three supplementary lines, not large_medical', () => {
      const scheme = loadScheme('ordos-2018');
      const funding = fundingOf(scheme);
      const ids = scheme.layers.map((l) => l.id);
      const expected = ['supplementary_line1', 'supplementary_line2', 'supplementary_line3'];
      assert.deepEqual(funding.pays, [1, 2, 3]);
      assert.deepEqual(
        funding.pays.map((i) => ids[i]),
        expected,
      );
      assert.ok(!funding.pays.includes(ids.indexOf('large_medical')));
      assert.equal(funding.kind, 'per_head');
      assert.equal(funding.rate, 60);
    });
  });
});
