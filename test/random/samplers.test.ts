/**
 * Streams and samplers: reproducibility, independence of keys, and each distribution
 * against theory (mean, variance, and a goodness-of-fit test) with fixed seeds.
 */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as ss from 'simple-statistics';
import { ksDistance } from '../../src/calibration/severity-tail';
import * as r from '../../src/random/samplers';
import { createStream, Stream } from '../../src/random/stream';

const N = 200_000;
function sample(draw: (s: Stream) => number, n = N, purpose = 'test'): Float64Array {
  const s = createStream(42, purpose);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw(s);
  return out;
}

/** Kolmogorov–Smirnov statistic against a CDF; 1.63/√n is the 1% critical value. */
function ksStatistic(values: Float64Array, cdf: (x: number) => number): number {
  return ksDistance(Float64Array.from(values).sort(), cdf);
}
const ksCritical = (n: number) => 1.63 / Math.sqrt(n);

function within(actual: number, expected: number, relative: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= relative * Math.abs(expected),
    `${what}: ${actual} vs ${expected} (±${relative * 100}%)`,
  );
}

describe('random/stream', () => {
  test('the same key gives the same stream', () => {
    const a = createStream(7, 'claims', 3, 2, 5);
    const b = createStream(7, 'claims', 3, 2, 5);
    for (let i = 0; i < 1000; i++) assert.equal(a.nextUint32(), b.nextUint32());
  });

  test('a different seed, purpose, scenario, year or block gives a different stream', () => {
    const first = (s: Stream) => [s.nextUint32(), s.nextUint32(), s.nextUint32()].join();
    const base = first(createStream(7, 'claims', 3, 2, 5));
    for (const other of [
      createStream(8, 'claims', 3, 2, 5),
      createStream(7, 'population', 3, 2, 5),
      createStream(7, 'claims', 4, 2, 5),
      createStream(7, 'claims', 3, 1, 5),
      createStream(7, 'claims', 3, 2, 6),
    ]) {
      assert.notEqual(first(other), base);
    }
  });

  test('a stream replays from its saved state', () => {
    const s = createStream(1, 'x');
    r.standardNormal(s);
    const saved = JSON.parse(JSON.stringify(s));
    const a = [r.standardNormal(s), s.next(), s.next()];
    const t = Stream.fromState(saved);
    assert.deepEqual([r.standardNormal(t), t.next(), t.next()], a);
  });

  test('a batch of 32-bit numbers is the same sequence, one by one', () => {
    const batch = createStream(9, 'batch');
    const single = createStream(9, 'batch');
    const out = batch.fillUint32(new Uint32Array(1001), 1000);
    for (let i = 0; i < 1000; i++) assert.equal(out[i], single.nextUint32(), `number ${i}`);
    assert.equal(out[1000], 0, 'nothing written past n');
    assert.equal(batch.nextUint32(), single.nextUint32(), 'the streams go on in step');
    assert.throws(() => batch.fillUint32(new Uint32Array(3), 4), /room for 3/);
  });

  test('uniforms are uniform on [0, 1) (KS) and uncorrelated at lag 1', () => {
    const u = sample((s) => s.next());
    assert.ok(ksStatistic(u, (x) => x) < ksCritical(N));
    assert.ok(u.every((v) => v >= 0 && v < 1));
    const lagged = ss.sampleCorrelation(
      Array.from(u.subarray(1)),
      Array.from(u.subarray(0, N - 1)),
    );
    assert.ok(Math.abs(lagged) < 0.01, `lag-1 correlation ${lagged}`);
  });
});

