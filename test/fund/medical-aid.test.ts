import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  individualContribution,
  medicalAidOf,
  subsidyPerHeadFen,
} from '../../src/fund/medical-aid';
import { STATUSES } from '../../src/model/codes';
import { loadScheme } from '../../src/scheme/load';

const perHead = (overrides = {}, year?: number) => {
  const rules = medicalAidOf(loadScheme('huangshan-2022', { overrides }))!;
  const contribution = individualContribution(rules, year);
  return Object.fromEntries(
    STATUSES.map((s, st) => [s, subsidyPerHeadFen(rules, st, contribution) / 100]),
  );
};

describe('fund/medical-aid: contribution subsidies in yuan a head (part 3(2)2)', () => {
  it('pays 2024 contributions of 400: tekun 400, dibao 360, monitored 200, the other groups nothing', () => {
    assert.deepEqual(perHead(), {
      none: 0,
      tekun: 400,
      dibao: 360,
      monitored: 200,
      relapsed_poverty: 0,
      illness_poverty: 0,
    });
  });

  it('pays 2023 contributions of 380: tekun 380, dibao 342, monitored 190', () => {
    const y2023 = perHead({}, 2023);
    assert.deepEqual([y2023.tekun, y2023.dibao, y2023.monitored], [380, 342, 190]);
  });

  it('takes dibao anywhere in the text’s 80–90%: 85% of 380 is 323', () => {
    assert.equal(perHead({ 'medical_aid.contribution_subsidy.dibao': 0.85 }, 2023).dibao, 323);
  });

  it('refuses a year the scheme does not list', () => {
    const rules = medicalAidOf(loadScheme('huangshan-2022'))!;
    assert.throws(
      () => individualContribution(rules, 2019),
      /no individual contribution for 2019 .*2023, 2024/,
    );
  });

  it('has no rules for a scheme without a medical_aid block', () => {
    assert.equal(medicalAidOf(loadScheme('dazhou-2023')), undefined);
  });
});
