import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellText } from '../../src/format/table';
import { type ReviewFigures, shareEstimate } from '../../src/report/review';
import { glanceTable, reviewSentences, type Sentence } from '../../src/report/sentences';
import type { PriceResult } from '../../src/simulate/price';

const priced = (rate: number, se: number, low: number, high: number): PriceResult => ({
  target: { lossRatio: 0.9 },
  rate,
  standardError: se,
  low,
  high,
  currentRate: 0.0032,
  atCurrentRate: 0.377,
});

/** Figures as review.ts gives them for Dazhou at 0.32% of payroll, 100 scenarios. */
function figures(over: Partial<ReviewFigures> = {}): ReviewFigures {
  return {
    scheme: { id: 'dazhou-2023', title: { zh: '达州', en: 'Dazhou' } },
    kind: 'payroll_rate',
    rate: 0.0032,
    scenarios: 100,
    years: 3,
    deficit: shareEstimate(2, 100),
    tolerance: 0.05,
    adequate: true,
    lossTarget: { value: 0.9, basis: 'bid' },
    lossRatio: 0.377,
    rateForLossTarget: priced(0.00122, 0.00003, 0.00118, 0.00127),
    rateForTolerance: {
      ...priced(0.0015, 0.00007, 0.00142, 0.00161),
      target: { deficitProbability: 0.05 },
    },
    premium: 14_178_300,
    returnedToPool: 7_750_800,
    returned: { refund: 7_750_800, excess: 0, holdback: 0 },
    poolLossShare: 0,
    insurer: { mean: 992_500, standardError: 5_000, lossProbability: 0.01 },
    ...over,
  };
}

const byKey = (s: Sentence[]) => Object.fromEntries(s.map((x) => [x.key, x]));

