import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { candidatesReport } from '../../src/report/candidates';
import { parseOverrideList } from '../../src/scheme/overrides';
import { summarize } from '../../src/simulate/metrics';
import { simulate } from '../../src/simulate/simulate';
import { HEADER, runCli, tempFile } from './run-cli';

const CLAIMS = path.join(__dirname, '..', '..', 'examples', 'claims-worked-examples.csv');
const SET = 'layers.large_expense.cap.value=5';

describe('an overridden value cites the override, not the article', () => {
  test('schemes show --set lists the figure with source override (--set …) and the old value', async () => {
    const r = await runCli(['schemes', 'show', 'dazhou-2023', '--set', SET]);
    assert.equal(r.code, 0, r.stderr);
    const line = r.stdout.split('\n').find((l) => l.startsWith('layers.large_expense.cap '));
    assert.ok(line, r.stdout);
    assert.match(
      line,
      /\s5 .*\[override \(--set layers\.large_expense\.cap\.value=5\): overridden; was 300000 \(art\. 10\)\]/,
    );
    assert.doesNotMatch(line, /\[art\. 10/);
  });

  test('explain --set cites the override on the step it changes', async () => {
    const r = await runCli([
      'explain',
      '--scheme',
      'dazhou-2023',
      '--claims',
      CLAIMS,
      '--person',
      'D1',
      '--set',
      SET,
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const data = JSON.parse(r.stdout);
    assert.equal(data.result.large_expense, '5.00');
    const citations = data.steps.flatMap((s: { citations: string[] }) => s.citations);
    assert.ok(citations.includes(`override (--set ${SET})`), citations.join('; '));
  });

  test('adjudicate --set settles with the override', async () => {
    const r = await runCli([
      'adjudicate',
      '--scheme',
      'dazhou-2023',
      '--claims',
      tempFile('d1.csv', `${HEADER}\nD1,employee,none,1,inpatient,3,55000,50000,0,0\n`),
      '--set',
      SET,
    ]);
    assert.equal(r.code, 0, r.stderr);
    // basic (50,000 − 800) × 89% (basic-defaults.yaml), the large expense at the overridden cap
    assert.match(r.stdout, /^D1,55000\.00,43788\.00,5\.00,/m);
  });

  test('the report lists the overridden parameters with their source', async () => {
    const result = await simulate(
      { scheme: 'dazhou-2023', overrides: parseOverrideList([SET]) },
      { scenarios: 2, persons: 300, years: 1, workers: 1 },
    );
    const report = candidatesReport([{ result, summary: summarize(result) }]);
    const table = report.sections
      .flatMap((s) => s.tables ?? [])
      .find((t) => t.title === 'dazhou-2023 overridden parameters');
    assert.ok(table, 'no table of overridden parameters');
    assert.deepEqual(
      table.rows.map((r) => [r.parameter, r.value, r.source]),
      [['layers.large_expense.cap', 5, `override (--set ${SET})`]],
    );
  });
});
