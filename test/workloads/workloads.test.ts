/**
 * The benchmark workloads give the figures of independent implementations of the same
 * work (issue "Monte Carlo …": means over many seeds), within Monte Carlo error.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { defaultWorkers } from '../../src/parallel/pool';
import { runWorkload, type WorkloadSummary, workloadThreads } from '../../src/workload/run';

const DIR = path.join(__dirname, '..', '..', 'bench', 'workloads');

async function pooled(file: string, seeds: number[], persons: number): Promise<WorkloadSummary[]> {
  const out: WorkloadSummary[] = [];
  for (const seed of seeds)
    out.push(await runWorkload(path.join(DIR, file), { persons, seed, workers: 2 }));
  return out;
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function close(actual: number, expected: number, relative: number, what: string) {
  assert.ok(
    Math.abs(actual / expected - 1) <= relative,
    `${what}: ${actual.toFixed(4)} vs ${expected} (±${relative * 100}%)`,
  );
}

// 8 seeds × 1M persons. The layer totals are heavy-tailed: over 10M-person runs their loss
// ratios have a standard deviation of about 0.7% (W1, W2: measured over 6 seeds), so about
// 0.75% over these 8M persons, and the tolerances below are 4 of those.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const PERSONS = 1_000_000;

describe('workloads: agreement with independent implementations', () => {
  test('W1 dazhou-employee: loss ratio ≈ 0.349, OOP mean ≈ 334, p99 ≈ 5,220', async () => {
    const runs = await pooled('w1-dazhou-employee.yaml', SEEDS, PERSONS);
    close(
      runs.reduce((a, r) => a + r.layer, 0) / runs.reduce((a, r) => a + r.premium, 0),
      0.349,
      0.03,
      'loss ratio',
    );
    close(mean(runs.map((r) => r.oop_mean)), 334, 0.01, 'OOP mean');
    close(mean(runs.map((r) => r.oop_p99)), 5220, 0.01, 'OOP p99');
    close(mean(runs.map((r) => r.admissions / r.persons)), 0.15, 0.01, 'admissions per person');
  });

  test('W2 guiyang-resident: loss ratio ≈ 0.620, OOP mean ≈ 459, p99 ≈ 7,608', async () => {
    const runs = await pooled('w2-guiyang-resident.yaml', SEEDS, PERSONS);
    close(
      runs.reduce((a, r) => a + r.layer, 0) / runs.reduce((a, r) => a + r.premium, 0),
      0.62,
      0.03,
      'loss ratio',
    );
    close(mean(runs.map((r) => r.oop_mean)), 459, 0.01, 'OOP mean');
    close(mean(runs.map((r) => r.oop_p99)), 7608, 0.01, 'OOP p99');
    assert.equal(runs[0].premium, 81.6 * runs[0].persons);
  });
});

describe('workloads: a bad workload file', () => {
  test('is refused with its name, and the threads started for it stop', async () => {
    await assert.rejects(
      runWorkload(path.join(DIR, 'no-such-workload.yaml'), { persons: 1000, workers: 2 }),
      /no-such-workload\.yaml|cannot read the workload/,
    );
  });
});

describe('workloads: threads', () => {
  test('a run too small to repay a worker’s start-up uses the calling thread alone', async () => {
    const small = await runWorkload(path.join(DIR, 'w2-guiyang-resident.yaml'), {
      persons: 200_000,
    });
    assert.equal(small.threads, 1);
    assert.ok(workloadThreads(100_000) >= 1 && workloadThreads(100_000) <= defaultWorkers());
    assert.equal(workloadThreads(150), 1);
  });
});

describe('workloads: one thread, one scheme after another', () => {
  test('a scheme with more layers after one with fewer settles as it does alone', async () => {
    // ordos-2018 has four layers, guiyang-2023 (W2) one: the reused columns must follow
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-workload-')), 'w.yaml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(path.join(DIR, 'w1-dazhou-employee.yaml'), 'utf8')
        .replace('id: dazhou-2023', 'id: ordos-2018')
        .replace('layer: large_expense', 'layer: large_medical')
        .replace(
          /overrides: \{[^}]*\}/,
          `overrides: { basic: ${path.join(DIR, 'w1-basic.yaml')} }`,
        ),
    );
    const options = { persons: 100_000, seed: 5, workers: 1 };
    const alone = await runWorkload(file, options);
    await runWorkload(path.join(DIR, 'w2-guiyang-resident.yaml'), options);
    const after = await runWorkload(file, options);
    assert.deepEqual(after, alone);
    assert.ok(alone.layer > 0, 'the first layer pays something');
  });
});
