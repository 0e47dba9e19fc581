import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SCHEMES_DIR } from '../../src/paths';
import { aliasBombYaml } from '../io/alias-bomb';
import { runCli, tempFile } from './run-cli';

const SMALL = ['--scenarios', '4', '--persons', '1000', '--years', '1', '--workers', '1'];
const CLAIMS = path.join(__dirname, '..', '..', 'examples', 'claims-worked-examples.csv');

function aliasBomb(): string {
  return tempFile('bomb.yaml', aliasBombYaml(12));
}
function binaryFile(): string {
  const file = tempFile('binary.yaml', '');
  // escape sequences and NUL among the bytes: none may reach the terminal
  fs.writeFileSync(file, Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0x00, 0xff, 0x07, 0x9b, 0x41]));
  return file;
}
function utf16File(): string {
  const text = fs.readFileSync(path.join(SCHEMES_DIR, 'dazhou-2023.yaml'), 'utf8');
  const file = tempFile('utf16.yaml', '');
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  return file;
}
/** dazhou-2023.yaml with its payroll rate written 0.32 (32%) instead of 0.0032. */
function schemeWithRate32(): string {
  const text = fs
    .readFileSync(path.join(SCHEMES_DIR, 'dazhou-2023.yaml'), 'utf8')
    .replace('rate: { value: 0.0032,', 'rate: { value: 0.32,')
    .replace('basic: basic-defaults', `basic: ${path.join(SCHEMES_DIR, 'basic-defaults.yaml')}`);
  return tempFile('rate32.yaml', text);
}
function latin1File(): string {
  const file = tempFile('latin1.yaml', '');
  fs.writeFileSync(file, Buffer.from('id: caf\xe9\nkind: scheme\n', 'latin1'));
  return file;
}

/**
 * The contract for bad input: exit status 2, nothing on stdout, one line on stderr that
 * starts with the command and matches `message`, no stack trace, no raw control bytes.
 */
