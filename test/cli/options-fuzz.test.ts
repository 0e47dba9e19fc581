/**
 * Property-based fuzz of the command-line option parsers (fast-check, a bounded number
 * of cases): whatever is typed, a parser gives a value in range or a YibaoError (exit 2)
 * whose message names the option; a command given anything exits 0 or 2, writes nothing
 * to stdout when it refuses, and prints one line, never a stack trace.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseCommandArgs, wholeOption } from '../../src/cli/args';
import { parsePersons } from '../../src/cli/calibrate';
import { YibaoError } from '../../src/errors';
import { readRate, readShare } from '../../src/fund/units';
import { parseOverrideList } from '../../src/scheme/overrides';
import { runCli } from './run-cli';

const RUNS = 1000;

/** Number-like text: digits, signs, points, exponents, percent, blanks, and any text. */
const numberish = fc.oneof(
  fc.stringMatching(/^[-+ ]?\d{0,20}(\.\d{0,6})?([eE][-+]?\d{1,4})?[ %]{0,2}$/),
  fc.double().map(String),
  fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Either a value, or a YibaoError whose message contains `name`. */
function valueOrRefusal<T>(name: string, parse: () => T, check: (v: T) => void): boolean {
  let value: T;
  try {
    value = parse();
  } catch (e) {
    assert.ok(e instanceof YibaoError, `not a YibaoError: ${e}`);
    assert.equal(e.exitCode, 2);
    assert.ok(e.message.includes(name), `'${name}' not named in: ${e.message}`);
    return true;
  }
  check(value);
  return true;
}

describe('cli option parsers (fuzz): a value in range, or a refusal naming the option', () => {
  test(`whole numbers (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(numberish, fc.integer({ min: 0, max: 2 }), (text, min) =>
        valueOrRefusal(
          '--seed',
          () => wholeOption('seed', text, min),
          (n) => {
            assert.ok(Number.isSafeInteger(n) && n! >= min, `${text} → ${n}`);
            // exact: the value is the number written, not a rounded neighbour
            if (/^\d+$/.test(text.trim())) assert.equal(BigInt(n!), BigInt(text.trim()));
          },
        ),
      ),
      { numRuns: RUNS, seed: 7 },
    );
  });

  test(`rates in each unit (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        numberish,
        fc.constantFrom('payroll_rate', 'pool_share', 'per_head'),
        (text, kind) =>
          valueOrRefusal(
            '--rate',
            () => readRate('--rate', text, kind as 'payroll_rate'),
            (r) => {
              assert.ok(Number.isFinite(r) && r >= 0, `${text} → ${r}`);
              if (kind === 'per_head') assert.ok(!text.includes('%'), `${text} accepted as yuan`);
            },
          ),
      ),
      { numRuns: RUNS, seed: 8 },
    );
  });

  test(`shares (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(numberish, (text) =>
        valueOrRefusal(
          '--target-loss-ratio',
          () => readShare('--target-loss-ratio', text),
          (r) => assert.ok(Number.isFinite(r) && r >= 0),
        ),
      ),
      { numRuns: RUNS, seed: 9 },
    );
  });

  test(`override lists and --persons (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 16 }), { maxLength: 4 }),
        (items) =>
          valueOrRefusal(
            '--set',
            () => parseOverrideList(items),
            (o) => assert.equal(Object.keys(o).length <= items.length, true),
          ),
      ),
      { numRuns: RUNS, seed: 10 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) =>
        valueOrRefusal(
          '--persons',
          () => parsePersons(text),
          (p) => {
            for (const n of Object.values(p)) assert.ok(Number.isSafeInteger(n));
          },
        ),
      ),
      { numRuns: RUNS, seed: 11 },
    );
  });

  test(`argument lists (${RUNS} cases)`, () => {
    const token = fc.oneof(
      fc.constantFrom('--scheme', '--seed', '--json', '--set', '--help', '-h', '--', '-x', '--sed'),
      fc.string({ unit: 'binary', maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), (args) =>
        valueOrRefusal(
          'yibao x --help',
          () =>
            parseCommandArgs('x', args, {
              strings: ['scheme', 'seed'],
              booleans: ['json'],
              lists: ['set'],
            }),
          () => {},
        ),
      ),
      { numRuns: RUNS, seed: 12 },
    );
  });
});

/**
 * Commands on random arguments. The run commands get `--scenarios 0` first, so that no
 * case starts a simulation: each ends in a refusal, or in help.
 */
describe('cli commands (fuzz): exit 0 or 2, one line on refusal, nothing partial', () => {
  const OPTIONS = [
    '--scheme',
    '--set',
    '--rate',
    '--seed',
    '--years',
    '--persons',
    '--workers',
    '--calibration',
    '--variant',
    '--target-loss-ratio',
    '--target-deficit-probability',
    '--force',
    '--json',
    '--deterministic',
    '--format',
    '--person',
    '--help',
    '--sheme',
    '--rat',
  ];
  const VALUES = [
    'dazhou-2023',
    'guiyang-2023',
    'ordos-2018',
    'dazhou2023',
    'default',
    '9',
    '9%',
    '0.32',
    '60%',
    '90',
    '1e400',
    '9007199254740993',
    '-1',
    'funding.rate=0.32',
    'funding.share=8%',
    '__proto__.x=1',
    'constructor.prototype.x=1',
    'layers.0.cap=abc',
    'fund.settlement_periods=7',
    'fund.contract_years=0',
    'basic=nowhere',
    'show',
  ];
  const token = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...OPTIONS) },
    { weight: 3, arbitrary: fc.constantFrom(...VALUES) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
  );
  const command = fc.constantFrom(
    'simulate',
    'price',
    'compare',
    'schemes',
    'explain',
    'adjudicate',
  );

  test('random arguments (200 cases)', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(command, fc.array(token, { maxLength: 8 }), async (name, rest) => {
        const run = ['simulate', 'price', 'compare'].includes(name);
        const args = [name, ...(run ? ['--scenarios', '0'] : []), ...rest];
        const r = await runCli(args);
        assert.ok(r.code === 0 || r.code === 2, `exit ${r.code} for ${JSON.stringify(args)}`);
        if (r.code === 2) {
          assert.equal(r.stdout, '', `partial output for ${JSON.stringify(args)}`);
          assert.match(r.stderr, new RegExp(`^yibao ${name}: [^\\n]+\\n$`), JSON.stringify(args));
        } else {
          assert.ok(rest.includes('--help') || rest.includes('-h') || name === 'schemes');
        }
      }),
      { numRuns: 200, seed: 13 },
    );
  });
});
