import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as yibao from '../../src/index';
import { runVariants } from '../../src/simulate/simulate';
import { riskMeasures, solveTender, tenderResult } from '../../src/simulate/tender';

const SMALL = { persons: 4000, scenarios: 40, years: 3, seed: 3, workers: 1 };

/** round half-up of a / d, for non-negative BigInts: the ledger's rounding, by hand. */
const halfUp = (a: bigint, d: bigint) => (2n * a + d) / (2n * d);

describe('tender: the insurer result, by hand from the ledger', () => {
  it('Dazhou, one deterministic path: refund below the bid, none above it', async () => {
    const { runs, info } = await runVariants(['dazhou-2023'], {
      ...SMALL,
      scenarios: 1,
      deterministic: true,
    });
    const run = runs[0];
    const years = run.agg[0].map((a, y) => {
      // 0.32% of payroll: P = round(0.0032 × base) in fen
      const P = halfUp(32n * BigInt(Math.round(run.fundingBase[0][y] * 100)), 10_000n);
      return { P: Number(P), C: a.insured };
    });
    const lossRatios = years.map(({ P, C }) => C / P);
    // a bid above every year's loss ratio (refunds every year), and one below them all
    const below = Math.floor(Math.min(...lossRatios) * 100) - 1;
    for (const [num, den] of [
      [90n, 100n],
      [BigInt(below), 100n],
    ]) {
      const bid = Number(num) / Number(den);
      const t = tenderResult(run, info, { bid });
      let period = 0;
      for (const [y, { P, C }] of years.entries()) {
        const E = Number(halfUp(3n * BigInt(P), 100n));
        const BP = Number(halfUp(num * BigInt(P), den));
        const refund = C < BP ? BP - C : 0;
        const I = P - C - refund - E;
        period += I;
        assert.equal(t.years[y].yuan.mean, I / 100, `bid ${bid}, year ${y + 1}`);
        assert.equal(t.years[y].refund, refund / 100);
        assert.equal(t.years[y].share.mean, I / P);
        assert.equal(t.years[y].rate, 0.0032, 'below the 90% threshold the rate stays');
      }
      assert.ok(bid === 0.9 ? t.years.every((y) => y.refund > 0) : t.years.every((y) => !y.refund));
      assert.equal(t.period.yuan.mean, period / 100);
      assert.equal(t.periodResults[0], period / 100);
      assert.equal(t.period.yuan.lossProbability, period < 0 ? 1 : 0);
      assert.equal(t.period.yuan.var95, -period / 100, 'one scenario: it is the worst');
    }
  });

  it('Dazhou: the bid is the art. 21 target, next rate = r × L / B when L ≥ 90%', async () => {
    const { runs, info } = await runVariants(['dazhou-2023'], {
      ...SMALL,
      scenarios: 1,
      deterministic: true,
    });
    const run = runs[0];
    const a = run.agg[0][0];
    const cents = BigInt(Math.round(run.fundingBase[0][0] * 100));
    // a rate (8 decimals) at which year 1's claims are about the premium: L ≈ 100% ≥ 90%
    const units = Number(halfUp(BigInt(a.insured) * 100_000_000n, cents));
    const rate = units / 1e8;
    const P = halfUp(BigInt(units) * cents, 100_000_000n);
    assert.ok(a.insured / Number(P) >= 0.9);
    for (const bid of [0.9, 0.95]) {
      const t = tenderResult(run, info, { bid, rate });
      // w = r × L / B = r × C / (P × B), to 8 decimals; within the 20% annual limit
      const [num, den] = bid === 0.9 ? [9n, 10n] : [19n, 20n];
      const w = Number(halfUp(BigInt(units) * BigInt(a.insured) * den, P * num));
      // within the 20% annual limit the rate rises to w; beyond it, a new tender at w
      assert.equal(t.years[0].rate, rate);
      assert.equal(t.years[1].rate, w / 1e8, `bid ${bid}`);
      const never = tenderResult(run, info, { bid, rate, contractChange: 'never' });
      assert.equal(never.years[1].rate, rate, 'no contract change, no increase');
    }
  });

  it('Guiyang, without a bid: the take is capped at 5% incl. the 3% cost; losses are its own', async () => {
    const { runs, info } = await runVariants(['guiyang-2023'], { ...SMALL, scenarios: 6 });
    const run = runs[0];
    const t = tenderResult(run, info);
    assert.equal(t.bid, null);
    for (let y = 0; y < info.years; y++) {
      const results = run.agg.map((years, s) => {
        // 8% of the pool: per-capita funding × insured, in yuan
        const cents = BigInt(Math.round(run.fundingBase[s][y] * 100));
        const P = Number(halfUp(8n * cents, 100n));
        const C = years[y].insured;
        const G = P - C;
        const Q = Number(halfUp(5n * BigInt(P), 100n));
        const E = Number(halfUp(3n * BigInt(P), 100n));
        return Math.min(G, Q) - E;
      });
      const mean = results.reduce((x, v) => x + v, 0) / results.length;
      assert.ok(Math.abs(t.years[y].yuan.mean - mean / 100) < 1e-6, `year ${y + 1}`);
      assert.equal(
        t.years[y].yuan.lossProbability,
        results.filter((v) => v < 0).length / results.length,
      );
    }
    const policy = tenderResult(run, info, { lossCause: 'policy' });
    assert.ok(policy.period.yuan.mean >= t.period.yuan.mean, 'a shared policy loss costs less');
  });

  it('sums the first cooperation period only; later years are reported per year', async () => {
    const { runs, info } = await runVariants(['ordos-2018'], { ...SMALL, scenarios: 8, years: 4 });
    const t = tenderResult(runs[0], info);
    assert.equal(t.period.contractYears, 3);
    assert.equal(t.period.projectedYears, 3);
    assert.equal(t.years.length, 4);
    assert.deepEqual(
      t.years.map((y) => y.inFirstPeriod),
      [1, 1, 1, 0],
    );
    const sum3 = t.years.slice(0, 3).reduce((x, y) => x + y.yuan.mean, 0);
    assert.ok(Math.abs(t.period.yuan.mean - sum3) < 1e-6);
  });
});

