import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { YibaoError } from '../../src/errors';
import { fundingOf } from '../../src/fund/rules';
import {
  FUNDING_UNITS,
  implausible,
  rangeText,
  readRate,
  readShare,
  TARGET_RANGES,
} from '../../src/fund/units';
import { listSchemeIds, loadScheme } from '../../src/scheme/load';

describe('fund/units: rates are read in their unit', () => {
  const read: [text: string, kind: 'payroll_rate' | 'pool_share' | 'per_head', want: number][] = [
    ['0.32%', 'payroll_rate', 0.0032],
    ['0.0032', 'payroll_rate', 0.0032],
    [' 8 % ', 'pool_share', 0.08],
    ['0.08', 'pool_share', 0.08],
    ['60', 'per_head', 60],
    ['1.2e2', 'per_head', 120],
    ['0', 'per_head', 0],
  ];
  for (const [text, kind, want] of read)
    test(`'${text}' (${kind}) is ${want}`, () => {
      assert.ok(Math.abs(readRate('--rate', text, kind) - want) < 1e-15);
    });

  const refused: [text: string, kind: 'payroll_rate' | 'pool_share' | 'per_head', m: RegExp][] = [
    ['60%', 'per_head', /in yuan per head per year, not a percentage/],
    ['-1%', 'pool_share', /must not be negative/],
    ['-5', 'per_head', /must not be negative/],
    ['', 'per_head', /must be a number like 60/],
    ['%', 'pool_share', /must be a number like 90% or 0\.9/],
    ['1,5', 'pool_share', /must be a number/],
    ['Infinity', 'per_head', /must be a number/],
    ['0x10', 'payroll_rate', /must be a number/],
    ['8%%', 'pool_share', /must be a number/],
  ];
  for (const [text, kind, message] of refused)
    test(`'${text}' (${kind}) is refused, naming the option`, () => {
      assert.throws(
        () => readRate('--rate', text, kind),
        (e: unknown) =>
          e instanceof YibaoError && /^--rate /.test(e.message) && message.test(e.message),
      );
    });

  test('a share is 90% or 0.9', () => {
    assert.equal(readShare('--target-loss-ratio', '90%'), 0.9);
    assert.equal(readShare('--target-loss-ratio', '0.9'), 0.9);
  });
});

describe('fund/units: plausible ranges', () => {
  test("every shipped scheme's own rate is in its unit's plausible range", () => {
    for (const id of listSchemeIds()) {
      const { kind, rate } = fundingOf(loadScheme(id));
      const u = FUNDING_UNITS[kind];
      assert.equal(implausible(id, rate, u.plausible, u.share, String(rate)), undefined, id);
    }
  });

  test('the refusal states the range and why, and the hint for a forgotten %', () => {
    const u = FUNDING_UNITS.pool_share;
    const why = implausible('--rate 9', 9, u.plausible, true, '9', u.en)!;
    assert.match(
      why,
      /^--rate 9 is 900% \(share of the resident pool\), outside the plausible range 0%–30% \(/,
    );
    assert.match(why, /for 9 percent write 9%, or add --force to run anyway$/);
    const lr = implausible('--target-loss-ratio 5%', 0.05, TARGET_RANGES.lossRatio, true, '5%')!;
    assert.match(lr, /5%, outside the plausible range 10%–200% .*; check the unit, or add --force/);
  });

  test('docs/scheme-format.md states the ranges as the data has them', () => {
    const doc = fs.readFileSync(
      path.join(__dirname, '..', '..', 'docs', 'scheme-format.md'),
      'utf8',
    );
    const { payroll_rate: payroll, pool_share: pool, per_head: head } = FUNDING_UNITS;
    const stated = `${rangeText(payroll.plausible, true)} of payroll, ${rangeText(pool.plausible, true)} of the pool, ${rangeText(head.plausible, false)} yuan a head`;
    assert.ok(doc.replace(/\s+/g, ' ').includes(stated), stated);
  });

  test('the bounds are inside the range', () => {
    for (const u of Object.values(FUNDING_UNITS)) {
      assert.equal(implausible('x', u.plausible.min, u.plausible, u.share, ''), undefined);
      assert.equal(implausible('x', u.plausible.max, u.plausible, u.share, ''), undefined);
      assert.ok(implausible('x', u.plausible.max * 1.01, u.plausible, u.share, ''));
    }
  });
});
