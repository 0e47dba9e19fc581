/**
 * Samplers over a Stream. Each checks its parameters once (errors name the function and
 * the parameter) and returns a closure-free draw function suited to hot loops:
 * `const draw = lognormal(mu, sigma); draw(stream)`.
 */
import type { Stream } from './stream';

function check(fn: string, name: string, value: number, ok: boolean, want: string): void {
  if (!ok || !Number.isFinite(value)) {
    throw new RangeError(`${fn}: ${name} must be ${want}, got ${value}`);
  }
}

export function uniform(min = 0, max = 1): (s: Stream) => number {
  check('uniform', 'max', max, max > min, `greater than min (${min})`);
  const width = max - min;
  return (s) => min + width * s.next();
}

/*
 * Standard normal by the ziggurat method (Marsaglia and Tsang 2000, in Doornik's 2005
 * form): 128 rectangles under the density; one 32-bit draw gives the rectangle (7 bits)
 * and the abscissa (25 bits), and about 99% of draws are accepted at once, with no
 * logarithm or square root. The wedges and the tail (beyond R) are sampled exactly.
 */
const ZIG_LAYERS = 128;
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const zigX = new Float64Array(ZIG_LAYERS + 1);
const zigRatio = new Float64Array(ZIG_LAYERS);
{
  let f = Math.exp(-0.5 * ZIG_R * ZIG_R);
  zigX[0] = ZIG_V / f;
  zigX[1] = ZIG_R;
  zigX[ZIG_LAYERS] = 0;
  for (let i = 2; i < ZIG_LAYERS; i++) {
    zigX[i] = Math.sqrt(-2 * Math.log(ZIG_V / zigX[i - 1] + f));
    f = Math.exp(-0.5 * zigX[i] * zigX[i]);
  }
  for (let i = 0; i < ZIG_LAYERS; i++) zigRatio[i] = zigX[i + 1] / zigX[i];
}
const TWO_POW_MINUS_24 = 2 ** -24;

/** A draw's abscissa: uniform on (−1, 1) from its upper 25 bits, centred in its cell so never 0. */
function abscissa(bits: number): number {
  return ((bits >>> 7) + 0.5) * TWO_POW_MINUS_24 - 1;
}

/** A draw from the normal tail beyond ZIG_R (Marsaglia 1964), with the given sign. */
function normalTail(s: Stream, negative: boolean): number {
  let x: number;
  let y: number;
  do {
    x = Math.log(s.nextOpen()) / ZIG_R;
    y = Math.log(s.nextOpen());
  } while (-2 * y < x * x);
  return negative ? x - ZIG_R : ZIG_R - x;
}

export function standardNormal(s: Stream): number {
  return normalFromBits(s, s.nextUint32());
}

/** The ziggurat's draw whose first 32 bits are `bits`: rectangle (7 bits) and abscissa. */
function normalFromBits(s: Stream, bits: number): number {
  const i = bits & 0x7f;
  const u = abscissa(bits);
  if (Math.abs(u) < zigRatio[i]) return u * zigX[i];
  return normalEdge(s, i, u);
}

/** The rare cases (about 1%): the tail, or a wedge, whose rejection means a fresh draw. */
function normalEdge(s: Stream, i: number, u: number): number {
  if (i === 0) return normalTail(s, u < 0);
  const x = u * zigX[i];
  const f0 = Math.exp(-0.5 * (zigX[i] * zigX[i] - x * x));
  const f1 = Math.exp(-0.5 * (zigX[i + 1] * zigX[i + 1] - x * x));
  if (f1 + s.next() * (f0 - f1) < 1) return x;
  return standardNormal(s);
}

let normalBits = new Uint32Array(0);
let normalEdges = new Uint32Array(0);

/**
 * `n` standard normal draws into `out`, for hot loops: the 32 bits that decide 99% of the
 * draws come from the stream in one batch (Stream.fillUint32), and the rare edge cases are
 * finished after the batch, drawing what more they need from the stream then. So the
 * numbers differ from `n` calls of standardNormal, but are as random and as reproducible.
 * (Finishing the edge cases in a second loop keeps the first one small: with the edge code
 * inlined into it, V8 makes it three times slower.)
 */
export function fillStandardNormal(s: Stream, out: Float64Array, n = out.length): Float64Array {
  if (normalBits.length < n) {
    normalBits = new Uint32Array(Math.max(n, 4096));
    normalEdges = new Uint32Array(normalBits.length);
  }
  const bits = s.fillUint32(normalBits, n);
  const edges = normalEdges;
  let edgeCount = 0;
  for (let k = 0; k < n; k++) {
    const b = bits[k];
    const i = b & 0x7f;
    const u = abscissa(b);
    if (Math.abs(u) < zigRatio[i]) out[k] = u * zigX[i];
    else edges[edgeCount++] = k;
  }
  for (let j = 0; j < edgeCount; j++) {
    const k = edges[j];
    const b = bits[k];
    out[k] = normalEdge(s, b & 0x7f, abscissa(b));
  }
  return out;
}

export function normal(mean = 0, sd = 1): (s: Stream) => number {
  check('normal', 'sd', sd, sd >= 0, 'non-negative');
  return (s) => mean + sd * standardNormal(s);
}

