/**
 * Workload files (bench/workloads/*.yaml): a fixed synthetic population and claims model
 * with a scheme, defined exactly so that speed and results can be compared with other
 * tools on identical work. See bench/workloads/README.md for the format.
 */
import * as path from 'node:path';
import { YibaoError } from '../errors';
import { readYamlFile } from '../io/yaml-file';
import { CATEGORIES, type Category, GROUPS, type Group } from '../model/codes';

export interface WorkloadClaims {
  category: Category;
  level: 1 | 2 | 3;
  /** Poisson mean events per person-year */
  frequency: number;
  /** lognormal cost per event */
  costMean: number;
  costCv: number;
  /** share of the cost inside the policy scope */
  scopeShare: number;
}

export interface Workload {
  id: string;
  file: string;
  description: string;
  /** scheme id or path, and overrides (e.g. its `basic` file) */
  scheme: string;
  schemeOverrides: Record<string, string | number>;
  group: Group;
  /** contribution base (lognormal), yuan; absent for per-head premiums */
  base?: { mean: number; cv: number };
  premium: { kind: 'payroll_rate'; rate: number } | { kind: 'per_head'; amount: number };
  /** the layer whose total and loss ratio the benchmark reports */
  layer: string;
  claims: WorkloadClaims[];
}

export function loadWorkload(file: string): Workload {
  const yaml = readYamlFile<Record<string, unknown>>(file, 'workload');
  const fail = (field: string, why: string): never => {
    throw new YibaoError(why, { file, field, line: yaml.lineOf(field.split('.')) });
  };
  const raw = yaml.raw;
  if (!raw || typeof raw !== 'object') fail('', 'must be a mapping of the workload fields');
  const num = (value: unknown, field: string, min = 0): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
      fail(field, `must be a number ≥ ${min}`);
    return value as number;
  };
  const obj = (value: unknown, field: string): Record<string, unknown> => {
    if (!value || typeof value !== 'object') fail(field, 'must be a mapping');
    return value as Record<string, unknown>;
  };
  const population = obj(raw.population, 'population');
  const group = population.group as Group;
  if (!GROUPS.includes(group)) fail('population.group', `must be one of ${GROUPS.join(', ')}`);
  const premium = obj(raw.premium, 'premium');
  const baseRaw = population.contribution_base as Record<string, unknown> | undefined;
  const claimsRaw = raw.claims;
  if (!Array.isArray(claimsRaw) || claimsRaw.length === 0)
    fail('claims', 'must be a non-empty list');
  const schemeRaw = obj(raw.scheme, 'scheme');
  const overrides = { ...((schemeRaw.overrides as Record<string, string | number>) ?? {}) };
  // a basic-rules file given by path is relative to the workload file
  if (typeof overrides.basic === 'string')
    overrides.basic = path.resolve(path.dirname(file), overrides.basic);
  return {
    id: String(raw.id),
    file,
    description: String(raw.description ?? ''),
    scheme: String(schemeRaw.id),
    schemeOverrides: overrides,
    group,
    base: baseRaw
      ? {
          mean: num(baseRaw.mean, 'population.contribution_base.mean', 1),
          cv: num(baseRaw.cv, 'population.contribution_base.cv'),
        }
      : undefined,
    premium:
      premium.kind === 'payroll_rate'
        ? { kind: 'payroll_rate', rate: num(premium.rate, 'premium.rate') }
        : premium.kind === 'per_head'
          ? { kind: 'per_head', amount: num(premium.amount, 'premium.amount') }
          : fail('premium.kind', 'must be payroll_rate or per_head'),
    layer: String(raw.layer),
    claims: (claimsRaw as Record<string, unknown>[]).map((c, i) => {
      const at = `claims.${i}`;
      const category = c.category as Category;
      if (!CATEGORIES.includes(category))
        fail(`${at}.category`, `must be one of ${CATEGORIES.join(', ')}`);
      const level = c.level as 1 | 2 | 3;
      if (level !== 1 && level !== 2 && level !== 3) fail(`${at}.level`, 'must be 1, 2 or 3');
      const frequency = obj(c.frequency, `${at}.frequency`);
      const cost = obj(c.cost, `${at}.cost`);
      if (frequency.distribution !== 'poisson')
        fail(`${at}.frequency.distribution`, 'must be poisson');
      if (cost.distribution !== 'lognormal') fail(`${at}.cost.distribution`, 'must be lognormal');
      return {
        category,
        level,
        frequency: num(frequency.mean, `${at}.frequency.mean`),
        costMean: num(cost.mean, `${at}.cost.mean`, 1e-9),
        costCv: num(cost.cv, `${at}.cost.cv`),
        scopeShare: num(c.scope_share ?? 1, `${at}.scope_share`),
      };
    }),
  };
}
