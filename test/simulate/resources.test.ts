import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { defaultWorkers } from '../../src/parallel/pool';
import { isLarge, planRun } from '../../src/simulate/resources';
import { runVariants } from '../../src/simulate/simulate';
import { assertRefused, runCli } from '../cli/run-cli';

const BIN = path.join(__dirname, '..', '..', 'bin', 'yibao.js');

// guiyang-2023 at its pool, as prepareRun sizes it (cellNumbers: aggregate.ts CellLayout)
const SIZE = {
  scenarios: 100,
  years: 3,
  persons: 4_000_000,
  variants: 1,
  settled: 1,
  cellNumbers: 700,
  personYears: 4_000_000 * 3 * 100,
  eventsPerPersonYear: 1.3,
  threads: 2,
};

describe('simulate/resources: a run says its size before it starts, and what cannot be done is refused', () => {
  test('memory does not grow with the persons: 10^12 persons fit, and are refused as too long', () => {
    const pool = planRun(SIZE);
    assert.ok(pool.fits && !pool.tooLong);
    assert.ok(pool.bytes < 2 * 2 ** 30, `${pool.bytes}`);
    const huge = planRun({ ...SIZE, persons: 1e12, personYears: 1e12 * 300 });
    assert.equal(huge.bytes, pool.bytes);
    assert.ok(huge.fits);
    assert.ok(huge.tooLong && huge.seconds > 30 * 86400, `${huge.seconds} s`);
  });

  test('the sums kept grow with scenarios × years × variants: 10^9 scenarios do not fit', () => {
    const ten = planRun({ ...SIZE, scenarios: 1000, personYears: SIZE.personYears * 10 });
    const ratio = ten.heapBytes / planRun(SIZE).heapBytes;
    assert.ok(Math.abs(ratio - 10) < 1e-9, `${ratio}`);
    const many = planRun({ ...SIZE, scenarios: 1e9, variants: 2, personYears: 1 });
    assert.equal(many.fits, false);
    assert.ok(many.heapBytes > 2 ** 40, 'terabytes of sums');
  });

  test('a variant that shares the baseline sums costs no settlement time', () => {
    const one = planRun(SIZE);
    const shared = planRun({ ...SIZE, variants: 2 });
    const settled = planRun({ ...SIZE, variants: 2, settled: 2 });
    assert.equal(shared.seconds, one.seconds);
    assert.ok(settled.seconds > 1.2 * one.seconds && settled.seconds < 2 * one.seconds);
  });

  test('threads: one for a short run, every core for a long one, as many as asked', () => {
    const { threads: _, ...unasked } = SIZE;
    assert.equal(planRun({ ...unasked, persons: 1000, personYears: 3000 }).threads, 1);
    assert.equal(planRun(unasked).threads, defaultWorkers());
    assert.equal(planRun({ ...SIZE, threads: 1 }).threads, 1);
  });

  test('a run over a minute or a GiB is large', () => {
    assert.equal(isLarge(planRun({ ...SIZE, persons: 1000, personYears: 300_000 })), false);
    assert.equal(isLarge(planRun(SIZE)), true);
  });

  test('the plan is told first, then progress from the start', async () => {
    const calls: string[] = [];
    await runVariants(['ordos-2018'], {
      scenarios: 3,
      persons: 1000,
      years: 1,
      workers: 1,
      onPlan: (plan) => calls.push(`plan ${plan.threads} thread`),
      onProgress: (p) => calls.push(`${p.done}/${p.total} ${p.scenariosDone}/${p.scenarios}`),
    });
    // work in persons × scenarios: 1,000 persons, 3 scenarios
    assert.deepEqual(calls.slice(0, 2), ['plan 1 thread', '0/3000 0/3']);
    assert.equal(calls[calls.length - 1], '3000/3000 3/3');
  });
});

describe('cli: run sizes and workers beyond the machine are refused at once, exit 2', () => {
  const cores = defaultWorkers();
  const cases: { name: string; args: string[]; message: RegExp }[] = [
    {
      // by brute force (large-pool's work does not grow with the pool)
      name: 'simulate --persons 1e12 --method mc (months of work)',
      args: ['simulate', '--scheme', 'dazhou-2023', '--persons', '1e12', '--method', 'mc'],
      message:
        /this run would take about [\d,]+ days on \d threads? \(200 scenarios × 3 years × 1,000,000,000,000 persons\); a run estimated over 24\.0 h is refused as a likely slip: give fewer --persons or --scenarios, or --force to run anyway/,
    },
    {
      name: 'workload --persons 1e14, the same way (one scenario-year, but weeks)',
      args: ['workload', 'bench/workloads/w2-guiyang-resident', '--persons', '1e14'],
      message: /this run would take about [\d,]+ days .*--force to run anyway/,
    },
    {
      name: 'compare --scenarios 1e9',
      args: [
        'compare',
        '--scheme',
        'guiyang-2023',
        '--variant',
        'funding.share=0.09',
        '--scenarios',
        '1000000000',
      ],
      message: /this run would need about .* × 2 variants kept until the end/,
    },
    {
      name: `simulate --workers ${cores + 98} (more than the ${cores} cores)`,
      args: ['simulate', '--scheme', 'dazhou-2023', '--workers', String(cores + 98)],
      message: new RegExp(
        `--workers ${cores + 98} is more than the ${cores} cores of this machine.*--force`,
      ),
    },
    {
      name: 'report --workers beyond the cores',
      args: ['report', '--schemes', 'ordos-2018', '--workers', String(cores + 1)],
      message: /is more than the \d+ cores/,
    },
    {
      name: 'workload --workers beyond the cores',
      args: [
        'workload',
        'bench/workloads/w2-guiyang-resident',
        '--persons',
        '10',
        '--workers',
        String(cores + 1),
      ],
      message: /is more than the \d+ cores/,
    },
  ];
  for (const c of cases) {
    test(`refuses ${c.name}`, () => assertRefused(c.args, c.message));
  }

  test('workload --persons 1e12 (hours) says its memory and time on stderr before it works', {
    skip: !fs.existsSync(BIN.replace('bin/yibao.js', 'dist/cli/main.js')) && 'build first',
  }, async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'workload', 'bench/workloads/w2-guiyang-resident', '--persons', '1e12'],
      {
        cwd: path.dirname(path.dirname(BIN)),
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    const said = new Promise<void>((resolve) => {
      child.stderr!.on('data', (d) => {
        stderr += d;
        if (stderr.includes('\n')) resolve();
      });
      child.on('exit', () => resolve());
    });
    await said;
    child.kill('SIGKILL');
    assert.match(
      stderr,
      /^workload: a large run: 1 scenarios × 1 years × 1,000,000,000,000 persons on \d threads?; about \d+ MiB of memory and about [\d.]+ h\n/,
    );
  });

  test('--force starts more workers than cores, with the same numbers', async () => {
    const small = [
      '--scheme',
      'ordos-2018',
      '--scenarios',
      '4',
      '--persons',
      '1000',
      '--years',
      '1',
      '--json',
    ];
    const one = await runCli(['simulate', ...small, '--workers', '1']);
    const more = await runCli(['simulate', ...small, '--workers', String(cores + 1), '--force']);
    assert.equal(more.code, 0, more.stderr);
    const figures = (text: string) => JSON.stringify({ ...JSON.parse(text), seconds: 0, run: 0 });
    assert.equal(figures(more.stdout), figures(one.stdout));
  });
});
