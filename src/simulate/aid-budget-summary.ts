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
import { type Spread, spread } from './metrics';
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
  const rules = medicalAidOf(run.scheme);
  const hasAidLayer = run.scheme.layers.some((l) => l.tier === 'aid');
  if (!rules && !hasAidLayer) return undefined;
  const hasList = run.scheme.alerts.some((a) => a.quarterlyList);
  const S = run.agg.length;
  return Array.from({ length: info.years }, (_, y) => {
    const bySubsidy = STATUSES.map(() => 0);
    const benefit: number[] = [];
    const subsidy: number[] = [];
    for (let s = 0; s < S; s++) {
      const a = run.agg[s][y];
      const fen = rules ? subsidiesFen(rules, a.aidBudget, info.paths[s][y].perCapita) : [];
      fen.forEach((f, st) => {
        bySubsidy[st] += f / 100 / S;
      });
      benefit.push(a.aid / 100);
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
            listed: Array.from({ length: QUARTERS }, (_, q) =>
              mean((x) => x.listedForStatus + x.aboveThresholdOnly[q]),
            ),
            forStatus: mean((x) => x.listedForStatus),
            aboveThreshold: Array.from({ length: QUARTERS }, (_, q) =>
              mean((x) => x.aboveThreshold[q]),
            ),
          }
        : undefined,
    };
  });
}

/** Subsidies of one scenario-year by status, fen: residents × the per-head amount. */
function subsidiesFen(rules: MedicalAidRules, sums: AidBudgetSums, growth: number): number[] {
  const contribution = individualContribution(rules) * growth;
  return sums.residentsByStatus.map(
    (heads, st) => heads * subsidyPerHeadFen(rules, st, contribution),
  );
}
