/**
 * The fitted figures of a calibration, one by one, with what stands behind each (events,
 * persons, standard error) and what is written for it:
 *
 *   figure ──fewer events than the minimum──▶ refused, or the base's kept (--below-min base)
 *          ──otherwise──▶ credibility Z ──▶ Z · fitted + (1 − Z) · base
 *
 * The dispersion r is weighed on 1/r (the excess of the variance over Poisson), where a
 * blend means something; every other figure on its own scale.
 */
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { blend, type CredibilityStandard, credibilityFactor } from './credibility';

export interface Figure {
  /** path of the figure in the calibration file, e.g. ['claims', 'inpatient', 'frequency', 'employee'] */
  at: (string | number)[];
  fitted: number;
  /** standard error of `fitted`; null where the extract cannot give one */
  se: number | null;
  /** events and persons the figure is fitted from */
  events: number;
  persons: number;
  /** the base calibration's figure; null where the base has none */
  base: number | null;
  /** weigh on 1/value (dispersion) */
  inverse?: boolean;
}

export interface DecidedFigure extends Figure {
  /** credibility factor; 1 where the base has no figure */
  z: number;
  /** what is written; null: the base's figure is kept */
  written: number | null;
  /** fewer events than the minimum */
  thin: boolean;
}

export type BelowMinimum = 'refuse' | 'base';

/** The figure's name as in the file: claims.inpatient.frequency.employee. */
export function figurePath(f: Figure): string {
  return f.at.join('.');
}

/** Credibility for every figure; refuses thin figures unless `belowMinimum` is 'base'. */
export function decideFigures(
  figures: Figure[],
  standard: CredibilityStandard,
  belowMinimum: BelowMinimum,
  file: string,
): DecidedFigure[] {
  const decided = figures.map((f): DecidedFigure => {
    const thin = f.events < standard.minEvents;
    if (thin) return { ...f, z: 0, written: null, thin };
    if (f.base === null) return { ...f, z: 1, written: f.fitted, thin };
    if (f.inverse) {
      const se = f.se === null ? null : f.se / (f.fitted * f.fitted);
      const z = credibilityFactor(1 / f.fitted, se, standard);
      return { ...f, z, written: 1 / blend(1 / f.fitted, 1 / f.base, z), thin };
    }
    const z = credibilityFactor(f.fitted, f.se, standard);
    return { ...f, z, written: blend(f.fitted, f.base, z), thin };
  });
  const thin = decided.filter((d) => d.thin);
  if (thin.length > 0 && belowMinimum === 'refuse') {
    throw new YibaoError(
      msg.calibration.belowMinimum(
        standard.minEvents,
        thin.map((d) => ({ figure: figurePath(d), events: d.events })),
      ),
      { file },
    );
  }
  return decided;
}
