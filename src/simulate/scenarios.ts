/**
 * Scenario risk: per scenario and year, the things that move a whole fund (medical cost
 * trend, utilisation trend and shock, wage growth, membership change, growth of resident
 * per-capita funding), drawn from the calibration's distributions, each from its own
 * stream so the path of a scenario does not depend on how many there are. Year 1 is the
 * base year: its factors are 1 but for the utilisation shock, which applies from year 1.
 * Trends are cumulative; the shock is one year's.
 */
import type { Calibration, MeanSd } from '../calibration/model';
import { standardNormal } from '../random/samplers';
import { createStream } from '../random/stream';

export interface ScenarioYear {
  /** multiplies every event frequency (cumulative utilisation trend × the year's shock) */
  frequency: number;
  /** multiplies every cost (cumulative trend since year 1) */
  cost: number;
  /** multiplies contribution bases (cumulative wage growth) */
  wage: number;
  /** multiplies the number of insured (cumulative membership change) */
  members: number;
  /** multiplies per-capita resident funding (cumulative) */
  perCapita: number;
}

/** paths[s][y]; `deterministic` takes every mean (a single best-estimate path). */
export function scenarioPaths(
  cal: Calibration,
  seed: number,
  scenarios: number,
  years: number,
  deterministic = false,
): ScenarioYear[][] {
  const sc = cal.scenario;
  const paths: ScenarioYear[][] = [];
  for (let s = 0; s < scenarios; s++) {
    const stream = createStream(seed, 'scenario', s);
    const draw = (d: MeanSd) => (deterministic ? d.mean : d.mean + d.sd * standardNormal(stream));
    const path: ScenarioYear[] = [];
    let cost = 1;
    let use = 1;
    let wage = 1;
    let members = 1;
    let perCapita = 1;
    for (let y = 0; y < years; y++) {
      // every draw is made each year, in a fixed order, so the stream stays aligned
      const trend = draw(sc.costTrend);
      const shock = draw(sc.utilisationShock);
      const wageGrowth = draw(sc.wageGrowth);
      const change = draw(sc.membershipChange);
      const funding = draw(sc.perCapitaFundingGrowth);
      const utilisation = draw(sc.utilisationTrend);
      if (y > 0) {
        cost *= 1 + trend;
        use *= 1 + utilisation;
        wage *= 1 + wageGrowth;
        members *= Math.max(1 + change, 0);
        perCapita *= 1 + funding;
      }
      path.push({ frequency: use * Math.exp(shock), cost, wage, members, perCapita });
    }
    paths.push(path);
  }
  return paths;
}
