import { formatRate } from '../fund/rules';
import { checkOutputFolder } from '../io/output';
import * as msg from '../messages';
import { candidatesReport, DEFAULT_CANDIDATES, runCandidates } from '../report/candidates';
import { writeReport } from '../report/write';
import { pct, wan } from '../simulate/output';
import { isLarge } from '../simulate/resources';
import { runRecord } from '../simulate/run-record';
import { parseCommandArgs, requireOption, wholeOption, workersOption } from './args';
import type { CliIo, Command } from './command';
import { progressBar } from './progress';

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
  `yibao candidates [--schemes a,b,c] [--scenarios N] [--persons N] [--years Y] [--seed S] [--workers K [--force]] [--out DIR]

Simulates each candidate on its own scheme — by default 0.32% of payroll (dazhou-2023),
8% of the resident pool (guiyang-2023) and 60 yuan a head (ordos-2018) — on the default
population over the contract years, prints a summary table, and writes report.html
(self-contained, opens offline) and report.xlsx to DIR (default out/).

Example:
  yibao candidates --scenarios 200 --out out
`,
  DEFAULT_CANDIDATES,
);

export const reportCommand = reportingCommand(
  'report',
  `yibao report --schemes a[,b,…] [--scenarios N] [--persons N] [--years Y] [--seed S] [--workers K [--force]] [--out DIR]

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
    booleans: ['progress', 'force'],
  });
  if (flags.help) {
    io.stdout(help);
    return 0;
  }
  const schemes = values.schemes
    ? values.schemes.split(',').map((s) => s.trim())
    : (defaultSchemes ?? [requireOption(name, undefined, 'schemes')]);
  const out = values.out ?? 'out';
  checkOutputFolder(out);
  let bar = progressBar(io, '', flags.progress);
  const items = await runCandidates(
    schemes,
    {
      scenarios: wholeOption('scenarios', values.scenarios),
      persons: wholeOption('persons', values.persons),
      years: wholeOption('years', values.years),
      seed: wholeOption('seed', values.seed, 0),
      workers: workersOption(values.workers, flags.force),
      calibration: values.calibration,
      onPlan: (plan) => {
        if (isLarge(plan)) io.stderr(`${name}: ${msg.run.largeRun(plan)}\n`);
      },
      onProgress: (done, total) => {
        bar.update(done, total);
        if (done === total) bar.done();
      },
    },
    (id, i) => {
      bar = progressBar(io, `${id.padEnd(14)} (${i + 1}/${schemes.length})`, flags.progress);
    },
  );
  const record = runRecord({
    command: [name, ...args],
    seed: items[0].result.info.seed,
    schemes: items.map(({ result }) => ({ scheme: result.run.scheme })),
    calibration: { ref: values.calibration ?? 'default', id: items[0].result.info.calibration },
  });
  const files = await writeReport(out, candidatesReport(items, values.calibration, record));
  const rows = items.map(({ result, summary }) => {
    const y = summary.years[summary.years.length - 1];
    return [
      result.scheme.id,
      formatRate(result.funding.kind, result.rate),
      pct(y.lossRatio?.p50 ?? null),
      `${pct(y.lossRatio?.p05 ?? null)}–${pct(y.lossRatio?.p95 ?? null)}`,
      pct(summary.deficitAnyTime),
      wan(y.schemeMoney.p50),
      wan(summary.insurer.mean),
      wan(y.poolBalance.p50),
      y.burden.oopMeanPerPerson.toFixed(0),
      pct(y.burden.catastrophicCapacityShare),
    ];
  });
  const header = [
    'scheme 方案',
    'rate 费率',
    'LR p50 赔付率',
    'LR 90%',
    'P(deficit) 赤字',
    'scheme money 当年基金收支 p50',
    'insurer result 承办机构经营结果 (all years)',
    'pool balance 基金结余 p50',
    'OOP 人均自付',
    'catastrophic',
  ];
  const table = [header, ...rows];
  const widths = header.map((_, i) => table.reduce((w, r) => Math.max(w, [...r[i]].length), 0));
  io.stdout(
    `Candidate rates, final contract year (${items[0].result.info.scenarios} scenarios, ${items[0].result.info.persons.toLocaleString('en')} insured each)\n${table
      .map((r) =>
        r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '),
      )
      .join('\n')}\n\nwrote ${files.join(', ')}\n`,
  );
  return 0;
}
