/**
 * The large-pool method's bench (issue 10; docs/large-pool.md), its report bench/large-pool.md:
 *
 *   node --import tsx bench/large-pool.ts                 agreement and speed (about half an hour)
 *   node --import tsx bench/large-pool.ts agreement       the agreement only
 *   node --import tsx bench/large-pool.ts speed           the speed targets only
 *   node --import tsx bench/large-pool.ts charts          the charts of results.json again
 *
 * Agreement: every seed scheme at 500,000 insured × 200 scenarios × 3 years, large-pool
 * against brute force on the same scenarios (src/simulate/large-pool/agreement.ts), in this
 * process. Speed: the built `yibao` as users run it, one process each, wall time and peak
 * RSS (bench/probe.cjs): guiyang-2023 at its 4,000,000 residents × 1,000 scenarios × 3
 * years (target ≤ 60 s) and the assumed 40,000,000-resident provincial pool × 10,000
 * scenarios × 3 years (≤ 120 s), each under 2 GB. Figures go to
 * bench/large-pool/results.json and the charts to bench/large-pool/*.png.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { renderPng } from '../src/charts/render';
import { agreement, type Check } from '../src/simulate/large-pool/agreement';
import { runByMethod } from '../src/simulate/large-pool/run';
import { resultAt } from '../src/simulate/simulate';
import { CLI_NODE_FLAGS } from './node-flags';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(__dirname, 'large-pool');
// Ordos first: its uncapped line is where a normal sum is most in doubt
const SCHEMES = ['ordos-2018', 'dazhou-2023', 'guiyang-2023', 'huangshan-2022', 'jiaozuo-2022'];
const SIZE = { persons: 500_000, scenarios: 200, years: 3, seed: 1 };

const log = (x: object) => process.stderr.write(`${JSON.stringify(x)}\n`);

interface SchemeAgreement {
  scheme: string;
  mcSeconds: number;
  largePoolSeconds?: number;
  load: number[];
  refused?: string;
  checks?: Check[];
  /** per scenario, final year: the loss ratio under each method */
  lossRatios?: { mc: number; largePool: number }[];
  spreads?: Record<string, { p05: number; p50: number; p95: number; mean: number }>;
  errors?: unknown;
}

async function agreementOf(scheme: string): Promise<SchemeAgreement> {
  const load = os.loadavg();
  let t = performance.now();
  const mc = await runByMethod([scheme], { ...SIZE, method: 'mc' });
  const mcSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  let lp: Awaited<ReturnType<typeof runByMethod>>;
  try {
    lp = await runByMethod([scheme], { ...SIZE, method: 'large-pool' });
  } catch (e) {
    return { scheme, mcSeconds, load, refused: (e as Error).message };
  }
  const largePoolSeconds = (performance.now() - t) / 1000;
  const rm = resultAt(mc.runs[0], mc.info);
  const rl = resultAt(lp.runs[0], lp.info);
  const { checks, mc: sm, largePool: sl } = agreement(rm, rl);
  const last = SIZE.years - 1;
  const lr = (o: (typeof rm.outcomes)[number]) => o[last].lossRatio ?? 0;
  return {
    scheme,
    mcSeconds,
    largePoolSeconds,
    load,
    checks,
    lossRatios: rm.outcomes.map((o, s) => ({ mc: lr(o), largePool: lr(rl.outcomes[s]) })),
    spreads: {
      mc: sm.years[last].lossRatio!,
      largePool: sl.years[last].lossRatio!,
    },
    errors: lp.info.method?.largePool?.errors,
  };
}

interface SpeedRow {
  row: string;
  args: string[];
  targetSeconds: number;
  wallSeconds?: number;
  peakRssMb?: number;
  load: number[];
  stdoutTail?: string;
  failed?: string;
}

