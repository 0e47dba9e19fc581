/** The README's "From code" example, run as written (STYLE.md: examples are tested). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as yibao from '../src/index';

test('the README code example runs and gives the figure it shows', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const block = /## From code\n\n```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has a "From code" TypeScript block');
  const body = block[1].replace(/^import .*$/m, '');
  const expected = /\/\/ '([\d.]+)'/.exec(body)?.[1];
  assert.ok(expected, 'the example states its result');
  const lastExpression = body.trim().split('\n').pop()!.replace(/;.*$/, '');
  const run = new Function('loadScheme', 'settlePersonYear', `${body}\nreturn ${lastExpression};`);
  assert.equal(run(yibao.loadScheme, yibao.settlePersonYear), expected);
});

test('the README simulation example runs and gives figures near the ones it shows', async () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const block = /## Simulating from code\n\n```ts\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README has a "Simulating from code" TypeScript block');
  const body = block[1].replace(/^import .*$/m, '');
  const stated = /about \[([\d.]+), ([\d.]+)\]/.exec(body);
  assert.ok(stated, 'the example states its result');
  const lastExpression = body.trim().split('\n').pop()!.replace(/;.*$/, '');
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  const run = new AsyncFunction(
    'price',
    'resultAt',
    'runVariants',
    'summarize',
    `${body}\nreturn ${lastExpression};`,
  );
  const [lossRatio, rate] = await run(
    yibao.price,
    yibao.resultAt,
    yibao.runVariants,
    yibao.summarize,
  );
  assert.ok(Math.abs(lossRatio - Number(stated[1])) < 0.01, `loss ratio ${lossRatio}`);
  assert.ok(Math.abs(rate - Number(stated[2])) < 1, `rate ${rate}`);
});
