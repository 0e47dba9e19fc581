/**
 * The benchmark workloads W1 and W2 — ordinary scheme + calibration pairs run through
 * `simulate` — give the figures of the independent numpy implementation of the same work
 * (bench/reference/numpy_workloads.py: means over 40 seeds × 2M persons), within Monte
 * Carlo error.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runVariants } from '../../src/simulate/simulate';

const DIR = path.join(__dirname, '..', '..', 'bench', 'workloads');

interface Figures {
  lossRatio: number;
  premium: number;
  oopMean: number;
  p99: number;
  admissions: number;
}

async function pooled(name: string, seeds: number[], persons: number): Promise<Figures[]> {
  const out: Figures[] = [];
  for (const seed of seeds) {
    const { runs } = await runVariants([path.join(DIR, `${name}.scheme.yaml`)], {
      calibration: path.join(DIR, `${name}.calibration.yaml`),
      persons,
      seed,
      scenarios: 1,
      years: 1,
      deterministic: true,
    });
    const run = runs[0];
    const a = run.agg[0][0];
    const premium = Math.round(run.funding.rate * run.fundingBase[0][0] * 100);
    out.push({
      lossRatio: a.insured / premium,
      premium: premium / 100,
      oopMean: a.oop / 100 / a.persons,
      p99: run.oop[0].quantiles([0.99], a.persons)[0] / 100,
      admissions: a.events / a.persons,
    });
  }
  return out;
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function close(actual: number, expected: number, relative: number, what: string) {
  assert.ok(
    Math.abs(actual / expected - 1) <= relative,
    `${what}: ${actual.toFixed(4)} vs ${expected} (±${relative * 100}%)`,
  );
}

// 8 seeds × 1M persons. The layer totals are heavy-tailed: over 10M-person runs their loss
// ratios have a standard deviation of about 0.7%, so about 0.75% over these 8M persons,
// and the tolerances below are 4 of those.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const PERSONS = 1_000_000;

describe('workloads through simulate: agreement with the numpy reference', () => {
  test('W1 dazhou-employee: loss ratio ≈ 0.350, OOP mean ≈ 334.7, p99 ≈ 5,222', async () => {
    const runs = await pooled('w1-dazhou-employee', SEEDS, PERSONS);
    close(mean(runs.map((r) => r.lossRatio)), 0.3501, 0.03, 'loss ratio');
    close(mean(runs.map((r) => r.oopMean)), 334.69, 0.01, 'OOP mean');
    close(mean(runs.map((r) => r.p99)), 5221.9, 0.01, 'OOP p99');
    close(mean(runs.map((r) => r.admissions)), 0.15, 0.01, 'admissions per person');
    // 0.32% of bases averaging 60,000 yuan
    close(mean(runs.map((r) => r.premium / PERSONS)), 192, 0.005, 'premium per person');
  });

  test('W2 guiyang-resident: loss ratio ≈ 0.618, OOP mean ≈ 458.8, p99 ≈ 7,607', async () => {
    const runs = await pooled('w2-guiyang-resident', SEEDS, PERSONS);
    close(mean(runs.map((r) => r.lossRatio)), 0.6176, 0.03, 'loss ratio');
    close(mean(runs.map((r) => r.oopMean)), 458.81, 0.01, 'OOP mean');
    close(mean(runs.map((r) => r.p99)), 7607.2, 0.01, 'OOP p99');
    close(mean(runs.map((r) => r.admissions)), 0.18, 0.01, 'admissions per person');
    assert.equal(runs[0].premium, 81.6 * PERSONS);
  });
});
