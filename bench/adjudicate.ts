/**
 * Benchmark: a generated claims extract through `adjudicate` for each seed scheme, or
 * through `calibrate`.
 *
 *   node --import tsx bench/adjudicate.ts [--rows 1000000] [--rows-per-person 1.4] [--scheme id]
 *        [--input csv|parquet] [--command adjudicate|calibrate]
 *
 * The large-extract target: --rows 20000000 --rows-per-person 2.5 (8 million persons) at
 * 150,000 rows/s or more and a peak RSS under 400 MB; the same extract as Parquet
 * (--input parquet: read through DuckDB), and calibrate over it (--command calibrate: the
 * rows into DuckDB, the statistics in SQL; the scheme is not used), are measured alike.
 *
 * The CSV (one per membership: employees/retirees, residents) is generated once into
 * bench/out/, and written as Parquet from it by DuckDB (typed columns: integers, DOUBLE and
 * DECIMAL amounts) when asked. Each run is a fresh child process running the built CLI
 * (dist/), as users run it, so that its peak RSS is its own (DuckDB's memory included).
 * Prints one JSON line per run: {bench, input, scheme, rows, persons, seconds,
 * rows_per_second, peak_rss_mb}.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { writeClaimsFile } from './claims-file';
import { CLI_NODE_FLAGS } from './node-flags';

const ROOT = path.resolve(__dirname, '..');
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'rows-per-person': { type: 'string', default: '1.4' },
    scheme: { type: 'string', multiple: true },
    input: { type: 'string', default: 'csv' },
    command: { type: 'string', default: 'adjudicate' },
  },
  allowPositionals: true,
});
const rows = Number(values.rows);
const rowsPerPerson = Number(values['rows-per-person']);
const input = values.input;
const command = values.command;
if (
  (input !== 'csv' && input !== 'parquet') ||
  (command !== 'adjudicate' && command !== 'calibrate')
) {
  console.error('bench/adjudicate: --input csv|parquet, --command adjudicate|calibrate');
  process.exit(2);
}
const schemes =
  values.scheme ??
  (command === 'calibrate'
    ? ['dazhou-2023']
    : ['dazhou-2023', 'guiyang-2023', 'jiaozuo-2022', 'ordos-2018', 'huangshan-2022']);
const residentSchemes = new Set(['guiyang-2023', 'huangshan-2022']);

if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
  console.error('bench/adjudicate: build first (npm run build)');
  process.exit(2);
}
const outDir = path.join(ROOT, 'bench', 'out');
fs.mkdirSync(outDir, { recursive: true });

for (const scheme of schemes) {
  const membership = residentSchemes.has(scheme) ? 'resident' : 'employee';
  const claims = path.join(outDir, `claims-${membership}-${rows}-${rowsPerPerson}.csv`);
  if (!fs.existsSync(claims)) {
    writeClaimsFile(
      claims,
      rows,
      membership === 'resident' ? ['resident'] : ['employee', 'retiree'],
      `bench-${membership}`,
      rowsPerPerson,
    );
  }
  const extract = input === 'parquet' ? asParquet(claims) : claims;
  const out = path.join(
    outDir,
    command === 'calibrate' ? 'calibrated.yaml' : `adjudicated-${scheme}.csv`,
  );
  const run =
    command === 'calibrate'
      ? ['calibrate', '--claims', extract, '--below-min', 'base', '--out', out]
      : ['adjudicate', '--scheme', scheme, '--claims', extract, '--out', out];
  // /usr/bin/time is not on every machine: the child reports its own peak RSS.
  const script = `
    const { main } = require(${JSON.stringify(path.join(ROOT, 'dist', 'cli', 'main.js'))});
    const started = process.hrtime.bigint();
    main(${JSON.stringify(run)}, {
      stdout: (t) => process.stdout.write(t), stderr: () => {}, interactive: false,
    }).then((code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const usage = process.resourceUsage();
      const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
      process.stdout.write(JSON.stringify({ code, seconds, cpu_seconds: cpu, peak_rss_mb: usage.maxRSS / 1024 }));
    });`;
  const child = spawnSync(process.execPath, [...CLI_NODE_FLAGS, '-e', script], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) {
    console.error(child.stderr);
    process.exit(1);
  }
  const result = JSON.parse(child.stdout);
  if (result.code !== 0) {
    console.error(`bench/adjudicate: ${scheme} exited ${result.code}`);
    process.exit(1);
  }
  const persons = command === 'calibrate' ? personsOf(out) : countLines(out) - 1;
  console.log(
    JSON.stringify({
      bench: command,
      input,
      scheme: command === 'calibrate' ? null : scheme,
      rows,
      persons,
      seconds: round(result.seconds, 2),
      rows_per_second: Math.round(rows / result.seconds),
      // on a machine shared with other jobs, the rate per second of CPU is the comparable one
      cpu_seconds: round(result.cpu_seconds, 2),
      rows_per_cpu_second: Math.round(rows / result.cpu_seconds),
      peak_rss_mb: round(result.peak_rss_mb, 1),
    }),
  );
}

/** The Parquet copy of a generated CSV, written once beside it by DuckDB. */
function asParquet(csv: string): string {
  const file = csv.replace(/\.csv$/, '.parquet');
  if (fs.existsSync(file)) return file;
  const sql = `COPY (SELECT person_id, "group", status, seq::BIGINT AS seq, category,
    "level"::TINYINT AS "level", total::DOUBLE AS total, scope::DECIMAL(14, 2) AS scope,
    excluded::DOUBLE AS excluded, cancer_drug_ooc::DECIMAL(14, 2) AS cancer_drug_ooc
    FROM read_csv('${csv}', all_varchar = true, header = true)) TO '${file}.part' (FORMAT parquet)`;
  const script = `
    const { DuckDBInstance } = require('@duckdb/node-api');
    DuckDBInstance.create(':memory:').then(async (db) => {
      const c = await db.connect();
      await c.run(${JSON.stringify(sql)});
    });`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
  fs.renameSync(`${file}.part`, file);
  return file;
}

/** The insured persons a fitted calibration's header says it was fitted to. */
function personsOf(yaml: string): number {
  const m = /events of (\d+) insured persons/.exec(fs.readFileSync(yaml, 'utf8'));
  return m ? Number(m[1]) : Number.NaN;
}

function countLines(file: string): number {
  const text = fs.readFileSync(file);
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === 10) n++;
  return n;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
