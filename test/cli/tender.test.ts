import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './run-cli';

const SMALL = ['--scenarios', '12', '--persons', '3000', '--workers', '1'];

describe('yibao tender', () => {
  it('runs the example of its --help as written, and prints what the README shows', async () => {
    const help = await runCli(['tender', '--help']);
    assert.equal(help.code, 0);
    const example = /Example:\n {2}yibao (.+)\n/.exec(help.stdout);
    assert.ok(example, 'the help has an example');
    const r = await runCli(example[1].split(/\s+/));
    assert.equal(r.code, 0, r.stderr);
    // Dazhou at 0.32% of payroll: the refund below the bid leaves 1 − bid − 3% cost
    assert.match(r.stdout, /bid 中标净赔付率: 95\.0000%, the highest bid that meets it/);
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const block = /```sh\nnpx yibao (tender .+)\n```\n\n```\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'README has a tender example and its output');
    assert.equal(block[1], example[1], 'the README runs the help example');
    const seconds = (text: string) => text.replace(/seed 1, [\d.]+ s/, 'seed 1, … s');
    assert.equal(seconds(r.stdout), seconds(block[2]));
  });

  it('--json gives the run to replay it, the solve and the figures, and nothing else', async () => {
    const r = await runCli([
      'tender',
      '--scheme',
      'ordos-2018',
      ...SMALL,
      '--seed',
      '5',
      '--target-loss-probability',
      '25%',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(
      { seed: out.run.seed, scenarios: out.run.scenarios, persons: out.run.persons },
      { seed: 5, scenarios: 12, persons: 3000 },
    );
    assert.equal(out.solution.solvedFor, 'rate');
    assert.deepEqual(out.solution.target, { lossProbability: 0.25 });
    assert.ok(out.solution.achieved <= 0.25);
    assert.equal(out.result.rate, out.solution.value);
    assert.equal(out.result.bid, null);
    assert.equal(out.result.years.length, 3);
    for (const key of ['mean', 'lossProbability', 'var95', 'tvar95', 'var99', 'tvar99'])
      assert.equal(typeof out.result.period.share[key], 'number', key);
    assert.ok(out.result.period.yuan.tvar99 >= out.result.period.yuan.var99);
  });

  it('gives the distribution at a bid, in yuan and as a share of premium', async () => {
    // a pool of 1,500: small enough that in some scenario a year goes above the bid
    const r = await runCli([
      'tender',
      '--scheme',
      'dazhou-2023',
      '--scenarios',
      '12',
      '--persons',
      '1500',
      '--workers',
      '1',
      '--bid',
      '92.5%',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /bid 中标净赔付率 92\.5000%/);
    assert.match(r.stdout, /insurer result, yuan/);
    assert.match(r.stdout, /as a share of premium/);
    // 1 − 92.5% − 3% where the loss ratio stays below the bid: in every scenario's year 1 here
    assert.match(r.stdout, /year 1 +[\d,]+ +4\.50% +0\.00% +0\.0% +-4\.50%/);
    // in some scenario a year goes above the bid, and the art. 21 rule raises the next rate
    assert.match(r.stdout, /mean rate by year 0\.32%, 0\.32%, 0\.3[2-9]\d+%/);
  });

  for (const [what, args, message] of [
    ['no scheme', ['tender'], /missing --scheme/],
    [
      'a bid that is not a number',
      ['--bid', 'high'],
      /--bid must be a number \(0\.9 or 90%\), got 'high'/,
    ],
    ['a bid above 100%', ['--bid', '120%'], /--bid must be a net loss ratio in \(0, 1\], got 1\.2/],
    ['a bid of 0', ['--bid', '0'], /--bid must be a net loss ratio in \(0, 1\], got 0/],
    [
      'a bid where no rule acts on it',
      ['--scheme', 'guiyang-2023', '--bid', '0.9'],
      /--bid: the contract of guiyang-2023 has no rule the bid acts on/,
    ],
    ['both targets', ['--target-margin', '2%', '--target-loss-probability', '5%'], /give one of/],
    [
      'a margin of 100%',
      ['--target-margin', '100%'],
      /--target-margin must be a share of premium below 1/,
    ],
    [
      'a margin that is not a number',
      ['--target-margin', 'lots'],
      /--target-margin must be a number/,
    ],
    [
      'a probability of 1',
      ['--target-loss-probability', '1'],
      /--target-loss-probability must be a probability in \[0, 1\)/,
    ],
    [
      'a bid and a target',
      ['--bid', '0.9', '--target-margin', '2%'],
      /--bid and --target-margin: the target is solved for the bid/,
    ],
    [
      'a rate and a target without a bid',
      ['--scheme', 'ordos-2018', '--rate', '60', '--target-margin', '2%'],
      /--rate and --target-margin: .* solved for the rate/,
    ],
    [
      'a rate with 9 decimals',
      ['--rate', '0.003200001'],
      /--rate must be a positive number with at most 8 decimals/,
    ],
    [
      'an unknown contract change',
      ['--contract-change', 'sometimes'],
      /--contract-change must be when_needed or never, not 'sometimes'/,
    ],
    [
      'an unknown loss cause',
      ['--loss-cause', 'weather'],
      /--loss-cause must be policy or insurer, not 'weather'/,
    ],
    ['an unknown option', ['--bids', '0.9'], /unknown option '--bids' \(did you mean '--bid'\?\)/],
  ] as const) {
    it(`refuses ${what} with exit status 2, naming the option, nothing on stdout`, async () => {
      const withScheme = (args as readonly string[]).includes('--scheme') || args[0] === 'tender';
      const argv =
        args[0] === 'tender'
          ? [...args]
          : ['tender', ...(withScheme ? [] : ['--scheme', 'dazhou-2023']), ...args, ...SMALL];
      const r = await runCli(argv);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(r.stderr, /^yibao tender: /);
    });
  }

  it('refuses a target beyond what the contract allows, saying what is there', async () => {
    const r = await runCli([
      'tender',
      '--scheme',
      'guiyang-2023',
      ...SMALL,
      '--target-margin',
      '3%',
    ]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no rate meets an expected margin of 0\.03: at the highest rate tried/);
  });
});
