/**
 * `yibao simulate`, `yibao price` and `yibao compare`: Monte Carlo over the fund, sharing
 * one set of run options.
 */
import * as fs from 'node:fs';
import { YibaoError } from '../errors';
import { formatRate } from '../fund/rules';
import { parseOverrideList } from '../scheme/overrides';
import { compareRuns } from '../simulate/compare';
import { summarize } from '../simulate/metrics';
import { formatSummary, poolLabel, writeResults } from '../simulate/output';
import { price } from '../simulate/price';
import {
  prepareRun,
  resultAt,
  runVariants,
  type SchemeRef,
  type SimulateOptions,
} from '../simulate/simulate';
import { type ScenarioYearRef, writeSyntheticClaims } from '../simulate/synthetic';
import { type ParsedArgs, parseCommandArgs, requireOption, wholeOption } from './args';
import type { CliIo, Command } from './command';
import { progressBar } from './progress';

const RUN_OPTIONS = `Run options:
  --scheme       a shipped scheme id (see 'yibao schemes') or a path to a scheme .yaml
  --set          override a scheme parameter, path=value (repeatable)
  --years        years to project (default: the contract's years)
  --scenarios    scenarios (default 200)
  --persons      insured persons in year 1 (default: the scheme's pool, its population
                 block; a smaller number draws a sample of it)
  --seed         random seed (default 1); same seed, same numbers, whatever --workers
  --workers      worker threads (default: every core)
  --calibration  calibration id or path (default 'default')
  --deterministic  one best-estimate path (scenario factors at their means)
  --progress     show the progress bar even when stderr is not a terminal
  --json         print the result as one JSON document on stdout, nothing else`;

const STRINGS = [
  'scheme',
  'years',
  'scenarios',
  'persons',
  'seed',
  'workers',
  'calibration',
  'rate',
  'out',
  'target-loss-ratio',
  'target-deficit-probability',
  'variant',
  'claims-out',
  'claims-at',
] as const;
const BOOLEANS = ['json', 'deterministic', 'progress', 'report'] as const;
type Args = ParsedArgs<(typeof STRINGS)[number], (typeof BOOLEANS)[number], 'set'>;

function positive(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0)
    throw new YibaoError(`--${name} must be a non-negative number, got '${text}'`);
  return n;
}

/** The scheme's own rate unit: 0.32% and 0.0032 both mean 0.32% of payroll; 60 is 60 yuan. */
function parseRate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const percent = text.trim().endsWith('%');
  const n = positive('rate', percent ? text.trim().slice(0, -1) : text)!;
  return percent ? n / 100 : n;
}

/** `--claims-at 1:1,3:2`: scenario:year pairs, 1-based, as 0-based refs. */
function parseClaimsAt(text: string | undefined): ScenarioYearRef[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((pair) => {
    const m = /^\s*(\d+):(\d+)\s*$/.exec(pair);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
      throw new YibaoError(
        `--claims-at takes scenario:year pairs from 1, e.g. 1:1,3:2, got '${pair}'`,
      );
    return { scenario: Number(m[1]) - 1, year: Number(m[2]) - 1 };
  });
}

function runOptions(a: Args, io: CliIo, label: string): SimulateOptions {
  const bar = progressBar(io, label, a.flags.progress);
  return {
    years: wholeOption('years', a.values.years),
    scenarios: wholeOption('scenarios', a.values.scenarios),
    persons: wholeOption('persons', a.values.persons),
    seed: wholeOption('seed', a.values.seed, 0),
    workers: wholeOption('workers', a.values.workers),
    calibration: a.values.calibration,
    deterministic: a.flags.deterministic,
    onProgress: (p) => {
      bar.update(p.done, p.total, `${p.scenariosDone}/${p.scenarios} scenarios`);
      if (p.done === p.total) bar.done();
    },
  };
}

function schemeRef(command: string, a: Args): SchemeRef {
  return {
    scheme: requireOption(command, a.values.scheme, 'scheme'),
    overrides: parseOverrideList(a.lists.set),
  };
}

function parse(command: string, args: string[]): Args {
  return parseCommandArgs(command, args, { strings: STRINGS, booleans: BOOLEANS, lists: ['set'] });
}

