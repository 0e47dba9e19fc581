import { formatFigure } from '../format/numbers';
import { transposedTable } from '../format/table';
import { checkOutputFolder } from '../io/output';
import * as msg from '../messages';
import {
  CANDIDATE_COLUMNS,
  CANDIDATE_SCENARIOS,
  candidatesReport,
  candidatesTable,
  DEFAULT_CANDIDATES,
  runCandidates,
} from '../report/candidates';
import { findChromium } from '../report/pdf';
import { writeReport } from '../report/write';
import { poolLabel } from '../simulate/output';
import { isLarge } from '../simulate/resources';
import { runRecord } from '../simulate/run-record';
import { parseCommandArgs, requireOption, wholeOption, workersOption } from './args';
import type { CliIo, Command } from './command';
import { METHOD_HELP, methodNote, methodOption, methodText } from './method';
import { progressBar } from './progress';

// The candidates table's columns a terminal has room for; the report has them all.
const TERMINAL_COLUMNS = [
  'rate',
  'rate_unit',
  'loss_ratio_p50',
  'loss_ratio_p05',
  'loss_ratio_p95',
  'deficit_any_year',
  'scheme_money_p50',
  'insurer_result_total_mean',
  'pool_balance_final_p50',
  'oop_mean_per_person',
  'catastrophic_capacity_share',
];

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
  `yibao candidates [--schemes a,b,c] [--scenarios N] [--persons N] [--years Y] [--seed S] [--method M] [--workers K [--force]] [--out DIR] [--pdf]

Simulates each candidate on its own scheme — by default 0.32% of payroll (dazhou-2023),
8% of the resident pool (guiyang-2023) and 60 yuan a head (ordos-2018) — on the scheme's
own insured pool (its population block; --persons N draws a sample of N instead), 100
scenarios (--scenarios) over the contract years, prints a summary table, and writes
report.html (self-contained, opens offline) and report.xlsx to DIR (default out/). The
report's first page answers, per candidate: is the rate adequate (P(deficit) against the
scheme's review.deficit_tolerance), the rate for the target, what comes back to the pool.

  --pdf  also report.pdf (A4), printed by headless Chromium: $YIBAO_CHROMIUM, or Debian's
         chromium; without one the other files are written and the exit status is 1

${METHOD_HELP}

Example:
  yibao candidates --scenarios 200 --out out
`,
  DEFAULT_CANDIDATES,
);

export const reportCommand = reportingCommand(
  'report',
  `yibao report --schemes a[,b,…] [--scenarios N] [--persons N] [--years Y] [--seed S] [--method M] [--workers K [--force]] [--out DIR] [--pdf]

Simulates each scheme at its own rate and writes report.html (self-contained, opens
offline: assumptions with their sources, summary tables, the charts) and report.xlsx (the
tables) to DIR (default out/); prints the summary table.

  --pdf  also report.pdf (A4), printed by headless Chromium: $YIBAO_CHROMIUM, or Debian's
         chromium; without one the other files are written and the exit status is 1

${METHOD_HELP}

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
    strings: [
      'schemes',
      'scenarios',
      'persons',
      'years',
      'seed',
      'workers',
      'out',
      'calibration',
      'method',
    ],
    booleans: ['progress', 'force', 'pdf'],
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
      method: methodOption(values.method),
      scenarios:
        wholeOption('scenarios', values.scenarios) ??
        (defaultSchemes ? CANDIDATE_SCENARIOS : undefined),
      persons: wholeOption('persons', values.persons),
      years: wholeOption('years', values.years),
      seed: wholeOption('seed', values.seed, 0),
      workers: workersOption(values.workers, flags.force),
      calibration: values.calibration,
      onPlan: (plan) => {
        if (isLarge(plan)) io.stderr(`${name}: ${msg.run.largeRun(plan)}\n`);
      },
      onProgress: (p) => {
        bar.update(p.done, p.total, `${p.scenariosDone}/${p.scenarios} scenarios`);
        if (p.done === p.total) bar.done();
      },
    },
    (id, i) => {
      bar = progressBar(io, `${id.padEnd(14)} (${i + 1}/${schemes.length})`, flags.progress);
    },
  );
  for (const i of items) io.stderr(methodNote(`${name} ${i.result.scheme.id}`, i.result.info));
  const record = runRecord({
    command: [name, ...args],
    seed: items[0].result.info.seed,
    schemes: items.map(({ result }) => ({ scheme: result.run.scheme })),
    calibration: { ref: values.calibration ?? 'default', id: items[0].result.info.calibration },
  });
  const chromium = flags.pdf ? findChromium() : null;
  const { files, pdfFailure } = await writeReport(
    out,
    candidatesReport(items, values.calibration, record),
    chromium ?? undefined,
  );
  const columns = TERMINAL_COLUMNS.map((k) => CANDIDATE_COLUMNS.find((c) => c.key === k)!);
  const { info } = items[0].result;
  io.stdout(
    `候选费率 Candidate rates: ${formatFigure(info.scenarios, 'count')} scenarios; insured in year 1: ${items.map((i) => poolLabel(i.result.info)).join('; ')}; each figure of the final contract year unless it says otherwise\n${transposedTable(columns, candidatesTable(items), (r) => String(r.scheme))}\n\n${items.map((i) => (methodText(i.result.info.method) ? `${i.result.scheme.id}: ${methodText(i.result.info.method)}` : '')).join('')}wrote ${files.join(', ')}\n`,
  );
  // asked for a PDF and none printed: the run's other files stand, but the job is not done
  if (flags.pdf && !chromium) {
    io.stderr(`${name}: ${msg.pdf.noChromium(files, process.env.YIBAO_CHROMIUM)}\n`);
    return 1;
  }
  if (pdfFailure) {
    io.stderr(`${name}: ${msg.pdf.printFailed(chromium!, pdfFailure)}\n`);
    return 1;
  }
  return 0;
}
