/**
 * The medical-aid fund's year in a simulation, over the scenarios: its spending (aid benefit
 * + contribution subsidies, in yuan) and the persons on its quarterly alert list, from the
 * block sums of ./aid-budget.ts (docs/fund-rules.md "Medical aid budget").
 *
 *   per scenario and year: subsidy = Σ residents of each status × the per-head subsidy;
 *     benefit = what the aid layers paid ─▶ spreads and means over the scenarios
 */
import {
  individualContribution,
  type MedicalAidRules,
  medicalAidOf,
  subsidyPerHeadFen,
} from '../fund/medical-aid';
import { STATUSES, type Status } from '../model/codes';
import { type AidBudgetSums, QUARTERS } from './aid-budget';
import { type Spread, type Summary, spread } from './metrics';
import type { RunInfo, VariantRun } from './simulate';

export interface AidBudgetYear {
  /** what the aid layers paid, yuan */
  benefit: Spread;
  /** contribution subsidies, yuan */
  subsidy: Spread;
  /** benefit + subsidy: the aid fund's spending of the year */
  total: Spread;
  /** mean subsidy by status, yuan */
  subsidyByStatus: Partial<Record<Status, number>>;
  /** mean persons on the quarterly list (when the scheme has one) */
  quarterlyList?: {
    /** by quarter: everyone listed */
    listed: number[];
    /** listed for their status */
    forStatus: number;
    /** by quarter: out-of-pocket so far this year above the threshold (any status) */
    aboveThreshold: number[];
  };
}

/**
 * The aid fund's spending per year, over the scenarios; undefined when the scheme has
 * neither aid layers nor a `medical_aid` block. The individual contribution of year 1 is the
 * latest the scheme lists; it grows with the scenario's per-capita resident funding.
 */
export function aidBudgetYears(run: VariantRun, info: RunInfo): AidBudgetYear[] | undefined {
  if (!hasAidBudget(run)) return undefined;
  const rules = medicalAidOf(run.scheme);
  const hasList = run.scheme.alerts.some((a) => a.quarterlyList);
  const S = run.agg.length;
  return Array.from({ length: info.years }, (_, y) => {
    const bySubsidy = STATUSES.map(() => 0);
    const benefit: number[] = [];
    const subsidy: number[] = [];
    for (let s = 0; s < S; s++) {
      const fen = subsidiesFen(rules, run, info, s, y);
      fen.forEach((f, st) => {
        bySubsidy[st] += f / 100 / S;
      });
      benefit.push(run.agg[s][y].aid / 100);
      subsidy.push(fen.reduce((t, f) => t + f, 0) / 100);
    }
    const mean = (f: (x: AidBudgetSums) => number) =>
      run.agg.reduce((t, years) => t + f(years[y].aidBudget), 0) / S;
    return {
      benefit: spread(benefit),
      subsidy: spread(subsidy),
      total: spread(benefit.map((b, s) => b + subsidy[s])),
      subsidyByStatus: Object.fromEntries(
        STATUSES.flatMap((st, i) => (rules?.subsidyShare[i] ? [[st, bySubsidy[i]]] : [])),
      ),
      quarterlyList: hasList
        ? {
            listed: Array.from({ length: QUARTERS }, (_, q) => mean((x) => listedIn(x, q))),
            forStatus: mean((x) => x.listedForStatus),
            aboveThreshold: Array.from({ length: QUARTERS }, (_, q) =>
              mean((x) => x.aboveThreshold[q]),
            ),
          }
        : undefined,
    };
  });
}

function hasAidBudget(run: VariantRun): boolean {
  return (
    run.scheme.raw.medical_aid !== undefined || run.scheme.layers.some((l) => l.tier === 'aid')
  );
}

/** Persons on the list in quarter q (0–3): listed for their status, or above the threshold. */
function listedIn(sums: AidBudgetSums, q: number): number {
  return sums.listedForStatus + sums.aboveThresholdOnly[q];
}

/** Subsidies of one scenario-year by status, fen: residents × the per-head amount. */
function subsidiesFen(
  rules: MedicalAidRules | undefined,
  run: VariantRun,
  info: RunInfo,
  s: number,
  y: number,
): number[] {
  if (!rules) return [];
  const contribution = individualContribution(rules) * info.paths[s][y].perCapita;
  return run.agg[s][y].aidBudget.residentsByStatus.map(
    (heads, st) => heads * subsidyPerHeadFen(rules, st, contribution),
  );
}

// ---------------------------------------------------------------- tables

/** Columns of scenarios.csv for one scenario-year (none when the scheme has no aid budget). */
export function aidBudgetScenarioColumns(
  run: VariantRun,
  info: RunInfo,
  s: number,
  y: number,
): Record<string, number> {
  if (!hasAidBudget(run)) return {};
  const subsidy = subsidiesFen(medicalAidOf(run.scheme), run, info, s, y).reduce(
    (t, f) => t + f,
    0,
  );
  const sums = run.agg[s][y].aidBudget;
  const list = run.scheme.alerts.some((a) => a.quarterlyList)
    ? Object.fromEntries(
        Array.from({ length: QUARTERS }, (_, q) => [`alert_list_q${q + 1}`, listedIn(sums, q)]),
      )
    : {};
  return {
    aid_subsidy: subsidy / 100,
    aid_budget: (run.agg[s][y].aid + subsidy) / 100,
    ...list,
  };
}

/** The report's table of the aid fund, one row per year (none without an aid budget). */
export function aidBudgetReportRows(s: Summary): Record<string, number>[] {
  return s.years.flatMap((y) => {
    const m = y.medicalAid;
    if (!m) return [];
    return [
      {
        year: y.year,
        'aid benefit mean 救助待遇': Math.round(m.benefit.mean),
        'subsidies mean 参保资助': Math.round(m.subsidy.mean),
        ...Object.fromEntries(
          Object.entries(m.subsidyByStatus).map(([st, v]) => [`  of which ${st}`, Math.round(v)]),
        ),
        'aid budget mean 救助支出合计': Math.round(m.total.mean),
        'aid budget p05': Math.round(m.total.p05),
        'aid budget p95': Math.round(m.total.p95),
        ...(m.quarterlyList
          ? {
              'listed for status 特困低保': Math.round(m.quarterlyList.forStatus),
              ...Object.fromEntries(
                m.quarterlyList.listed.map((n, q) => [`list Q${q + 1} 季度名单`, Math.round(n)]),
              ),
            }
          : {}),
      },
    ];
  });
}
