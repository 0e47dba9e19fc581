/**
 * A generated claims extract in the `adjudicate` format: a year of a scheme's synthetic
 * insured and their events (seeded), for trying `calibrate`, `reprice` and `adjudicate` on
 * a file of a real city's size without a real one. The persons and events are the very
 * draws a simulation of the scheme settles in its first year at the scenario means
 * (simulate/synthetic.ts).
 */
import type { Group } from '../model/codes';
import { type MeanYearOptions, prepareMeanYear, writeSyntheticClaims } from '../simulate/synthetic';

export type GeneratedClaimsOptions = MeanYearOptions;

/**
 * Writes a year of the insured of `scheme` (id or path) and their claims to `file`, a row
 * per event and one with an empty category for an insured person without any; returns the
 * persons by group and the rows written.
 */
export function writeGeneratedClaims(
  scheme: string,
  file: string,
  options: GeneratedClaimsOptions,
): { persons: Record<Group, number>; rows: number } {
  const run = prepareMeanYear(scheme, options);
  const written = writeSyntheticClaims(run, [{ scenario: 0, year: 0 }], file);
  return {
    persons: written.byGroup,
    rows: written.events + written.persons - written.claimants,
  };
}
