/**
 * The hand-worked ledgers of test/fund/cases/*.yaml (the worked ledgers of the Ordos and
 * Dazhou contracts among them), reproduced to the fen by the library: every column of every
 * year, and the identity P + K_in = C + E + I + K_out + (F + X_ret + W − Z).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runLedger } from '../../src/fund/ledger';
import { LEDGER_COLUMNS, ledgerCell } from '../../src/fund/ledger-columns';
import { fundRulesOf } from '../../src/fund/rules';
import { loadScheme } from '../../src/scheme/load';
import { ledgerCases, sameCell, yearsInput } from './cases';

describe('fund/ledger: hand-worked cases (test/fund/cases)', () => {
  const cases = ledgerCases();
  test('there is a case for every seed scheme', () => {
    const schemes = new Set(cases.map((c) => c.scheme));
    for (const id of [
      'dazhou-2023',
      'guiyang-2023',
      'ordos-2018',
      'huangshan-2022',
      'jiaozuo-2022',
    ])
      assert.ok(schemes.has(id), `no case for ${id}`);
  });
  for (const c of cases) {
    test(`${c.name}: ${c.title}`, () => {
      const rules = fundRulesOf(loadScheme(c.scheme, { overrides: c.set }));
      const ledger = runLedger(rules, c.rate, yearsInput(c));
      assert.equal(ledger.length, c.expected.length);
      for (const [i, expected] of c.expected.entries()) {
        assert.deepEqual(
          Object.keys(expected),
          LEDGER_COLUMNS.map((k) => k.column),
          `year ${i + 1}: a case lists every output column, in order`,
        );
        for (const column of LEDGER_COLUMNS) {
          const cell = ledgerCell(ledger[i], column);
          assert.ok(
            sameCell(cell, expected[column.column]),
            `year ${i + 1}, ${column.column}: got ${cell}, expected ${expected[column.column]}`,
          );
        }
        const y = ledger[i];
        assert.equal(
          y.premium + y.carryIn,
          y.claims +
            y.operatingCost +
            y.insurerResult +
            y.carryOver +
            (y.refund + y.returnedToPool + y.withheld - y.poolLossShare),
          `year ${i + 1}: every fen accounted for`,
        );
      }
    });
  }
});
