/**
 * Benefit cuts between a scheme and a variant (what Dazhou art. 14 forbids within a
 * cooperation period): a deductible raised, a payment rate lowered, each with its parameter.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { benefitCuts } from '../../src/scheme/benefit-cuts';
import { loadScheme } from '../../src/scheme/load';
import type { Overrides } from '../../src/scheme/overrides';

const cutsOf = (id: string, overrides: Overrides) =>
  benefitCuts(loadScheme(id), loadScheme(id, { overrides }));

describe('scheme/benefit-cuts', () => {
  test('the same scheme, or a more generous one, cuts nothing', () => {
    assert.deepEqual(cutsOf('dazhou-2023', {}), []);
    assert.deepEqual(
      cutsOf('guiyang-2023', {
        'layers.critical_illness.components.0.bands.0.from': 5000,
        'layers.critical_illness.components.0.bands.2.rate': 0.75,
        'layers.critical_illness.cap': 250000,
      }),
      [],
    );
  });

  test('a raised deductible and a lowered rate, named as --set names them', () => {
    assert.deepEqual(
      cutsOf('dazhou-2023', {
        'layers.large_expense.components.0.bands.0.from': 4500,
        'layers.large_expense.components.1.bands.0.rate': 0.8,
      }),
      [
        {
          parameter: 'layers.large_expense.components.0.bands.0.from',
          kind: 'deductible raised',
          baseline: 4000,
          variant: 4500,
        },
        {
          parameter: 'layers.large_expense.components.1.bands.0.rate',
          kind: 'payment rate lowered',
          baseline: 0.85,
          variant: 0.8,
        },
      ],
    );
  });

  test('a higher-rate band that starts later lowers the rate paid on the costs in between', () => {
    // Guiyang: 60% from 7,000, 65% from 60,000; moving 60,000 to 70,000 pays 60–70k at 60%
    assert.deepEqual(
      cutsOf('guiyang-2023', { 'layers.critical_illness.components.0.bands.1.from': 70000 }),
      [
        {
          parameter: 'layers.critical_illness.components.0.bands.1.from',
          kind: 'payment rate lowered',
          baseline: 60000,
          variant: 70000,
        },
      ],
    );
  });

  test('a tilt made smaller: its rate add lowered, its own deductible raised', () => {
    assert.deepEqual(
      cutsOf('huangshan-2022', {
        'layers.critical_illness.modifiers.0.rate_add': 0.02,
        'layers.critical_illness.modifiers.0.deductible': 10000,
      }),
      [
        {
          parameter: 'layers.critical_illness.modifiers.0.rate_add',
          kind: 'payment rate lowered',
          baseline: 0.05,
          variant: 0.02,
        },
        {
          parameter: 'layers.critical_illness.modifiers.0.deductible',
          kind: 'deductible raised',
          baseline: 7500,
          variant: 10000,
        },
      ],
    );
  });
});
