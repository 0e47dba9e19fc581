import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCommandArgs, wholeOption } from '../../src/cli/args';
import { YibaoError } from '../../src/errors';

describe('cli/args: whole-number options', () => {
  const accepted: [text: string, want: number][] = [
    ['500', 500],
    ['1e6', 1_000_000],
    ['2.5e3', 2500],
    ['1.0', 1],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['0', 0],
  ];
  for (const [text, want] of accepted)
    test(`'${text}' is ${want}`, () => assert.equal(wholeOption('seed', text, 0), want));

  const refused: [text: string, message: RegExp][] = [
    ['9007199254740992', /beyond 2\^53 − 1/],
    ['9007199254740993', /beyond 2\^53 − 1/],
    ['18446744073709551616', /beyond 2\^53 − 1/],
    ['1e400', /beyond 2\^53 − 1/],
    ['4503599627370495.5', /must be a whole number ≥ 0/],
    ['2.5', /must be a whole number ≥ 0/],
    ['-1', /must be a whole number ≥ 0/],
    ['0x10', /must be a whole number ≥ 0/],
    ['', /must be a whole number ≥ 0/],
    ['NaN', /must be a whole number ≥ 0/],
  ];
  for (const [text, message] of refused)
    test(`'${text}' is refused, naming --seed`, () => {
      assert.throws(
        () => wholeOption('seed', text, 0),
        (e: unknown) =>
          e instanceof YibaoError && e.message.includes('--seed') && message.test(e.message),
      );
    });

  test('every whole number up to 2^53 − 1 comes back exactly (sampled)', () => {
    for (let n = 1; n < Number.MAX_SAFE_INTEGER; n = n * 3 + 1)
      assert.equal(wholeOption('seed', String(n), 0), n);
  });
});

describe('cli/args: unknown options', () => {
  test('suggest the nearest known option', () => {
    assert.throws(
      () => parseCommandArgs('x', ['--scenarois', '5'], { strings: ['scenarios', 'seed'] }),
      /unknown option '--scenarois' \(did you mean '--scenarios'\?\) \(see 'yibao x --help'\)/,
    );
  });
});
