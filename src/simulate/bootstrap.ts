/**
 * The Monte Carlo error of an estimate made from the scenarios: the estimate is made again on
 * resamples of the scenarios (drawn with replacement from a stream of the run's seed), and
 * the spread of the answers is its error.
 */
import { createStream } from '../random/stream';

export interface BootstrapError {
  /** standard deviation of the estimates on the resamples */
  standardError: number;
  /** 90% interval of the estimates on the resamples */
  low: number;
  high: number;
}

/**
 * `estimate(sample)` on `resamples` resamples of `scenarios` scenario indexes (repeats
 * allowed), drawn from the stream (`seed`, `name`).
 *
 * @example
 * bootstrapError(1, 'example', 200, (sample) => sample.length).standardError; // 0
 */
export function bootstrapError(
  seed: number,
  name: string,
  scenarios: number,
  estimate: (sample: readonly number[]) => number,
  resamples = 100,
): BootstrapError {
  const stream = createStream(seed, name);
  const values: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const sample = Array.from({ length: scenarios }, () => Math.floor(stream.next() * scenarios));
    values.push(estimate(sample));
  }
  values.sort((a, b) => a - b);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  return {
    standardError: sd,
    low: values[Math.floor(0.05 * (values.length - 1))],
    high: values[Math.ceil(0.95 * (values.length - 1))],
  };
}
