/**
 * Exact money for the exact engine: a decimal.js clone with 40 significant digits.
 *
 * Rounding to the fen is half-up (docs/scheme-format.md). Quantities such as
 * `basic / share` can have non-terminating expansions (÷ 0.9), so a value that is exactly
 * x.xx5 in rational arithmetic may be held as x.xx4999…9; we first round to 20 decimal
 * places (far below the 40-digit precision, far above the fen) to heal such tails, then
 * to the fen.
 */
import Decimal from 'decimal.js';

export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export const ZERO = new D(0);

export function dec(value: number | string | Dec): Dec {
  // claims files are mostly zeros in the excluded and cancer-drug columns
  if (value === '0' || value === 0) return ZERO;
  return value instanceof D ? value : new D(value);
}

/** Round half-up to the fen (0.01 yuan). */
export function roundFen(x: Dec): Dec {
  return x.toDecimalPlaces(20, D.ROUND_HALF_UP).toDecimalPlaces(2, D.ROUND_HALF_UP);
}

export function minD(a: Dec, b: Dec): Dec {
  return a.lessThan(b) ? a : b;
}

export function maxD(a: Dec, b: Dec): Dec {
  return a.greaterThan(b) ? a : b;
}

/** Two decimals, as the CSV output shows money. */
export function fmt(x: Dec): string {
  return x.toFixed(2);
}
