import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { loadCalibration } from '../src/calibration/load';
import { BLOCK_SIZE } from '../src/random/stream';
import { scenarioPaths } from '../src/simulate/scenarios';
import { blocksOf } from '../src/simulate/simulate';

const SRC = path.join(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('no spread of an array into call arguments', () => {
  test('no file under src/ spreads into the arguments of a call (f(...xs) overflows the stack past about 10^5 values)', () => {
    const found: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const source = ts.createSourceFile(
        file,
        fs.readFileSync(file, 'utf8'),
        ts.ScriptTarget.Latest,
        true,
      );
      const visit = (node: ts.Node) => {
        if (
          ts.isSpreadElement(node) &&
          (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))
        ) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          found.push(`${path.relative(SRC, file)}:${line + 1}: ${node.parent.getText()}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    assert.deepEqual(found, []);
  });

  test('the blocks of 200,000 scenario-years are counted without overflowing the stack', () => {
    const paths = Array.from({ length: 50_000 }, (_, s) =>
      Array.from({ length: 4 }, (_, y) => ({
        frequency: 1,
        cost: 1,
        wage: 1,
        members: s === 31_337 && y === 2 ? 1.5 : 1,
        perCapita: 1,
      })),
    );
    assert.equal(blocksOf(paths, 10 * BLOCK_SIZE), 15);
  });

  test('the scenario paths of 50,000 scenarios give their blocks', () => {
    const paths = scenarioPaths(loadCalibration('default'), 1, 50_000, 3, false);
    assert.ok(blocksOf(paths, 50_000) >= 1);
  });
});
