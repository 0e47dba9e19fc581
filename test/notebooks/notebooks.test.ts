/**
 * Notebooks are tests too: each notebook's source (notebooks/src/*.txt) is executed end to
 * end with the tslab kernel (Jupyter from Debian's packages) and fails on any cell error,
 * and the committed notebooks/*.ipynb must be that execution, outputs and all, timing aside
 * (scripts/notebooks.py; `npm run notebooks` refreshes them). Notebooks import the built
 * library from ../dist, so `npm run build` must have run (npm test does). Without Jupyter
 * the tests are skipped locally, never in CI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const NOTEBOOKS = path.join(ROOT, 'notebooks');
const JUPYTER = '/usr/bin/jupyter';
const PYTHON = '/usr/bin/python3';
const BIN = path.join(ROOT, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${BIN}:${process.env.PATH}` };

function missingPrerequisite(): string | null {
  if (!fs.existsSync(JUPYTER)) {
    return 'Jupyter is not installed (apt-get install -y jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)';
  }
  return null;
}

function ensureKernel(): void {
  const list = spawnSync(JUPYTER, ['kernelspec', 'list'], { encoding: 'utf8', env });
  if (!/\btslab\b/.test(list.stdout)) {
    const install = spawnSync(path.join(BIN, 'tslab'), ['install', '--python=/usr/bin/python3'], {
      encoding: 'utf8',
      env,
    });
    assert.equal(install.status, 0, `tslab install failed: ${install.stderr}`);
  }
}

const SOURCES = path.join(NOTEBOOKS, 'src');
const notebooks = fs.existsSync(SOURCES)
  ? fs
      .readdirSync(SOURCES)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => f.slice(0, -'.txt'.length))
      .sort()
  : [];

describe('notebooks execute end to end with the tslab kernel, committed as executed', () => {
  const missing = missingPrerequisite();
  if (missing && process.env.CI) {
    test('Jupyter is available in CI', () => assert.fail(missing));
    return;
  }
  test('there are notebooks to run, each committed beside its source', () => {
    assert.ok(notebooks.length > 0);
    const committed = fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb'));
    assert.deepEqual(
      committed.sort(),
      notebooks.map((n) => `${n}.ipynb`),
    );
  });
  for (const name of notebooks) {
    test(name, { skip: missing ?? false, timeout: 900_000 }, () => {
      assert.ok(
        fs.existsSync(path.join(ROOT, 'dist', 'index.js')),
        'dist/ is missing: run `npm run build` first',
      );
      ensureKernel();
      const run = spawnSync(PYTHON, [path.join(ROOT, 'scripts', 'notebooks.py'), '--check', name], {
        encoding: 'utf8',
        env,
        timeout: 900_000,
      });
      assert.equal(run.status, 0, run.stderr.slice(-6000) || run.error?.message);
    });
  }
});
