/** A year of claims generated for tests, written in the adjudicate format. */
import { writeGeneratedClaims } from '../../src/io/write-claims';
import type { Group } from '../../src/model/codes';

/** A scheme covering every group with no pool of its own: the groups weigh as the calibration says. */
const ALL_GROUPS = `${__dirname}/../fixtures/top-up-scheme.yaml`;

/** Writes `total` insured persons' year of claims; returns the insured persons by group, for --persons. */
export function writeClaims(
  calibration: string,
  file: string,
  total: number,
  seed = 20240601,
): Record<Group, number> {
  return writeGeneratedClaims(ALL_GROUPS, file, { calibration, persons: total, seed }).persons;
}