/** Parameters (mu, sigma of the log) of a lognormal with the given mean and coefficient of variation. */
export function lognormalFromMeanCv(mean: number, cv: number): { mu: number; sigma: number } {
  check('lognormalFromMeanCv', 'mean', mean, mean > 0, 'positive');
  check('lognormalFromMeanCv', 'cv', cv, cv >= 0, 'non-negative');
  const sigma2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

export function lognormal(mu: number, sigma: number): (s: Stream) => number {
  check('lognormal', 'sigma', sigma, sigma >= 0, 'non-negative');
  return (s) => Math.exp(mu + sigma * standardNormal(s));
}

/** Gamma(shape, scale) by Marsaglia and Tsang (2000); shape < 1 by the boost u^(1/shape). */
export function gamma(shape: number, scale = 1): (s: Stream) => number {
  check('gamma', 'shape', shape, shape > 0, 'positive');
  check('gamma', 'scale', scale, scale > 0, 'positive');
  const boost = shape < 1;
  const d = (boost ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  return (s) => {
    let x: number;
    let v: number;
    for (;;) {
      do {
        x = standardNormal(s);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = s.nextOpen();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))
        break;
    }
    const g = d * v * scale;
    return boost ? g * s.nextOpen() ** (1 / shape) : g;
  };
}

/**
 * Poisson(lambda): inversion by sequential search for lambda < 30 (one uniform, and for the
 * small rates of medical events usually one comparison), PTRS transformed rejection
 * (Hörmann 1993) above.
 */
export function poisson(lambda: number): (s: Stream) => number {
  check('poisson', 'lambda', lambda, lambda >= 0, 'non-negative');
  if (lambda === 0) return () => 0;
  if (lambda < 30) {
    const p0 = Math.exp(-lambda);
    return (s) => {
      let u = s.next();
      let k = 0;
      let p = p0;
      while (u > p) {
        u -= p;
        k++;
        p *= lambda / k;
        if (p === 0) break;
      }
      return k;
    };
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  return (s) => {
    for (;;) {
      const u = s.next() - 0.5;
      const v = s.nextOpen();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
        -lambda + k * loglam - logFactorial(k)
      ) {
        return k;
      }
    }
  };
}

/** log(k!) by Stirling's series above a small table. */
function logFactorial(k: number): number {
  if (k < 10) {
    let f = 0;
    for (let i = 2; i <= k; i++) f += Math.log(i);
    return f;
  }
  const x = k + 1;
  return (
    (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x)
  );
}

/** Negative binomial with the given mean and dispersion r (variance mean + mean²/r), as gamma–Poisson. */
export function negativeBinomial(mean: number, r: number): (s: Stream) => number {
  check('negativeBinomial', 'mean', mean, mean >= 0, 'non-negative');
  check('negativeBinomial', 'r', r, r > 0, 'positive');
  const rate = gamma(r, mean / r);
  return (s) => {
    const lambda = rate(s);
    return poisson(lambda)(s);
  };
}

/** Pareto (type I) with scale xm and shape alpha: P(X > x) = (xm / x)^alpha for x ≥ xm. */
export function pareto(xm: number, alpha: number): (s: Stream) => number {
  check('pareto', 'xm', xm, xm > 0, 'positive');
  check('pareto', 'alpha', alpha, alpha > 0, 'positive');
  const inv = -1 / alpha;
  return (s) => xm * s.nextOpen() ** inv;
}

/**
 * A lognormal body spliced with a Pareto tail above `threshold`: with probability
 * `tailShare` the draw is Pareto(threshold, alpha), otherwise lognormal(mu, sigma)
 * conditioned below the threshold (by inversion of its truncated CDF).
 */
export function lognormalPareto(
  mu: number,
  sigma: number,
  threshold: number,
  alpha: number,
  tailShare: number,
): (s: Stream) => number {
  check('lognormalPareto', 'sigma', sigma, sigma > 0, 'positive');
  check('lognormalPareto', 'threshold', threshold, threshold > 0, 'positive');
  check('lognormalPareto', 'tailShare', tailShare, tailShare >= 0 && tailShare < 1, 'in [0, 1)');
  const tail = pareto(threshold, alpha);
  const pBelow = normalCdf((Math.log(threshold) - mu) / sigma);
  return (s) => {
    if (s.next() < tailShare) return tail(s);
    const p = s.nextOpen() * pBelow;
    return Math.exp(mu + sigma * normalQuantile(p));
  };
}

/** Categorical over weights (need not sum to 1): returns an index, by a cumulative table. */
export function categorical(weights: ArrayLike<number>): (s: Stream) => number {
  const n = weights.length;
  if (n === 0) throw new RangeError('categorical: weights must not be empty');
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    check('categorical', `weights[${i}]`, weights[i], weights[i] >= 0, 'non-negative');
    sum += weights[i];
    cumulative[i] = sum;
  }
  if (sum <= 0) throw new RangeError('categorical: weights must not all be zero');
  for (let i = 0; i < n; i++) cumulative[i] /= sum;
  cumulative[n - 1] = 1;
  return (s) => {
    const u = s.next();
    let i = 0;
    while (u >= cumulative[i]) i++;
    return i;
  };
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Standard normal quantile (Acklam's rational approximation; relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0 || p >= 1) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}
