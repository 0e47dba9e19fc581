import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultWorkers } from '../../src/parallel/pool';
import { isLarge, planRun } from '../../src/simulate/resources';
import { runVariants } from '../../src/simulate/simulate';
import { assertRefused, runCli } from '../cli/run-cli';

const SIZE = {
  scenarios: 200,
  years: 3,
  variants: 1,
  blocksPerScenario: 1,
  threads: 2,
  aggregateNumbers: 330,
  personBytes: 30,
};

describe('simulate/resources: a run says its size before it starts, and what cannot fit is refused', () => {
  test('memory grows with the blocks kept: the default run is small, 10^12 persons does not fit', () => {
    const small = planRun(SIZE);
    assert.ok(small.fits);
    assert.ok(small.bytes < 2 ** 30, `${small.bytes}`);
    const huge = planRun({ ...SIZE, blocksPerScenario: 16_381_828 });
    assert.equal(huge.fits, false);
    assert.ok(huge.heapBytes > 2 ** 40, 'terabytes of sums');
    // ten times the blocks: about ten times the sums kept
    const ten = planRun({ ...SIZE, blocksPerScenario: 10 });
    const ratio = ten.heapBytes / small.heapBytes;
    assert.ok(ratio > 5 && ratio < 10, `${ratio}`);
  });

  test('the unit of work takes about half a second, and is bounded in number', () => {
    const plan = planRun({ ...SIZE, scenarios: 20, blocksPerScenario: 100 }, 0.1);
    assert.equal(plan.chunk, 5);
    assert.ok(plan.seconds! > 0);
    const many = planRun({ ...SIZE, blocksPerScenario: 10_000 }, 0.001);
    assert.ok(many.blocks / many.chunk <= 2000, `${many.blocks / many.chunk} units`);
  });

  test('a run over a minute or a GiB is large', () => {
    assert.equal(isLarge(planRun(SIZE, 0.01)), false);
    assert.equal(isLarge(planRun({ ...SIZE, blocksPerScenario: 100 }, 0.1)), true);
  });

  test('progress is reported from the start, and the plan before it', async () => {
    const calls: string[] = [];
    await runVariants(['ordos-2018'], {
      scenarios: 3,
      persons: 1000,
      years: 1,
      workers: 1,
      onPlan: (plan) => calls.push(`plan ${plan.blocks}`),
      onProgress: (done, total) => calls.push(`${done}/${total}`),
    });
    assert.deepEqual(calls.slice(0, 2), ['plan 3', '0/3']);
    assert.equal(calls[calls.length - 1], '3/3');
  });
});

describe('cli: run sizes and workers beyond the machine are refused at once, exit 2', () => {
  const cores = defaultWorkers();
  const cases: { name: string; args: string[]; message: RegExp }[] = [
    {
      name: 'simulate --persons 1e12 (terabytes of sums)',
      args: ['simulate', '--scheme', 'dazhou-2023', '--persons', '1e12'],
      message:
        /this run would need about [\d,]+ TiB of memory, .* 200 scenarios × 3 years × [\d,]+ blocks of 65,536 persons kept until the end; this machine gives .*: give fewer --persons or --scenarios/,
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
        'bench/workloads/w2-guiyang-resident.yaml',
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
