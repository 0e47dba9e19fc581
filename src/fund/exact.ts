/**
 * Exact arithmetic for the ledger. Money is whole fen; the figures that multiply it (rates,
 * shares, scores, limits) are decimals, held exactly as an integer over a power of ten, so
 * that `round(share × premium)` is the decimal product rounded half-up, never a binary
 * float's approximation of it. Products that could pass 2^53 are done in BigInt.
 */
import { YibaoError } from '../errors';

/** A decimal held exactly: `units / scale`, scale a power of ten. */
export interface Exact {
  units: number;
  scale: number;
}

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The decimal a number is written as (its shortest round-trip form: 0.03 is 3/100), exactly.
 * `what` names the figure for the error, e.g. `fund.admin_share`.
 */
export function exactOf(x: number, what: string): Exact {
  if (!Number.isFinite(x) || x < 0)
    throw new YibaoError(`${what} must be a non-negative number, got ${x}`, { field: what });
  const [mantissa, exponentText] = String(x).split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  const exponent = Number(exponentText ?? 0);
  const digits = whole + fraction;
  let decimals = fraction.length - exponent;
  let units = Number(digits);
  if (decimals < 0) {
    units *= 10 ** -decimals;
    decimals = 0;
  }
  if (decimals > 15 || units > SAFE)
    throw new YibaoError(`${what} has more digits than the ledger holds exactly: ${x}`, {
      field: what,
    });
  return { units, scale: 10 ** decimals };
}

/** 1 + x, exactly. */
export function onePlus(x: Exact): Exact {
  return { units: x.units + x.scale, scale: x.scale };
}

/** round half-up of a × b / d, for non-negative integers a, b and a positive integer d. */
export function mulDivRound(a: number, b: number, d: number): number {
  const p = a * b;
  if (p + d <= SAFE) {
    let q = Math.floor(p / d);
    let r = p - q * d;
    // the float quotient may be one off; the integer remainder sets it right
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
    return 2 * r >= d ? q + 1 : q;
  }
  const big = BigInt(a) * BigInt(b);
  const bd = BigInt(d);
  const q = big / bd;
  const r = big - q * bd;
  return Number(2n * r >= bd ? q + 1n : q);
}

/** round half-up of fen × x (fen ≥ 0). */
export function times(fen: number, x: Exact): number {
  return mulDivRound(fen, x.units, x.scale);
}

/** The sign of a × b − c × d, for non-negative integers. */
export function compareProducts(a: number, b: number, c: number, d: number): -1 | 0 | 1 {
  const left = a * b;
  const right = c * d;
  if (left <= SAFE && right <= SAFE) return left < right ? -1 : left > right ? 1 : 0;
  const l = BigInt(a) * BigInt(b);
  const r = BigInt(c) * BigInt(d);
  return l < r ? -1 : l > r ? 1 : 0;
}

/** round half-up of a × b × c / (d × e), for non-negative integers (d, e > 0). */
export function mulMulDivRound(a: number, b: number, c: number, d: number, e: number): number {
  const n = BigInt(a) * BigInt(b) * BigInt(c);
  const m = BigInt(d) * BigInt(e);
  const q = n / m;
  return Number(2n * (n - q * m) >= m ? q + 1n : q);
}

/** A whole number of `decimals`-th parts as text: (1234567, 2) → '12345.67'. */
export function scaledText(n: number, decimals: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(n)).padStart(decimals + 1, '0');
  if (decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
