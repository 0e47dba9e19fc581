/**
 * reprice's sums are computed in DuckDB SQL over a row per settled person
 * (reprice/settled-table.ts); the table must be the one the JavaScript sums gave, recorded in
 * test/fixtures/sql-golden/ (README there) before they were removed.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../cli/run-cli';

const GOLDEN = path.join(__dirname, '..', 'fixtures', 'sql-golden');

test('reprice/settled-table: the same repricing table, to the fen, as the JavaScript sums', async () => {
  const r = await runCli([
    'reprice',
    '--scheme',
    'huangshan-2022',
    '--claims',
    path.join(GOLDEN, 'claims-2000.csv'),
    '--variant',
    'layers.critical_illness.components.0.bands.0.from=10000',
    '--cost-trend',
    '6%',
    '--utilisation-trend',
    '2%',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, fs.readFileSync(path.join(GOLDEN, 'reprice-2000.csv'), 'utf8'));
  // the variant moves the critical-illness layer: the golden is not a table of zeros
  assert.match(r.stdout, /^cost,critical_illness,yuan,21403\.61,37691\.09,16287\.48$/m);
});
