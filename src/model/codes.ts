/**
 * The closed vocabularies of the claims data (docs/scheme-format.md). Columns store the
 * index of a code in these lists (a Uint8Array), never the string.
 */

export const CATEGORIES = [
  'inpatient',
  'special_outpatient',
  'general_outpatient',
  'single_payment_drug',
  'high_value_drug',
  'dialysis',
  'chemo_radiotherapy',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const GROUPS = ['employee', 'retiree', 'resident'] as const;
export type Group = (typeof GROUPS)[number];

/**
 * Assisted statuses: the medical-aid groups of the Huangshan plan, part 3(1)3. `tekun`
 * 特困人员, `dibao` 低保对象, `monitored` 防止返贫监测对象, `relapsed_poverty` 返贫致贫人口
 * (fallen back into, or newly into, poverty), `illness_poverty` 因病致贫重病患者 (severely ill
 * persons whose household fell into hardship through medical bills). `none`: no status.
 */
export const STATUSES = [
  'none',
  'tekun',
  'dibao',
  'monitored',
  'relapsed_poverty',
  'illness_poverty',
] as const;
export type Status = (typeof STATUSES)[number];

export const LEVELS = [1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];

export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];

/** Index of a code in its list, or -1 when unknown. */
export function codeIndex<T extends string | number>(list: readonly T[], value: T): number {
  return list.indexOf(value);
}
