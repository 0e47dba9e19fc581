/**
 * What a medical-aid fund (医疗救助基金) spends in a year besides the aid layers' benefit:
 * part of the individual contribution of aided residents (the scheme's `medical_aid` block;
 * docs/fund-rules.md "Medical aid budget").
 *
 *   aid budget = aid benefit (the scheme's `aid`-tier layers)
 *              + Σ residents of each status × round(subsidy share × individual contribution)
 *
 * Only residents: the subsidy is of the contribution paid to join the resident scheme
 * (参加居民医保的个人缴费); employees pay on payroll and get none.
 */
import { YibaoError } from '../errors';
import { GROUPS, STATUSES, type Status } from '../model/codes';
import { shareOfFen } from '../model/round';
import type { Scheme } from '../scheme/types';

export interface MedicalAidRules {
  source: string;
  /** the resident individual contribution per head, yuan, by calendar year */
  individualContribution: Map<number, number>;
  /** by status index (STATUSES): the share of the contribution the aid fund pays */
  subsidyShare: Float64Array;
  /** index of the group whose contributions are subsidised (GROUPS: resident) */
  subsidisedGroup: number;
}

/** The scheme's medical-aid rules, or undefined when it has no `medical_aid` block. */
export function medicalAidOf(scheme: Scheme): MedicalAidRules | undefined {
  const raw = scheme.raw.medical_aid;
  if (!raw) return undefined;
  const individualContribution = new Map<number, number>();
  for (const [year, p] of Object.entries(raw.individual_contribution))
    individualContribution.set(Number(year), p.value);
  return {
    source: raw.source,
    individualContribution,
    subsidyShare: Float64Array.from(
      STATUSES,
      (status) => raw.contribution_subsidy[status as Status]?.value ?? 0,
    ),
    subsidisedGroup: GROUPS.indexOf('resident'),
  };
}

/**
 * The contribution of `year`, or of the latest year listed when `year` is not given: a
 * projection starts from the latest contribution the scheme file lists.
 */
export function individualContribution(rules: MedicalAidRules, year?: number): number {
  const years = [...rules.individualContribution.keys()].sort((a, b) => a - b);
  const y = year ?? years[years.length - 1];
  const value = rules.individualContribution.get(y);
  if (value === undefined)
    throw new YibaoError(
      `no individual contribution for ${y} in medical_aid.individual_contribution (listed: ${years.join(', ')})`,
    );
  return value;
}

/**
 * What the aid fund pays for one resident of status `st` (index into STATUSES) whose
 * individual contribution is `contribution` yuan: a fixed amount per head (定额资助), in whole
 * fen, rounded half-up.
 */
export function subsidyPerHeadFen(
  rules: MedicalAidRules,
  st: number,
  contribution: number,
): number {
  return shareOfFen(rules.subsidyShare[st], Math.round(contribution * 100));
}
