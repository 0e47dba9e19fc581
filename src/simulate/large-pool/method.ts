/**
 * Which method runs (docs/large-pool.md): `mc`, brute force, the reference; `large-pool`,
 * the grid and the normal sum. The rule numbers of the method — when it is refused, when
 * it is the default — are the method's own, not a scheme's, and are printed with the
 * result.
 */
import * as msg from '../../messages';

export type Method = 'mc' | 'large-pool';

/** Below this pool the normal sum is refused: the persons' randomness is too much of the risk. */
export const LEAST_PERSONS = 100_000;
/**
 * Above this skewness, added to a year's claims by the persons' own randomness that the
 * normal sum leaves out, the method is refused.
 */
export const MOST_SKEWNESS = 0.1;
/** The default is large-pool from this pool size … */
export const DEFAULT_FROM_PERSONS = 1_000_000;
/** … when brute force would settle more than this many times the grid's person-years. */
export const DEFAULT_WORK_RATIO = 2;

/** The method of a run of `persons` × `scenarios` × `years` when none is given. */
export function defaultMethod(
  persons: number,
  scenarios: number,
  years: number,
  gridPersonYears: number,
): Method {
  return persons >= DEFAULT_FROM_PERSONS &&
    persons * scenarios * years > DEFAULT_WORK_RATIO * gridPersonYears
    ? 'large-pool'
    : 'mc';
}

/** A year's approximation error of the large-pool method, relative to the mean claims. */
export interface YearError {
  year: number;
  /** largest |biquadratic − bilinear| interpolation of the mean claims over the scenarios */
  interpolation: number;
  /** standard error of the grid's mean claims */
  sampling: number;
  /** that error over the persons' own randomness of one scenario (√N σ) */
  samplingToProcess: number;
  /** the persons' own randomness: its share of the variance of the year's claims */
  processShare: number;
  /** estimated skewness of the persons' own randomness at the pool's size (γ_N) */
  ownSkewness: number;
  /** what it adds to the skewness of the year's claims over the scenarios: γ_N · share^1.5 */
  skewness: number;
}

/** What the result says about its method. */
export interface MethodInfo {
  method: Method;
  /** given by --method (else chosen by size) */
  given: boolean;
  largePool?: {
    /** per year: the utilisation and cost nodes */
    grid: { frequency: number[]; cost: number[] }[];
    replicates: number;
    personsPerReplicate: number;
    personYears: number;
    errors: YearError[];
    seconds: number;
  };
}

const RULE = { persons: DEFAULT_FROM_PERSONS, ratio: DEFAULT_WORK_RATIO };

/**
 * Which method ran, with the rule that chose it, and for large-pool its grid and its error
 * per year: the lines the commands print and the report's methods quote.
 */
export function methodLines(m: MethodInfo): string[] {
  const lines = [msg.method.chosen(m.method, m.given, RULE)];
  const lp = m.largePool;
  if (lp) {
    lines.push(msg.method.grid(lp.replicates, lp.personsPerReplicate, lp.personYears));
    for (const e of lp.errors)
      lines.push(
        msg.method.error(
          e.year,
          e.interpolation,
          e.sampling,
          e.samplingToProcess,
          e.processShare,
          e.skewness,
        ),
      );
  }
  return lines;
}