function speed(row: string, args: string[], targetSeconds: number): SpeedRow {
  const load = os.loadavg();
  const r = spawnSync(
    process.execPath,
    [
      ...CLI_NODE_FLAGS,
      '-r',
      path.join(__dirname, 'probe.cjs'),
      path.join(ROOT, 'bin', 'yibao.js'),
      ...args,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  const line = r.stderr.split('\n').find((l) => l.startsWith('probe '));
  if (r.status !== 0 || !line)
    return { row, args, targetSeconds, load, failed: r.stderr.slice(-2000) };
  const probe = JSON.parse(line.slice('probe '.length)) as {
    wall_seconds: number;
    peak_rss_mb: number;
  };
  const out = {
    row,
    args,
    targetSeconds,
    wallSeconds: probe.wall_seconds,
    peakRssMb: probe.peak_rss_mb,
    load,
    stdoutTail: r.stdout.split('\n').slice(-8).join('\n'),
  };
  log(out);
  return out;
}

function scatterSpec(rows: SchemeAgreement[]): TopLevelSpec {
  const values = rows.flatMap((r) => (r.lossRatios ?? []).map((p) => ({ scheme: r.scheme, ...p })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Final-year loss ratio per scenario: large-pool against brute force (500,000 × 200 × 3)',
    width: 520,
    height: 420,
    background: 'white',
    layer: [
      {
        data: {
          values: [
            { x: 0.2, y: 0.2 },
            { x: 1.6, y: 1.6 },
          ],
        },
        mark: { type: 'line', color: '#999', strokeDash: [4, 4] },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
        },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 18, opacity: 0.7 },
        encoding: {
          x: {
            field: 'mc',
            type: 'quantitative',
            title: 'brute force (mc)',
            scale: { zero: false },
          },
          y: {
            field: 'largePool',
            type: 'quantitative',
            title: 'large-pool',
            scale: { zero: false },
          },
          color: { field: 'scheme', type: 'nominal', title: 'scheme' },
        },
      },
    ],
  } as TopLevelSpec;
}

function oopSpec(rows: SchemeAgreement[]): TopLevelSpec {
  const values = rows.flatMap((r) =>
    (r.checks ?? [])
      .filter(
        (c) =>
          c.name.startsWith('out of pocket') &&
          c.name.includes('per person') &&
          c.year === SIZE.years,
      )
      .map((c) => ({
        scheme: r.scheme,
        quantile: c.name.split(' ')[3],
        difference: c.mc > 0 ? (c.largePool - c.mc) / c.mc : 0,
      })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Out-of-pocket percentiles per person, final year: large-pool − brute force, relative',
    width: 520,
    height: 300,
    background: 'white',
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'scheme', type: 'nominal', title: null },
      xOffset: { field: 'quantile' },
      y: {
        field: 'difference',
        type: 'quantitative',
        title: 'relative difference',
        axis: { format: '.1%' },
      },
      color: { field: 'quantile', type: 'nominal' },
    },
  } as TopLevelSpec;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, 'results.json');
  const results: {
    agreement?: SchemeAgreement[];
    speed?: SpeedRow[];
    date?: string;
    cpus?: number;
  } = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  results.date = new Date().toISOString();
  results.cpus = os.cpus().length;
  // the speed rows first: they are the targets, and the agreement is long
  if (only !== 'agreement' && only !== 'charts') {
    results.speed = [
      speed(
        'guiyang 4M × 1,000 × 3',
        [
          'simulate',
          '--scheme',
          'guiyang-2023',
          '--persons',
          '4000000',
          '--scenarios',
          '1000',
          '--years',
          '3',
          '--method',
          'large-pool',
        ],
        60,
      ),
      speed(
        'province 40M × 10,000 × 3',
        [
          'simulate',
          '--scheme',
          'province-pool-2024',
          '--scenarios',
          '10000',
          '--years',
          '3',
          '--method',
          'large-pool',
        ],
        120,
      ),
      speed(
        'candidates, real pools × 1,000 × 3',
        [
          'candidates',
          '--scenarios',
          '1000',
          '--method',
          'large-pool',
          '--out',
          path.join(os.tmpdir(), 'yibao-lp-candidates'),
        ],
        0,
      ),
    ];
    fs.writeFileSync(file, `${JSON.stringify(results, null, 1)}\n`);
  }
  if (only !== 'speed' && only !== 'charts') {
    results.agreement = [];
    for (const scheme of SCHEMES) {
      const row = await agreementOf(scheme);
      log({ ...row, lossRatios: undefined });
      results.agreement.push(row);
      fs.writeFileSync(file, `${JSON.stringify(results, null, 1)}\n`);
    }
  }
  if (results.agreement) {
    const rows = results.agreement.filter((r) => r.checks);
    fs.writeFileSync(path.join(OUT, 'loss-ratio-scatter.png'), await renderPng(scatterSpec(rows)));
    fs.writeFileSync(path.join(OUT, 'oop-percentiles.png'), await renderPng(oopSpec(rows)));
  }
  fs.writeFileSync(file, `${JSON.stringify(results, null, 1)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
