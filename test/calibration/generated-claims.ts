/** A year of claims generated from a calibration, written in the adjudicate format (tests). */
import type { Calibration } from '../../src/calibration/model';
import { writeGeneratedClaims } from '../../src/io/write-claims';
import type { Group } from '../../src/model/codes';

/**
 * Only persons with events are written; the insured persons by group are returned for
 * --persons.
 */
export function writeClaims(
  cal: Calibration,
  file: string,
  total: number,
  seed = 20240601,
): Record<Group, number> {
  return writeGeneratedClaims(cal, file, total, { seed, everyone: false }).persons;
}