describe('tender: risk measures', () => {
  it('VaR and TVaR are the k-th worst and the mean of the k worst, k = ⌈(1 − level) × S⌉', () => {
    const values = Array.from({ length: 100 }, (_, i) => 50 - i); // 50 … −49
    const m = riskMeasures(values);
    assert.equal(m.mean, 0.5);
    assert.equal(m.p50, 0.5);
    assert.equal(m.lossProbability, 0.49);
    assert.equal(m.var95, 45);
    assert.equal(m.tvar95, 47);
    assert.equal(m.var99, 49);
    assert.equal(m.tvar99, 49);
    assert.ok(Math.abs(m.standardError - Math.sqrt(841.6666666666666 / 100)) < 1e-12);
    // 200 scenarios: 10 and 2 in the tails; a profit everywhere gives a negative VaR
    const gains = riskMeasures(Array.from({ length: 200 }, (_, i) => i + 1));
    assert.equal(gains.var95, -10);
    assert.equal(gains.tvar95, -5.5);
    assert.equal(gains.var99, -2);
    assert.equal(gains.lossProbability, 0);
  });
});

describe('tender: the bid', () => {
  it("with the rate fixed, a higher bid lowers the insurer's result in every scenario", async () => {
    // a rate at which the loss ratio is near the bids tried, so the refund acts
    const { runs, info } = await runVariants(['dazhou-2023'], SMALL);
    const rate = +yibao.price(runs[0], info, { lossRatio: 0.9 }).rate.toFixed(8);
    const bids = [0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 1];
    // contract never amended: the rate stays, so the refund below the bid is all the bid
    // changes, and it only grows with the bid
    const at = bids.map((bid) =>
      tenderResult(runs[0], info, { bid, rate, contractChange: 'never' }),
    );
    for (let i = 1; i < bids.length; i++) {
      const [lower, higher] = [at[i - 1], at[i]];
      higher.periodResults.forEach((r, s) => {
        assert.ok(r <= lower.periodResults[s], `bid ${bids[i]}, scenario ${s + 1}`);
      });
      assert.ok(higher.period.share.mean <= lower.period.share.mean, `bid ${bids[i]}`);
      assert.ok(higher.period.yuan.lossProbability >= lower.period.yuan.lossProbability);
      for (let y = 0; y < info.years; y++)
        assert.ok(higher.years[y].refund >= lower.years[y].refund, 'a higher bid refunds more');
    }
    assert.ok(at[4].years[0].refund > 0, 'the refund acts');
    assert.ok(at[0].period.yuan.mean > at.at(-1)!.period.yuan.mean);
    // amended when needed, the art. 21 rule acts too: some years raise the next rate. It
    // can end a period early (a re-tender), so there a higher bid need not mean a lower
    // result in every scenario; the refund still grows with the bid.
    const amended = bids.map((bid) => tenderResult(runs[0], info, { bid, rate }));
    assert.ok(amended[4].years[1].rate > rate);
    for (let i = 1; i < bids.length; i++)
      for (let y = 0; y < info.years; y++)
        assert.ok(amended[i].years[0].refund >= amended[i - 1].years[0].refund);
  });

  it('Dazhou at 0.32%: the bid sets the margin, 1 − 3% cost − bid, and a loss only above 97%', async () => {
    // a pool large enough that no scenario-year's loss ratio reaches the bids tried (at
    // 4,000 persons one large claim can take a year past 97%)
    const { runs, info } = await runVariants(['dazhou-2023'], { ...SMALL, persons: 50_000 });
    const margin = solveTender(runs[0], info, { margin: 0.02 });
    assert.equal(margin.solvedFor, 'bid');
    assert.equal(margin.value, 0.95);
    assert.ok(margin.standardError < 1e-12, 'the same bid in every resample');
    // exactly 2% but for the refund's and the cost's roundings to the fen
    assert.ok(Math.abs(margin.achieved - 0.02) < 1e-8);
    assert.equal(margin.result.bid, 0.95);
    // the probability of loss jumps from 0 to 1 above 1 − 3%: the refund takes all but the bid
    const loss = solveTender(runs[0], info, { lossProbability: 0.05 });
    assert.equal(loss.value, 0.97);
    assert.ok(loss.achieved <= 0.05);
    assert.equal(tenderResult(runs[0], info, { bid: 0.970001 }).period.yuan.lossProbability, 1);
  });

  it('the solve meets its target, and a second simulation agrees within the stated error', async () => {
    const first = await runVariants(['guiyang-2023'], SMALL);
    const second = await runVariants(['guiyang-2023'], { ...SMALL, seed: 4 });
    for (const target of [{ margin: 0.01 }, { lossProbability: 0.2 }] as yibao.TenderTarget[]) {
      const a = solveTender(first.runs[0], first.info, target);
      const b = solveTender(second.runs[0], second.info, target);
      assert.equal(a.solvedFor, 'rate');
      // the lowest rate that meets it: one step (1e-8) lower does not
      const below = tenderResult(first.runs[0], first.info, { rate: +(a.value - 1e-8).toFixed(8) });
      if ('margin' in target) {
        // met to the fen: a fen a year on a premium of some 340,000 yuan a year is 3e-8
        assert.ok(a.achieved >= target.margin - 1e-7);
        assert.equal(a.result.period.share.mean, a.achieved);
        assert.ok(below.period.share.mean < target.margin);
      } else {
        assert.ok(a.achieved <= target.lossProbability);
        assert.equal(a.result.period.yuan.lossProbability, a.achieved);
        assert.ok(below.period.yuan.lossProbability > target.lossProbability);
      }
      assert.ok(a.standardError > 0 && a.low <= a.value && a.value <= a.high);
      const spread = 3 * Math.hypot(a.standardError, b.standardError);
      assert.ok(
        Math.abs(a.value - b.value) < spread,
        `${JSON.stringify(target)}: ${a.value} vs ${b.value}`,
      );
    }
  });

  it('the bid found is the highest on the 0.01% grid that meets the target, checked bid by bid', async () => {
    // claims 16/9 as heavy against the premium (0.18% instead of 0.32%): the loss ratio near
    // the bids (twice as heavy is past what a 2% margin allows in some bootstrap resamples
    // on the default calibration)
    const { runs, info } = await runVariants(['dazhou-2023'], SMALL);
    const second = await runVariants(['dazhou-2023'], { ...SMALL, seed: 4 });
    const rate = 0.0018;
    // (a pool of 4,000: P(loss) is 0.125 already at a bid of 30% and rises towards 0.5 at 97%)
    for (const target of [{ margin: 0.02 }, { lossProbability: 0.5 }] as yibao.TenderTarget[]) {
      const a = solveTender(runs[0], info, target, { rate });
      assert.equal(a.solvedFor, 'bid');
      const meets = (bid: number) => {
        const p = tenderResult(runs[0], info, { bid, rate }).period;
        return 'margin' in target
          ? p.share.mean >= target.margin - 1e-7
          : p.yuan.lossProbability <= target.lossProbability;
      };
      assert.ok(meets(a.value), `${a.value} meets ${JSON.stringify(target)}`);
      for (let units = Math.round(a.value * 1e4) + 1; units <= 1e4; units++)
        assert.ok(!meets(units / 1e4), `bid ${units / 1e4} above ${a.value} meets it too`);
      const b = solveTender(second.runs[0], second.info, target, { rate });
      const spread = 3 * Math.hypot(a.standardError, b.standardError);
      assert.ok(a.standardError > 0, JSON.stringify(target));
      assert.ok(Math.abs(a.value - b.value) < spread, `${a.value} vs ${b.value} (±${spread})`);
    }
  });

  it('same seed, same answer', async () => {
    const { runs, info } = await runVariants(['ordos-2018'], { ...SMALL, scenarios: 20 });
    const a = solveTender(runs[0], info, { margin: 0.01 });
    const b = solveTender(runs[0], info, { margin: 0.01 });
    assert.deepEqual(a, b);
    assert.ok(a.value > 0 && a.standardError > 0);
  });
});

