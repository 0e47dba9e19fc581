/** The README's `alerts` and `reconcile` command lines run as written (STYLE.md: examples are tested). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli } from './run-cli';

const ROOT = path.join(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const lines = readme.match(/^npx yibao (alerts|reconcile) .*$/gm) ?? [];

test('the README shows alerts and reconcile examples', () => {
  assert.ok(lines.some((l) => l.includes('alerts')) && lines.some((l) => l.includes('reconcile')));
});

for (const line of lines) {
  test(`README: ${line}`, async () => {
    // the README runs from the repository's root
    const args = line
      .split(/\s+/)
      .slice(2)
      .map((a) => (a.startsWith('examples/') ? path.join(ROOT, a) : a));
    const r = await runCli(args);
    assert.equal(r.code, 0, r.stderr);
    // the output the README quotes is what the command prints
    for (const shown of readme.split('\n').filter((l) => /^2024Q\d,|^修武县/.test(l)))
      if (args[0] === (shown.startsWith('2024') ? 'alerts' : 'reconcile'))
        assert.ok(
          r.stdout.split('\n').some((out) => matches(out, shown)),
          `README line not in the output: ${shown}`,
        );
  });
}

/** An output line against a README line that may elide columns with '…'. */
function matches(out: string, shown: string): boolean {
  const [head, tail] = shown.split(',…,');
  return tail === undefined
    ? out === shown
    : out.startsWith(`${head},`) && out.endsWith(`,${tail}`);
}
