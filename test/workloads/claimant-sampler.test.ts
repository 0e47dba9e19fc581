/**
 * The claimant sampler draws only the persons with events, yet each person's counts must
 * have the distribution of independent per-person Poisson draws: checked per kind by
 * chi-squared against the Poisson pmf, for the pairs of kinds by their independence, and
 * for the gaps between claimants (no person favoured by position in the block).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as ss from 'simple-statistics';
import { BLOCK_SIZE, createStream } from '../../src/random/stream';
import { ClaimantSampler } from '../../src/workload/claimants';

const chiSquaredCritical = ss.chiSquaredDistributionTable as unknown as Record<
  number,
  Record<number, number>
>;

const poissonPmf = (lambda: number, k: number) => {
  let p = Math.exp(-lambda);
  for (let i = 1; i <= k; i++) p *= lambda / i;
  return p;
};

/** Per person and kind, the counts of `blocks` full blocks, zeros included. */
function perPersonCounts(rates: number[], blocks: number): Uint16Array[] {
  const sampler = new ClaimantSampler(rates);
  const out = rates.map(() => new Uint16Array(blocks * BLOCK_SIZE));
  for (let b = 0; b < blocks; b++) {
    const drawn = sampler.draw(BLOCK_SIZE, createStream(3, 'claimant-test', 0, 0, b));
    let previous = -1;
    for (let j = 0; j < drawn.claimants; j++) {
      const person = drawn.claimant[j];
      assert.ok(person > previous && person < BLOCK_SIZE, 'claimants in person order, in range');
      previous = person;
      let any = 0;
      for (let k = 0; k < rates.length; k++) {
        const c = drawn.counts[j * rates.length + k];
        out[k][b * BLOCK_SIZE + person] = c;
        any += c;
      }
      assert.ok(any > 0, 'a claimant has an event');
    }
  }
  return out;
}

function chiSquaredPoisson(counts: Uint16Array, lambda: number, cells: number): number {
  const observed = new Array(cells).fill(0);
  for (const c of counts) observed[Math.min(c, cells - 1)]++;
  let stat = 0;
  let tail = 1;
  for (let k = 0; k < cells; k++) {
    const p = k < cells - 1 ? poissonPmf(lambda, k) : tail;
    tail -= p;
    stat += (observed[k] - p * counts.length) ** 2 / (p * counts.length);
  }
  return stat;
}

describe('workload/claimants: only claimants drawn, Poisson counts per person', () => {
  test('one kind: counts per person are Poisson(λ) (chi-squared, mean, variance)', () => {
    for (const lambda of [0.15, 0.18, 2.5]) {
      const [counts] = perPersonCounts([lambda], 8);
      const cells = lambda < 1 ? 4 : 8;
      const stat = chiSquaredPoisson(counts, lambda, cells);
      assert.ok(stat < chiSquaredCritical[cells - 1][0.01], `λ=${lambda}: chi-squared ${stat}`);
      const xs = Array.from(counts);
      assert.ok(Math.abs(ss.mean(xs) / lambda - 1) < 0.02, `λ=${lambda}: mean ${ss.mean(xs)}`);
      assert.ok(Math.abs(ss.variance(xs) / lambda - 1) < 0.03, `λ=${lambda}: variance`);
    }
  });

  test('several kinds: each is Poisson with its own rate, and the kinds are independent', () => {
    const rates = [0.3, 0.05, 0.8];
    const counts = perPersonCounts(rates, 8);
    rates.forEach((lambda, k) => {
      const stat = chiSquaredPoisson(counts[k], lambda, 5);
      assert.ok(stat < chiSquaredCritical[4][0.01], `kind ${k}: chi-squared ${stat}`);
    });
    // independent kinds: the joint table of (any of kind 0, any of kind 2) factorises
    const n = counts[0].length;
    const table = [
      [0, 0],
      [0, 0],
    ];
    for (let i = 0; i < n; i++) table[counts[0][i] > 0 ? 1 : 0][counts[2][i] > 0 ? 1 : 0]++;
    let stat = 0;
    for (const a of [0, 1])
      for (const b of [0, 1]) {
        const expected = ((table[a][0] + table[a][1]) * (table[0][b] + table[1][b])) / n;
        stat += (table[a][b] - expected) ** 2 / expected;
      }
    assert.ok(stat < chiSquaredCritical[1][0.01], `independence chi-squared ${stat}`);
  });

  test('claimants are spread evenly over the block (no position favoured)', () => {
    const [counts] = perPersonCounts([0.15], 8);
    // share of claimants in each eighth of the block, pooled over the blocks
    const eighths = new Array(8).fill(0);
    for (let i = 0; i < counts.length; i++)
      if (counts[i] > 0) eighths[Math.floor((i % BLOCK_SIZE) / (BLOCK_SIZE / 8))]++;
    const total = eighths.reduce((a, b) => a + b, 0);
    const stat = eighths.reduce((acc, o) => acc + (o - total / 8) ** 2 / (total / 8), 0);
    assert.ok(stat < chiSquaredCritical[7][0.01], `chi-squared ${stat} over ${eighths}`);
  });

  test('a rare event (gaps beyond the table, drawn again): the share of claimants is 1 − e^−λ', () => {
    const lambda = 2e-4; // mean gap 5,000 persons, longer than the gap table
    const sampler = new ClaimantSampler([lambda]);
    let claimants = 0;
    const blocks = 200;
    for (let b = 0; b < blocks; b++)
      claimants += sampler.draw(BLOCK_SIZE, createStream(5, 'rare', 0, 0, b)).claimants;
    const expected = blocks * BLOCK_SIZE * -Math.expm1(-lambda);
    // Poisson count of claimants: 4 standard deviations
    assert.ok(
      Math.abs(claimants - expected) < 4 * Math.sqrt(expected),
      `${claimants} claimants, ${expected.toFixed(0)} expected`,
    );
  });

  test('a zero rate draws no claimant; rates summing to 30 or more are refused', () => {
    const drawn = new ClaimantSampler([0]).draw(1000, createStream(1, 'x'));
    assert.equal(drawn.claimants, 0);
    assert.equal(drawn.events, 0);
    assert.throws(() => new ClaimantSampler([20, 10]), /below 30/);
    assert.throws(() => new ClaimantSampler([-1]), /≥ 0/);
  });
});
