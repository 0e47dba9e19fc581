/**
 * Every `yibao` example a user can copy — the README's `npx yibao …` lines and the
 * examples of each command's `--help` — runs and succeeds. A README block that shows a
 * command with its output (`$ npx yibao …` followed by lines) must print that output.
 *
 * Monte Carlo examples run with their arguments as written except the size, which is
 * brought down to SMALL (a test checks that the example works, not how long it takes).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { COMMANDS } from '../../src/cli/main';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'yibao.js');

/** Commands that run Monte Carlo scenarios, and the size their examples run at here. */
const MONTE_CARLO = new Set([
  'simulate',
  'price',
  'compare',
  'report',
  'candidates',
  'sensitivity',
  'tender',
]);
const SMALL = { scenarios: '3', persons: '2000' };
/**
 * A large-pool example keeps its scheme's pool (the method refuses under 100,000 insured):
 * its grid is the work, one year of it, and 20 scenarios spread its factors enough for the
 * method's normality check to read them.
 */
const SMALL_LARGE_POOL = { scenarios: '20', years: '1' };

/** Splits a shell line into words: double and single quotes, no expansions. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

function sizedDown(args: string[]): string[] {
  if (!MONTE_CARLO.has(args[0])) return args;
  const out = [...args];
  const largePool = out.some((a, i) => a === '--method' && out[i + 1] === 'large-pool');
  for (const [name, value] of Object.entries(largePool ? SMALL_LARGE_POOL : SMALL)) {
    const at = out.indexOf(`--${name}`);
    if (at >= 0) out[at + 1] = value;
    else out.push(`--${name}`, value);
  }
  return out;
}

/** A scratch folder where examples can write, with the repo's example inputs beside. */
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-examples-'));
for (const name of ['examples', 'bench'])
  fs.symlinkSync(path.join(root, name), path.join(cwd, name));
after(() => fs.rmSync(cwd, { recursive: true, force: true }));

function run(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 300_000 });
}

function readmeBlocks(): string[] {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/```(?:sh)?\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** `npx yibao …` lines of the README's shell blocks, comments dropped. */
function readmeCommands(): string[][] {
  return readmeBlocks()
    .flatMap((block) => block.split('\n'))
    .filter((line) => line.startsWith('npx yibao '))
    .map((line) => shellWords(line.replace(/\s+#.*$/, '')).slice(2));
}

/** `$ npx yibao …` blocks: the command and the output shown under it. */
function readmeTranscripts(): { args: string[]; output: string }[] {
  return readmeBlocks()
    .filter((block) => block.startsWith('$ npx yibao '))
    .map((block) => {
      const [first, ...rest] = block.trimEnd().split('\n');
      return { args: shellWords(first.slice(2)).slice(2), output: rest.join('\n') };
    });
}

function helpExamples(command: string): string[][] {
  const help = run([command, '--help']);
  assert.equal(help.status, 0, `yibao ${command} --help: ${help.stderr}`);
  const examples = help.stdout.split(/\nExamples?:?\n/i)[1] ?? '';
  return examples
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`yibao ${command}`))
    .map((line) => shellWords(line.replace(/\s+#.*$/, '')).slice(1));
}

function assertRuns(args: string[]) {
  const r = run(sizedDown(args));
  assert.equal(r.status, 0, `yibao ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  assert.ok(r.stdout.length > 0 || fs.readdirSync(cwd).length > 2, 'it printed or wrote something');
}

describe('examples', () => {
  for (const args of readmeCommands())
    test(`README: yibao ${args.join(' ')}`, () => assertRuns(args));

  for (const { args, output } of readmeTranscripts())
    test(`README transcript: yibao ${args.join(' ')} prints what the README shows`, () => {
      const r = run(args);
      assert.equal(r.stdout + r.stderr, `${output}\n`);
      // a transcript of a refusal shows the command's message: exit status 2, else 0
      assert.equal(r.status, /^yibao [a-z]+: /.test(output) ? 2 : 0);
    });

  for (const command of COMMANDS.map((c) => c.name))
    test(`${command} --help: every example runs`, () => {
      const examples = helpExamples(command);
      for (const args of examples) assertRuns(args);
    });
});
