import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCalibration } from '../../src/calibration/load';
import { publishedFigures } from '../../src/calibration/published';
import { PopulationBlock, populationModel } from '../../src/generate/population';
import { GROUPS } from '../../src/model/codes';
import { scenarioPaths } from '../../src/simulate/scenarios';

const PERSONS = 400_000;

type Figure = { value: number };
type Bulletin = {
  admission_rate: Figure;
  cost_per_admission: Figure;
  fund_share: Figure;
  fund_share_by_level: Record<'1' | '2' | '3', Figure>;
};

describe('calibration/published: the defaults reproduce the 2023 national bulletin', () => {
  const cal = loadCalibration('default');
  const published = cal.raw.published as {
    bulletin_2023: { employee: Bulletin; resident: Bulletin };
    tolerance: Figure;
  };
  const tolerance = published.tolerance.value;
  // employees and retirees settle on an employee scheme, residents on a resident scheme
  const cases = [
    { scheme: 'dazhou-2023', bulletin: published.bulletin_2023.employee },
    { scheme: 'guiyang-2023', bulletin: published.bulletin_2023.resident },
  ];
  for (const { scheme, bulletin } of cases) {
    const [f] = publishedFigures(scheme, { persons: PERSONS, seed: 1 });
    test(`${f.fund}: fund share of in-catalogue inpatient cost within ${tolerance * 100} points`, () => {
      assert.ok(
        Math.abs(f.fundShare - bulletin.fund_share.value) <= tolerance,
        `${(f.fundShare * 100).toFixed(2)}% against ${bulletin.fund_share.value * 100}%`,
      );
      for (const level of [1, 2, 3] as const) {
        const got = f.fundShareByLevel[level - 1];
        const want = bulletin.fund_share_by_level[level].value;
        assert.ok(
          Math.abs(got - want) <= tolerance,
          `level ${level}: ${(got * 100).toFixed(2)}% against ${want * 100}%`,
        );
      }
    });
    test(`${f.fund}: admission rate and cost per admission within sampling error`, () => {
      // ~80,000 admissions: the rate's standard error is ~0.4% of it, the mean cost's ~0.6%
      const rate = bulletin.admission_rate.value;
      assert.ok(Math.abs(f.admissionRate / rate - 1) < 0.02, `${f.admissionRate} against ${rate}`);
      const cost = bulletin.cost_per_admission.value;
      assert.ok(
        Math.abs(f.costPerAdmission / cost - 1) < 0.03,
        `${f.costPerAdmission} against ${cost}`,
      );
    });
  }
});

describe('calibration/contribution base: held between 60% and 300% of the average wage', () => {
  test('every employee base lies within the floor and the ceiling, and both bind', () => {
    const cal = loadCalibration('default');
    const { floor, ceiling } = cal.population.contributionBase;
    const wage = (cal.raw.population as { contribution_base: { average_wage: Figure } })
      .contribution_base.average_wage.value;
    assert.equal(floor, 0.6 * wage);
    assert.equal(ceiling, 3 * wage);
    const model = populationModel(cal, ['employee'], { drawAge: false });
    const pop = new PopulationBlock().draw(model, 1, 0, 65536);
    let atFloor = 0;
    let atCeiling = 0;
    for (let i = 0; i < pop.size; i++) {
      assert.equal(GROUPS[pop.group[i]], 'employee');
      const b = pop.baseFen[i] / 100;
      assert.ok(b >= Math.round(floor * 100) / 100 && b <= Math.round(ceiling * 100) / 100, `${b}`);
      if (b === Math.round(floor * 100) / 100) atFloor++;
      if (b === Math.round(ceiling * 100) / 100) atCeiling++;
    }
    // lognormal cv 0.5: P(wage < 0.6 × mean) ≈ 19.9%, P(wage > 3 × mean) ≈ 0.4%
    assert.ok(Math.abs(atFloor / pop.size - 0.199) < 0.01, `${atFloor / pop.size}`);
    assert.ok(atCeiling > 0 && atCeiling / pop.size < 0.01, `${atCeiling}`);
  });
});

describe('simulate/scenarios: the utilisation trend is cumulative', () => {
  test('on the best-estimate path, frequencies grow by the trend each year', () => {
    const cal = loadCalibration('default');
    const [path] = scenarioPaths(cal, 1, 1, 3, true);
    const u = cal.scenario.utilisationTrend.mean;
    const c = cal.scenario.costTrend.mean;
    assert.equal(path[0].frequency, 1);
    assert.ok(Math.abs(path[2].frequency - (1 + u) ** 2) < 1e-12);
    assert.ok(Math.abs(path[2].cost - (1 + c) ** 2) < 1e-12);
  });
});