export const simulateCommand: Command = {
  name: 'simulate',
  help: `yibao simulate --scheme <id|path> [--rate R] [run options] [--out DIR] [--json]

Generates the insured population and its claims, settles them through the scheme, and
applies the funding and contract rules year by year. Prints a summary (loss ratio, fund
balance, deficit probability, insurer result, out-of-pocket burden); with --out, writes
scenarios.csv, summary.csv and summary.json there.

  --rate   the first-year rate in the scheme's unit: 0.32% (or 0.0032) of payroll, 8% of
           the pool, 60 (yuan per head); default the scheme's own
  --out    folder for the result files
  --report also write report.html (self-contained) and report.xlsx there (default out/)
  --claims-out FILE  write the synthetic persons and events of chosen scenario-years as a
           claims CSV for 'yibao adjudicate' (the very draws this run settled; persons
           without events on a row of their own)
  --claims-at S:Y[,S:Y…]  the scenario-years of --claims-out, 1-based (default 1:1)

${RUN_OPTIONS}

Example:
  yibao simulate --scheme dazhou-2023 --scenarios 500 --years 3 --out out/dazhou
  yibao simulate --scheme dazhou-2023 --persons 50000 --claims-out claims.csv --claims-at 1:1
`,
  async run(args, io) {
    const a = parse('simulate', args);
    if (a.flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const rate = parseRate(a.values.rate);
    const claimsAt = parseClaimsAt(a.values['claims-at']);
    if (claimsAt && !a.values['claims-out'])
      throw new YibaoError(
        '--claims-at chooses the scenario-years of --claims-out: give --claims-out FILE',
      );
    const ref = schemeRef('simulate', a);
    const options = runOptions(a, io, 'simulate');
    const { runs, info } = await runVariants([ref], options);
    if (a.values['claims-out']) {
      const at = claimsAt ?? [{ scenario: 0, year: 0 }];
      for (const { scenario, year } of at)
        if (scenario >= info.scenarios || year >= info.years)
          throw new YibaoError(
            `--claims-at ${scenario + 1}:${year + 1} is beyond the run's ${info.scenarios} scenarios × ${info.years} years`,
          );
      const written = writeSyntheticClaims(prepareRun([ref], options), at, a.values['claims-out']);
      io.stderr(
        `wrote ${a.values['claims-out']}: ${written.persons.toLocaleString('en')} persons, ${written.claimants.toLocaleString('en')} with ${written.events.toLocaleString('en')} events (${at.map((x) => `scenario ${x.scenario + 1} year ${x.year + 1}`).join(', ')})\n`,
      );
    }
    const result = resultAt(runs[0], info, rate);
    const summary = summarize(result);
    if (a.values.out) {
      const files = writeResults(a.values.out, result, summary);
      io.stderr(`wrote ${files.join(', ')}\n`);
    }
    if (a.flags.report) {
      // the report writer (charts, exceljs) is loaded only when a report is asked for
      const { candidatesReport } =
        require('../report/candidates') as typeof import('../report/candidates');
      const { writeReport } = require('../report/write') as typeof import('../report/write');
      const report = candidatesReport([{ result, summary }], a.values.calibration);
      const files = await writeReport(a.values.out ?? 'out', report);
      io.stderr(`wrote ${files.join(', ')}\n`);
    }
    io.stdout(a.flags.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary, result));
    return 0;
  },
};

