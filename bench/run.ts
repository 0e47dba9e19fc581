/**
 * `npm run bench -- <name> [options]`: the project's benchmarks, one JSON line per run.
 *
 *   npm run bench -- dazhou-employee --persons 10000000 [--workers K] [--seed S]
 *   npm run bench -- guiyang-resident --persons 10000000
 *   npm run bench -- adjudicate [--rows 1000000] [--scheme id]
 *
 * Workloads (bench/workloads/*.yaml) run from the built library (dist/), as users run it;
 * build first (npm run build). `seconds` is the run: thread start-up, generation,
 * settlement and the aggregates, percentiles included; `setup_seconds`, before it, is the
 * reading of the workload and scheme files and the compiling of the scheme.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(__dirname, '..');
const [name, ...rest] = process.argv.slice(2);
const workloads = fs
  .readdirSync(path.join(__dirname, 'workloads'))
  .filter((f) => /^w\d+-.*\.yaml$/.test(f))
  .map((f) => ({
    file: path.join(__dirname, 'workloads', f),
    id: f.replace(/^w\d+-|\.yaml$/g, ''),
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
const dist = path.join(ROOT, 'dist', 'workload', 'run.js');
if (!fs.existsSync(dist)) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}
const { values } = parseArgs({
  args: rest,
  options: {
    persons: { type: 'string', default: '10000000' },
    workers: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const { prepareWorkload, runWorkload } = require(dist) as typeof import('../src/workload/run');
const setupStarted = process.hrtime.bigint();
const prepared = prepareWorkload(workload.file);
const started = process.hrtime.bigint();
runWorkload(prepared, {
  persons: Number(values.persons),
  seed: Number(values.seed),
  workers: values.workers ? Number(values.workers) : undefined,
}).then((summary) => {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { workload: id, ...figures } = summary;
  console.log(
    JSON.stringify({
      workload: id,
      ...figures,
      loss_ratio: Math.round(figures.loss_ratio * 1e4) / 1e4,
      oop_mean: Math.round(figures.oop_mean * 100) / 100,
      seconds: Math.round(seconds * 1000) / 1000,
      setup_seconds: Math.round(Number(started - setupStarted) / 1e6) / 1000,
      persons_per_second: Math.round(figures.persons / seconds),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
    }),
  );
});
