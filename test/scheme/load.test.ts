import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { YibaoError } from '../../src/errors';
import { SCHEMES_DIR } from '../../src/paths';
import { listSchemeIds, loadScheme } from '../../src/scheme/load';

const SEED_SCHEMES = [
  'dazhou-2023',
  'guiyang-2023',
  'huangshan-2022',
  'jiaozuo-2022',
  'ordos-2018',
  'province-pool-2024',
];

describe('scheme/load', () => {
  test('the seed schemes (and the assumed provincial pool) are shipped and load', () => {
    assert.deepEqual(listSchemeIds(), SEED_SCHEMES);
    for (const id of SEED_SCHEMES) {
      const scheme = loadScheme(id);
      assert.equal(scheme.id, id);
      assert.ok(scheme.layers.length > 0);
    }
  });

  test('every number in the shipped schemes carries a source', () => {
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) {
        for (const [i, n] of node.entries()) walk(n, `${at}.${i}`);
      } else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (typeof v === 'number' && k !== 'share_level') {
            assert.equal(k, 'value', `${at}.${k} is a bare number`);
            assert.ok((node as { source?: string }).source, `${at} has no source`);
          }
          walk(v, `${at}.${k}`);
        }
      }
    };
    for (const id of SEED_SCHEMES) {
      const s = loadScheme(id);
      walk(s.raw, id);
      walk(s.basic.raw, `${id}.basic`);
    }
  });
});

/** Writes a variant of dazhou-2023.yaml with one edit and expects a located refusal. */
function refusal(edit: (text: string) => string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-scheme-'));
  const file = path.join(dir, 'bad.yaml');
  const original = fs.readFileSync(path.join(SCHEMES_DIR, 'dazhou-2023.yaml'), 'utf8');
  const changed = edit(original).replace(
    'basic: basic-defaults',
    `basic: ${path.join(SCHEMES_DIR, 'basic-defaults.yaml')}`,
  );
  assert.notEqual(changed, original, 'the edit must change the file');
  fs.writeFileSync(file, changed);
  try {
    loadScheme(file);
  } catch (e) {
    assert.ok(e instanceof YibaoError, `expected a YibaoError, got ${e}`);
    assert.equal(e.place.file, file);
    return e;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.fail('the bad file was accepted');
}

describe('scheme/load: bad files are refused with file, line and field', () => {
  const cases: {
    name: string;
    edit: (t: string) => string;
    field: string;
    message: RegExp;
    line?: number;
  }[] = [
    {
      name: 'a rate given as a bare number',
      edit: (t) => t.replace('cap: { value: 300000, source: art. 10 }', 'cap: 300000'),
      field: 'layers.0.cap',
      message: /must be object/,
    },
    {
      name: 'a number without a source',
      edit: (t) => t.replace('cap: { value: 300000, source: art. 10 }', 'cap: { value: 300000 }'),
      field: 'layers.0.cap.source',
      message: /is required/,
    },
    {
      name: 'an unknown category',
      edit: (t) => t.replace('categories: [inpatient,', 'categories: [inpatent,'),
      field: 'layers.0.categories.0',
      message: /must be one of inpatient/,
    },
    {
      name: 'a misspelt field',
      edit: (t) => t.replace('    accumulate: year', '    acumulate: year'),
      field: 'layers.0.acumulate',
      message: /not a known field/,
    },
    {
      name: 'a share above 1',
      edit: (t) =>
        t.replace('rate: { value: 0.75, source: art. 9 }', 'rate: { value: 75, source: art. 9 }'),
      field: 'layers.0.components.0.bands.0.rate.value',
      message: /must be at most 1$/,
    },
    {
      name: 'an amount above 10^12 yuan',
      edit: (t) => t.replace('value: 4000, source: art. 9', 'value: 1e30, source: art. 9'),
      field: 'layers.0.components.0.bands.0.from.value',
      message: /must be at most 1,000,000,000,000 \(10\^12, the largest amount accepted\)/,
    },
    {
      name: 'a negative amount',
      edit: (t) => t.replace('value: 4000, source: art. 9', 'value: -4000, source: art. 9'),
      field: 'layers.0.components.0.bands.0.from.value',
      message: /must be >= 0/,
    },
    {
      name: 'bands that do not rise',
      edit: (t) =>
        t.replace(
          '          - { from: { value: 4000, source: art. 9 }, rate: { value: 0.75, source: art. 9 } }',
          '          - { from: { value: 4000, source: art. 9 }, rate: { value: 0.75, source: art. 9 } }\n          - { from: { value: 3000, source: art. 9 }, rate: { value: 0.8, source: art. 9 } }',
        ),
      field: 'layers.0.components.0.bands.1.from',
      message: /rising/,
    },
    {
      name: 'a base naming an unknown quantity',
      edit: (t) => t.replace('- base: coinsurance', '- base: coinsurence'),
      field: 'layers.0.components.0.base',
      message: /unknown quantity 'coinsurence'/,
    },
    {
      name: 'a base referring to a later or unknown layer',
      edit: (t) => t.replace('- base: coinsurance', '- base: coinsurance - paid(aid)'),
      field: 'layers.0.components.0.base',
      message: /not an earlier layer/,
    },
    {
      name: 'an assumption without a note',
      edit: (t) =>
        t.replace(
          'cap: { value: 300000, source: art. 10 }',
          'cap: { value: 300000, source: assumption }',
        ),
      field: 'layers.0.cap',
      message: /assumption needs a note/,
    },
    {
      name: 'a duplicate key',
      edit: (t) => t.replace('    accumulate: year', '    accumulate: year\n    accumulate: event'),
      field: '',
      message: /not valid YAML/,
    },
    {
      name: 'a missing required section',
      edit: (t) => t.replace(/\nguard:\n {2}never_exceed_total: \{ source: art\. 10 \}\n/, '\n'),
      field: 'guard',
      message: /is required/,
    },
  ];
  for (const c of cases) {
    test(`refuses ${c.name}`, () => {
      const e = refusal(c.edit);
      assert.match(e.message, c.message);
      if (c.field) assert.equal(e.place.field, c.field);
      assert.ok(e.place.line && e.place.line > 0, `no line in: ${e.message}`);
    });
  }

  test('an unknown scheme id lists the known ones', () => {
    assert.throws(
      () => loadScheme('atlantis-2030'),
      /unknown scheme 'atlantis-2030' \(known: .*dazhou-2023/,
    );
  });

  test('an override above the largest amount is refused with the field', () => {
    assert.throws(
      () => loadScheme('dazhou-2023', { overrides: { 'layers.large_expense.cap.value': 1e30 } }),
      /field 'layers\.0\.cap\.value': must be at most 1,000,000,000,000/,
    );
  });

  test('an override of a parameter that does not exist is refused', () => {
    assert.throws(
      () => loadScheme('dazhou-2023', { overrides: { 'layers.large_expense.kap': 1 } }),
      /field 'layers.large_expense.kap': cannot override: no parameter 'kap' here \(did you mean 'cap'\?\)/,
    );
  });
});
