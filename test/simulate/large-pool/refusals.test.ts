/**
 * The large-pool method refuses where a normal sum does not stand for the pool, saying
 * why (docs/large-pool.md): a pool under 100,000 insured; and --claims-out, which writes
 * brute force's own draws. Without --method the command line chooses by size, and says so.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultMethod } from '../../../src/simulate/large-pool/method';
import { gridPersonYears } from '../../../src/simulate/large-pool/run';
import { assertRefused, runCli } from '../../cli/run-cli';

describe('simulate/large-pool: refusals and the default method', () => {
  test('a small pool is refused, exit 2, before any work', async () => {
    await assertRefused(
      ['simulate', '--scheme', 'dazhou-2023', '--persons', '50000', '--method', 'large-pool'],
      /at least 100,000 insured.*--method mc/,
    );
  });

  test('--claims-out with large-pool is refused', async () => {
    await assertRefused(
      [
        'simulate',
        '--scheme',
        'dazhou-2023',
        '--method',
        'large-pool',
        '--claims-out',
        '/tmp/x.csv',
      ],
      /--claims-out/,
    );
  });

  test('an unknown method is refused', async () => {
    await assertRefused(['simulate', '--scheme', 'dazhou-2023', '--method', 'fast'], /method/);
  });

  test('the default: large-pool for a big pool with much work, brute force otherwise', () => {
    const grid = gridPersonYears(3);
    assert.equal(defaultMethod(4_000_000, 1000, 3, grid), 'large-pool');
    assert.equal(defaultMethod(500_000, 1000, 3, grid), 'mc');
    assert.equal(defaultMethod(4_000_000, 2, 3, grid), 'mc');
  });

  test('a brute-force run chosen by size says so on stderr where large-pool was open to it, its result as before', async () => {
    const run = (persons: string) =>
      runCli([
        'simulate',
        '--scheme',
        'dazhou-2023',
        '--persons',
        persons,
        '--scenarios',
        '3',
        '--years',
        '1',
      ]);
    const open = await run('100000');
    assert.equal(open.code, 0, open.stderr);
    assert.match(
      open.stderr,
      /simulate: method mc \(chosen by size: large-pool for a pool of at least 1,000,000/,
    );
    assert.doesNotMatch(open.stdout, /method mc/);
    // below the least pool of large-pool there was no choice to speak of
    const small = await run('2000');
    assert.equal(small.code, 0, small.stderr);
    assert.doesNotMatch(small.stderr, /method/);
  });
});
