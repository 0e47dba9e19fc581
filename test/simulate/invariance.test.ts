/**
 * Same seed, same numbers — whatever the number of threads, however the work is cut into
 * units, and however many scenarios the run has: one scenario spread over several blocks
 * and workers gives the very sums, to the fen, and the very percentiles. And the sums
 * hold together: every breakdown adds up to the totals.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BLOCK_SIZE } from '../../src/random/stream';
import { summarize } from '../../src/simulate/metrics';
import { resultAt, runVariants, type SimulateOptions } from '../../src/simulate/simulate';

// three full blocks and a partial one, so that blocks and units split differently
const PERSONS = 3 * BLOCK_SIZE + 20_011;
const RUN: SimulateOptions = { persons: PERSONS, scenarios: 3, years: 2, seed: 13 };

async function figures(options: SimulateOptions) {
  const { runs, info } = await runVariants(['huangshan-2022'], { ...RUN, ...options });
  const summary = summarize(resultAt(runs[0], info));
  return {
    agg: runs[0].agg,
    percentiles: summary.years.map((y) => [y.burden.perPerson, y.burden.perClaimant]),
    threads: info.threads,
  };
}

describe('simulate: reproducible whatever the threads and the units of work', () => {
  test('1, 2 and 3 threads, units of one block-scenario or of whole scenario runs: equal', async () => {
    const one = await figures({ workers: 1 });
    assert.equal(one.threads, 1);
    for (const options of [
      { workers: 2, unitPersonYears: 1 },
      { workers: 3, unitPersonYears: 1 },
      { workers: 2, unitPersonYears: 10_000_000 },
    ]) {
      const other = await figures(options);
      assert.equal(other.threads, options.workers);
      assert.deepEqual(other.agg, one.agg, JSON.stringify(options));
      assert.deepEqual(other.percentiles, one.percentiles, JSON.stringify(options));
    }
  });

  test('a scenario does not depend on how many scenarios the run has', async () => {
    const three = await figures({ workers: 1 });
    const one = await figures({ workers: 1, scenarios: 1 });
    assert.deepEqual(one.agg[0], three.agg[0]);
  });

  test('a different seed gives different people and claims', async () => {
    const a = await figures({ workers: 1, scenarios: 1, years: 1 });
    const b = await figures({ workers: 1, scenarios: 1, years: 1, seed: 14 });
    assert.notEqual(a.agg[0][0].total, b.agg[0][0].total);
  });
});

describe('simulate: the breakdowns add up', () => {
  test('groups, statuses, deciles, counties and cost bands each sum to the totals', async () => {
    const { runs } = await runVariants(['huangshan-2022'], { ...RUN, workers: 1 });
    for (const years of runs[0].agg)
      for (const a of years) {
        assert.equal(a.claimants <= a.persons, true);
        assert.equal(a.layers.reduce((x, y) => x + y, 0) + a.basic + a.oop, a.total);
        assert.equal(
          a.monthlyInsured.reduce((x, y) => x + y, 0),
          a.insured,
          'insured payments by month of event',
        );
        for (const set of ['byGroup', 'byStatus', 'byDecile', 'byCounty', 'byCostBand'] as const) {
          const sum = (
            k: 'persons' | 'total' | 'basic' | 'insured' | 'aid' | 'oop' | 'fundingBase',
          ) => a[set].reduce((t, s) => t + s[k], 0);
          assert.equal(sum('persons'), a.persons, `${set} persons`);
          for (const k of ['total', 'basic', 'insured', 'aid', 'oop'] as const)
            assert.equal(sum(k), a[k], `${set} ${k}`);
          assert.ok(Math.abs(sum('fundingBase') - a.fundingBase) < 1e-6 * a.fundingBase, set);
        }
        // a person is in one cost band: the band of their year's total
        assert.equal(a.byCostBand.slice(1).reduce((t, s) => t + s.persons, 0) <= a.claimants, true);
      }
  });
});
