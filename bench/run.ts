/**
 * `npm run bench -- <name> [options]`: the project's benchmarks, one JSON line per run.
 *
 *   npm run bench -- dazhou-employee --persons 10000000 [--workers K] [--seed S]
 *   npm run bench -- guiyang-resident --persons 10000000
 *   npm run bench -- adjudicate [--rows 1000000] [--scheme id]
 *
 * Both run the built `yibao` command as users run it, with its node flags
 * (bench/node-flags.ts): build first (npm run build). A workload (bench/workloads/*.yaml)
 * is `yibao workload <file>`; see its --help for the figures it prints.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI_NODE_FLAGS } from './node-flags';

const ROOT = path.resolve(__dirname, '..');

const [name, ...rest] = process.argv.slice(2);
const workloads = fs
  .readdirSync(path.join(__dirname, 'workloads'))
  .filter((f) => /^w\d+-.*\.scheme\.yaml$/.test(f))
  .map((f) => ({
    file: path.join(__dirname, 'workloads', f.replace(/\.scheme\.yaml$/, '')),
    id: f.replace(/^w\d+-|\.scheme\.yaml$/g, ''),
  }));

if (!name || name === '--help') {
  console.error(
    `usage: npm run bench -- <${['adjudicate', ...workloads.map((w) => w.id)].join('|')}> [options]`,
  );
  process.exit(name ? 0 : 2);
}

if (name === 'adjudicate') {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'adjudicate.ts'), ...rest],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}

const workload = workloads.find((w) => w.id === name);
if (!workload) {
  console.error(
    `bench: unknown benchmark '${name}' (known: adjudicate, ${workloads.map((w) => w.id).join(', ')})`,
  );
  process.exit(2);
}
if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}
// the `yibao workload` command, as users run it (built code, the CLI's node flags)
const run = spawnSync(
  process.execPath,
  [...CLI_NODE_FLAGS, path.join(ROOT, 'bin', 'yibao.js'), 'workload', workload.file, ...rest],
  { stdio: 'inherit' },
);
process.exit(run.status ?? 1);
