/**
 * The population generator: persons drawn block by block from the block's own stream, so
 * person i is the same person whatever the number of workers, the scenario or the year
 * (common random numbers). A year's roll-forward ages everyone; growth adds persons at the
 * end (new indices), shrinkage keeps the first ones.
 *
 *   calibration.population × scheme members ─▶ PopulationSampler ─(block stream)─▶ Population
 */
import type { Calibration } from '../calibration/model';
import { GROUPS, type Group } from '../model/codes';
import type { Population } from '../model/columns';
import { roundHalfUp } from '../model/round';
import { categorical, lognormalFromMeanCv, standardNormal } from '../random/samplers';
import { BLOCK_SIZE, createStream, type Stream } from '../random/stream';

export interface PopulationSampler {
  members: Group[];
  countyNames: string[];
  draw: (seed: number, block: number, count: number) => Population;
}

/** The oldest age a person can reach as years roll forward. */
const MAX_AGE = 120;

/** Builds the sampler of one scheme's insured population (groups restricted to `members`). */
export function populationSampler(cal: Calibration, members: Group[]): PopulationSampler {
  const p = cal.population;
  const groupWeights = GROUPS.map((g, i) => (members.includes(g) ? p.members[i] : 0));
  const drawGroup = categorical(groupWeights);
  const drawBand = p.age.map((bands) => categorical(bands.map((b) => b.weight)));
  const drawStatus = p.status.map((shares) =>
    categorical([1 - shares.reduce((a, b) => a + b, 0), ...shares]),
  );
  const drawCounty = categorical(p.counties.map((c) => c.weight));
  const base = lognormalFromMeanCv(p.contributionBase.mean, p.contributionBase.cv);
  const consumption = lognormalFromMeanCv(p.consumption.mean, p.consumption.cv);
  const employee = GROUPS.indexOf('employee');
  const subsistence = p.consumption.subsistence;

  const draw = (seed: number, block: number, count: number): Population => {
    if (count > BLOCK_SIZE) throw new RangeError(`a block holds at most ${BLOCK_SIZE} persons`);
    const s: Stream = createStream(seed, 'population', 0, 0, block);
    const pop: Population = {
      size: count,
      group: new Uint8Array(count),
      status: new Uint8Array(count),
      age: new Uint8Array(count),
      sex: new Uint8Array(count),
      county: new Uint16Array(count),
      countyNames: p.counties.map((c) => c.name),
      base: new Float64Array(count),
      consumption: new Float64Array(count),
      capacityToPay: new Float64Array(count),
    };
    for (let i = 0; i < count; i++) {
      const g = drawGroup(s);
      const band = p.age[g][drawBand[g](s)];
      pop.group[i] = g;
      pop.age[i] = band.from + Math.floor(s.next() * (band.to - band.from + 1));
      pop.sex[i] = s.next() < p.maleShare ? 1 : 0;
      pop.status[i] = drawStatus[g](s);
      pop.county[i] = drawCounty(s);
      // Only employees in service contribute on payroll; the draw is made for everyone so
      // that the stream's position does not depend on the group.
      const wage = Math.exp(base.mu + base.sigma * standardNormal(s));
      // 缴费基数上下限: the base is the wage held between the floor and the ceiling
      const b = Math.min(Math.max(wage, p.contributionBase.floor), p.contributionBase.ceiling);
      pop.base[i] = g === employee ? roundHalfUp(b * 100) / 100 : 0;
      const c = roundHalfUp(
        Math.exp(consumption.mu + consumption.sigma * standardNormal(s)) *
          p.consumption.statusFactor[pop.status[i]],
      );
      pop.consumption[i] = c;
      pop.capacityToPay[i] = Math.max(c - subsistence, 0);
    }
    return pop;
  };
  return { members, countyNames: p.counties.map((c) => c.name), draw };
}

/** The population `years` years on: everyone is older (ages stop at MAX_AGE). */
export function ageBy(pop: Population, years: number): Population {
  if (years === 0) return pop;
  const age = new Uint8Array(pop.size);
  for (let i = 0; i < pop.size; i++) age[i] = Math.min(pop.age[i] + years, MAX_AGE);
  return { ...pop, age };
}
