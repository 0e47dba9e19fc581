import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reviewFigures } from '../../src/report/review';
import { summarize } from '../../src/simulate/metrics';
import { price } from '../../src/simulate/price';
import { resultAt, runVariants } from '../../src/simulate/simulate';

const OPTIONS = { scenarios: 12, persons: 2000, years: 2, seed: 7, workers: 1 };

describe('the review figures of a candidate', () => {
  it('are the summary’s and price’s figures of the same simulation', async () => {
    const { runs, info } = await runVariants(['dazhou-2023'], OPTIONS);
    const result = resultAt(runs[0], info);
    const summary = summarize(result);
    const f = reviewFigures(result);
    assert.equal(f.deficit.value, summary.deficitAnyTime);
    assert.equal(f.insurer.lossProbability, summary.insurer.lossProbability);
    assert.ok(Math.abs(f.insurer.mean - summary.insurer.mean) < 1e-6);
    // the scheme file's tolerance, and the bid as the loss target
    assert.equal(f.tolerance, 0.05);
    assert.equal(f.adequate, f.deficit.value <= 0.05);
    assert.deepEqual(f.lossTarget, { value: 0.9, basis: 'bid' });
    assert.deepEqual(f.rateForLossTarget, price(runs[0], info, { lossRatio: 0.9 }));
    assert.equal(f.lossRatio, f.rateForLossTarget.atCurrentRate);
    assert.deepEqual(f.rateForTolerance, price(runs[0], info, { deficitProbability: 0.05 }));
    // what comes back: Σ over the years of refunds, excess returned and holdback kept
    const back = summary.years.reduce(
      (t, y) => t + y.refund.mean + y.returnedToPool.mean + y.withheld.mean,
      0,
    );
    assert.ok(Math.abs(f.returnedToPool - back) < 1e-6, `${f.returnedToPool} vs ${back}`);
    const premium = summary.years.reduce((t, y) => t + y.premium.mean, 0);
    assert.ok(Math.abs(f.premium - premium) < 1e-6);
  });

  it('has no verdict for a scheme file without review, and break-even where there is no bid', async () => {
    const { runs, info } = await runVariants(['guiyang-2023'], OPTIONS);
    const result = resultAt(runs[0], info);
    const { review: _, ...raw } = result.run.scheme.raw;
    const without = { ...result, run: { ...result.run, scheme: { ...result.run.scheme, raw } } };
    const f = reviewFigures(without);
    assert.equal(f.tolerance, null);
    assert.equal(f.adequate, null);
    assert.equal(f.rateForTolerance, null);
    assert.equal(f.lossTarget.basis, 'break_even');
    assert.ok(Math.abs(f.lossTarget.value - (1 - result.fund.adminShare)) < 1e-12);
  });

  it('reads the rate as not adequate where deficits are more common than the tolerance', async () => {
    const { runs, info } = await runVariants(['dazhou-2023'], OPTIONS);
    // at a tenth of its rate the premium cannot meet the claims
    const f = reviewFigures(resultAt(runs[0], info, runs[0].funding.rate / 10));
    assert.ok(f.deficit.value > 0.05, String(f.deficit.value));
    assert.equal(f.adequate, false);
    assert.ok(f.rateForTolerance!.rate > runs[0].funding.rate / 10);
    // the loss ratio stated is the one at the rate of the run, not the scheme's own
    assert.ok(f.lossRatio! > f.rateForLossTarget.atCurrentRate! * 2);
  });
});
