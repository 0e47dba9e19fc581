/**
 * The progress bar of long runs: scenarios done and the time left, from the first second
 * (issue 9: "a progress bar that shows scenarios done and time left on every long run").
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { progressBar } from '../../src/cli/progress';
import { runCli, scratchDir } from './run-cli';

/** A bar on a fake terminal whose clock the test moves. */
function fakeBar() {
  const written: string[] = [];
  const io = { stdout: () => {}, stderr: (t: string) => written.push(t), interactive: true };
  const realNow = Date.now;
  let now = 1_000_000;
  Date.now = () => now;
  try {
    const bar = progressBar(io, 'simulate');
    return {
      written,
      at: (seconds: number, done: number, total: number, detail?: string) => {
        now = 1_000_000 + seconds * 1000;
        Date.now = () => now;
        bar.update(done, total, detail);
        Date.now = realNow;
      },
    };
  } finally {
    Date.now = realNow;
  }
}

describe('cli/progress: scenarios done and time left', () => {
  test('at the start: 0%, no time left yet; then the time left from the rate so far', () => {
    const bar = fakeBar();
    bar.at(0, 0, 40, '0/100 scenarios');
    bar.at(20, 10, 40, '25/100 scenarios');
    bar.at(20.05, 11, 40, '27/100 scenarios'); // within 0.1 s of the last: not redrawn
    bar.at(90, 40, 40, '100/100 scenarios');
    assert.equal(bar.written.length, 3);
    assert.match(bar.written[0], /^\rsimulate \[\.{30}\] 0% 0\/100 scenarios 0 s {2}$/);
    // 10 of 40 units in 20 s: 60 s more
    assert.match(bar.written[1], /\] 25% 25\/100 scenarios 20 s, ~60 s left {2}$/);
    assert.match(bar.written[2], /\[#{30}\] 100% 100\/100 scenarios 90 s {2}$/);
  });

  test('candidates --progress draws the bar with each scheme’s scenarios done', async () => {
    const r = await runCli([
      'candidates',
      '--schemes',
      'ordos-2018',
      '--scenarios',
      '3',
      '--persons',
      '2000',
      '--years',
      '1',
      '--progress',
      '--out',
      scratchDir(),
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /ordos-2018 +\(1\/1\) \[\.+\] 0% 0\/3 scenarios/);
    assert.match(r.stderr, /\] 100% 3\/3 scenarios \d+ s/);
  });
});
