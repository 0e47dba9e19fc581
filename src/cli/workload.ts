import { YibaoError } from '../errors';
import * as msg from '../messages';
import { prepareWorkload, runWorkload } from '../workload/run';
import { parseCommandArgs, requireOption, wholeOption, workersOption } from './args';
import type { Command } from './command';
import { progressBar } from './progress';

export const workloadCommand: Command = {
  name: 'workload',
  help: `yibao workload <file.yaml> --persons N [--seed S] [--workers K] [--progress]

Runs a workload file (bench/workloads/*.yaml: a synthetic population, its claims model
and a scheme, defined exactly so that results and speed can be compared with other tools
on identical work) over N persons, and prints one JSON line: persons, admissions, premium,
basic, layer (the workload's layer total), loss_ratio, beneficiaries, oop_mean, oop_p95,
oop_p99 (exact percentiles over all persons, zeros included), threads, seconds,
setup_seconds, persons_per_second, peak_rss_mb. Money in yuan.

seconds is the run: thread start-up, generation, settlement and the aggregates;
setup_seconds, before it, is the reading of the files and the compiling of the scheme;
persons_per_second is persons / seconds.

Options:
  --persons   persons to simulate (required)
  --seed      seed of the random streams (default 1): same seed, same figures
  --workers   threads (default: the calling thread alone unless the run is long enough
              to repay a worker's start-up, about 40 million persons; then every core)
  --force     start more --workers than the machine has cores
  --progress  show a progress bar even when stderr is not a terminal

Example:
  yibao workload bench/workloads/w2-guiyang-resident.yaml --persons 10000000
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
    if (positionals.length !== 1) throw new YibaoError(msg.cli.oneWorkloadFile());
    const file = positionals[0];
    const persons = wholeOption('persons', requireOption('workload', values.persons, 'persons'))!;
    const seed = wholeOption('seed', values.seed, 0) ?? 1;
    const workers = workersOption(values.workers, flags.force);
    const setupStarted = process.hrtime.bigint();
    const prepared = prepareWorkload(file);
    const started = process.hrtime.bigint();
    const bar = progressBar(io, prepared.workload.id, flags.progress);
    const { workload: id, ...figures } = await runWorkload(prepared, {
      persons,
      seed,
      workers,
      onProgress: (done, total) => bar.update(done, total),
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    bar.done();
    io.stdout(
      `${JSON.stringify({
        workload: id,
        ...figures,
        loss_ratio: Math.round(figures.loss_ratio * 1e4) / 1e4,
        oop_mean: Math.round(figures.oop_mean * 100) / 100,
        seconds: Math.round(seconds * 1000) / 1000,
        setup_seconds: Math.round(Number(started - setupStarted) / 1e6) / 1000,
        persons_per_second: Math.round(figures.persons / seconds),
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
      })}\n`,
    );
    return 0;
  },
};
