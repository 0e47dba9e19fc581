/**
 * Sensitivity of the loss ratio to each assumption: the calibration's `sensitivity` list
 * says which figures to move and by what factors; each is moved alone, low then high, and
 * the scheme simulated again with the same seed (the same people and, as far as the
 * changed figures allow, the same draws), for the tornado chart.
 */
import { loadCalibration, resolveCalibrationFile } from '../calibration/load';
import type { Overrides } from '../scheme/overrides';
import { resultAt, runVariants, type SchemeRef, type SimulateOptions } from './simulate';

export interface SensitivityRow {
  assumption: string;
  /** expected loss ratio over the projection with the figures × low, × high */
  low: number;
  high: number;
}

export interface SensitivityResult {
  /** expected loss ratio at the calibration as given */
  base: number;
  rows: SensitivityRow[];
}

/** Mean over scenarios of Σ claims / Σ premium over the projection. */
async function expectedLossRatio(scheme: string | SchemeRef, options: SimulateOptions) {
  const { runs, info } = await runVariants([scheme], options);
  const r = resultAt(runs[0], info);
  return (
    r.outcomes.reduce((t, o) => {
      const claims = o.reduce((c, y) => c + y.claims, 0);
      const premium = o.reduce((p, y) => p + y.premium, 0);
      return t + claims / premium;
    }, 0) / r.outcomes.length
  );
}

function scaled(raw: Record<string, unknown>, paths: string[], factor: number): Overrides {
  const out: Overrides = {};
  for (const p of paths) {
    let node: unknown = raw;
    for (const k of p.split('.')) node = (node as Record<string, unknown>)[k];
    out[p] = (node as { value: number }).value * factor;
  }
  return out;
}

export async function sensitivity(
  scheme: string | SchemeRef,
  options: SimulateOptions = {},
  onAssumption?: (name: string, index: number, total: number) => void,
): Promise<SensitivityResult> {
  const file = resolveCalibrationFile(options.calibration ?? 'default');
  const cal = loadCalibration(file, { overrides: options.calibrationOverrides });
  const base = await expectedLossRatio(scheme, options);
  const rows: SensitivityRow[] = [];
  for (const [i, a] of cal.sensitivity.entries()) {
    onAssumption?.(a.name, i, cal.sensitivity.length);
    const at = async (factor: number) =>
      expectedLossRatio(scheme, {
        ...options,
        calibrationOverrides: {
          ...options.calibrationOverrides,
          ...scaled(cal.raw, a.paths, factor),
        },
      });
    rows.push({ assumption: a.name, low: await at(a.low), high: await at(a.high) });
  }
  return { base, rows };
}