describe('random/samplers: continuous distributions against theory', () => {
  test('normal: mean, variance, skewness ≈ 0, KS', () => {
    const x = sample(r.normal(10, 2));
    within(ss.mean(Array.from(x)), 10, 0.002, 'mean');
    within(ss.variance(Array.from(x)), 4, 0.02, 'variance');
    assert.ok(Math.abs(ss.sampleSkewness(Array.from(x))) < 0.02);
    assert.ok(ksStatistic(x, (v) => r.normalCdf((v - 10) / 2)) < ksCritical(N));
  });

  test('batched standard normals: mean 0, variance 1, kurtosis 3, KS, tails beyond 3.44', () => {
    const n = 2_000_000;
    const s = createStream(42, 'batched-normals');
    const z = new Float64Array(n);
    // batches of different sizes, as the generators use them
    for (let at = 0, size = 1; at < n; at += size, size = (size * 7 + 3) % 70000)
      r.fillStandardNormal(s, z.subarray(at, Math.min(n, at + size)));
    const xs = Array.from(z);
    assert.ok(Math.abs(ss.mean(xs)) < 0.003, `mean ${ss.mean(xs)}`);
    within(ss.variance(xs), 1, 0.005, 'variance');
    within(ss.sampleKurtosis(xs) + 3, 3, 0.01, 'kurtosis');
    assert.ok(ksStatistic(z.subarray(0, N), (v) => r.normalCdf(v)) < ksCritical(N));
    // the tail beyond R = 3.44 is sampled by the edge path after each batch
    const beyond = xs.filter((v) => Math.abs(v) > 3.442619855899).length / n;
    within(beyond, 2 * (1 - r.normalCdf(3.442619855899)), 0.06, 'share beyond R');
  });

  test('normal tails and wedges (ziggurat): kurtosis 3, tail shares beyond 2, 3.44 and 4', () => {
    const n = 4_000_000;
    const z = sample(r.standardNormal, n, 'tails');
    within(ss.sampleKurtosis(Array.from(z)) + 3, 3, 0.02, 'kurtosis');
    for (const t of [2, 3.442619855899, 4]) {
      let above = 0;
      for (const v of z) if (Math.abs(v) > t) above++;
      const p = 2 * (1 - r.normalCdf(t));
      // binomial standard error; 4.5 of them leaves no room for a wrong tail
      const se = Math.sqrt((p * (1 - p)) / n);
      assert.ok(Math.abs(above / n - p) < 4.5 * se, `P(|z| > ${t}) = ${above / n}, want ${p}`);
    }
  });

  test('lognormal from mean and CV: the mean and CV come back; KS on the log scale', () => {
    const { mu, sigma } = r.lognormalFromMeanCv(12000, 1.5);
    const x = sample(r.lognormal(mu, sigma), 400_000);
    const values = Array.from(x);
    within(ss.mean(values), 12000, 0.02, 'mean');
    within(ss.standardDeviation(values) / ss.mean(values), 1.5, 0.06, 'cv');
    assert.ok(
      ksStatistic(x, (v) => r.normalCdf((Math.log(v) - mu) / sigma)) < ksCritical(x.length),
    );
  });

  test('gamma: mean shape·scale and variance shape·scale², for shape above and below 1', () => {
    for (const [shape, scale] of [
      [3, 2],
      [0.5, 4],
    ]) {
      const x = Array.from(sample(r.gamma(shape, scale)));
      within(ss.mean(x), shape * scale, 0.01, `gamma(${shape}) mean`);
      within(ss.variance(x), shape * scale * scale, 0.03, `gamma(${shape}) variance`);
    }
  });

  test('Pareto: tail probabilities follow (xm/x)^alpha (KS)', () => {
    const x = sample(r.pareto(100000, 2.5));
    assert.ok(ksStatistic(x, (v) => 1 - (100000 / v) ** 2.5) < ksCritical(N));
  });

  test('lognormal–Pareto splice: the tail share is above the threshold and the body below it', () => {
    const { mu, sigma } = r.lognormalFromMeanCv(8000, 1.2);
    const x = sample(r.lognormalPareto(mu, sigma, 100000, 2.2, 0.01));
    let above = 0;
    for (const v of x) if (v >= 100000) above++;
    within(above / N, 0.01, 0.08, 'tail share');
  });
});

