/**
 * Notebooks are tests too: each notebooks/*.ipynb is executed end to end with the tslab
 * kernel (Jupyter from Debian's packages) and fails on any cell error. Notebooks import
 * the built library from ../dist, so `npm run build` must have run (npm test does).
 * Without Jupyter the tests are skipped locally, never in CI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const NOTEBOOKS = path.join(ROOT, 'notebooks');
const JUPYTER = '/usr/bin/jupyter';
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

/** The first error output of an executed notebook, for a readable failure. */
function cellError(executed: string): string | null {
  const nb = JSON.parse(fs.readFileSync(executed, 'utf8'));
  for (const cell of nb.cells) {
    for (const out of cell.outputs ?? []) {
      if (out.output_type === 'error')
        return `${out.ename}: ${out.evalue}\n${(out.traceback ?? []).join('\n')}`;
    }
  }
  return null;
}

const notebooks = fs.existsSync(NOTEBOOKS)
  ? fs
      .readdirSync(NOTEBOOKS)
      .filter((f) => f.endsWith('.ipynb'))
      .sort()
  : [];

describe('notebooks execute end to end with the tslab kernel', () => {
  const missing = missingPrerequisite();
  if (missing && process.env.CI) {
    test('Jupyter is available in CI', () => assert.fail(missing));
    return;
  }
  test('there are notebooks to run', () => assert.ok(notebooks.length > 0));
  for (const name of notebooks) {
    test(name, { skip: missing ?? false, timeout: 300_000 }, () => {
      assert.ok(
        fs.existsSync(path.join(ROOT, 'dist', 'index.js')),
        'dist/ is missing: run `npm run build` first',
      );
      ensureKernel();
      const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-nb-'));
      try {
        const run = spawnSync(
          JUPYTER,
          [
            'nbconvert',
            '--to',
            'notebook',
            '--execute',
            '--ExecutePreprocessor.timeout=300',
            '--ExecutePreprocessor.kernel_name=tslab',
            '--output-dir',
            outDir,
            path.join(NOTEBOOKS, name),
          ],
          { cwd: NOTEBOOKS, encoding: 'utf8', env },
        );
        const executed = path.join(outDir, name);
        const error = fs.existsSync(executed) ? cellError(executed) : null;
        assert.equal(run.status, 0, `${name} failed:\n${error ?? run.stderr.slice(-4000)}`);
        assert.equal(error, null, `${name}: ${error}`);
      } finally {
        fs.rmSync(outDir, { recursive: true, force: true });
      }
    });
  }
});
