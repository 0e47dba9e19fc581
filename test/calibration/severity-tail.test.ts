import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  fitSplicedSeverity,
  qqPoints,
  splicedCdf,
  splicedQuantile,
} from '../../src/calibration/severity-tail';
import { lognormal, lognormalPareto } from '../../src/random/samplers';
import { createStream } from '../../src/random/stream';

function draw(sampler: (s: ReturnType<typeof createStream>) => number, n: number, seed: number) {
  const s = createStream(seed, 'test/severity-tail');
  return Float64Array.from({ length: n }, () => sampler(s));
}

describe('calibration/severity-tail: lognormal body with a Pareto tail', () => {
  test('recovers a known splice: threshold, tail share and shape', () => {
    // body lognormal(ln 8,000, 0.8) below 60,000; 4% of amounts Pareto(60,000, α = 1.8) above
    const mu = Math.log(8000);
    const x = draw(lognormalPareto(mu, 0.8, 60000, 1.8, 0.04), 60000, 7);
    const fit = fitSplicedSeverity(x)!;
    assert.ok(Math.abs(fit.alpha / 1.8 - 1) < 0.12, `alpha ${fit.alpha}`);
    assert.ok(fit.threshold > 30000 && fit.threshold < 90000, `threshold ${fit.threshold}`);
    assert.ok(Math.abs(fit.mu - mu) < 0.05, `mu ${fit.mu}`);
    assert.ok(Math.abs(fit.sigma - 0.8) < 0.05, `sigma ${fit.sigma}`);
    // the splice describes the data; one lognormal does not
    assert.ok(fit.ks < 0.01, `ks ${fit.ks}`);
    assert.ok(fit.ksLognormal > 2 * fit.ks, `ks lognormal ${fit.ksLognormal} against ${fit.ks}`);
  });

  test('on lognormal data the tail is thin (large α) and the lognormal fits as well', () => {
    const x = draw(lognormal(Math.log(5000), 0.9), 40000, 3);
    const fit = fitSplicedSeverity(x)!;
    assert.ok(fit.ksLognormal < 0.01, `ks ${fit.ksLognormal}`);
    assert.ok(fit.ks <= fit.ksLognormal + 0.002);
  });

  test('quantile and CDF are inverse, continuous at the threshold', () => {
    const fit = { threshold: 50000, tailShare: 0.05, alpha: 2, mu: Math.log(7000), sigma: 0.9 };
    for (const p of [0.01, 0.3, 0.9, 0.95, 0.951, 0.99, 0.9999])
      assert.ok(Math.abs(splicedCdf(fit, splicedQuantile(fit, p)) - p) < 1e-6, `p ${p}`);
    assert.ok(Math.abs(splicedCdf(fit, 50000) - 0.95) < 1e-9);
  });

  test('too few amounts for a tail: no fit', () => {
    assert.equal(fitSplicedSeverity([1, 2, 3, 4, 5]), null);
  });

  test('QQ points follow the data quantiles in order', () => {
    const x = draw(lognormalPareto(Math.log(8000), 0.8, 60000, 1.8, 0.04), 20000, 11);
    const fit = fitSplicedSeverity(x)!;
    const qq = qqPoints(x, fit, 50);
    assert.equal(qq.length, 50);
    for (let i = 1; i < qq.length; i++) assert.ok(qq[i].data >= qq[i - 1].data);
  });
});