export const priceCommand: Command = {
  name: 'price',
  help: `yibao price --scheme <id|path> (--target-loss-ratio X | --target-deficit-probability P) [run options] [--json]

Simulates once, then finds (by bisection, re-applying the contract rules) the first-year
rate in the scheme's own unit at which the expected loss ratio over the projection is X,
or the probability that the fund is ever in deficit is at most P. The Monte Carlo error
is the spread of the answer over bootstrap resamples of the scenarios.

${RUN_OPTIONS}

Example:
  yibao price --scheme dazhou-2023 --target-loss-ratio 0.9 --scenarios 500
`,
  async run(args, io) {
    const a = parse('price', args);
    if (a.flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const lr = positive('target-loss-ratio', a.values['target-loss-ratio']);
    const dp = positive('target-deficit-probability', a.values['target-deficit-probability']);
    if ((lr === undefined) === (dp === undefined))
      throw new YibaoError(
        "give one of --target-loss-ratio or --target-deficit-probability (see 'yibao price --help')",
      );
    if (dp !== undefined && dp >= 1)
      throw new YibaoError(`--target-deficit-probability must be below 1, got ${dp}`);
    const { runs, info } = await runVariants([schemeRef('price', a)], runOptions(a, io, 'price'));
    const target = lr !== undefined ? { lossRatio: lr } : { deficitProbability: dp! };
    const p = price(runs[0], info, target);
    const kind = runs[0].funding.kind;
    if (a.flags.json) {
      io.stdout(
        `${JSON.stringify({ scheme: runs[0].scheme.id, unit: runs[0].funding.unit.en, ...p })}\n`,
      );
    } else {
      const goal = lr !== undefined ? `expected loss ratio ${lr}` : `P(deficit) ≤ ${dp}`;
      io.stdout(`${runs[0].scheme.title.zh} ${runs[0].scheme.title.en}
  target 目标: ${goal}
  rate 费率: ${formatRate(kind, p.rate)} (${runs[0].funding.unit.en}), standard error ${formatRate(kind, p.standardError)}, 90% interval ${formatRate(kind, p.low)}–${formatRate(kind, p.high)}
  at the current rate ${formatRate(kind, p.currentRate)}: ${lr !== undefined ? 'loss ratio' : 'P(deficit)'} ${p.atCurrentRate.toFixed(4)}
  ${info.scenarios} scenarios × ${info.years} years, ${poolLabel(info)}, ${info.seconds.toFixed(1)} s
`);
    }
    return 0;
  },
};

export const compareCommand: Command = {
  name: 'compare',
  help: `yibao compare --scheme A (--variant B.yaml | --variant "path=value,path=value") [run options] [--json]

Runs the baseline and the variant on the same synthetic people, scenarios and events,
and reports the paired differences (variant − baseline) with 95% confidence intervals:
cost to the fund, loss ratio, balance, out-of-pocket burden, people above the alert and
catastrophic thresholds, and who gains, by group, status and consumption decile.

  --variant  a scheme file, or overrides of the baseline as path=value pairs

${RUN_OPTIONS}

Example:
  yibao compare --scheme guiyang-2023 --variant "layers.critical_illness.components.0.bands.0.from=5000"
`,
  async run(args, io) {
    const a = parse('compare', args);
    if (a.flags.help) {
      io.stdout(this.help);
      return 0;
    }
    const base = schemeRef('compare', a);
    const v = requireOption('compare', a.values.variant, 'variant');
    const variant: SchemeRef =
      /\.ya?ml$/.test(v) && !v.includes('=')
        ? { scheme: v }
        : {
            scheme: base.scheme,
            overrides: { ...base.overrides, ...parseOverrideList(v.split(',')) },
          };
    if (variant.overrides === undefined && !fs.existsSync(variant.scheme))
      throw new YibaoError(`--variant: no such file '${v}'`);
    const { runs, info } = await runVariants([base, variant], runOptions(a, io, 'compare'));
    const c = compareRuns(runs[0], runs[1], info);
    if (a.flags.json) {
      io.stdout(`${JSON.stringify(c)}\n`);
      return 0;
    }
    const f = (
      d: { baseline: number; variant: number; difference: number; low: number; high: number },
      digits = 0,
    ) =>
      `${d.baseline.toFixed(digits)} → ${d.variant.toFixed(digits)}  Δ ${d.difference.toFixed(digits)} [${d.low.toFixed(digits)}, ${d.high.toFixed(digits)}]`;
    const lines = [
      `${runs[0].scheme.title.zh}: baseline vs variant (${v}); ${info.scenarios} scenarios, ${poolLabel(info)}`,
    ];
    for (const y of c.years) {
      lines.push(`year ${y.year}`);
      lines.push(`  claims 赔付          ${f(y.claims)}`);
      lines.push(`  loss ratio 赔付率    ${f(y.lossRatio, 4)}`);
      lines.push(`  balance 结余         ${f(y.balance)}`);
      lines.push(`  OOP/person 人均自付  ${f(y.oopMean, 2)}`);
      lines.push(`  above alert 预警人数 ${f(y.aboveAlert, 1)}`);
    }
    lines.push('who gains 受益人群 (OOP per person-year, Δ):');
    for (const s of [...c.byGroup, ...c.byStatus, ...c.byDecile].filter((s) => s.persons > 0))
      lines.push(`  ${s.slice.padEnd(10)} ${f(s.oopPerPerson, 2)}`);
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  },
};