async function refused(args: string[], message: RegExp) {
  const r = await runCli(args);
  assert.equal(r.code, 2, `exit status for ${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, message);
  assert.match(r.stderr, new RegExp(`^yibao ${args[0]}: [^\\n]*\\n$`), 'one line');
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test is that there are none
  assert.doesNotMatch(r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, 'no raw bytes');
}

type Case = [what: string, args: () => string[], message: RegExp];

const TABLES: Record<string, Case[]> = {
  simulate: [
    [
      'a pool share given as a bare 9 (900% of the pool)',
      () => ['simulate', '--scheme', 'guiyang-2023', '--rate', '9'],
      /--rate 9 is 900% \(share of the resident pool\), outside the plausible range 0%–30% .*; for 9 percent write 9%, or add --force to run anyway/,
    ],
    [
      'a payroll rate given as 0.32 (32% of payroll)',
      () => ['simulate', '--scheme', 'dazhou-2023', '--rate', '0.32'],
      /--rate 0\.32 is 32% \(share of the contribution base\), outside the plausible range 0%–5%/,
    ],
    [
      'a per-head rate given as a percentage',
      () => ['simulate', '--scheme', 'ordos-2018', '--rate', '60%'],
      /--rate is in yuan per head per year, not a percentage: write the amount \(e\.g\. 60\)/,
    ],
    [
      'a per-head rate above 1,000 yuan',
      () => ['simulate', '--scheme', 'ordos-2018', '--rate', '6000'],
      /--rate 6000 is 6,000 \(yuan per head per year\), outside the plausible range 0–1,000/,
    ],
    [
      'a rate that is not a number',
      () => ['simulate', '--scheme', 'ordos-2018', '--rate', '0x10'],
      /--rate must be a number like 60, got '0x10'/,
    ],
    [
      'an override setting an implausible rate',
      () => ['simulate', '--scheme', 'dazhou-2023', '--set', 'funding.rate=0.32'],
      /--set funding\.rate=0\.32 is 32% .*; for 0\.32 percent write 0\.32%/,
    ],
    [
      "a scheme file's own implausible rate",
      () => ['simulate', '--scheme', schemeWithRate32()],
      /funding\.rate of .*rate32\.yaml is 32% \(share of the contribution base\), outside the plausible range 0%–5%/,
    ],
    [
      'an override of a per-head rate in percent',
      () => ['simulate', '--scheme', 'ordos-2018', '--set', 'funding.amount=60%'],
      /field 'funding\.amount': funding\.amount is in yuan per head per year, not a percentage/,
    ],
    [
      'a seed beyond 2^53 − 1, which would alias its neighbour',
      () => ['simulate', '--scheme', 'ordos-2018', '--seed', '9007199254740993'],
      /--seed '9007199254740993' is beyond 2\^53 − 1 = 9007199254740991/,
    ],
    [
      'a seed that is not a whole number',
      () => ['simulate', '--scheme', 'ordos-2018', '--seed', '4503599627370495.5'],
      /--seed must be a whole number ≥ 0, got '4503599627370495\.5'/,
    ],
    [
      'a person count beyond 2^53 − 1',
      () => ['simulate', '--scheme', 'ordos-2018', '--persons', '1e16'],
      /--persons '1e16' is beyond 2\^53 − 1/,
    ],
    ...['0', '7', '0.5', '1e6'].map(
      (n): Case => [
        `settlement_periods ${n}`,
        () => ['simulate', '--scheme', 'dazhou-2023', '--set', `fund.settlement_periods=${n}`],
        /dazhou-2023\.yaml:\d+: field 'fund\.settlement_periods\.value': must be one of 1, 2, 4, 12/,
      ],
    ),
    [
      'contract_years 0, naming the field',
      () => ['simulate', '--scheme', 'dazhou-2023', '--set', 'fund.contract_years=0'],
      /field 'fund\.contract_years\.value': must be a whole number of years, at least 1, got 0 \[override \(--set fund\.contract_years=0\)\]/,
    ],
    [
      'text where a figure is expected, saying what is expected',
      () => ['simulate', '--scheme', 'dazhou-2023', '--set', 'layers.large_expense.cap=abc'],
      /field 'layers\.large_expense\.cap': cannot override: expected a number like 300000 at this path, got 'abc' \(--set layers\.large_expense\.cap=abc\)/,
    ],
    [
      'a value for a whole block',
      () => ['simulate', '--scheme', 'dazhou-2023', '--set', 'layers.large_expense=5'],
      /cannot override: expected one of its fields, not a whole block \(write id, label, tier, source, … below it\)/,
    ],
    [
      'a true/false field given a number',
      () => ['simulate', '--scheme', 'huangshan-2022', '--set', 'layers.0.modifiers.0.no_cap=2'],
      /cannot override: expected true or false at this path, got '2'/,
    ],
    [
      'a mistyped parameter, with a suggestion',
      () => ['simulate', '--scheme', 'dazhou-2023', '--set', 'layers.large_expense.kap=5'],
      /no parameter 'kap' here \(did you mean 'cap'\?\)/,
    ],
    [
      'an item that is not in the list',
      () => ['simulate', '--scheme', 'dazhou-2023', '--set', 'layers.critical.cap=5'],
      /no item 'critical' in the list \(ids: large_expense; or an index from 0\)/,
    ],
    ...['__proto__', 'constructor', 'prototype'].map(
      (segment): Case => [
        `an override path through '${segment}'`,
        () => ['simulate', '--scheme', 'dazhou-2023', '--set', `${segment}.hasOwnProperty=1`],
        new RegExp(`'${segment}' is not a parameter name; override paths cannot reach`),
      ],
    ),
    [
      'an override path through __proto__ deeper down',
      () => ['simulate', '--scheme', 'dazhou-2023', '--set', 'layers.0.__proto__.polluted=1'],
      /'__proto__' is not a parameter name/,
    ],
    [
      'an override without =',
      () => ['simulate', '--scheme', 'dazhou-2023', '--set', 'funding.rate'],
      /field '--set': override 'funding\.rate' is not of the form path=value/,
    ],
    [
      'a mistyped option, with a suggestion',
      () => ['simulate', '--sheme', 'dazhou-2023'],
      /unknown option '--sheme' \(did you mean '--scheme'\?\)/,
    ],
    [
      "another command's option (not silently ignored)",
      () => ['simulate', '--scheme', 'dazhou-2023', '--target-loss-ratio', '0.9'],
      /unknown option '--target-loss-ratio'/,
    ],
    [
      'a mistyped scheme id, with a suggestion',
      () => ['simulate', '--scheme', 'dazhou2023'],
      /unknown scheme 'dazhou2023' \(did you mean 'dazhou-2023'\?\) \(known: dazhou-2023, guiyang-2023, huangshan-2022, jiaozuo-2022, ordos-2018, province-pool-2024;/,
    ],
    [
      'a mistyped calibration id, with a suggestion',
      () => ['simulate', '--scheme', 'dazhou-2023', '--calibration', 'defualt'],
      /unknown calibration 'defualt' \(did you mean 'default'\?\)/,
    ],
    [
      'a YAML alias bomb as --scheme',
      () => ['simulate', '--scheme', aliasBomb()],
      /bomb\.yaml: not accepted: its aliases \(\*name\) expand to more than/,
    ],
    [
      'a YAML alias bomb as --calibration',
      () => ['simulate', '--scheme', 'dazhou-2023', '--calibration', aliasBomb()],
      /bomb\.yaml: not accepted: its aliases/,
    ],
    [
      'a binary --scheme, without echoing its bytes',
      () => ['simulate', '--scheme', binaryFile()],
      /binary\.yaml: is binary \(it holds NUL bytes\), not a YAML scheme file/,
    ],
    [
      'a UTF-16 --scheme',
      () => ['simulate', '--scheme', utf16File()],
      /utf16\.yaml: is UTF-16 text; save the scheme file as UTF-8/,
    ],
    [
      'a UTF-16 --calibration',
      () => ['simulate', '--scheme', 'dazhou-2023', '--calibration', utf16File()],
      /utf16\.yaml: is UTF-16 text; save the calibration file as UTF-8/,
    ],
    [
      'a Latin-1 --scheme, naming the offset of the first bad byte',
      () => ['simulate', '--scheme', latin1File()],
      /latin1\.yaml: is not UTF-8 text \(a byte at offset 7 is not UTF-8\)/,
    ],
    [
      'an escape sequence in an override path, escaped',
      () => ['simulate', '--scheme', 'dazhou-2023', '--set', '\u001b[2Jx=1'],
      /no parameter '\\u001b\[2Jx' here/,
    ],
  ],
  price: [
    [
      'a target loss ratio of 90 (9000%)',
      () => ['price', '--scheme', 'dazhou-2023', '--target-loss-ratio', '90'],
      /--target-loss-ratio 90 is 9000%, outside the plausible range 10%–200% .*; for 90 percent write 90%, or add --force/,
    ],
    [
      'a target loss ratio of 0',
      () => ['price', '--scheme', 'dazhou-2023', '--target-loss-ratio', '0%', '--force'],
      /--target-loss-ratio must be above 0, got '0%'/,
    ],
    [
      'a target loss ratio that is not a number',
      () => ['price', '--scheme', 'dazhou-2023', '--target-loss-ratio', 'ninety'],
      /--target-loss-ratio must be a number like 90% or 0\.9, got 'ninety'/,
    ],
    [
      'a deficit probability of 60%',
      () => ['price', '--scheme', 'dazhou-2023', '--target-deficit-probability', '60%'],
      /--target-deficit-probability 60% is 60%, outside the plausible range 0%–50%/,
    ],
    [
      'a deficit probability of 1, even with --force',
      () => ['price', '--scheme', 'dazhou-2023', '--target-deficit-probability', '1', '--force'],
      /--target-deficit-probability must be below 1, got '1'/,
    ],
    [
      '--rate, which price does not take (not silently ignored)',
      () => ['price', '--scheme', 'dazhou-2023', '--target-loss-ratio', '0.9', '--rate', '1%'],
      /unknown option '--rate'/,
    ],
    [
      'an implausible rate set by an override',
      () => [
        'price',
        '--scheme',
        'ordos-2018',
        '--target-loss-ratio',
        '90%',
        '--set',
        'funding.amount=6000',
      ],
      /--set funding\.amount=6000 is 6,000 \(yuan per head per year\)/,
    ],
  ],
  compare: [
    [
      'a variant scheme that does not cover the baseline’s residents',
      () => [
        'compare',
        '--scheme',
        'guiyang-2023',
        '--variant',
        path.join(SCHEMES_DIR, 'dazhou-2023.yaml'),
      ],
      /dazhou-2023\.yaml: field 'members': variant scheme dazhou-2023 does not cover resident, whom the baseline guiyang-2023 insures \(the variant's members: employee, retiree\)/,
    ],
    [
      'a variant setting an implausible pool share',
      () => ['compare', '--scheme', 'guiyang-2023', '--variant', 'funding.share=0.5'],
      /--variant funding\.share=0\.5 is 50% \(share of the resident pool\)/,
    ],
    [
      'a variant path through constructor',
      () => ['compare', '--scheme', 'guiyang-2023', '--variant', 'constructor.name=x'],
      /field 'constructor\.name': cannot override: 'constructor' is not a parameter name/,
    ],
    [
      'a variant file that does not exist',
      () => ['compare', '--scheme', 'guiyang-2023', '--variant', 'nowhere.yaml'],
      /--variant: no such file 'nowhere\.yaml'/,
    ],
  ],
  'schemes show': [
    [
      'a path through __proto__',
      () => ['schemes', 'show', 'dazhou-2023', '--set', '__proto__.x=1'],
      /'__proto__' is not a parameter name/,
    ],
    [
      '--set without show',
      () => ['schemes', '--set', 'funding.rate=0.004'],
      /--set changes one scheme: give it with 'yibao schemes show <id\|path>'/,
    ],
  ],
  explain: [
    [
      'a mistyped override',
      () => [
        'explain',
        '--scheme',
        'dazhou-2023',
        '--claims',
        CLAIMS,
        '--person',
        'D1',
        '--set',
        'layers.large_expense.cap=lots',
      ],
      /expected a number like 300000 at this path, got 'lots'/,
    ],
  ],
  calibrate: [
    [
      'a person count beyond 2^53 − 1',
      () => ['calibrate', '--claims', CLAIMS, '--persons', 'employee=9007199254740993'],
      /--persons 'employee=9007199254740993' is beyond 2\^53 − 1/,
    ],
  ],
};

for (const [command, cases] of Object.entries(TABLES)) {
  describe(`cli/${command}: bad input is refused with exit 2, one line, nothing on stdout`, () => {
    for (const [what, args, message] of cases)
      it(`refuses ${what}`, async () => refused(args(), message));
  });
}

describe('cli: did you mean', () => {
  it('suggests the command for a mistyped one (simluate)', async () => {
    const r = await runCli(['simluate']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^yibao: unknown command 'simluate' \(did you mean 'simulate'\?\)\n/);
  });

  it('does not offer basic-defaults, which is not a scheme, among the known schemes', async () => {
    const r = await runCli(['schemes', 'show', 'atlantis-2030']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /known: dazhou-2023/);
    assert.doesNotMatch(r.stderr, /basic-defaults/);
    assert.doesNotMatch(r.stderr, /did you mean/, 'nothing is close to atlantis-2030');
  });
});

describe('cli: rates and targets in their unit', () => {
  it('reads --rate 9% and --set funding.share=9% as 0.09 of the pool', async () => {
    for (const given of [
      ['--rate', '9%'],
      ['--set', 'funding.share=9%'],
      ['--set', 'funding.share.value=0.09'],
    ]) {
      const r = await runCli([
        'simulate',
        '--scheme',
        'guiyang-2023',
        ...SMALL,
        ...given,
        '--json',
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).rate, 0.09, given.join(' '));
    }
  });

  it('runs an implausible rate with --force, at the rate given', async () => {
    const r = await runCli([
      'simulate',
      '--scheme',
      'guiyang-2023',
      ...SMALL,
      '--rate',
      '9',
      '--force',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).rate, 9);
  });

  it('reads --target-loss-ratio 90% as 0.9', async () => {
    const r = await runCli([
      'price',
      '--scheme',
      'ordos-2018',
      ...SMALL,
      '--target-loss-ratio',
      '90%',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).rate > 0);
  });
});
