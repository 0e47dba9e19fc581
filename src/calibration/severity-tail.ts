/**
 * Severity with a heavy tail: a lognormal body spliced with a Pareto tail at a threshold u
 * chosen from the data (docs/calibration.md "Severity tails").
 *
 *   sorted amounts ──for each candidate u (sample quantiles 50%…98%)──▶
 *     w = share above u; α by maximum likelihood (Hill) on the exceedances;
 *     body = lognormal fitted to the amounts below u as a right-truncated normal on logs
 *   ──keep the u whose spliced CDF is closest to the data (Kolmogorov–Smirnov D)──▶ fit
 *
 *   F(x) = (1 − w) · Φ((ln x − μ)/σ) / Φ((ln u − μ)/σ)    for x ≤ u
 *   F(x) = 1 − w · (u / x)^α                               for x > u
 *
 * The same D is given for a single lognormal on the log moments, so a reader sees what
 * the tail buys. The amounts are a reproducible sample of each category (see fit.ts).
 */
import { normalCdf, normalQuantile } from '../random/samplers';

export interface SplicedFit {
  /** amounts fitted */
  n: number;
  threshold: number;
  /** share of amounts above the threshold */
  tailShare: number;
  /** Pareto shape of the tail (P(X > x | X > u) = (u/x)^α) */
  alpha: number;
  /** body: lognormal parameters of the untruncated distribution */
  mu: number;
  sigma: number;
  /** Kolmogorov–Smirnov distance of the spliced model, and of one lognormal */
  ks: number;
  ksLognormal: number;
  lognormal: { mu: number; sigma: number };
}

/** Fewest exceedances a Pareto tail is fitted on. */
const MIN_TAIL = 30;
const CANDIDATES = Array.from({ length: 25 }, (_, i) => 0.5 + i * 0.02);

/**
 * Right-truncated normal by the moment equations, iterated from the sample moments:
 * E[y] = μ − σλ, Var[y] = σ²(1 − βλ − λ²), β = (c − μ)/σ, λ = φ(β)/Φ(β).
 */
function truncatedNormal(mean: number, sd: number, c: number): { mu: number; sigma: number } {
  let mu = mean;
  let sigma = sd;
  for (let i = 0; i < 200; i++) {
    const beta = (c - mu) / sigma;
    const cdf = Math.max(normalCdf(beta), 1e-12);
    const lambda = Math.exp(-0.5 * beta * beta) / Math.sqrt(2 * Math.PI) / cdf;
    const shrink = 1 - beta * lambda - lambda * lambda;
    if (!(shrink > 1e-6)) break;
    const nextSigma = sd / Math.sqrt(shrink);
    const nextMu = mean + nextSigma * lambda;
    const done = Math.abs(nextMu - mu) < 1e-9 && Math.abs(nextSigma - sigma) < 1e-9;
    mu = nextMu;
    sigma = nextSigma;
    if (done) break;
  }
  return { mu, sigma };
}

/** CDF of the spliced model. */
export function splicedCdf(
  fit: Pick<SplicedFit, 'threshold' | 'tailShare' | 'alpha' | 'mu' | 'sigma'>,
  x: number,
): number {
  if (x <= 0) return 0;
  const { threshold: u, tailShare: w, alpha, mu, sigma } = fit;
  if (x > u) return 1 - w * (u / x) ** alpha;
  const below = normalCdf((Math.log(u) - mu) / sigma);
  return ((1 - w) * normalCdf((Math.log(x) - mu) / sigma)) / below;
}

/** Quantile of the spliced model, p in (0, 1). */
export function splicedQuantile(
  fit: Pick<SplicedFit, 'threshold' | 'tailShare' | 'alpha' | 'mu' | 'sigma'>,
  p: number,
): number {
  const { threshold: u, tailShare: w, alpha, mu, sigma } = fit;
  if (p > 1 - w) return u * ((1 - p) / w) ** (-1 / alpha);
  const below = normalCdf((Math.log(u) - mu) / sigma);
  const q = Math.min(Math.max((p / (1 - w)) * below, 1e-15), 1 - 1e-15);
  return Math.exp(mu + sigma * normalQuantile(q));
}

/** Kolmogorov–Smirnov distance between sorted data and a CDF. */
export function ksDistance(sorted: Float64Array, cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

function logMoments(sorted: Float64Array, from: number, to: number): { mean: number; sd: number } {
  let s = 0;
  let s2 = 0;
  for (let i = from; i < to; i++) {
    const y = Math.log(sorted[i]);
    s += y;
    s2 += y * y;
  }
  const n = to - from;
  const mean = s / n;
  return { mean, sd: Math.sqrt(Math.max((s2 - n * mean * mean) / (n - 1), 1e-12)) };
}

/**
 * Fits the spliced model to positive amounts (any order; not modified). Null when there
 * are too few amounts for a tail (fewer than 2 × MIN_TAIL / (1 − 0.98)).
 */
export function fitSplicedSeverity(amounts: ArrayLike<number>): SplicedFit | null {
  const sorted = Float64Array.from(amounts)
    .filter((x) => x > 0)
    .sort();
  const n = sorted.length;
  if (n * (1 - CANDIDATES[0]) < MIN_TAIL * 2) return null;
  const whole = logMoments(sorted, 0, n);
  const lognormal = { mu: whole.mean, sigma: whole.sd };
  const ksLognormal = ksDistance(sorted, (x) => normalCdf((Math.log(x) - whole.mean) / whole.sd));
  let best: SplicedFit | null = null;
  for (const q of CANDIDATES) {
    const k = Math.floor(n * q);
    const tail = n - k;
    if (tail < MIN_TAIL || k < MIN_TAIL) continue;
    const u = sorted[k - 1];
    // ties at the threshold go to the body: the tail starts strictly above u
    let first = k;
    while (first < n && sorted[first] <= u) first++;
    const exceed = n - first;
    if (exceed < MIN_TAIL) continue;
    let logSum = 0;
    for (let i = first; i < n; i++) logSum += Math.log(sorted[i] / u);
    const alpha = exceed / logSum;
    const body = logMoments(sorted, 0, first);
    const { mu, sigma } = truncatedNormal(body.mean, body.sd, Math.log(u));
    const candidate = { threshold: u, tailShare: exceed / n, alpha, mu, sigma };
    const ks = ksDistance(sorted, (x) => splicedCdf(candidate, x));
    if (!best || ks < best.ks) best = { n, ...candidate, ks, ksLognormal, lognormal };
  }
  return best;
}

/**
 * Points of a QQ chart: empirical quantiles against the spliced and the lognormal model's
 * at `points` probabilities spread evenly, the top ones denser (where the tail is).
 */
export function qqPoints(
  amounts: ArrayLike<number>,
  fit: SplicedFit,
  points = 120,
): { p: number; data: number; spliced: number; lognormal: number }[] {
  const sorted = Float64Array.from(amounts)
    .filter((x) => x > 0)
    .sort();
  const n = sorted.length;
  const out: { p: number; data: number; spliced: number; lognormal: number }[] = [];
  for (let i = 0; i < points; i++) {
    // probabilities 1 − (1 − t)² spread points towards the top
    const t = (i + 0.5) / points;
    const p = 1 - (1 - t) ** 2;
    const index = Math.min(n - 1, Math.floor(p * n));
    out.push({
      p,
      data: sorted[index],
      spliced: splicedQuantile(fit, (index + 0.5) / n),
      lognormal: Math.exp(
        fit.lognormal.mu + fit.lognormal.sigma * normalQuantile((index + 0.5) / n),
      ),
    });
  }
  return out;
}