describe('the first page’s sentences', () => {
  it('states each figure as the tables format it, in both languages', () => {
    const s = byKey(reviewSentences(figures()));
    assert.deepEqual(Object.keys(s), [
      'verdict',
      'error',
      'rate_for_loss_target',
      'rate_for_tolerance',
      'back_to_pool',
      'insurer',
    ]);
    assert.match(s.verdict.zh, /0\.320% 占缴费基数.*3年内.*2\.0%.*不高于可接受的 5\.0%：费率充足/);
    assert.match(
      s.verdict.en,
      /At 0\.320% of payroll.*3 years is 2\.0%, within the tolerance of 5\.0%: the rate is adequate/,
    );
    // binomial error √(0.02 × 0.98 / 100) = 1.4%; Wilson's interval 0.55%–7.0%
    assert.match(s.error.en, /standard error is 1\.4%, 95% interval 0\.6%–7\.0% \(100 scenarios\)/);
    assert.match(s.error.zh, /标准误为 1\.4%，95% 区间 0\.6%–7\.0%（100 个情景）/);
    assert.match(
      s.rate_for_loss_target.en,
      /bid net loss ratio of 90\.0% is 0\.122% of payroll \(standard error 0\.003%, 90% interval 0\.118%–0\.127%\); at the current rate the expected loss ratio is 37\.7%/,
    );
    assert.match(
      s.rate_for_loss_target.zh,
      /中标净赔付率 90\.0%的费率为 0\.122% 占缴费基数（标准误 0\.003%，90% 区间 0\.118%–0\.127%）/,
    );
    assert.match(
      s.rate_for_tolerance.en,
      /within 5\.0% is 0\.150% of payroll \(standard error 0\.007%, 90% interval 0\.142%–0\.161%\)/,
    );
    assert.match(
      s.back_to_pool.en,
      /775\.08 万元 comes back to the pool over the 3 years on average \(refunds below the bid 775\.08 万元\), 54\.7% of the premium of 1,417\.83 万元/,
    );
    assert.match(
      s.back_to_pool.zh,
      /平均有 775\.08 万元 回到基金（低于中标赔付率的返还 775\.08 万元），占保费 1,417\.83 万元 的 54\.7%/,
    );
    assert.match(
      s.insurer.en,
      /expected result over the 3 years is 99\.25 万元 \(standard error 0\.50 万元\), with a probability of loss of 1\.0%/,
    );
    assert.match(s.insurer.zh, /99\.25 万元（标准误 0\.50 万元），亏损概率 1\.0%/);
  });

  it('changes a sentence when its figure changes, and no other', () => {
    const base = byKey(reviewSentences(figures()));
    const changes: [Partial<ReviewFigures>, string][] = [
      [{ rate: 0.0035 }, 'verdict'],
      [{ scenarios: 400 }, 'error'],
      [{ rateForLossTarget: priced(0.00131, 0.00003, 0.00118, 0.00127) }, 'rate_for_loss_target'],
      [{ lossTarget: { value: 0.85, basis: 'bid' } }, 'rate_for_loss_target'],
      [{ lossRatio: 0.41 }, 'rate_for_loss_target'],
      [{ rateForTolerance: priced(0.0016, 0.00007, 0.00142, 0.00161) }, 'rate_for_tolerance'],
      [{ returnedToPool: 6_000_000 }, 'back_to_pool'],
      [
        {
          returnedToPool: 9_750_800,
          returned: { refund: 7_750_800, excess: 1_500_000, holdback: 500_000 },
        },
        'back_to_pool',
      ],
      [{ premium: 15_000_000 }, 'back_to_pool'],
      [{ insurer: { mean: 500_000, standardError: 5_000, lossProbability: 0.01 } }, 'insurer'],
      [{ insurer: { mean: 992_500, standardError: 5_000, lossProbability: 0.2 } }, 'insurer'],
    ];
    for (const [over, key] of changes) {
      const now = byKey(reviewSentences(figures(over)));
      for (const k of Object.keys(base)) {
        const changed = now[k].zh !== base[k].zh || now[k].en !== base[k].en;
        assert.equal(changed, k === key, `${JSON.stringify(over)}: sentence ${k}`);
        if (k === key) assert.notEqual(now[k].zh, base[k].zh, `${k}: the Chinese too`);
      }
    }
    // the rate's unit is the scheme's
    const perHead = byKey(reviewSentences(figures({ kind: 'per_head', rate: 60 })));
    assert.match(perHead.verdict.zh, /60\.00 元\/人\/年/);
    assert.match(perHead.verdict.en, /At 60\.00 元\/人 a year/);
  });

  it('flips the verdict at the tolerance', () => {
    const at = (hits: number, tolerance: number) => {
      const deficit = shareEstimate(hits, 100);
      return byKey(
        reviewSentences(figures({ deficit, tolerance, adequate: deficit.value <= tolerance })),
      ).verdict;
    };
    assert.match(at(5, 0.05).en, /within the tolerance of 5\.0%: the rate is adequate/);
    assert.match(at(5, 0.05).zh, /费率充足/);
    assert.match(at(6, 0.05).en, /above the tolerance of 5\.0%: the rate is not adequate/);
    assert.match(at(6, 0.05).zh, /高于可接受的 5\.0%：费率不足/);
    assert.match(at(6, 0.06).en, /within the tolerance of 6\.0%/);
    // without a tolerance in the scheme file, figures but no verdict
    const none = byKey(
      reviewSentences(figures({ tolerance: null, adequate: null, rateForTolerance: null })),
    );
    assert.match(none.verdict.en, /sets no tolerance \(review\.deficit_tolerance\), so no verdict/);
    assert.equal(none.rate_for_tolerance, undefined);
  });

  it('says when the interval straddles the tolerance, and when nothing comes back', () => {
    const close = byKey(reviewSentences(figures({ deficit: shareEstimate(4, 100) })));
    assert.match(close.error.en, /straddles the tolerance/);
    const clear = byKey(reviewSentences(figures({ deficit: shareEstimate(30, 100) })));
    assert.doesNotMatch(clear.error.en, /straddles/);
    const nothing = byKey(
      reviewSentences(
        figures({ returnedToPool: 0, returned: { refund: 0, excess: 0, holdback: 0 } }),
      ),
    );
    assert.match(nothing.back_to_pool.en, /nothing comes back to the pool over the 3 years/);
    const parts = byKey(
      reviewSentences(
        figures({
          returnedToPool: 2_000_000,
          returned: { refund: 0, excess: 1_500_000, holdback: 500_000 },
        }),
      ),
    );
    assert.match(
      parts.back_to_pool.en,
      /\(excess above the profit cap 150\.00 万元, holdback kept 50\.00 万元\)/,
    );
    assert.match(
      parts.back_to_pool.zh,
      /（超过盈利率的结余返还 150\.00 万元、扣留的保证金 50\.00 万元）/,
    );
    const perHeadInterval = byKey(
      reviewSentences(
        figures({ kind: 'per_head', rateForTolerance: priced(65.31, 2.04, 60.21, 65.47) }),
      ),
    );
    assert.match(
      perHeadInterval.rate_for_tolerance.en,
      /65\.31 元\/人 a year \(standard error 2\.04 元\/人, 90% interval 60\.21–65\.47 元\/人\)/,
    );
    const shared = byKey(reviewSentences(figures({ poolLossShare: 12_500 })));
    assert.match(shared.back_to_pool.en, /the pool bears 1\.25 万元 of the insurer's losses/);
    const breakEven = byKey(
      reviewSentences(figures({ lossTarget: { value: 0.97, basis: 'break_even' } })),
    );
    assert.match(
      breakEven.rate_for_loss_target.en,
      /break-even loss ratio of 97\.0% \(1 − the operating-cost share of 3\.0%; the contract names no bid\)/,
    );
  });
});

describe('the candidates at a glance', () => {
  it('gives each candidate a row of the same figures, the verdict in a word', () => {
    const ordos = figures({
      scheme: { id: 'ordos-2018', title: { zh: '鄂尔多斯', en: 'Ordos' } },
      kind: 'per_head',
      rate: 60,
      deficit: shareEstimate(25, 100),
      adequate: false,
      rateForLossTarget: priced(53.12, 1, 51.49, 54.81),
      rateForTolerance: priced(65.31, 2.04, 60.21, 65.47),
    });
    const { columns, rows } = glanceTable([figures(), ordos]);
    const text = rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, cellText(c, r)])));
    assert.deepEqual(text[0], {
      name: '达州 dazhou-2023',
      rate: '0.320%',
      deficit: '2.0%',
      verdict: '充足 adequate',
      for_loss: '0.122%',
      for_tolerance: '0.150%',
      insurer: '99.25',
    });
    assert.deepEqual(
      [text[1].rate, text[1].deficit, text[1].verdict, text[1].for_loss, text[1].for_tolerance],
      ['60.00 元/人', '25.0%', '不足 not adequate', '53.12 元/人', '65.31 元/人'],
    );
  });
});

describe('a share of the scenarios with its error', () => {
  it('gives the binomial error and a Wilson interval that is not empty at 0', () => {
    const zero = shareEstimate(0, 20);
    assert.equal(zero.value, 0);
    assert.equal(zero.standardError, 0);
    assert.equal(zero.low, 0);
    // Wilson's upper bound at 0 of n: z² / (n + z²) = 3.8415 / 23.8415
    assert.ok(Math.abs(zero.high - 3.8415 / 23.8415) < 1e-4, String(zero.high));
    const half = shareEstimate(50, 100);
    assert.ok(Math.abs(half.standardError - 0.05) < 1e-12);
    assert.ok(half.low < 0.5 && half.high > 0.5);
    assert.ok(Math.abs(half.low + half.high - 1) < 1e-12, 'symmetric at one half');
  });
});
