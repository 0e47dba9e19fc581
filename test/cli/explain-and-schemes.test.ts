import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { COMMANDS } from '../../src/cli/main';
import { runCli } from './run-cli';

const CLAIMS = path.join(__dirname, '..', '..', 'examples', 'claims-worked-examples.csv');

describe('cli/explain', () => {
  test('explains H1 step by step with Chinese and English labels and cited articles', async () => {
    const r = await runCli([
      'explain',
      '--scheme',
      'huangshan-2022',
      '--claims',
      CLAIMS,
      '--person',
      'H1',
    ]);
    assert.equal(r.code, 0, r.stderr);
    for (const expected of [
      '基本医保统筹基金 basic insurance: 63,680.00',
      '大病保险 critical-illness insurance: 5,733.00',
      '医疗救助 medical aid: 7,410.90',
      'bands 65% from 7500',
      '重特大疾病医疗保险和救助工程实施方案 part 3(3)2',
      '13,176.10',
      'part 4(2)',
    ]) {
      assert.ok(r.stdout.includes(expected), `missing '${expected}' in:\n${r.stdout}`);
    }
  });

  test('--format json gives the same steps as data', async () => {
    const r = await runCli([
      'explain',
      '--scheme',
      'dazhou-2023',
      '--claims',
      CLAIMS,
      '--person',
      'D1',
      '--format',
      'json',
    ]);
    const data = JSON.parse(r.stdout);
    assert.equal(data.result.large_expense, '1059.00');
    const layerStep = data.steps.find((s: { layer: string }) => s.layer === 'large_expense');
    assert.deepEqual(layerStep.citations, ['达市府规〔2023〕2号 art. 9']);
    assert.equal(layerStep.amount, '1059.00');
  });

  test('an unknown person is an error naming the file', async () => {
    const r = await runCli([
      'explain',
      '--scheme',
      'dazhou-2023',
      '--claims',
      CLAIMS,
      '--person',
      'nobody',
    ]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /person 'nobody' is not in the file/);
  });
});

describe('cli/schemes', () => {
  test('lists the five schemes with their documents', async () => {
    const r = await runCli(['schemes']);
    for (const id of [
      'dazhou-2023',
      'guiyang-2023',
      'jiaozuo-2022',
      'ordos-2018',
      'huangshan-2022',
    ]) {
      assert.ok(r.stdout.includes(id));
    }
    assert.ok(r.stdout.includes('达市府规〔2023〕2号'));
  });

  test('show prints every parameter with its source', async () => {
    const r = await runCli(['schemes', 'show', 'dazhou-2023']);
    assert.match(r.stdout, /layers\.large_expense\.cap\s+300000\s+\[art\. 10\]/);
    assert.match(r.stdout, /basic\.groups\.employee\.deductible\.3\s+800\s+\[assumption/);
  });
});

describe('cli: help', () => {
  for (const command of COMMANDS) {
    test(`${command.name} --help shows usage and an example`, async () => {
      const r = await runCli([command.name, '--help']);
      assert.equal(r.code, 0);
      assert.ok(r.stdout.startsWith(`yibao ${command.name}`));
      assert.match(r.stdout, /Examples?:\n\s+yibao /);
    });
  }

  test('no command prints usage to stderr and exits 2', async () => {
    const r = await runCli([]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Commands:/);
  });
});
