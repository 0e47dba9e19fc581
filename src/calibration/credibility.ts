/**
 * Limited-fluctuation credibility (docs/calibration.md "Credibility"): how much of a figure
 * fitted from an extract to believe, against the base calibration's figure.
 *
 *   fitted x̂ with standard error se ──Z = min(1, k·|x̂| / (z_p · se))──▶
 *   written = Z · x̂ + (1 − Z) · base
 *
 * Full credibility is reached when the estimate lies within ±k of its value with
 * probability p (z_p the two-sided normal quantile). For a Poisson frequency from n events
 * this is the classical square-root rule Z = √(n / n_F), n_F = (z_p / k)² (1,082 events at
 * p = 90%, k = 5%); for a severity mean it is n_F · cv², as in the textbooks. Writing it with
 * the standard error makes the one rule serve every figure.
 */
import { normalQuantile } from '../random/samplers';

export interface CredibilityStandard {
  /** a figure from fewer events is refused */
  minEvents: number;
  /** probability p that the estimate lies within ±k of its value */
  probability: number;
  /** relative tolerance k */
  tolerance: number;
}

/** The credibility factor Z in [0, 1]; 1 when the figure has no sampling error. */
export function credibilityFactor(
  estimate: number,
  standardError: number | null,
  standard: CredibilityStandard,
): number {
  if (standardError === null || !Number.isFinite(standardError)) return 0;
  if (standardError === 0) return 1;
  const z = normalQuantile((1 + standard.probability) / 2);
  return Math.min(1, (standard.tolerance * Math.abs(estimate)) / (z * standardError));
}

/** Events needed for full credibility of a Poisson frequency, (z_p / k)². */
export function fullCredibilityEvents(standard: CredibilityStandard): number {
  const z = normalQuantile((1 + standard.probability) / 2);
  return (z / standard.tolerance) ** 2;
}

/** Z · fitted + (1 − Z) · base. */
export function blend(fitted: number, base: number, z: number): number {
  return z * fitted + (1 - z) * base;
}
