/**
 * `yibao workload`: one JSON line with the workload's figures and timings; bad input is
 * refused with the file and field named, exit status 2 and nothing on stdout.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempFile } from './run-cli';

const W2 = path.join(__dirname, '..', '..', 'bench', 'workloads', 'w2-guiyang-resident.yaml');

describe('cli: workload', () => {
  test('prints one JSON line with the figures, the threads and the timings', async () => {
    const r = await runCli(['workload', W2, '--persons', '100000', '--seed', '3']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0]);
    assert.equal(line.workload, 'guiyang-resident');
    assert.equal(line.persons, 100_000);
    assert.equal(line.premium, 8_160_000);
    assert.equal(line.threads, 1);
    for (const key of ['admissions', 'basic', 'layer', 'oop_p95', 'oop_p99', 'peak_rss_mb'])
      assert.ok(line[key] > 0, key);
    assert.equal(line.loss_ratio, Math.round((line.layer / line.premium) * 1e4) / 1e4);
    assert.ok(line.seconds > 0 && line.setup_seconds > 0);
    // the same seed gives the same figures
    const again = JSON.parse(
      (await runCli(['workload', W2, '--persons', '100000', '--seed', '3'])).stdout,
    );
    assert.equal(again.layer, line.layer);
    assert.equal(again.oop_p99, line.oop_p99);
  });

  test('bad input: exit 2, a message naming what is wrong, nothing on stdout', async () => {
    const broken = tempFile(
      'broken.yaml',
      fs.readFileSync(W2, 'utf8').replace('mean: 8000', 'mean: -8000'),
    );
    for (const [args, message] of [
      [['workload', '--persons', '10'], /give one workload file/],
      [['workload', W2], /missing --persons/],
      [['workload', W2, '--persons', '0'], /--persons must be a whole number ≥ 1/],
      [['workload', W2, '--persons', '10', '--workers', 'two'], /--workers must be a whole number/],
      [['workload', 'no-such.yaml', '--persons', '10'], /no-such\.yaml: cannot read the workload/],
      [['workload', broken, '--persons', '10'], /broken\.yaml:18: field 'claims\.0\.cost\.mean'/],
    ] as const) {
      const r = await runCli([...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    }
  });
});