describe('random/samplers: discrete distributions against theory', () => {
  /** Chi-squared goodness of fit of counts 0..k against a pmf (last cell pools the tail). */
  function chiSquaredOk(x: Float64Array, pmf: (k: number) => number, cells: number): void {
    const observed = new Array(cells).fill(0);
    for (const v of x) observed[Math.min(v, cells - 1)]++;
    let stat = 0;
    let tail = 1;
    for (let k = 0; k < cells; k++) {
      const p = k < cells - 1 ? pmf(k) : tail;
      tail -= p;
      const expected = p * x.length;
      stat += (observed[k] - expected) ** 2 / expected;
    }
    // 1% critical value of chi-squared with cells − 1 degrees of freedom
    const table = ss.chiSquaredDistributionTable as unknown as Record<
      number,
      Record<number, number>
    >;
    const critical = table[cells - 1][0.01];
    assert.ok(stat < critical, `chi-squared ${stat.toFixed(1)} ≥ ${critical}`);
  }
  const poissonPmf = (lambda: number) => (k: number) => {
    let p = Math.exp(-lambda);
    for (let i = 1; i <= k; i++) p *= lambda / i;
    return p;
  };

  test('Poisson with a small rate (inversion): mean, variance, chi-squared', () => {
    const x = sample(r.poisson(0.15));
    within(ss.mean(Array.from(x)), 0.15, 0.02, 'mean');
    within(ss.variance(Array.from(x)), 0.15, 0.03, 'variance');
    chiSquaredOk(x, poissonPmf(0.15), 4);
  });

  test('Poisson with a large rate (PTRS): mean, variance, chi-squared', () => {
    const x = sample(r.poisson(45));
    within(ss.mean(Array.from(x)), 45, 0.002, 'mean');
    within(ss.variance(Array.from(x)), 45, 0.02, 'variance');
    const observed = new Map<number, number>();
    for (const v of x) observed.set(v, (observed.get(v) ?? 0) + 1);
    // cells 30..60 with the tails pooled
    const pmf = poissonPmf(45);
    let stat = 0;
    let lowP = 0;
    let lowO = 0;
    for (let k = 0; k < 30; k++) {
      lowP += pmf(k);
      lowO += observed.get(k) ?? 0;
    }
    let highP = 1 - lowP;
    let highO = N - lowO;
    stat += (lowO - lowP * N) ** 2 / (lowP * N);
    for (let k = 30; k <= 60; k++) {
      const p = pmf(k);
      const o = observed.get(k) ?? 0;
      stat += (o - p * N) ** 2 / (p * N);
      highP -= p;
      highO -= o;
    }
    stat += (highO - highP * N) ** 2 / (highP * N);
    assert.ok(stat < 60, `chi-squared ${stat.toFixed(1)} with 32 degrees of freedom`); // 1% critical ≈ 53.5; 60 allows for pooling
  });

  test('negative binomial: mean and variance mean + mean²/r', () => {
    const x = Array.from(sample(r.negativeBinomial(2, 0.8), 100_000));
    within(ss.mean(x), 2, 0.02, 'mean');
    within(ss.variance(x), 2 + 4 / 0.8, 0.05, 'variance');
  });

  test('categorical: frequencies match the weights (chi-squared)', () => {
    const weights = [5, 3, 2, 0, 10];
    const x = sample(r.categorical(weights));
    const counts = [0, 0, 0, 0, 0];
    for (const v of x) counts[v]++;
    assert.equal(counts[3], 0);
    let stat = 0;
    for (const i of [0, 1, 2, 4]) {
      const expected = (weights[i] / 20) * N;
      stat += (counts[i] - expected) ** 2 / expected;
    }
    assert.ok(stat < ss.chiSquaredDistributionTable[3][0.01]);
  });
});

describe('random/samplers: bad parameters are refused naming the function and parameter', () => {
  const cases: [() => unknown, RegExp][] = [
    [() => r.normal(0, -1), /normal: sd must be non-negative/],
    [() => r.lognormalFromMeanCv(-5, 1), /lognormalFromMeanCv: mean must be positive/],
    [() => r.gamma(0, 1), /gamma: shape must be positive/],
    [() => r.poisson(-1), /poisson: lambda must be non-negative/],
    [() => r.poisson(Number.NaN), /poisson: lambda/],
    [() => r.negativeBinomial(1, 0), /negativeBinomial: r must be positive/],
    [() => r.pareto(0, 2), /pareto: xm must be positive/],
    [() => r.lognormalPareto(0, 1, 100, 2, 1.5), /lognormalPareto: tailShare must be in \[0, 1\)/],
    [() => r.categorical([1, -1]), /categorical: weights\[1\] must be non-negative/],
    [() => r.categorical([0, 0]), /categorical: weights must not all be zero/],
    [() => r.uniform(2, 1), /uniform: max must be greater than min/],
  ];
  for (const [make, message] of cases) {
    test(`refuses ${message.source}`, () => assert.throws(make, message));
  }
});
