/**
 * What a calibration and a scheme's basic rules imply for the figures the national
 * medical-insurance statistical bulletins publish, measured on a generated sample:
 *
 *   scheme × calibration ─▶ its insured and their claims in year 1 at the scenario means
 *   (the simulation's own draws, simulate/synthetic.ts) ─▶ exact engine, person by person
 *   ─▶ per group: admission rate (住院率), cost per admission (次均住院费用), and the
 *   basic fund's share of in-catalogue inpatient cost (住院费用目录内基金支付比例), in all
 *   and by hospital level
 *
 * The bulletin's "目录内" cost is the policy-scope cost (`scope`), and its fund share is the
 * basic pooled fund's payment over it. A person's events are settled together, so the
 * annual cap and the deductibles meet inpatient stays as they would in the year.
 */
import { settlePersonYear } from '../engine/settle';
import { CATEGORIES, GROUPS, type Group, type Level, STATUSES } from '../model/codes';
import {
  forEachSyntheticBlock,
  type MeanYearOptions,
  prepareMeanYear,
} from '../simulate/synthetic';

/** The bulletins report 职工医保 (employees in service and retirees) and 居民医保 apart. */
export const BULLETIN_FUNDS: { fund: string; groups: Group[] }[] = [
  { fund: 'employee insurance 职工医保', groups: ['employee', 'retiree'] },
  { fund: 'resident insurance 居民医保', groups: ['resident'] },
];

export interface FundFigures {
  fund: string;
  groups: Group[];
  persons: number;
  admissions: number;
  /** admissions per person-year */
  admissionRate: number;
  /** mean inpatient bill, yuan */
  costPerAdmission: number;
  /** basic fund payment / policy-scope cost of inpatient events */
  fundShare: number;
  /** the same by hospital level 1, 2, 3 (NaN for a level without admissions) */
  fundShareByLevel: [number, number, number];
}

export type PublishedFiguresOptions = MeanYearOptions;

/**
 * Generates `persons` insured of the scheme (id or path; year 1, at the scenario means) and
 * measures the bulletin's inpatient figures per fund (BULLETIN_FUNDS).
 */
export function publishedFigures(scheme: string, options: PublishedFiguresOptions): FundFigures[] {
  const run = prepareMeanYear(scheme, options);
  const settledBy = run.schemes[0];
  const inpatient = CATEGORIES.indexOf('inpatient');
  const G = GROUPS.length;
  const persons = new Float64Array(G);
  const admissions = new Float64Array(G);
  const billed = new Float64Array(G);
  const scope = new Float64Array(G * 4);
  const paid = new Float64Array(G * 4);
  forEachSyntheticBlock(
    run,
    [{ scenario: 0, year: 0 }],
    ({ persons: count, population, claims }) => {
      for (let i = 0; i < count; i++) persons[population.group[i]]++;
      const events = claims.events;
      let e = 0;
      while (e < events.count) {
        const j = events.person[e];
        let end = e;
        let stays = 0;
        while (end < events.count && events.person[end] === j) {
          if (events.category[end] === inpatient) stays++;
          end++;
        }
        if (stays > 0) {
          const row = claims.claimant[j];
          const g = population.group[row];
          const settled = settlePersonYear(settledBy, {
            group: GROUPS[g],
            status: STATUSES[population.status[row]],
            events: Array.from({ length: end - e }, (_, k) => ({
              category: CATEGORIES[events.category[e + k]],
              level: events.level[e + k] as Level,
              total: events.total[e + k],
              scope: events.scope[e + k],
              excluded: events.excluded[e + k],
              cancerDrugOoc: events.cancerDrugOoc[e + k],
            })),
          });
          settled.events.forEach((ledger, k) => {
            if (events.category[e + k] !== inpatient) return;
            const cell = g * 4 + events.level[e + k];
            admissions[g]++;
            billed[g] += events.total[e + k];
            scope[cell] += ledger.scope.toNumber();
            paid[cell] += ledger.basic.toNumber();
          });
        }
        e = end;
      }
    },
  );
  const sum = (from: Float64Array, groups: Group[], level?: number) => {
    let total = 0;
    for (const group of groups) {
      const g = GROUPS.indexOf(group);
      for (let l = 1; l <= 3; l++) if (level === undefined || level === l) total += from[g * 4 + l];
    }
    return total;
  };
  const byGroup = (from: Float64Array, groups: Group[]) =>
    groups.reduce((a, group) => a + from[GROUPS.indexOf(group)], 0);
  return BULLETIN_FUNDS.map(({ fund, groups }) => {
    const covered = groups.filter((g) => settledBy.members.includes(g));
    const n = byGroup(admissions, covered);
    return {
      fund,
      groups: covered,
      persons: byGroup(persons, covered),
      admissions: n,
      admissionRate: n / byGroup(persons, covered),
      costPerAdmission: byGroup(billed, covered) / n,
      fundShare: sum(paid, covered) / sum(scope, covered),
      fundShareByLevel: [1, 2, 3].map((l) => sum(paid, covered, l) / sum(scope, covered, l)) as [
        number,
        number,
        number,
      ],
    };
  }).filter((f) => f.groups.length > 0);
}
