/**
 * Property-based fuzz of the override paths (fast-check, a bounded number of cases): for
 * any paths and values, loading gives a scheme or calibration, or a YibaoError that names
 * the field; never another exception, and Object.prototype is never changed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { loadCalibration } from '../../src/calibration/load';
import { YibaoError } from '../../src/errors';
import { loadScheme } from '../../src/scheme/load';
import { type Overrides, parseOverrideList } from '../../src/scheme/overrides';

const RUNS = 300;

/** Segments of real paths, list ids and indexes, the prototype's names, and noise. */
function segment(known: string[]) {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.constantFrom('0', '1', '7', '-1', '1e3', '') },
    {
      weight: 2,
      arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'value'),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  );
}

const path = (known: string[]) =>
  fc.array(segment(known), { minLength: 1, maxLength: 7 }).map((s) => s.join('.'));

const codeValue = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const textValue = fc.oneof(
  fc.constantFrom('5', '0', '-1', '8%', '60%', 'true', 'false', 'abc', '', '1e400', 'NaN', '0x10'),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

const SCHEME_KEYS = [
  'funding',
  'rate',
  'share',
  'amount',
  'fund',
  'contract_years',
  'settlement_periods',
  'admin_share',
  'layers',
  'large_expense',
  'cap',
  'annual_cap',
  'components',
  'bands',
  'from',
  'base',
  'label',
  'en',
  'zh',
  'tier',
  'source',
  'note',
  'members',
  'basic',
  'groups',
  'employee',
  'deductible',
  'id',
  'kind',
  'guard',
  'never_exceed_total',
  'categories',
  'inpatient',
  'mode',
];
const CALIBRATION_KEYS = [
  'population',
  'size',
  'members',
  'employee',
  'male_share',
  'claims',
  'inpatient',
  'cost',
  'mean',
  'cv',
  'frequency',
  'levels',
  'share',
  'scenario',
  'cost_trend',
  'sd',
  'burden',
  'alert_threshold',
  'cost_bands',
  'sensitivity',
  'paths',
  'kind',
  'id',
];

function snapshot() {
  return Object.getOwnPropertyNames(Object.prototype)
    .map((k) => `${k}:${String((Object.prototype as Record<string, unknown>)[k])}`)
    .join('|');
}

/** The contract: a result, or a YibaoError that names a field. */
function holds(load: () => unknown): boolean {
  const before = snapshot();
  try {
    load();
  } catch (e) {
    if (!(e instanceof YibaoError)) throw e;
    assert.ok(e.place.field, `no field named in: ${e.message}`);
  }
  assert.equal(snapshot(), before, 'Object.prototype changed');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  return true;
}

describe('scheme/overrides (fuzz): a result or a YibaoError naming the field', () => {
  test(`loadScheme with overrides from code (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.dictionary(path(SCHEME_KEYS), codeValue, { maxKeys: 3 }), (o) =>
        holds(() => loadScheme('dazhou-2023', { overrides: o as Overrides })),
      ),
      { numRuns: RUNS, seed: 14 },
    );
  });

  test(`--set and --variant text overrides (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(path(SCHEME_KEYS), textValue), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('--set', '--variant'),
        (items, option) =>
          holds(() => {
            const list = items.map(([p, v]) => `${p}=${v}`);
            return loadScheme('guiyang-2023', { overrides: parseOverrideList(list, option) });
          }),
      ),
      { numRuns: RUNS, seed: 15 },
    );
  });

  test(`loadCalibration with overrides (${RUNS / 2} cases)`, () => {
    fc.assert(
      fc.property(fc.dictionary(path(CALIBRATION_KEYS), codeValue, { maxKeys: 3 }), (o) =>
        holds(() => loadCalibration('default', { overrides: o as Overrides })),
      ),
      { numRuns: RUNS / 2, seed: 16 },
    );
  });
});
