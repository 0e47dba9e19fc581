/**
 * Rounding half up for the non-negative amounts of the generators' hot loops.
 * `Math.floor(x + 0.5)` equals `Math.round(x)` for x ≥ 0 (but where x + 0.5 itself rounds,
 * within one unit in the last place of a half) and is about twice as fast in V8, whose
 * Math.round takes a slower path for doubles.
 */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}

/**
 * round(share × amount) half-up, exactly, for an amount in whole fen (≥ 0) and a share of at
 * most 8 decimals (rates are kept to 8 decimals): 3% of 150 fen is 4.5 → 5 fen, where
 * `0.03 * 150` in binary floating point may land a hair either side of the half.
 */
export function shareOfFen(share: number, fen: number): number {
  if (!(fen >= 0) || !Number.isInteger(fen) || !(share >= 0))
    throw new RangeError(`shareOfFen: needs a share ≥ 0 and whole fen ≥ 0, got ${share}, ${fen}`);
  const shareE8 = BigInt(Math.round(share * 1e8));
  return Number((shareE8 * BigInt(fen) + 50_000_000n) / 100_000_000n);
}
