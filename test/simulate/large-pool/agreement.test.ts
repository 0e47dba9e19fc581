/**
 * Large-pool against brute force on the same scenarios, at a size CI affords (200,000
 * insured × 60 scenarios × 2 years; the 500,000 × 200 × 3 on every seed scheme is
 * bench/large-pool.ts): the same scenario factors in both, and every agreement check of
 * src/simulate/large-pool/agreement.ts holding — per-scenario loss ratio and balance,
 * P(deficit), VaR/TVaR, out-of-pocket percentiles, alert and catastrophic counts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agreement } from '../../../src/simulate/large-pool/agreement';
import { runByMethod } from '../../../src/simulate/large-pool/run';
import { resultAt } from '../../../src/simulate/simulate';

const SIZE = { persons: 200_000, scenarios: 60, years: 2, seed: 3 };

for (const scheme of ['guiyang-2023', 'dazhou-2023']) {
  describe(`simulate/large-pool: agrees with brute force on ${scheme}`, () => {
    test('same scenario factors; every agreement check holds', async () => {
      const mc = await runByMethod([scheme], { ...SIZE, method: 'mc' });
      const lp = await runByMethod([scheme], { ...SIZE, method: 'large-pool' });
      assert.deepEqual(lp.info.paths, mc.info.paths);
      assert.equal(lp.info.method?.method, 'large-pool');
      assert.equal(mc.info.method?.method, 'mc');
      const { checks } = agreement(resultAt(mc.runs[0], mc.info), resultAt(lp.runs[0], lp.info));
      const failed = checks.filter((c) => !c.holds);
      assert.deepEqual(failed, [], JSON.stringify(failed, null, 1));
      // the checks are not empty and compare figures that exist
      assert.ok(checks.length >= 20);
      assert.ok(checks.some((c) => c.name.startsWith('out of pocket p99') && c.mc > 0));
    });
  });
}