describe('tender: refused', () => {
  const cases = [
    [
      'a bid where no rule acts on it',
      'guiyang-2023',
      { bid: 0.9 },
      undefined,
      /no rule the bid acts on/,
    ],
    [
      'a bid of 0',
      'dazhou-2023',
      { bid: 0 },
      undefined,
      /bid must be a net loss ratio in \(0, 1\]/,
    ],
    ['a bid above 1', 'dazhou-2023', { bid: 1.2 }, undefined, /in \(0, 1\], got 1.2/],
    [
      'a rate with 9 decimals',
      'dazhou-2023',
      { rate: 0.003200001 },
      undefined,
      /at most 8 decimals/,
    ],
    ['a bid with a target', 'dazhou-2023', { bid: 0.9 }, { margin: 0.02 }, /solved for the bid/],
    [
      'a rate with a target, no bid',
      'ordos-2018',
      { rate: 60 },
      { margin: 0.02 },
      /solved for the rate/,
    ],
    ['a margin of 100%', 'ordos-2018', {}, { margin: 1 }, /below 1, got 1/],
    ['a probability of 1', 'ordos-2018', {}, { lossProbability: 1 }, /\[0, 1\), got 1/],
    [
      'an unknown contract change',
      'dazhou-2023',
      { contractChange: 'sometimes' },
      undefined,
      /when_needed or never/,
    ],
  ] as const;
  for (const [what, scheme, terms, target, message] of cases)
    it(`refuses ${what}`, () => {
      const s = yibao.loadScheme(scheme);
      assert.throws(
        () =>
          yibao.checkTender(
            { id: s.id, fund: yibao.fundRulesOf(s) },
            terms as yibao.TenderTerms,
            target,
          ),
        (e: Error) => e instanceof yibao.YibaoError && message.test(e.message),
      );
    });

  it('a margin above what the profit cap leaves: no rate meets it, and says what is there', async () => {
    const { runs, info } = await runVariants(['guiyang-2023'], { ...SMALL, scenarios: 8 });
    // the take is capped at 5% of premium including the 3% operating cost: 2% at most
    assert.throws(
      () => solveTender(runs[0], info, { margin: 0.03 }),
      /no rate meets an expected margin of 0.03: at the highest rate tried, [\d.]+, the expected margin over all the scenarios is 0.0(1|2)/,
    );
  });
});

describe('tender: the doc examples', () => {
  const source = fs.readFileSync(path.join(__dirname, '../../src/simulate/tender.ts'), 'utf8');
  const examples = [...source.matchAll(/@example\n((?: \* .*\n)+)/g)].map((m) =>
    m[1].replace(/^ \* /gm, ''),
  );
  it('there are two', () => assert.equal(examples.length, 2));
  for (const example of examples)
    it(example.split('\n').at(-2)!, async () => {
      const lines = example.trim().split('\n');
      const last = lines.pop()!;
      const [expression, comment] = last.split('; //');
      const stated = Number(/about ([\d.]+)/.exec(comment)![1]);
      const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
      const run = new AsyncFunction(
        'runVariants',
        'tenderResult',
        'solveTender',
        `${lines.join('\n')}\nreturn ${expression};`,
      );
      const value = await run(yibao.runVariants, yibao.tenderResult, yibao.solveTender);
      assert.ok(Math.abs(value - stated) < 0.005, `${value} vs ${stated}`);
    });
});
