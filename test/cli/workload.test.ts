/**
 * `yibao workload`: a workload's scheme + calibration pair through simulate, as one JSON
 * line with the figures and timings; bad input is refused with what is wrong, exit status
 * 2 and nothing on stdout.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './run-cli';

const W2 = path.join(__dirname, '..', '..', 'bench', 'workloads', 'w2-guiyang-resident');

describe('cli: workload', () => {
  test('prints one JSON line, the same figures as simulate on the pair', async () => {
    const r = await runCli(['workload', W2, '--persons', '100000', '--seed', '3']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const line = JSON.parse(lines[0]);
    assert.equal(line.workload, 'w2-guiyang-resident');
    assert.equal(line.persons, 100_000);
    assert.equal(line.premium, 8_160_000);
    assert.equal(line.threads, 1);
    for (const key of ['admissions', 'basic', 'layer', 'oop_p95', 'oop_p99', 'peak_rss_mb'])
      assert.ok(line[key] > 0, key);
    assert.equal(line.loss_ratio, Math.round((line.layer / line.premium) * 1e4) / 1e4);
    assert.ok(line.seconds > 0 && line.setup_seconds > 0);
    const sim = await runCli([
      'simulate',
      '--scheme',
      `${W2}.scheme.yaml`,
      '--calibration',
      `${W2}.calibration.yaml`,
      '--scenarios',
      '1',
      '--years',
      '1',
      '--deterministic',
      '--persons',
      '100000',
      '--seed',
      '3',
      '--json',
    ]);
    assert.equal(sim.code, 0, sim.stderr);
    const year = JSON.parse(sim.stdout).years[0];
    assert.equal(year.claims.mean, line.layer);
    assert.equal(year.premium.mean, line.premium);
    assert.equal(year.burden.perPerson.p99, line.oop_p99);
  });

  test('bad input: exit 2, a message naming what is wrong, nothing on stdout', async () => {
    for (const [args, message] of [
      [['workload', '--persons', '10'], /give one workload/],
      [['workload', W2, '--persons', '0'], /--persons must be a whole number ≥ 1/],
      [['workload', W2, '--persons', '10', '--workers', 'two'], /--workers must be a whole number/],
      [
        ['workload', 'no-such', '--persons', '10'],
        /no workload 'no-such': no-such\.scheme\.yaml is missing/,
      ],
    ] as const) {
      const r = await runCli([...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    }
  });
});
