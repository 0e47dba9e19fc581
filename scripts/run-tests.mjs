#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's built-in test runner through tsx.
// Node 20's --test does not expand globs, so the files are listed here.
// Usage: node scripts/run-tests.mjs [folder-or-file ...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const targets = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];

function collect(path, out) {
  if (!existsSync(path)) {
    console.error(`run-tests: no such file or folder: ${path}`);
    process.exit(2);
  }
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) collect(join(path, name), out);
  } else if (path.endsWith('.test.ts')) {
    out.push(path);
  }
  return out;
}

const files = targets.flatMap((t) => collect(resolve(root, t), []));
if (files.length === 0) {
  console.error(`run-tests: no *.test.ts files under ${targets.join(', ')}`);
  process.exit(2);
}
// Two cores: two test files at a time; the notebook and property tests are the long ones.
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
