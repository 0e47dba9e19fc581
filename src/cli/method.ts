/**
 * `--method mc|large-pool` of the Monte Carlo commands (docs/large-pool.md): the option,
 * and the lines that say which method ran, its grid and its estimated error.
 */

import {
  DEFAULT_FROM_PERSONS,
  DEFAULT_WORK_RATIO,
  LEAST_PERSONS,
  type MethodInfo,
  methodLines,
} from '../simulate/large-pool/method';
import type { MethodOptions } from '../simulate/large-pool/run';
import type { RunInfo } from '../simulate/simulate';
import { choiceOption } from './args';

export const METHOD_HELP = `  --method       mc (brute force: every person in every scenario) or large-pool (a grid
                 of scenario factors settled once, each scenario a normal sum; see
                 docs/large-pool.md); default by size: large-pool for a pool of at least
                 ${DEFAULT_FROM_PERSONS.toLocaleString('en')} insured when brute force would settle more than ${DEFAULT_WORK_RATIO} times
                 the grid's person-years`;

/** `--method`, or `auto` (by size) when not given. */
export function methodOption(text: string | undefined): NonNullable<MethodOptions['method']> {
  return choiceOption('method', ['mc', 'large-pool'] as const, text) ?? 'auto';
}

/**
 * Which method ran and, for large-pool, its grid and error per year: lines of the result.
 * Brute force chosen by size says so on stderr instead (`methodNote`), so that the
 * result of an ordinary run reads as it did before there was a choice.
 */
export function methodText(m: MethodInfo | undefined): string {
  if (!m || (m.method === 'mc' && !m.given)) return '';
  const [chosen, ...details] = methodLines(m);
  return `${[chosen, ...details.map((l) => `  ${l}`)].join('\n')}\n`;
}

/**
 * For stderr: brute force chosen by size, with the rule that chose it — for a pool large
 * enough that large-pool was open to it (LEAST_PERSONS); '' otherwise, so that a small run
 * says nothing it need not.
 */
export function methodNote(label: string, info: Pick<RunInfo, 'method' | 'persons'>): string {
  const m = info.method;
  if (m?.method !== 'mc' || m.given || info.persons < LEAST_PERSONS) return '';
  return `${label}: ${methodLines(m)[0]}\n`;
}
