import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCalibration } from '../../src/calibration/load';
import { YibaoError } from '../../src/errors';
import { loadScheme } from '../../src/scheme/load';
import { applyOverrides, type Overrides, parseOverrideList } from '../../src/scheme/overrides';

/** Properties every object inherits: none may change, whatever an override says. */
function prototypeSnapshot() {
  const probe: Record<string, unknown> = {};
  return {
    toString: Object.prototype.toString,
    hasOwnProperty: Object.prototype.hasOwnProperty,
    keys: Object.getOwnPropertyNames(Object.prototype).sort().join(','),
    polluted: probe.polluted,
    name: Object.name,
  };
}

const POLLUTING_PATHS = [
  '__proto__.toString',
  '__proto__.polluted',
  'constructor.prototype.polluted',
  'constructor.name',
  'prototype.polluted',
  'layers.0.__proto__.polluted',
  'layers.large_expense.constructor.prototype.polluted',
  'layers.__proto__.polluted',
  'basic.__proto__.polluted',
  'basic.groups.constructor.prototype.toString',
];

/** Every input that takes an override path, as a function of the overrides. */
const INPUTS: [name: string, apply: (overrides: Overrides) => unknown][] = [
  ['loadScheme(…, { overrides })', (o) => loadScheme('dazhou-2023', { overrides: o })],
  ['--set (parseOverrideList)', (o) => loadScheme('dazhou-2023', { overrides: textual(o) })],
  [
    '--variant (parseOverrideList with its origin)',
    (o) => loadScheme('dazhou-2023', { overrides: textual(o, '--variant') }),
  ],
  ['loadCalibration(…, { overrides })', (o) => loadCalibration('default', { overrides: o })],
  ['applyOverrides on a plain object', (o) => applyOverrides({ a: { value: 1 } }, o, 'x.yaml')],
];

function textual(o: Overrides, option = '--set'): Overrides {
  return parseOverrideList(
    Object.entries(o).map(([k, v]) => `${k}=${v}`),
    option,
  );
}

describe('scheme/overrides: no path reaches the prototype chain', () => {
  for (const [name, apply] of INPUTS) {
    for (const path of POLLUTING_PATHS) {
      test(`${name} refuses '${path}' and Object.prototype is untouched`, () => {
        const before = prototypeSnapshot();
        const e = (() => {
          try {
            apply({ [path]: 'pwned' });
          } catch (err) {
            return err;
          }
          assert.fail('accepted');
        })();
        assert.ok(e instanceof YibaoError, `expected a YibaoError, got ${e}`);
        assert.match(e.message, /'(__proto__|constructor|prototype)' is not a parameter name/);
        // loadScheme hands `basic.…` to the basic-rules file, without the prefix
        assert.ok(e.place.field && path.endsWith(e.place.field), `field ${e.place.field}`);
        assert.deepEqual(prototypeSnapshot(), before);
      });
    }
  }

  test('a file key named like an inherited property is not found through the prototype', () => {
    // `toString` is on every object's prototype but is no field of the file
    assert.throws(
      () => loadScheme('dazhou-2023', { overrides: { 'funding.toString': 1 } }),
      /field 'funding\.toString': cannot override: no parameter 'toString' here/,
    );
    assert.throws(
      () => loadCalibration('default', { overrides: { 'population.hasOwnProperty': 1 } }),
      /no parameter 'hasOwnProperty' here/,
    );
  });
});

describe('scheme/overrides: an overridden figure cites the override', () => {
  test('--set on a figure, or on its value, gives source override (--set …) and keeps the old one in the note', () => {
    for (const item of ['layers.large_expense.cap=5', 'layers.large_expense.cap.value=5']) {
      const scheme = loadScheme('dazhou-2023', { overrides: parseOverrideList([item]) });
      const cap = scheme.layers[0].cap!;
      assert.equal(cap.value, 5);
      assert.equal(cap.source, `override (--set ${item})`);
      assert.equal(cap.note, 'overridden; was 300000 (art. 10)');
    }
  });

  test('an override from code is cited as override', () => {
    const scheme = loadScheme('dazhou-2023', {
      overrides: { 'layers.large_expense.cap.value': 5 },
    });
    assert.equal(scheme.layers[0].cap!.source, 'override');
  });

  test('a calibration figure set by an override cites it', () => {
    const cal = loadCalibration('default', {
      overrides: parseOverrideList(['population.male_share=0.4'], 'sensitivity male_share'),
    });
    const figure = (cal.raw.population as Record<string, { source: string; value: number }>)
      .male_share;
    assert.equal(figure.value, 0.4);
    assert.equal(figure.source, 'override (sensitivity male_share population.male_share=0.4)');
  });

  test('the raw scheme passed in is not changed', () => {
    const raw = { fund: { years: { value: 3, source: 'art. 1' } } };
    const out = applyOverrides(raw, { 'fund.years': 5 }, 'x.yaml');
    assert.equal(raw.fund.years.value, 3);
    assert.equal(out.fund.years.value, 5);
  });
});

describe('scheme/overrides: values are read as the kind the path holds', () => {
  const cases: [given: Overrides, message: RegExp][] = [
    [{ 'layers.large_expense.cap': 'abc' }, /expected a number like 300000 at this path/],
    [
      { 'layers.large_expense.cap': true },
      /expected a number like 300000 at this path, got 'true'/,
    ],
    [{ 'layers.large_expense.cap': Number.POSITIVE_INFINITY }, /expected a number/],
    [{ 'layers.large_expense.cap': Number.NaN }, /expected a number/],
    [
      textual({ 'layers.large_expense.cap': '' }),
      /expected a number like 300000 at this path, got ''/,
    ],
    [textual({ 'layers.large_expense.cap': '1e400' }), /expected a number/],
    [textual({ 'layers.large_expense.cap': 'Infinity' }), /expected a number/],
    [{ 'layers.large_expense.label.en': 5 }, /expected text at this path, got '5'/],
    [{ 'layers.large_expense.label': 'x' }, /expected one of its fields, not a whole block/],
    [{ layers: 1 }, /expected one of its fields/],
    [{ 'layers.9.cap': 1 }, /no item '9' in the list/],
    [{ 'funding.rate.value.x': 1 }, /'x' is not inside a mapping or list/],
    [{ 'layers..cap': 1 }, /the path 'layers\.\.cap' has an empty part/],
    [{ '': 1 }, /the path '' has an empty part/],
    [{ basic: 'nowhere' }, /field 'basic': names no basic-insurance rules file: 'nowhere'/],
  ];
  for (const [given, message] of cases) {
    test(`refuses ${JSON.stringify(given)}`, () => {
      assert.throws(
        () => loadScheme('dazhou-2023', { overrides: given }),
        (e: unknown) =>
          e instanceof YibaoError && message.test(e.message) && e.place.field !== undefined,
      );
    });
  }

  test('text is read as a number, true/false or text by what the path holds', () => {
    const scheme = loadScheme('huangshan-2022', {
      overrides: parseOverrideList([
        'layers.critical_illness.cap=250000',
        'layers.critical_illness.modifiers.0.no_cap=false',
        'layers.critical_illness.label.en=CI',
      ]),
    });
    const layer = scheme.layers[0];
    assert.equal(layer.cap?.value, 250000);
    assert.equal(layer.modifiers[0].noCap, false);
    assert.equal(layer.label.en, 'CI');
  });
});
