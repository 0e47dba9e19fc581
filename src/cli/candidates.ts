import { formatRate } from '../fund/rules';
import {
  CANDIDATE_SCENARIOS,
  candidatesReport,
  DEFAULT_CANDIDATES,
  runCandidates,
} from '../report/candidates';
import { writeReport } from '../report/write';
import { poolLabel } from '../simulate/output';
import { parseCommandArgs, requireOption, wholeOption } from './args';
import type { CliIo, Command } from './command';
import { progressBar } from './progress';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** `candidates` (the main job) and `report` differ only in their default schemes and help. */
function reportingCommand(name: string, help: string, defaultSchemes?: string[]): Command {
  return {
    name,
    help,
    run: (args, io) => runReporting(name, args, io, help, defaultSchemes),
  };
}

export const candidatesCommand = reportingCommand(
  'candidates',
  `yibao candidates [--schemes a,b,c] [--scenarios N] [--persons N] [--years Y] [--seed S] [--workers K] [--out DIR]

Simulates each candidate on its own scheme — by default 0.32% of payroll (dazhou-2023),
8% of the resident pool (guiyang-2023) and 60 yuan a head (ordos-2018) — on the scheme's
own insured pool (its population block; --persons N draws a sample of N instead), 100
scenarios (--scenarios) over the contract years, prints a summary table, and writes
report.html (self-contained, opens offline) and report.xlsx to DIR (default out/).

Example:
  yibao candidates --scenarios 200 --out out
`,
  DEFAULT_CANDIDATES,
);

export const reportCommand = reportingCommand(
  'report',
  `yibao report --schemes a[,b,…] [--scenarios N] [--persons N] [--years Y] [--seed S] [--workers K] [--out DIR]

Simulates each scheme at its own rate and writes report.html (self-contained, opens
offline: assumptions with their sources, summary tables, the charts) and report.xlsx (the
tables) to DIR (default out/); prints the summary table.

Example:
  yibao report --schemes huangshan-2022 --scenarios 300 --out out/huangshan
`,
);

async function runReporting(
  name: string,
  args: string[],
  io: CliIo,
  help: string,
  defaultSchemes?: string[],
): Promise<number> {
  const { values, flags } = parseCommandArgs(name, args, {
    strings: ['schemes', 'scenarios', 'persons', 'years', 'seed', 'workers', 'out', 'calibration'],
    booleans: ['progress'],
  });
  if (flags.help) {
    io.stdout(help);
    return 0;
  }
  const schemes = values.schemes
    ? values.schemes.split(',').map((s) => s.trim())
    : (defaultSchemes ?? [requireOption(name, undefined, 'schemes')]);
  const out = values.out ?? 'out';
  let bar = progressBar(io, '', flags.progress);
  const items = await runCandidates(
    schemes,
    {
      scenarios:
        wholeOption('scenarios', values.scenarios) ??
        (defaultSchemes ? CANDIDATE_SCENARIOS : undefined),
      persons: wholeOption('persons', values.persons),
      years: wholeOption('years', values.years),
      seed: wholeOption('seed', values.seed, 0),
      workers: wholeOption('workers', values.workers),
      calibration: values.calibration,
      onProgress: (p) => {
        bar.update(p.done, p.total, `${p.scenariosDone}/${p.scenarios} scenarios`);
        if (p.done === p.total) bar.done();
      },
    },
    (id, i) => {
      bar = progressBar(io, `${id.padEnd(14)} (${i + 1}/${schemes.length})`, flags.progress);
    },
  );
  const files = await writeReport(out, candidatesReport(items, values.calibration));
  const rows = items.map(({ result, summary }) => {
    const y = summary.years[summary.years.length - 1];
    return [
      result.scheme.id,
      result.info.persons.toLocaleString('en'),
      formatRate(result.funding.kind, result.rate),
      pct(y.lossRatio.p50),
      `${pct(y.lossRatio.p05)}–${pct(y.lossRatio.p95)}`,
      pct(summary.deficitAnyTime),
      `${(y.balance.p50 / 1e4).toFixed(0)}万`,
      y.burden.oopMeanPerPerson.toFixed(0),
      pct(y.burden.catastrophicCapacityShare),
    ];
  });
  const header = [
    'scheme 方案',
    'insured 参保',
    'rate 费率',
    'LR p50 赔付率',
    'LR 90%',
    'P(deficit) 赤字',
    'balance 结余',
    'OOP 人均自付',
    'catastrophic',
  ];
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((r) => [...r[i]].length)));
  io.stdout(
    `Candidate rates, final contract year (${items[0].result.info.scenarios} scenarios; insured in year 1: ${items.map((i) => poolLabel(i.result.info)).join('; ')})\n${table
      .map((r) =>
        r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '),
      )
      .join('\n')}\n\nwrote ${files.join(', ')}\n`,
  );
  return 0;
}
