/**
 * Sensitivity of the loss ratio to each assumption: the calibration's `sensitivity` list
 * says which figures to move and by what factors; each is moved alone, low then high, and
 * the scheme simulated again with the same seed (the same people and, as far as the
 * changed figures allow, the same draws), for the tornado chart.
 */
import { loadCalibration, resolveCalibrationFile } from '../calibration/load';
import { YibaoError } from '../errors';
import type { Overrides } from '../scheme/overrides';
import { expectedLossRatio } from './metrics';
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

/** The expected loss ratio over the projection (metrics.expectedLossRatio) of one run. */
async function lossRatioOf(scheme: string | SchemeRef, options: SimulateOptions) {
  const { runs, info } = await runVariants([scheme], options);
  const lr = expectedLossRatio(resultAt(runs[0], info).outcomes);
  if (lr === null)
    throw new YibaoError('sensitivity: the premium is 0, so the loss ratio is undefined');
  return lr;
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
  const base = await lossRatioOf(scheme, options);
  const rows: SensitivityRow[] = [];
  for (const [i, a] of cal.sensitivity.entries()) {
    onAssumption?.(a.name, i, cal.sensitivity.length);
    const at = async (factor: number) =>
      lossRatioOf(scheme, {
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
