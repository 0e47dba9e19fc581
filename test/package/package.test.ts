/**
 * The package as users get it: `import … from 'yibao'` in a clone (self-reference through
 * `exports`) and after `npm install` of the packed tarball from the npm registry alone,
 * with danfojs (TensorFlow, Plotly, SheetJS) left out of the core install.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const root = path.join(__dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The README's "From code" block as an ES module printing its last expression. */
function readmeSnippet(): { module: string; expected: string } {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = /## From code\n\n```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has a "From code" block');
  const lines = block[1].trim().split('\n');
  const last = lines.pop()!;
  const expected = /\/\/ '([^']+)'/.exec(last)?.[1];
  assert.ok(expected, 'the example states its result');
  const expression = last.replace(/;.*$/, '');
  return { module: `${lines.join('\n')}\nconsole.log(${expression});\n`, expected };
}

describe('package', () => {
  test("import from 'yibao' works in a clone (self-reference)", () => {
    const { module, expected } = readmeSnippet();
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', module], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(out.trim(), expected);
  });

  describe('the packed tarball, installed from the npm registry alone', () => {
    let dir = '';
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-pack-'));
      const tarball = execFileSync(npm, ['pack', '--silent', '--pack-destination', dir], {
        cwd: root,
        encoding: 'utf8',
      }).trim();
      fs.writeFileSync(
        path.join(dir, 'package.json'),
        JSON.stringify({ name: 'pack-check', private: true }),
      );
      // --prefer-offline: tarballs from the cache `npm ci` filled, metadata from the registry
      execFileSync(
        npm,
        ['install', '--prefer-offline', '--no-audit', '--no-fund', `./${tarball}`],
        { cwd: dir, stdio: 'pipe' },
      );
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("runs the README's From code example", () => {
      const { module, expected } = readmeSnippet();
      fs.writeFileSync(path.join(dir, 'example.mjs'), module);
      const out = execFileSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8' });
      assert.equal(out.trim(), expected);
    });

    test('carries neither danfojs nor TensorFlow, Plotly or SheetJS', () => {
      const tree = execFileSync(npm, ['ls', '--all', '--omit=dev', '--parseable'], {
        cwd: dir,
        encoding: 'utf8',
      });
      for (const name of ['danfojs', '@tensorflow', 'plotly.js-dist-min', 'xlsx'])
        assert.ok(!tree.includes(`${path.sep}${name}`), `${name} is installed`);
    });

    test('toDataFrame says how to add danfojs when it is absent', () => {
      const out = execFileSync(
        process.execPath,
        [
          '-e',
          "try { require('yibao').toDataFrame([{ a: 1 }]) } catch (e) { console.log(e.name + ': ' + e.message) }",
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      assert.match(out, /YibaoError: .*npm install danfojs@1\.1\.2/);
    });
  });
});
