import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { YibaoError } from '../../src/errors';
import { SCHEMES_DIR } from '../../src/paths';
import { runVariants } from '../../src/simulate/simulate';

describe('simulate/runVariants: variants settle the baseline’s people', () => {
  test('a variant that does not cover a group of the baseline is refused before any work', async () => {
    let progressed = false;
    await assert.rejects(
      runVariants(['guiyang-2023', path.join(SCHEMES_DIR, 'dazhou-2023.yaml')], {
        scenarios: 2,
        persons: 100,
        onProgress: () => {
          progressed = true;
        },
      }),
      (e: unknown) =>
        e instanceof YibaoError &&
        e.place.field === 'members' &&
        /does not cover resident, whom the baseline guiyang-2023 insures/.test(e.message),
    );
    assert.equal(progressed, false);
  });

  test('a variant covering the same groups runs', async () => {
    const { runs } = await runVariants(
      ['dazhou-2023', { scheme: 'dazhou-2023', overrides: { 'layers.large_expense.cap': 1 } }],
      { scenarios: 2, persons: 200, years: 1, workers: 1 },
    );
    assert.equal(runs.length, 2);
  });
});
