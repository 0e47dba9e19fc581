/**
 * `yibao workload`: a benchmark workload (bench/workloads/: a scheme and a calibration file
 * side by side) run through `simulate` — one scenario, one year, scenario factors at their
 * means — printed as one JSON line with the figures other implementations report.
 */
import * as fs from 'node:fs';
import { YibaoError } from '../errors';
import * as msg from '../messages';
import { isLarge } from '../simulate/resources';
import { runVariants } from '../simulate/simulate';
import { parseCommandArgs, requireOption, wholeOption, workersOption } from './args';
import type { Command } from './command';
import { progressBar } from './progress';

/** The scheme and calibration files of a workload given by its path without the suffixes. */
export function workloadFiles(prefix: string): { scheme: string; calibration: string } {
  const base = prefix.replace(/\.(scheme|calibration)\.ya?ml$/, '');
  const files = { scheme: `${base}.scheme.yaml`, calibration: `${base}.calibration.yaml` };
  for (const file of Object.values(files))
    if (!fs.existsSync(file)) throw new YibaoError(msg.cli.noWorkload(prefix, file));
  return files;
}

export const workloadCommand: Command = {
  name: 'workload',
  help: `yibao workload <path> --persons N [--seed S] [--workers K] [--progress]

Runs a benchmark workload — the pair <path>.scheme.yaml and <path>.calibration.yaml, e.g.
bench/workloads/w2-guiyang-resident — through simulate (one scenario, one year, scenario
factors at their means), and prints one JSON line: persons, admissions, premium, basic,
layer (what the premium's layers paid), loss_ratio, beneficiaries, oop_mean, oop_p95,
oop_p99 (exact percentiles over all persons, zeros included), threads, seconds,
setup_seconds, cpu_seconds, persons_per_second, peak_rss_mb. Money in yuan.

setup_seconds is the reading of the files and the compiling of the scheme; seconds is
the rest of the run (threads, generation, settlement, aggregates); persons_per_second is
persons / seconds; cpu_seconds is the CPU time of the whole run, setup included, over all
threads (on a shared machine, fairer than wall time). The same as:

  yibao simulate --scheme <path>.scheme.yaml --calibration <path>.calibration.yaml \\
    --scenarios 1 --years 1 --deterministic --persons N --json

Options:
  --persons   persons to simulate (default: the workload's pool)
  --seed      seed of the random streams (default 1): same seed, same figures
  --workers   threads (default: every core when the run is long enough to repay them)
  --force     start more --workers than the machine has cores; run even when the run is
              estimated at over a day
  --progress  show a progress bar even when stderr is not a terminal

Example:
  yibao workload bench/workloads/w2-guiyang-resident --persons 10000000
`,
  async run(args, io) {
    const { values, flags, positionals } = parseCommandArgs('workload', args, {
      strings: ['persons', 'seed', 'workers'],
      booleans: ['progress', 'force'],
      positionals: true,
    });
    if (flags.help) {
      io.stdout(this.help);
      return 0;
    }
    if (positionals.length !== 1) throw new YibaoError(msg.cli.oneWorkload());
    const files = workloadFiles(requireOption('workload', positionals[0], 'workload'));
    const bar = progressBar(io, 'workload', flags.progress);
    const cpuBefore = process.cpuUsage();
    const { runs, info } = await runVariants([files.scheme], {
      calibration: files.calibration,
      persons: wholeOption('persons', values.persons),
      seed: wholeOption('seed', values.seed, 0),
      workers: workersOption(values.workers, flags.force),
      force: flags.force,
      scenarios: 1,
      years: 1,
      deterministic: true,
      onPlan: (plan) => {
        if (isLarge(plan)) io.stderr(`workload: ${msg.run.largeRun(plan)}\n`);
      },
      onProgress: (p) => bar.update(p.done, p.total),
    });
    bar.done();
    const cpu = process.cpuUsage(cpuBefore);
    const run = runs[0];
    const a = run.agg[0][0];
    const premiumFen = Math.round(run.funding.rate * run.fundingBase[0][0] * 100);
    const [p95, p99] = run.oop[0].quantiles([0.95, 0.99], a.persons);
    const seconds = info.seconds - info.setupSeconds;
    io.stdout(
      `${JSON.stringify({
        workload: run.scheme.id,
        persons: a.persons,
        admissions: a.events,
        premium: premiumFen / 100,
        basic: a.basic / 100,
        layer: a.insured / 100,
        loss_ratio: Math.round((a.insured / premiumFen) * 1e4) / 1e4,
        beneficiaries: a.beneficiaries,
        oop_mean: Math.round(a.oop / a.persons) / 100,
        oop_p95: p95 / 100,
        oop_p99: p99 / 100,
        threads: info.threads,
        seconds: Math.round(seconds * 1000) / 1000,
        setup_seconds: Math.round(info.setupSeconds * 1000) / 1000,
        cpu_seconds: Math.round((cpu.user + cpu.system) / 1000) / 1000,
        persons_per_second: Math.round(a.persons / seconds),
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
      })}\n`,
    );
    return 0;
  },
};
