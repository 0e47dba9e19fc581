import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { main } from '../../src/cli/main';

/** Runs the CLI in-process and captures what it writes. */
export async function runCli(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    interactive: false,
  });
  return { code, stdout, stderr };
}

/** Writes `text` to a fresh temporary file and returns its path. */
export function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

export const HEADER =
  'person_id,group,status,seq,category,level,total,scope,excluded,cancer_drug_ooc';

/**
 * Runs the CLI and checks that it refuses: exit status 2, nothing on stdout, one line on
 * stderr (no stack trace) matching `message`, within `ms` (refused before any work).
 */
export async function assertRefused(args: string[], message: RegExp, ms = 10000): Promise<void> {
  const started = Date.now();
  const r = await runCli(args);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr.trim(), message);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at |node:internal/);
  assert.ok(Date.now() - started < ms, `took ${Date.now() - started} ms`);
}

const scratch: string[] = [];
after(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system's temporary folder, removed when the test file ends. */
export function scratchDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yibao-test-'));
  scratch.push(dir);
  return dir;
}
